package se.bidragskoll.ruleset;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent of every rule base's own class loader: the application's classes, with the names that
 * are not there remembered. MVEL, compiling a constraint on its first evaluation, asks for many names
 * that are no class (each identifier as a possible import); in the packaged service every such miss
 * opened the application's jar files again, and the first minute under load went to that (p50 1.6 s
 * for {@code /validate} at 100 requests/s, against 8.5 ms once every constraint was compiled). The
 * application's class path does not change while it runs, so a miss stays a miss.
 *
 * <p>It is also the second wall behind {@link BytecodeGate}: a class outside
 * {@link RuleAllowList#linkable} (files, processes, threads, reflection, class loaders) is not found
 * through it, so code compiled from a rule file cannot link one even if it got past the gate.
 */
final class RuleClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** Bounds the names remembered: rule bases ask for a few thousand at most. */
    private static final int MAX_MISSES = 50_000;

    static final RuleClassLoader INSTANCE = new RuleClassLoader(RuleClassLoader.class.getClassLoader());

    private final Map<String, Boolean> misses = new ConcurrentHashMap<>();

    private RuleClassLoader(ClassLoader parent) {
        super("bidragskoll-rules", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (misses.containsKey(name)) {
            throw new Miss(name);
        }
        if (!RuleAllowList.linkable(name)) {
            // the second wall: code compiled from rule files links nothing outside the allow-list
            throw new Miss(name);
        }
        try {
            return super.loadClass(name, resolve);
        } catch (ClassNotFoundException e) {
            if (misses.size() < MAX_MISSES) {
                misses.put(name, Boolean.TRUE);
            }
            throw e;
        }
    }

    /** A remembered miss: no stack trace to fill, as callers only catch it. */
    private static final class Miss extends ClassNotFoundException {
        Miss(String name) {
            super(name);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
