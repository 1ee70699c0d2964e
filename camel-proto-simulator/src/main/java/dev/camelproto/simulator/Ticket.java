package dev.camelproto.simulator;

import java.util.Map;

/**
 * A ticket (conversation) created through {@code POST .../create-ticket}, part of a {@link Snapshot}.
 *
 * @param id                 the ULID returned to the caller
 * @param subject            {@code subject}
 * @param customerId         the id of the customer the ticket was attached to (resolved from {@code customer_id},
 *                           {@code provided_unique_id} or {@code external_customer_id}); {@code null} when only a
 *                           {@code gateway_profile_id} was given
 * @param providedUniqueId   {@code provided_unique_id} as sent, or {@code null}
 * @param externalCustomerId {@code external_customer_id} as sent, or {@code null}
 * @param gatewayProfileId   {@code gateway_profile_id} as sent, or {@code null}
 * @param body               the complete JSON request body, as a map (unmodifiable)
 */
public record Ticket(
        String id,
        String subject,
        String customerId,
        String providedUniqueId,
        String externalCustomerId,
        String gatewayProfileId,
        Map<String, Object> body) {}
