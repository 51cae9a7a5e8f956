package se.bidragskoll.ruleset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * The one class that talks to the Drools API: compiles the DRL files of the rules folder (MVEL
 * engine, so that errors carry real line numbers) and fires a session over a dossier's facts.
 */
public final class RuleEngine {

    /** A compiled rule: its name, the condition family it judges and where it is written. */
    public record RuleInfo(String name, String family, String severity, String message, String part, String file,
                           int line) {
    }

    /** A compiled rule base and the rules it holds. */
    public record Compiled(KieBase kieBase, List<RuleInfo> rules) {
    }

    private static final Pattern RULE_HEADER = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    private RuleEngine() {
    }

    /**
     * Compiles DRL sources keyed by their path relative to the rules folder.
     *
     * @throws RuleSetException with one {@link RuleProblem} per compile error
     */
    public static Compiled compile(Map<String, String> drlByPath) {
        // Facts are immutable (rules never modify them), so class reactivity is all that is needed.
        KnowledgeBuilderConfiguration configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(
                RuleClassLoader.INSTANCE);
        configuration.setOption(PropertySpecificOption.ALLOWED);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
        List<RuleProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> drl : drlByPath.entrySet()) {
            try {
                builder.add(ResourceFactory.newByteArrayResource(drl.getValue().getBytes(StandardCharsets.UTF_8))
                        .setSourcePath(drl.getKey()), ResourceType.DRL);
            } catch (RuntimeException e) {
                // the engine failed on the file instead of reporting it (a class it could not load, say)
                problems.add(new RuleProblem(drl.getKey(), 1, 1, "the engine cannot compile the file: "
                        + String.valueOf(e.getMessage()).replaceAll("\\s+", " ")));
                builder.undo();
                continue;
            }
            for (KnowledgeBuilderError error : builder.getErrors()) {
                RuleProblem problem = toProblem(drl.getKey(), drl.getValue(), error);
                // Drools adds this after a parse error that it has already reported with its line.
                if (!problem.message().startsWith("Parser returned a null Package")) {
                    problems.add(problem);
                }
            }
            if (builder.hasErrors()) {
                builder.undo();
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        InternalKnowledgeBase kieBase = newKieBase();
        Collection<KiePackage> packages = builder.getKnowledgePackages();
        kieBase.addPackages(packages);
        return new Compiled(kieBase, describeAll(kieBase, drlByPath));
    }

    /**
     * The compiled classes of a rule base against {@link BytecodeGate}, each refusal placed at the rule
     * file's line (the engine's line mappings) and at the column where the line names what was reached
     * for; and every consequence Java (an MVEL consequence is interpreted, out of any gate's reach).
     */
    public static List<RuleProblem> gate(Compiled compiled, Map<String, String> drlByPath) {
        Map<String, String> fileByPackage = new java.util.HashMap<>();
        drlByPath.forEach((path, text) -> {
            Matcher pkg = PACKAGE.matcher(text);
            fileByPackage.putIfAbsent(pkg.find() ? pkg.group(1) : "", path);
        });
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RuleInfo> located = null;
        for (KiePackage kp : compiled.kieBase().getKiePackages()) {
            org.drools.base.definitions.InternalKnowledgePackage pkg = (org.drools.base.definitions.InternalKnowledgePackage) kp;
            String file = fileByPackage.get(pkg.getName());
            for (Rule rule : kp.getRules()) {
                Object consequence = ((org.drools.base.definitions.rule.impl.RuleImpl) rule).getConsequence();
                if (consequence != null && consequence.getClass().getName().startsWith("org.drools.mvel.expr.")) {
                    located = located != null ? located : locate(drlByPath);
                    RuleInfo at = located.get(pkg.getName() + '\u0000' + rule.getName());
                    problems.add(new RuleProblem(file == null ? pkg.getName() : file, at == null ? 1 : at.line(), 1,
                            "rule \"" + rule.getName() + "\" has an MVEL consequence: consequences are Java"));
                }
            }
            org.drools.base.rule.DialectRuntimeData data = pkg.getDialectRuntimeRegistry().getDialectData("java");
            if (!(data instanceof org.drools.core.rule.JavaDialectRuntimeData java)) {
                continue;
            }
            Map<String, byte[]> byName = new java.util.TreeMap<>();
            java.getStore().forEach((name, bytes) -> byName.put(name.endsWith(".class")
                    ? name.substring(0, name.length() - ".class".length()) : name, bytes));
            List<BytecodeGate.Compiled> classes = BytecodeGate.read(byName);
            java.util.Set<String> functions = BytecodeGate.functions(classes);
            for (BytecodeGate.Compiled c : classes) {
                String internal = c.name();
                for (BytecodeGate.Refusal refusal : BytecodeGate.inspect(c, functions)) {
                    String outer = internal.contains("$") ? internal.substring(0, internal.indexOf('$')) : internal;
                    org.drools.base.rule.LineMappings mapping = pkg.getDialectRuntimeRegistry()
                            .getLineMappings(outer.replace('/', '.'));
                    String source = file == null ? pkg.getName() : file;
                    int line = 1;
                    boolean function = functions.contains(internal);
                    if (mapping != null && refusal.javaLine() > mapping.getOffset()) {
                        // a consequence's method opens with CONSEQUENCE_HEADER lines of the engine's template
                        line = Math.max(1, mapping.getStartLine() + refusal.javaLine() - mapping.getOffset()
                                - (function ? 0 : CONSEQUENCE_HEADER));
                    } else if (mapping != null) {
                        line = Math.max(1, mapping.getStartLine());
                    }
                    String text = drlByPath.getOrDefault(source, "");
                    RuleProblem problem = new RuleProblem(source, line, column(text, line, refusal.member()),
                            refusal.what() + " (judged on the compiled rule)");
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
        }
        return problems;
    }

    /** Lines of the engine's template before a consequence's first line (Drools 10's JavaRuleClassBuilder). */
    static final int CONSEQUENCE_HEADER = 3;

    /** The column on {@code line} where {@code member} (a simple name, or null) is written, else its first non-blank. */
    private static int column(String text, int line, String member) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return 1;
        }
        String l = lines[line - 1];
        if (member != null) {
            Matcher at = Pattern.compile("\\b" + Pattern.quote(member) + "\\b").matcher(l);
            if (at.find()) {
                return at.start() + 1;
            }
        }
        int first = 0;
        while (first < l.length() && Character.isWhitespace(l.charAt(first))) {
            first++;
        }
        return first + 1;
    }

    private static List<RuleInfo> describeAll(KieBase kieBase, Map<String, String> drlByPath) {
        Map<String, RuleInfo> located = locate(drlByPath);
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleInfo at = located.get(pkg.getName() + '\u0000' + rule.getName());
                rules.add(new RuleInfo(rule.getName(), metadata(rule, "family"), metadata(rule, "severity"),
                        metadata(rule, "message"), metadata(rule, "part"), at == null ? null : at.file(),
                        at == null ? 0 : at.line()));
            }
        }
        rules.sort((a, b) -> a.file() == null || b.file() == null ? 0 : a.file().equals(b.file())
                ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
        return List.copyOf(rules);
    }

    /** A rule base whose classes come through {@link RuleClassLoader}. */
    private static InternalKnowledgeBase newKieBase() {
        return KnowledgeBaseFactory.newKnowledgeBase(
                org.drools.core.impl.RuleBaseFactory.newKnowledgeBaseConfiguration(null, RuleClassLoader.INSTANCE));
    }

    /** Writes a compiled rule base so that a restart with the same rules need not compile again. */
    public static void write(Compiled compiled, java.io.OutputStream out) throws java.io.IOException {
        try (DroolsObjectOutputStream stream = new DroolsObjectOutputStream(out)) {
            stream.writeObject(new java.util.ArrayList<>(compiled.kieBase().getKiePackages()));
        }
    }

    /** Reads a rule base written by {@link #write}; the DRL sources give the rules' files and lines. */
    public static Compiled read(java.io.InputStream in, Map<String, String> drlByPath)
            throws java.io.IOException, ClassNotFoundException {
        try (DroolsObjectInputStream stream = new DroolsObjectInputStream(in, RuleClassLoader.INSTANCE)) {
            @SuppressWarnings("unchecked")
            Collection<KiePackage> packages = (Collection<KiePackage>) stream.readObject();
            InternalKnowledgeBase kieBase = newKieBase();
            kieBase.addPackages(packages);
            return new Compiled(kieBase, describeAll(kieBase, drlByPath));
        }
    }

    /**
     * Fires the rules over the facts ({@code out} is bound to the global of that name). Rules judge the
     * condition facts inserted, so only the conditions that apply are judged.
     */
    public static void fire(KieBase kieBase, Collection<?> facts, Object out) {
        KieSession session = Sessions.take(kieBase);
        Map<String, int[]> firings = new java.util.HashMap<>();
        String[] firing = {null};
        session.addEventListener(new org.kie.api.event.rule.DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
                firing[0] = event.getMatch().getRule().getName();
                firings.computeIfAbsent(firing[0], k -> new int[1])[0]++;
            }
        });
        // The session goes back to a pool afterwards: a late watchdog must not halt its next judgement.
        Object watch = new Object();
        boolean[] watching = {true};
        java.util.concurrent.ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            synchronized (watch) {
                if (watching[0]) {
                    session.halt();
                }
            }
        }, timeLimitMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        boolean clean = false;
        try {
            session.setGlobal("out", out);
            for (Object fact : facts) {
                session.insert(fact);
            }
            long limit = FIRINGS_PER_FACT * Math.max(1, facts.size()) + FIRINGS_BASE;
            int fired = session.fireAllRules((int) Math.min(Integer.MAX_VALUE, limit));
            if (watchdog.isDone()) {
                throw new RulesDidNotFinishException("the rules did not finish within " + timeLimitMillis()
                        + " ms and were stopped while rule \"" + firing[0] + "\" fired (" + mostFired(firings) + ")");
            }
            if (fired >= limit) {
                throw new RulesDidNotFinishException("the rules fired " + fired + " times over " + facts.size()
                        + " facts and were stopped: " + mostFired(firings) + " keeps activating itself?");
            }
            clean = true;
        } finally {
            watchdog.cancel(false);
            synchronized (watch) {
                watching[0] = false;
            }
            // giving the session back resets it: facts, globals and this listener go
            Sessions.giveBack(kieBase, session, clean);
        }
    }

    private static String mostFired(Map<String, int[]> firings) {
        return firings.entrySet().stream().max(java.util.Comparator.comparingInt(e -> e.getValue()[0]))
                .map(e -> "rule \"" + e.getKey() + "\" fired " + e.getValue()[0] + " times").orElse("no rule fired");
    }

    /**
     * Bounds of one judgement: a rule that keeps activating itself, or runs for ever, stops the
     * judgement instead of the service. Every landed family fires a few times per fact at most.
     */
    static final long FIRINGS_PER_FACT = 50;
    static final long FIRINGS_BASE = 100_000;

    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rules-watchdog");
                t.setDaemon(true);
                return t;
            });

    /** How long one judgement's rules may run ({@code bidragskoll.rules.time-limit-ms}, default 60 s). */
    static long timeLimitMillis() {
        return Long.getLong("bidragskoll.rules.time-limit-ms", 60_000L);
    }

    /** Reads a metadata value of a rule ({@code @code(…)}, {@code @severity(…)}) as plain text. */
    public static String metadata(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }

    /** Where each rule is written, by package and rule name, from one scan of every DRL file. */
    private static Map<String, RuleInfo> locate(Map<String, String> drlByPath) {
        Map<String, RuleInfo> located = new java.util.HashMap<>();
        for (Map.Entry<String, String> drl : drlByPath.entrySet()) {
            String text = drl.getValue();
            Matcher pkg = PACKAGE.matcher(text);
            String pkgName = pkg.find() ? pkg.group(1) : "";
            Matcher m = RULE_HEADER.matcher(text);
            int line = 1;
            int counted = 0;
            while (m.find()) {
                for (; counted < m.start(); counted++) {
                    if (text.charAt(counted) == '\n') {
                        line++;
                    }
                }
                located.put(pkgName + '\u0000' + m.group(1),
                        new RuleInfo(m.group(1), null, null, null, null, drl.getKey(), line));
            }
        }
        return located;
    }

    private static RuleProblem toProblem(String file, String source, KnowledgeBuilderError error) {
        int line = 0;
        int column = 0;
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        if (error instanceof ParserError parserError) {
            line = parserError.getRow();
            column = parserError.getCol() + 1;
        } else if (error instanceof DroolsError droolsError) {
            int[] lines = droolsError.getLines();
            if (lines != null && lines.length > 0) {
                line = lines[0];
            }
            if (line <= 0 && error instanceof org.drools.compiler.compiler.DescrBuildError build
                    && build.getParentDescr() != null && build.getParentDescr().getLine() > 0) {
                // An expression MVEL cannot analyse carries no place of its own: it is looked for in its
                // rule, from the rule's line on; not found, the rule's line is given.
                line = build.getParentDescr().getLine();
                int[] at = find(source, analysedExpression(message), line);
                if (at != null) {
                    line = at[0];
                    column = at[1];
                }
            }
        } else if (error.getLines() != null && error.getLines().length > 0) {
            line = error.getLines()[0];
        }
        return new RuleProblem(file, line, column, message.replaceAll("\\s+", " ").trim());
    }

    private static final Pattern UNANALYSABLE = Pattern.compile("Unable to Analyse Expression (.+?):\\s*\\[Error");

    /** The expression a "Unable to Analyse Expression" message names, or {@code null}. */
    static String analysedExpression(String message) {
        Matcher m = UNANALYSABLE.matcher(message);
        return m.find() ? m.group(1).trim() : null;
    }

    /** Line and column (from 1) of the first {@code text} in {@code source} on or after {@code fromLine}, or {@code null}. */
    static int[] find(String source, String text, int fromLine) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int start = 0;
        for (int l = 1; l < fromLine; l++) {
            start = source.indexOf('\n', start) + 1;
            if (start == 0) {
                return null;
            }
        }
        int at = source.indexOf(text, start);
        if (at < 0) {
            return null;
        }
        int line = fromLine + (int) source.substring(start, at).chars().filter(c -> c == '\n').count();
        return new int[]{line, at - source.lastIndexOf('\n', at)};
    }
}
