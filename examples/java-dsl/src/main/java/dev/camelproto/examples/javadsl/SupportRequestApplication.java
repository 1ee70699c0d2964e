package dev.camelproto.examples.javadsl;

import org.apache.camel.main.Main;

/**
 * Starts Camel Main with {@link SupportRequestRoutes}; configuration comes from {@code application.properties}
 * (HTTP port, Proto base URL, teamspace id and secret, all overridable by environment variables).
 */
public final class SupportRequestApplication {

    private SupportRequestApplication() {}

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new SupportRequestRoutes());
        main.run(args);
    }
}
