package se.bidragskoll.ruleset;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What code written in a rule file may reach: the checker's facts and family helpers, and a few plain
 * values of the JDK, each with the members a rule may call. Everything else (files, processes, threads,
 * reflection, class loading, the engine's own objects) is outside. {@link BytecodeGate} holds the
 * compiled consequences to it, {@link RuleTextGate} the MVEL of patterns, and {@link RuleClassLoader}
 * refuses to link any other class.
 *
 * <p>Members come in two kinds. A <em>read</em> returns something the judgement already holds (a fact's
 * field, an element of its list); a rule may keep it in a variable. A <em>computed</em> value (a
 * concatenation, a sum, a finding being built) may only be passed on: no variable keeps it, so that
 * no rule can grow a value by feeding it back to itself (memory stays linear in the input).
 */
final class RuleAllowList {

    /** Project classes whose public members a rule may call (the facts and the family helpers). */
    static final Set<String> PROJECT_TYPES = Set.of(
            "se.bidragskoll.model.ActionPlan", "se.bidragskoll.model.Allocation", "se.bidragskoll.model.Dossier",
            "se.bidragskoll.model.Drawdown", "se.bidragskoll.model.Event", "se.bidragskoll.model.Grant",
            "se.bidragskoll.model.Indicator", "se.bidragskoll.model.Indicator$Reported", "se.bidragskoll.model.LedgerLine", "se.bidragskoll.model.Measure",
            "se.bidragskoll.model.SteeringGroupAnalysis", "se.bidragskoll.model.UnbalancedVoucher",
            "se.bidragskoll.model.VoucherBalance", "se.bidragskoll.model.WaitingTimeReport",
            "se.bidragskoll.judgement.AgreementTerms", "se.bidragskoll.judgement.Allocations",
            "se.bidragskoll.judgement.Condition", "se.bidragskoll.judgement.DrawdownPosition",
            "se.bidragskoll.judgement.Drawdowns", "se.bidragskoll.judgement.FindingDraft",
            "se.bidragskoll.judgement.GrantScope", "se.bidragskoll.judgement.Happened",
            "se.bidragskoll.judgement.Judgement", "se.bidragskoll.judgement.Ledger",
            "se.bidragskoll.judgement.LedgerFields", "se.bidragskoll.judgement.LedgerGroup",
            "se.bidragskoll.judgement.Measures", "se.bidragskoll.judgement.NetPosition",
            "se.bidragskoll.judgement.PlanAgreement", "se.bidragskoll.judgement.PlanColumn",
            "se.bidragskoll.judgement.PlanLine", "se.bidragskoll.judgement.PlanYear",
            "se.bidragskoll.judgement.RegionTerms", "se.bidragskoll.judgement.Suggestions",
            "se.bidragskoll.judgement.Verdicts", "se.bidragskoll.judgement.WaitingTimes",
            "se.bidragskoll.judgement.YearDossier", "se.bidragskoll.share.DistributionKey",
            "se.bidragskoll.share.DistributionKey$RegionShare", "se.bidragskoll.share.DistributionKey$Share",
            "se.bidragskoll.share.DistributionKey$Stated", "se.bidragskoll.ruleset.SourceRef");

    /** Builders: what they return is a computed value (see the class comment). */
    private static final Set<String> BUILDERS = Set.of("se.bidragskoll.judgement.FindingDraft",
            "se.bidragskoll.judgement.Verdicts", "se.bidragskoll.judgement.Suggestions",
            "se.bidragskoll.judgement.LedgerFields");

    /** Members of the JDK a rule may call, by class: {@code name} (computed) or {@code name*} (a read). */
    private static final Map<String, List<String>> JDK = Map.ofEntries(
            Map.entry("java.lang.Object", List.of("equals", "hashCode", "toString")),
            Map.entry("java.lang.String", List.of("equals", "equalsIgnoreCase", "isEmpty", "isBlank", "length",
                    "startsWith", "endsWith", "contains", "compareTo", "trim", "strip", "toLowerCase", "toUpperCase",
                    "substring", "charAt", "indexOf", "valueOf", "hashCode", "toString")),
            Map.entry("java.lang.Integer", List.of("valueOf", "intValue", "longValue", "compareTo", "equals",
                    "toString", "compare")),
            Map.entry("java.lang.Long", List.of("valueOf", "intValue", "longValue", "compareTo", "equals", "toString",
                    "compare")),
            Map.entry("java.lang.Boolean", List.of("valueOf", "booleanValue", "equals", "TRUE", "FALSE")),
            Map.entry("java.lang.Math", List.of("max", "min", "abs")),
            Map.entry("java.math.BigDecimal", List.of("add", "subtract", "multiply", "negate", "abs", "signum",
                    "compareTo", "equals", "max", "min", "stripTrailingZeros", "toPlainString", "toString", "scale",
                    "precision", "ZERO", "ONE", "intValue", "longValue")),
            Map.entry("java.time.LocalDate", List.of("isAfter", "isBefore", "isEqual", "equals", "compareTo",
                    "getYear", "getMonthValue", "getDayOfMonth", "plusDays", "minusDays", "plusMonths", "minusMonths",
                    "plusYears", "minusYears", "toString", "of", "lengthOfMonth")),
            Map.entry("java.time.YearMonth", List.of("isAfter", "isBefore", "equals", "compareTo", "getYear",
                    "getMonthValue", "plusMonths", "minusMonths", "toString", "of", "atDay", "atEndOfMonth")),
            Map.entry("java.time.temporal.ChronoUnit", List.of("between", "DAYS", "MONTHS", "YEARS")),
            Map.entry("java.util.Collection", List.of("size", "isEmpty", "contains", "iterator*")),
            Map.entry("java.util.List", List.of("size", "isEmpty", "contains", "get*", "iterator*")),
            Map.entry("java.util.Set", List.of("size", "isEmpty", "contains", "iterator*")),
            Map.entry("java.util.Map", List.of("size", "isEmpty", "containsKey", "get*")),
            Map.entry("java.util.Iterator", List.of("hasNext", "next*")),
            Map.entry("java.util.Objects", List.of("equals", "isNull", "nonNull")));

    /** Types a rule may name without calling anything on them (casts, declarations, the engine's context). */
    private static final Set<String> NAMED_ONLY = Set.of("java.lang.Number", "java.lang.Comparable",
            "java.lang.CharSequence", "java.lang.Iterable", "org.drools.core.rule.consequence.KnowledgeHelper",
            "org.kie.api.runtime.rule.RuleContext", "org.kie.api.runtime.rule.FactHandle",
            "org.drools.base.rule.consequence.ConsequenceContext");

    /** Names in patterns that are DRL or operator words, not members. */
    static final Set<String> DRL_WORDS = Set.of("not", "exists", "and", "or", "from", "collect", "accumulate", "eval",
            "forall", "this", "null", "true", "false", "memberOf", "contains", "excludes", "in", "instanceof",
            "sum", "count", "min", "max", "average", "collectList", "collectSet", "salience", "no", "loop");

    private static final Map<String, Map<String, Boolean>> MEMBERS = new HashMap<>();
    private static final Set<String> NAMES = new HashSet<>();

    static {
        JDK.forEach((type, members) -> {
            Map<String, Boolean> m = MEMBERS.computeIfAbsent(internal(type), k -> new HashMap<>());
            for (String member : members) {
                boolean read = member.endsWith("*");
                String name = read ? member.substring(0, member.length() - 1) : member;
                m.put(name, read);
                NAMES.add(name);
            }
        });
        for (String type : PROJECT_TYPES) {
            Map<String, Boolean> m = MEMBERS.computeIfAbsent(internal(type), k -> new HashMap<>());
            boolean builder = BUILDERS.contains(type);
            try {
                Class<?> c = Class.forName(type, false, RuleAllowList.class.getClassLoader());
                for (Method method : c.getMethods()) {
                    if (method.getDeclaringClass() == Object.class || method.isSynthetic()) {
                        continue;
                    }
                    m.put(method.getName(), !builder);
                    NAMES.add(method.getName());
                    NAMES.add(property(method.getName()));
                }
                for (java.lang.reflect.Field field : c.getFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers())) {
                        m.put(field.getName(), true);
                        NAMES.add(field.getName());
                    }
                }
                for (java.lang.reflect.RecordComponent component : c.isRecord() ? c.getRecordComponents()
                        : new java.lang.reflect.RecordComponent[0]) {
                    NAMES.add(component.getName());
                }
                NAMES.add(c.getSimpleName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the rule allow-list names a class that is not there: " + type, e);
            }
            m.put("equals", false);
            m.put("hashCode", false);
            m.put("toString", false);
        }
        for (String type : JDK.keySet()) {
            NAMES.add(type.substring(type.lastIndexOf('.') + 1));
        }
        NAMES.add("BigDecimal");
    }

    private RuleAllowList() {
    }

    static String internal(String type) {
        return type.replace('.', '/');
    }

    /** {@code getAmount} → {@code amount}, {@code isOpen} → {@code open}: how MVEL names a getter. */
    private static String property(String method) {
        int from = method.startsWith("get") && method.length() > 3 ? 3
                : method.startsWith("is") && method.length() > 2 ? 2 : -1;
        if (from < 0 || !Character.isUpperCase(method.charAt(from))) {
            return method;
        }
        return Character.toLowerCase(method.charAt(from)) + method.substring(from + 1);
    }

    /** Whether a rule may call or read {@code owner.name} (internal class name). */
    static boolean member(String owner, String name) {
        Map<String, Boolean> m = MEMBERS.get(owner);
        return m != null && m.containsKey(name);
    }

    /** Whether what {@code owner.name} returns is a read of the judgement's data (a variable may keep it). */
    static boolean read(String owner, String name) {
        Map<String, Boolean> m = MEMBERS.get(owner);
        return m != null && Boolean.TRUE.equals(m.get(name));
    }

    /** Whether a rule may name the type (internal name, arrays by their element). */
    static boolean type(String internalName) {
        String t = internalName;
        while (t.startsWith("[")) {
            t = t.substring(1);
        }
        if (t.startsWith("L") && t.endsWith(";")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.length() == 1) {
            return true; // a primitive
        }
        String dotted = t.replace('/', '.');
        return MEMBERS.containsKey(t) || NAMED_ONLY.contains(dotted) || dotted.equals("java.lang.Object");
    }

    /**
     * Names a pattern may not use although some allowed member has them: MVEL resolves a name on the
     * object it meets when the rules run, and {@code add} (allowed on BigDecimal) is also a list's.
     */
    private static final Set<String> NOT_IN_PATTERNS = Set.of("add");

    /** Whether a name may appear in a pattern's MVEL: a member or type a rule may use, or a DRL word. */
    static boolean name(String identifier) {
        return (NAMES.contains(identifier) || DRL_WORDS.contains(identifier)) && !NOT_IN_PATTERNS.contains(identifier);
    }

    /**
     * Whether a class may be linked by code compiled from rule files (the second wall): the allowed types,
     * the engine's own packages that generated code calls, and what the JVM needs to link it.
     */
    static boolean linkable(String className) {
        if (className.startsWith("org.drools.") || className.startsWith("org.kie.") || className.startsWith("org.mvel2.")) {
            return true;
        }
        if (className.startsWith("se.bidragskoll.")) {
            int nested = className.indexOf('$');
            String outer = nested < 0 ? className : className.substring(0, nested);
            return PROJECT_TYPES.contains(className) || PROJECT_TYPES.contains(outer);
        }
        if (className.startsWith("java.math.") || className.startsWith("java.time.")) {
            return true;
        }
        if (className.startsWith("jdk.internal.reflect.")) {
            return true; // the JVM's own accessors for reflective calls on these classes (never named by a rule: the gate)
        }
        if (className.startsWith("java.util.concurrent.Concurrent") || className.startsWith("java.util.concurrent.CopyOnWrite")
                || className.startsWith("java.util.concurrent.atomic.")) {
            return true; // the engine's own structures, read back from a compiled rule base
        }
        if (className.startsWith("java.util.")) {
            return !className.startsWith("java.util.concurrent") && !className.startsWith("java.util.zip")
                    && !className.startsWith("java.util.jar") && !className.startsWith("java.util.logging")
                    && !className.startsWith("java.util.prefs") && !className.startsWith("java.util.spi")
                    && !LINK_REFUSED_UTIL.contains(className);
        }
        if (className.startsWith("java.lang.")) {
            return !className.startsWith("java.lang.reflect") && !className.startsWith("java.lang.ref.")
                    && !className.startsWith("java.lang.management") && !className.startsWith("java.lang.module")
                    && !className.startsWith("java.lang.instrument") && !className.startsWith("java.lang.foreign")
                    && (!className.startsWith("java.lang.invoke.") || LINK_INVOKE.contains(className))
                    && !LINK_REFUSED_LANG.contains(className);
        }
        return LINK_IO.contains(className);
    }

    private static final Set<String> LINK_REFUSED_UTIL = Set.of("java.util.Timer", "java.util.TimerTask",
            "java.util.ServiceLoader", "java.util.Scanner", "java.util.Properties", "java.util.ResourceBundle",
            "java.util.PropertyResourceBundle");
    private static final Set<String> LINK_REFUSED_LANG = Set.of("java.lang.System", "java.lang.Runtime",
            "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.ProcessHandle", "java.lang.Thread",
            "java.lang.ThreadGroup", "java.lang.ThreadLocal", "java.lang.InheritableThreadLocal",
            "java.lang.ClassLoader", "java.lang.Module", "java.lang.ModuleLayer",
            "java.lang.SecurityManager", "java.lang.StackWalker", "java.lang.ScopedValue", "java.lang.Package",
            "java.lang.Compiler");
    /** What linking a string concatenation needs (its bootstrap method). */
    private static final Set<String> LINK_INVOKE = Set.of("java.lang.invoke.StringConcatFactory",
            "java.lang.invoke.MethodHandles$Lookup", "java.lang.invoke.MethodType", "java.lang.invoke.CallSite",
            "java.lang.invoke.MethodHandle");
    /** Function classes are written by the engine as {@code Externalizable} with empty methods. */
    private static final Set<String> LINK_IO = Set.of("java.io.Serializable", "java.io.Externalizable",
            "java.io.ObjectInput", "java.io.ObjectOutput", "java.io.IOException");
}
