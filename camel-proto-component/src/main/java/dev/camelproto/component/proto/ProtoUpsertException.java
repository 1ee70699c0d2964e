package dev.camelproto.component.proto;

import java.util.List;
import org.apache.camel.CamelException;

/**
 * A step of {@code customer/upsert} failed. Says which step failed and which steps had already been applied (they are
 * not rolled back: each is an idempotent PUT, so sending the exchange again is safe). The cause is the step's own
 * {@link ProtoApiException} or {@link ProtoTransportException}; Camel's {@code onException} matches causes too.
 */
public class ProtoUpsertException extends CamelException {

    private static final long serialVersionUID = 1L;

    private final String providedUniqueId;
    private final String failedStep;
    private final List<String> appliedSteps;

    public ProtoUpsertException(
            String providedUniqueId, String failedStep, List<String> appliedSteps, Throwable cause) {
        super(
                "Proto customer/upsert of '" + providedUniqueId + "' failed at step " + failedStep
                        + " (already applied: " + (appliedSteps.isEmpty() ? "nothing" : String.join(", ", appliedSteps))
                        + "): " + cause.getMessage(),
                cause);
        this.providedUniqueId = providedUniqueId;
        this.failedStep = failedStep;
        this.appliedSteps = List.copyOf(appliedSteps);
    }

    public String getProvidedUniqueId() {
        return providedUniqueId;
    }

    /** The operation of the failed step: customer/create, customer/addTags or customer/addCustomFields. */
    public String getFailedStep() {
        return failedStep;
    }

    /** The steps that succeeded before it, in order. */
    public List<String> getAppliedSteps() {
        return appliedSteps;
    }
}
