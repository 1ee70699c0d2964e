package dev.camelproto.component.proto.internal.metrics;

import org.apache.camel.CamelContext;

/**
 * Binds the component's counters to Micrometer when Micrometer is on the class path and a {@code MeterRegistry} is in
 * the Camel registry. This class names no Micrometer type: {@link MicrometerBinding}, which does, is only reached after
 * {@link #micrometerPresent(ClassLoader)} found Micrometer, so without Micrometer nothing of it is loaded.
 */
public final class MicrometerSupport {

    static final String METER_REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private MicrometerSupport() {
    }

    /**
     * The observer that feeds the {@code proto.*} meters, already set on {@code metrics}; null when Micrometer is
     * absent or the registry holds no usable {@code MeterRegistry}. {@link CallObserver#close()} unbinds it.
     */
    public static CallObserver bind(CamelContext context, ProtoMetrics metrics) {
        if (!micrometerPresent(MicrometerSupport.class.getClassLoader())) {
            return null;
        }
        CallObserver observer = MicrometerBinding.bind(context, metrics);
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
