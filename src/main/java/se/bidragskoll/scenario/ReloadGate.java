package se.bidragskoll.scenario;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import se.bidragskoll.ruleset.RuleProblem;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.ScenariosFailedException;

/**
 * The scenarios of a rules folder, run on a freshly compiled rule set before a reload makes it the
 * one every instance judges with. A failing scenario refuses the reload with its FILE:LINE, as a
 * broken rule file does; so does a run that takes longer than {@code time} in all or allocates more
 * than {@code bytesPerScenario} in one scenario (a rule that loops or allocates without end): the run
 * is stopped and the service keeps judging with the rules it had.
 * <p>
 * The scenarios run on a thread of their own that this one watches every {@value #WATCH_MS} ms; the
 * memory bound is the bytes that thread allocates (the JVM's per-thread allocation counter), so what
 * it holds at any moment is below it. A run that does not stop when interrupted is stopped with
 * {@link Thread#stop()}: its rules are thrown away, nothing it touched is shared.
 */
public final class ReloadGate {

    private static final Logger LOG = Logger.getLogger(ReloadGate.class);
    static final long WATCH_MS = 10;

    /** How long the scenarios may run in all, and how much one scenario may allocate. */
    public record Limits(Duration time, long bytesPerScenario) {
    }

    /** What a passed run measured. */
    public record Passed(int scenarios, long tookMs, long largestBytes, String largestScenario) {
    }

    private ReloadGate() {
    }

    /** Runs every scenario under {@code dir} on {@code rules}; throws with the failures, else says what it measured. */
    @SuppressWarnings({"deprecation", "removal"})
    public static Passed check(RuleSet rules, Path dir, Limits limits) {
        List<Scenario> scenarios = ScenarioSuite.load(dir);
        List<RuleProblem> failures = new ArrayList<>();
        Run run = new Run(rules, scenarios, failures);
        Thread worker = new Thread(run, "reload-scenarios");
        worker.setDaemon(true);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        worker.start();
        String stopped = null;
        while (worker.isAlive()) {
            try {
                worker.join(WATCH_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = "the reload was interrupted";
            }
            long ran = System.nanoTime() - start;
            Scenario at = run.current;
            long allocated = threads.getThreadAllocatedBytes(worker.getId()) - run.allocatedAtStart;
            if (stopped == null && ran > limits.time().toNanos()) {
                stopped = "the scenarios ran for more than " + limits.time().toSeconds() + " s and were stopped";
            } else if (stopped == null && worker.isAlive() && run.allocatedAtStart >= 0 && allocated > limits.bytesPerScenario()) {
                stopped = "the scenario allocated more than " + (limits.bytesPerScenario() >> 20) + " MiB and was stopped";
            }
            if (stopped != null) {
                worker.interrupt();
                try {
                    worker.join(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (worker.isAlive()) {
                    worker.stop();
                }
                throw new ScenariosFailedException(List.of(at == null
                        ? new RuleProblem("rules", 1, 1, stopped + "; the rules in use are kept")
                        : new RuleProblem(at.file(), at.line(), 1, "scenario '" + at.name() + "': " + stopped
                                + "; the rules in use are kept")));
            }
        }
        if (run.crash != null) {
            throw new ScenariosFailedException(List.of(new RuleProblem("rules", 1, 1, "the scenarios could not run: " + run.crash)));
        }
        if (!failures.isEmpty()) {
            throw new ScenariosFailedException(failures);
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("%d scenarios passed on the new rules in %d ms; the most a scenario allocated was %d MiB (%s)",
                scenarios.size(), took, run.largest >> 20, run.largestName);
        return new Passed(scenarios.size(), took, run.largest, run.largestName);
    }

    /** The worker: runs the scenarios one by one, publishing which one runs and from what allocation count. */
    private static final class Run implements Runnable {
        private final RuleSet rules;
        private final List<Scenario> scenarios;
        private final List<RuleProblem> failures;
        volatile Scenario current;
        volatile long allocatedAtStart = -1;
        volatile String crash;
        long largest;
        String largestName;

        Run(RuleSet rules, List<Scenario> scenarios, List<RuleProblem> failures) {
            this.rules = rules;
            this.scenarios = scenarios;
            this.failures = failures;
        }

        @Override
        public void run() {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long self = Thread.currentThread().getId();
            try {
                for (Scenario scenario : scenarios) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    current = scenario;
                    long before = threads.getThreadAllocatedBytes(self);
                    allocatedAtStart = before;
                    ScenarioResult result = ScenarioSuite.run(rules, scenario);
                    long used = threads.getThreadAllocatedBytes(self) - before;
                    if (used > largest) {
                        largest = used;
                        largestName = scenario.name();
                    }
                    if (!result.passed()) {
                        synchronized (failures) {
                            failures.add(new RuleProblem(scenario.file(), scenario.line(), 1, "scenario '" + scenario.name()
                                    + "' fails on the new rules: " + String.join("; ", result.mismatches())));
                        }
                    }
                }
            } catch (RuntimeException e) {
                crash = String.valueOf(e.getMessage());
            }
        }
    }
}
