package se.bidragskoll.rulebase;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.bidragskoll.ruleset.CompiledCache;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.ruleset.RuleSetLoader;
import se.bidragskoll.scenario.ReloadGate;

/**
 * Holds the rule set the service judges with; every request takes the set current when it starts.
 * A reload compiles the folder and runs its scenarios on the new rules, bounded in time and memory
 * ({@link ReloadGate}), before it stores and swaps them.
 * <p>
 * The rule set is a versioned bundle in the database ({@link RuleBundles}), shared by every instance
 * on it. At startup and on {@link #reload} this instance compiles its rules folder (a broken folder
 * fails the startup, or the reload with 422, with its FILE:LINE:COL problems), stores the files as a
 * bundle under their content hash and makes it current — unless that bundle was stored before and
 * another has been made current since (an earlier deployment's instance restarting), when it follows
 * the current one. Every {@code bidragskoll.rules.poll} (1 s)
 * each instance reads the current bundle's version and, when it is not the one it judges with,
 * compiles that bundle from the database text and swaps it in. A bundle that does not load here
 * leaves the last good set serving and is reported by {@link #stale()} (health DOWN, naming both).
 */
@Startup
@ApplicationScoped
public class RuleSetHolder {

    private static final Logger LOG = Logger.getLogger(RuleSetHolder.class);
    /** How long a bundle that did not load waits before this instance tries it again. */
    private static final long RETRY_MS = 30_000;

    @ConfigProperty(name = "bidragskoll.rules.dir")
    String rulesDir;

    @ConfigProperty(name = "bidragskoll.rules.cache-dir")
    java.util.Optional<String> cacheDir;

    @Inject
    RuleBundles bundles;

    /** Whether a reload runs the folder's scenarios on the new rules before it makes them current. */
    @ConfigProperty(name = "bidragskoll.rules.reload.scenarios", defaultValue = "true")
    boolean runScenarios;

    @ConfigProperty(name = "bidragskoll.rules.reload.scenario-time", defaultValue = "120s")
    java.time.Duration scenarioTime;

    /** Bytes one scenario may allocate during a reload's run ({@code 256M} and the like). */
    @ConfigProperty(name = "bidragskoll.rules.reload.scenario-memory", defaultValue = "256M")
    io.quarkus.runtime.configuration.MemorySize scenarioMemory;

    /**
     * Whether, after start-up, the folder's scenarios are judged once on the rules loaded, in the
     * background: every constraint is compiled and the code paths are warm before load comes.
     */
    @ConfigProperty(name = "bidragskoll.rules.warm-up", defaultValue = "true")
    boolean warmUp;

    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private volatile Stale stale;

    /** The current bundle did not load on this instance: which, why, and the set serving instead. */
    public record Stale(String wanted, String serving, String problem, Instant triedAt) {
    }

    @PostConstruct
    void load() {
        CompiledCache.share(bundles);
        long start = System.nanoTime();
        Map<String, String> files;
        RuleSet fresh;
        try {
            files = RuleSetLoader.files(directory());
            fresh = RuleSetLoader.load(files, cache());
        } catch (RuleSetException e) {
            LOG.errorf("The rules folder %s does not compile:%n%s", directory().toAbsolutePath(), e.getMessage());
            throw e;
        }
        current.set(fresh);
        java.util.Optional<RuleBundles.Current> wanted = bundles.current();
        if (wanted.isPresent() && !wanted.get().version().equals(fresh.version()) && bundles.stored(fresh.version())) {
            // This folder's rules were stored before and another bundle has been made current since: an
            // instance of an earlier deployment that restarts must not switch every instance back to its
            // rules. It follows the current bundle (a rule author reloads to go back on purpose).
            LOG.infof("Rules from %s (%s) were stored before; following the current bundle %s made by %s",
                    directory().toAbsolutePath(), fresh.version(), wanted.get().version(), wanted.get().madeBy());
            follow(wanted.get().version());
            return;
        }
        bundles.storeAndMakeCurrent(fresh.version(), files, "startup of " + instance());
        LOG.infof("Rules from %s loaded in %d ms and made the current bundle: %s, %d rules for %d conditions",
                directory().toAbsolutePath(), (System.nanoTime() - start) / 1_000_000, fresh.version(),
                fresh.rules().size(), fresh.conditions().size());
        if (warmUp && runScenarios) {
            warm(fresh);
        }
    }

    /**
     * Judges the folder's scenarios once on {@code rules}, on a background thread of low priority. A
     * rule base compiles each constraint on its first evaluation and the JIT has compiled nothing yet:
     * measured on the packaged service, the first 20 s of {@code /validate} at 100 requests/s had a p99
     * of 194 ms, the next 20 s 35 ms. A scenario that fails here is logged (a reload would refuse it).
     */
    private void warm(RuleSet rules) {
        Thread warming = new Thread(() -> {
            long start = System.nanoTime();
            try {
                ReloadGate.Passed passed = ReloadGate.check(rules,
                        directory(), new ReloadGate.Limits(scenarioTime, scenarioMemory.asLongValue()));
                LOG.infof("Rules %s warmed up by judging %d scenarios in %d ms", rules.version(), passed.scenarios(),
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warnf("Warming up the rules %s with the folder's scenarios stopped: %s", rules.version(),
                        e.getMessage());
            }
        }, "rules-warm-up");
        warming.setDaemon(true);
        warming.setPriority(Thread.MIN_PRIORITY);
        warming.start();
    }

    @jakarta.annotation.PreDestroy
    void unshare() {
        CompiledCache.share(null);
    }

    /** What a reload did: whether the rule set changed, from which version to which. */
    public record Reload(boolean changed, String previous, String version, java.time.Instant loadedAt, long tookMs,
                         int scenariosPassed) {
    }

    /** {@link #reload(String)} by no one named. */
    public Reload reload() {
        return reload("system");
    }

    /**
     * Compiles the folder into a new rule set, stores it as the current bundle (so every instance
     * switches to it) and swaps it in atomically; requests in flight finish on the set they started
     * with. A broken folder throws and leaves the current set and bundle as they were; a folder with
     * the version this instance judges with compiles nothing, but is made the current bundle again.
     */
    public synchronized Reload reload(String by) {
        long start = System.nanoTime();
        RuleSet old = current.get();
        Map<String, String> files = RuleSetLoader.files(directory());
        String version = RuleSetLoader.version(files);
        if (old != null && old.version().equals(version)) {
            bundles.storeAndMakeCurrent(version, files, by);
            stale = null;
            return new Reload(false, old.version(), old.version(), old.loadedAt(), (System.nanoTime() - start) / 1_000_000, 0);
        }
        RuleSet fresh = RuleSetLoader.load(files, cache());
        // The new rules judge the folder's scenarios before anyone is judged with them; a failing,
        // endless or allocating run throws here and nothing is stored or swapped.
        int passed = runScenarios
                ? ReloadGate.check(fresh, directory(),
                        new ReloadGate.Limits(scenarioTime, scenarioMemory.asLongValue())).scenarios()
                : 0;
        bundles.storeAndMakeCurrent(fresh.version(), files, by);
        current.set(fresh);
        stale = null;
        long took = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("Rules reloaded by %s in %d ms: %s -> %s", by, took, old == null ? "none" : old.version(), fresh.version());
        return new Reload(true, old == null ? null : old.version(), fresh.version(), fresh.loadedAt(), took, passed);
    }

    /** Follows the current bundle: another instance's reload is judged with here within a poll and a compile. */
    @Scheduled(every = "${bidragskoll.rules.poll:1s}", delayed = "${bidragskoll.rules.poll:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void follow() {
        // Read under the lock a reload holds: a version read before a reload on this instance must
        // not switch it back after.
        java.util.Optional<RuleBundles.Current> wanted;
        try {
            wanted = bundles.current();
        } catch (RuntimeException e) {
            LOG.warnf("The current rule bundle could not be read: %s", e.getMessage());
            return;
        }
        wanted.ifPresent(c -> follow(c.version()));
    }

    synchronized void follow(String wanted) {
        RuleSet old = current.get();
        if (old != null && old.version().equals(wanted)) {
            stale = null;
            return;
        }
        Stale failed = stale;
        if (failed != null && failed.wanted().equals(wanted)
                && failed.triedAt().plusMillis(RETRY_MS).isAfter(Instant.now())) {
            return;
        }
        long start = System.nanoTime();
        try {
            Map<String, String> files = bundles.files(wanted);
            if (files.isEmpty()) {
                throw new IllegalStateException("the bundle has no files");
            }
            RuleSet fresh = RuleSetLoader.load(files, cache());
            if (!fresh.version().equals(wanted)) {
                throw new IllegalStateException("its files hash to " + fresh.version());
            }
            current.set(fresh);
            stale = null;
            LOG.infof("Rules switched to the current bundle in %d ms: %s -> %s", (System.nanoTime() - start) / 1_000_000,
                    old == null ? "none" : old.version(), fresh.version());
        } catch (RuntimeException e) {
            String problem = e instanceof RuleSetException r && !r.problems().isEmpty() ? r.problems().get(0).toString()
                    : String.valueOf(e.getMessage());
            stale = new Stale(wanted, old == null ? null : old.version(), problem, Instant.now());
            LOG.errorf("The current rule bundle %s does not load here; still judging with %s: %s", wanted,
                    old == null ? "none" : old.version(), problem);
        }
    }

    /** Set when the current bundle did not load on this instance (it judges with its last good set). */
    public Stale stale() {
        return stale;
    }

    private static String instance() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "unknown host";
            }
        }
        return host + " (pid " + ProcessHandle.current().pid() + ")";
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
