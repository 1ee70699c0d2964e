package dev.camelproto.examples.quickstart;

/** A CSV row that is rejected locally, before any call to Proto: bad input data, an expected failure. */
public class InvalidRowException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidRowException(String reason) {
        super(reason);
    }
}
