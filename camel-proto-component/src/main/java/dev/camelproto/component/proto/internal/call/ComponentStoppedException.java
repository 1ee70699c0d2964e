package dev.camelproto.component.proto.internal.call;

/**
 * The component is not started, or stopped while the call waited: a type of its own, so that no other
 * {@link IllegalStateException} (e.g. one of HttpClient's) is reported as "stopped".
 */
public final class ComponentStoppedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ComponentStoppedException(String message) {
        super(message);
    }
}
