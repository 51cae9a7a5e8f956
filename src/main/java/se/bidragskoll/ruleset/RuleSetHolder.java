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

    @ConfigProperty(name = "bidragskoll.rules.cache-dir")
    java.util.Optional<String> cacheDir;

    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    @PostConstruct
    void load() {
        long start = System.nanoTime();
        try {
            current.set(RuleSetLoader.load(directory(), cache()));
        } catch (RuleSetException e) {
            LOG.errorf("The rules folder %s does not compile:%n%s", directory().toAbsolutePath(), e.getMessage());
            throw e;
        }
        LOG.infof("Rules from %s loaded in %d ms: %s, %d rules for %d conditions", directory().toAbsolutePath(),
                (System.nanoTime() - start) / 1_000_000, current.get().version(), current.get().rules().size(),
                current.get().conditions().size());
    }

    /** What a reload did: whether the rule set changed, from which version to which. */
    public record Reload(boolean changed, String previous, String version, java.time.Instant loadedAt, long tookMs) {
    }

    /**
     * Compiles the folder into a new rule set and swaps it in atomically; requests in flight finish
     * on the set they started with. A broken folder throws and leaves the current set serving; a
     * folder with the current content hash changes nothing.
     */
    public synchronized Reload reload() {
        long start = System.nanoTime();
        RuleSet old = current.get();
        if (old != null && old.version().equals(RuleSetLoader.version(directory()))) {
            return new Reload(false, old.version(), old.version(), old.loadedAt(), (System.nanoTime() - start) / 1_000_000);
        }
        RuleSet fresh = RuleSetLoader.load(directory(), cache());
        current.set(fresh);
        long took = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("Rules reloaded in %d ms: %s -> %s", took, old == null ? "none" : old.version(), fresh.version());
        return new Reload(true, old == null ? null : old.version(), fresh.version(), fresh.loadedAt(), took);
    }

    private Path cache() {
        return cacheDir.filter(d -> !d.isBlank()).map(Path::of).orElse(null);
    }

    public Path directory() {
        return Path.of(rulesDir);
    }

    public RuleSet current() {
        return current.get();
    }
}
