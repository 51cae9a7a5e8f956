package se.bidragskoll.cli;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * The log levels of the service ({@code application.properties}) for code that runs without Quarkus:
 * the command line and the benchmarks. Without it the log manager is left as Quarkus' bootstrap sets it
 * before start-up (every level enabled, records held until a start that never comes), and Drools formats
 * a trace message for every fact it propagates: at 1 000 ledger lines that tripled the rule stage.
 */
public final class ServiceLogging {

    private ServiceLogging() {
    }

    public static void apply() {
        LogContext context = LogContext.getSystemLogContext();
        context.getLogger("").setLevel(Level.INFO);
        context.getLogger("org.drools").setLevel(Level.WARNING);
        context.getLogger("org.kie").setLevel(Level.WARNING);
    }
}
