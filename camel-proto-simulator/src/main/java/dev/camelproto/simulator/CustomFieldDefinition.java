package dev.camelproto.simulator;

import java.util.List;

/**
 * A custom field definition of a teamspace, part of a {@link Snapshot}.
 *
 * @param id            the simulator-assigned 26-character ULID
 * @param name          the field name (unique per teamspace, compared case-sensitively)
 * @param type          one of {@code text}, {@code number}, {@code boolean}, {@code date}, {@code select}
 * @param selectOptions the options of a {@code select} field, {@code null} for every other type
 */
public record CustomFieldDefinition(String id, String name, String type, List<String> selectOptions) {}
