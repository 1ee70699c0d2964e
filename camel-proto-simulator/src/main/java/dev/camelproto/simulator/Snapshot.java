package dev.camelproto.simulator;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, consistent copy of one teamspace's state, taken by {@link ProtoSimulator#snapshot()}.
 *
 * @param subcompanyId the teamspace (sub-company) id
 * @param customers    all customers, in creation order
 * @param customFields all custom field definitions, in creation order
 * @param tags         the teamspace's tag catalogue, in creation order
 * @param tickets      all created tickets, in creation order
 */
public record Snapshot(
        String subcompanyId,
        List<Customer> customers,
        List<CustomFieldDefinition> customFields,
        Set<String> tags,
        List<Ticket> tickets) {

    /** The customer with this {@code provided_unique_id}, if any. */
    public Optional<Customer> customer(String providedUniqueId) {
        return customers.stream()
                .filter(c -> c.providedUniqueId().equals(providedUniqueId))
                .findFirst();
    }

    /** The custom field definition with this name (case-sensitive), if any. */
    public Optional<CustomFieldDefinition> customField(String name) {
        return customFields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
