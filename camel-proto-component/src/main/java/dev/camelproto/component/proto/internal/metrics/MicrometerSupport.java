package dev.camelproto.component.proto.internal.metrics;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the component's counters to Micrometer when Micrometer is on the class path and a {@code MeterRegistry} is in
 * the Camel registry. This class names no Micrometer type: {@link MicrometerBinding}, which does, is only reached after
 * {@link #micrometerPresent(ClassLoader)} found Micrometer, so without Micrometer nothing of it is loaded.
 */
public final class MicrometerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerSupport.class);

    static final String METER_REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private MicrometerSupport() {}

    /**
     * The observer that feeds the {@code proto.*} meters, already set on {@code metrics}; null when Micrometer is
     * absent or the registry holds no usable {@code MeterRegistry}. {@link CallObserver#close()} unbinds it. A registry
     * that refuses the meters registered here (a {@code MeterFilter} that throws) is an observer that fails: logged
     * once, and the component runs without Micrometer meters (its own counters and JMX attributes still count).
     */
    public static CallObserver bind(CamelContext context, ProtoMetrics metrics) {
        if (!micrometerPresent(MicrometerSupport.class.getClassLoader())) {
            return null;
        }
        CallObserver observer;
        try {
            observer = MicrometerBinding.bind(context, metrics);
        } catch (RuntimeException | LinkageError refused) {
            LOG.warn(
                    "The Micrometer registry refused the proto meters ({}): the proto component registers no"
                            + " meters",
                    refused.toString());
            return null;
        }
        if (observer != null) {
            metrics.setObserver(observer);
        }
        return observer;
    }

    /** Whether Micrometer's {@code MeterRegistry} can be loaded through {@code loader} (without initializing it). */
    static boolean micrometerPresent(ClassLoader loader) {
        try {
            Class.forName(METER_REGISTRY_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
