package se.bidragskoll.ruleset;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Holds the rule set the service judges with. Compiled once at startup (a broken folder fails the
 * startup with its FILE:LINE:COL problems); every request takes the set current when it starts.
 */
@Startup
@ApplicationScoped
public class RuleSetHolder {

    private static final Logger LOG = Logger.getLogger(RuleSetHolder.class);

    @ConfigProperty(name = "bidragskoll.rules.dir")
    String rulesDir;

    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    @PostConstruct
    void load() {
        long start = System.nanoTime();
        try {
            current.set(RuleSetLoader.load(directory()));
        } catch (RuleSetException e) {
            LOG.errorf("The rules folder %s does not compile:%n%s", directory().toAbsolutePath(), e.getMessage());
            throw e;
        }
        LOG.infof("Rules from %s loaded in %d ms: %s, %d rules for %d conditions", directory().toAbsolutePath(),
                (System.nanoTime() - start) / 1_000_000, current.get().version(), current.get().rules().size(),
                current.get().conditions().size());
    }

    public Path directory() {
        return Path.of(rulesDir);
    }

    public RuleSet current() {
        return current.get();
    }
}
