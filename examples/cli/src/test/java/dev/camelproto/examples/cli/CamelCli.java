package dev.camelproto.examples.cli;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * The {@code camel} command without JBang: {@code java -cp <camel-jbang-core class path> CamelCli run route.yaml ...}
 * (camel-jbang-core's {@code CamelJBangMain} has no {@code main} of its own).
 */
public final class CamelCli {

    private CamelCli() {}

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
