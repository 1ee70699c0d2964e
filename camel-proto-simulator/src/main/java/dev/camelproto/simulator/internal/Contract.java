package dev.camelproto.simulator.internal;

import java.util.List;

/**
 * Every CONTRACT decision of the simulator where proto-api.md is open, in one place (see the module README,
 * "Decisions where proto-api.md is open").
 */
public final class Contract {
    private Contract() {}

    /** Status of a successful {@code create-ticket} (FastAPI default). */
    public static final int TICKET_CREATED_STATUS = 200;
    /** Status of a successful {@code create-custom-field} (FastAPI default). */
    public static final int CUSTOM_FIELD_CREATED_STATUS = 200;
    /** Status of a successful {@code create-customer} upsert, new or existing. */
    public static final int CUSTOMER_UPSERT_STATUS = 200;
    /** Status of a duplicate custom field name. */
    public static final int DUPLICATE_FIELD_STATUS = 409;

    /** Custom field types (settings UI: Text, Number, Toggle switch, Date, Dropdown). */
    public static final List<String> FIELD_TYPES = List.of("text", "number", "boolean", "date", "select");

    /** Custom field names are compared exactly (case-sensitive, no trimming) for duplicates and name look-ups. */
    public static boolean sameFieldName(String a, String b) {
        return a.equals(b);
    }

    public static final String MSG_UNAUTHORIZED = "Invalid authentication credentials";
    public static final String MSG_NOT_FOUND = "Not Found";
    public static final String MSG_METHOD_NOT_ALLOWED = "Method Not Allowed";
    public static final String MSG_CUSTOMER_NOT_FOUND = "Customer not found";
}
