package se.bidragskoll.rulebase;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import se.bidragskoll.rulebase.RuleSetHolder;

/**
 * On PostgreSQL, hears a reload on another instance at once: {@link RuleBundles} sends
 * {@code NOTIFY rule_bundle} with the version when it makes a bundle current, and this listener (one
 * connection of its own, {@code LISTEN rule_bundle}) has {@link RuleSetHolder} follow it. The poll every
 * {@code bidragskoll.rules.poll} stays as the fallback, and is all there is on H2. A lost connection is
 * opened again after {@value #RETRY_MS} ms.
 */
@ApplicationScoped
public class RuleBundleListener {

    static final String CHANNEL = "rule_bundle";
    private static final Logger LOG = Logger.getLogger(RuleBundleListener.class);
    private static final long RETRY_MS = 5_000;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Inject
    RuleSetHolder holder;

    private volatile boolean running;
    private volatile Thread thread;

    void start(@Observes StartupEvent event) {
        if (!"postgresql".equals(dbKind) || url.isEmpty()) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "rule-bundle-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Listens until stopped; every notification carries the version made current. */
    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(url.get(), user.orElse(null), password.orElse(""))) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                LOG.debugf("Listening for rule bundles made current on %s", url.get());
                while (running) {
                    PGNotification[] notes = pg.getNotifications(10_000);
                    if (notes == null) {
                        continue;
                    }
                    String last = null;
                    for (PGNotification note : notes) {
                        last = note.getParameter();
                    }
                    if (last != null && !last.isBlank()) {
                        holder.follow(last);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Not listening for rule bundles (%s); the poll stands in, retrying in %d s", e.getMessage(),
                        RETRY_MS / 1000);
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
