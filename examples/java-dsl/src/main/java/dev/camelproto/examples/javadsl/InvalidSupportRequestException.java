package dev.camelproto.examples.javadsl;

/** A support request that lacks a required field; answered with HTTP 400. */
public class InvalidSupportRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSupportRequestException(String message) {
        super(message);
    }
}
