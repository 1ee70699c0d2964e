package dev.camelproto.component.proto;

/**
 * Raised before any HTTP request is sent when an exchange does not carry what the operation needs. The message names
 * the header, option or body field to set.
 */
public class ProtoValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    public ProtoValidationException(String operation, String message) {
        super(operation != null ? operation + ": " + message : message);
        this.operation = operation;
    }

    /** The operation being validated, e.g. {@code ticket/create}; null when the operation itself was invalid. */
    public String getOperation() {
        return operation;
    }
}
