package dev.camelproto.simulator;

import java.util.Map;
import java.util.Set;

/**
 * A customer ("person") as stored by the simulator, part of a {@link Snapshot}.
 *
 * @param id                 the simulator-assigned 26-character ULID
 * @param providedUniqueId   the caller's own key (the path id of the customer endpoints)
 * @param externalCustomerId {@code external_customer_id}, or {@code null}
 * @param name               {@code name}, or {@code null}
 * @param email              {@code email}, or {@code null}
 * @param phoneNumber        {@code phone_number}, or {@code null}
 * @param location           {@code location}, or {@code null}
 * @param avatar             {@code avatar}, or {@code null}
 * @param tags               tag names, in the order they were applied (unmodifiable)
 * @param customFields       custom field values keyed by the field's NAME, in field creation order (unmodifiable);
 *                           values are {@link String} (text, date, select), {@link Boolean} or {@link Number}
 *                           ({@link Long} for integral JSON numbers, {@link Double} otherwise)
 */
public record Customer(
        String id,
        String providedUniqueId,
        String externalCustomerId,
        String name,
        String email,
        String phoneNumber,
        String location,
        String avatar,
        Set<String> tags,
        Map<String, Object> customFields) {}
