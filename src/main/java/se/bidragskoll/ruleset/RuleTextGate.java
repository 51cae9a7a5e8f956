package se.bidragskoll.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;

/**
 * The gate before compiling: what the engine would run or load while it compiles a rule file is
 * judged here, on the file as the engine's own parser reads it. The engine evaluates rule metadata
 * ({@code @message(…)}) with MVEL and loads the classes a file imports as accumulate functions at
 * compile time; the MVEL of patterns, {@code from} and {@code accumulate} is interpreted when the
 * rules run, where no compiled class can be judged. So: metadata is plain words, the file declares
 * nothing but imports, the global {@code out}, Java functions and rules, consequences are Java
 * (judged afterwards as bytecode by {@link BytecodeGate}), and every name in a rule's conditions is
 * a type, member or word of {@link RuleAllowList}. A file this gate refuses is not compiled.
 */
final class RuleTextGate {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");
    private static final Pattern PLAIN_VALUE = Pattern.compile("[\\p{L}\\p{N}_ -]*|\"[^\"\\\\]*\"");
    private static final java.util.Set<String> ATTRIBUTES = java.util.Set.of("salience", "no-loop");

    private RuleTextGate() {
    }

    static List<RuleProblem> check(String file, String drl) {
        List<RuleProblem> problems = new ArrayList<>(DrlSandbox.check(file, drl));
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            problems.add(new RuleProblem(file, 1, 1, "the file cannot be parsed: " + e.getMessage()));
            return problems;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError error : parser.getErrors()) {
                int[] lines = error.getLines();
                int column = error instanceof org.drools.drl.parser.ParserError p ? p.getCol() + 1 : 1;
                problems.add(new RuleProblem(file, lines != null && lines.length > 0 ? Math.max(1, lines[0]) : 1,
                        column, error.getMessage()));
            }
            if (problems.isEmpty()) {
                problems.add(new RuleProblem(file, 1, 1, "the file cannot be parsed"));
            }
            return problems;
        }
        pkg.getAccumulateImports().forEach(a -> problems.add(at(file, drl, a, "import accumulate " + a.getTarget()
                + ": a rule file uses the engine's own accumulate functions (sum, count, min, max, collectList), "
                + "no class of its own")));
        for (FunctionImportDescr f : pkg.getFunctionImports()) {
            String target = f.getTarget();
            String type = target.substring(0, Math.max(0, target.lastIndexOf('.')));
            if (!RuleAllowList.PROJECT_TYPES.contains(type)) {
                problems.add(at(file, drl, f, "import function " + target + " is outside what a rule may use"));
            }
        }
        pkg.getTypeDeclarations().forEach(d -> problems.add(at(file, drl, d, "declare " + d.getTypeName()
                + ": a rule file declares no types (facts are the checker's model)")));
        pkg.getEnumDeclarations().forEach(d -> problems.add(at(file, drl, d, "declare enum "
                + d.getTypeName() + ": a rule file declares no types")));
        pkg.getEntryPointDeclarations().forEach(d -> problems.add(at(file, drl, d, "entry-point declarations are "
                + "not used by the checker")));
        pkg.getWindowDeclarations().forEach(d -> problems.add(at(file, drl, d, "window declarations are not "
                + "used by the checker")));
        for (AttributeDescr attribute : pkg.getAttributes()) {
            problems.add(at(file, drl, attribute, "the package attribute '" + attribute.getName()
                    + "' is not used by the checker (consequences are Java, judged as compiled code)"));
        }
        for (FunctionDescr function : pkg.getFunctions()) {
            if (function.getName().toLowerCase(java.util.Locale.ROOT).startsWith("rule_")) {
                problems.add(at(file, drl, function, "function " + function.getName() + ": a function's name may not "
                        + "start with Rule_ (the engine's own classes are named so)"));
            }
            if (function.getDialect() != null && !"java".equals(function.getDialect())) {
                problems.add(at(file, drl, function, "function " + function.getName() + " is written in "
                        + function.getDialect() + ": functions are Java"));
            }
        }
        java.util.Set<String> functions = new java.util.HashSet<>();
        pkg.getFunctions().forEach(f -> functions.add(f.getName()));
        // the file as MVEL reads it, once: comments and strings are not code
        String blanked = DrlSandbox.blank(drl);
        for (RuleDescr rule : pkg.getRules()) {
            rule(file, drl, blanked, rule, functions, problems);
        }
        return problems;
    }

    private static void rule(String file, String drl, String blanked, RuleDescr rule, java.util.Set<String> functions,
                             List<RuleProblem> problems) {
        if (rule.isQuery()) {
            problems.add(at(file, drl, rule, "query " + rule.getName() + ": a rule file holds rules, not queries"));
            return;
        }
        for (Map.Entry<String, AttributeDescr> attribute : rule.getAttributes().entrySet()) {
            String name = attribute.getKey();
            String value = attribute.getValue().getValue();
            boolean plain = value == null || value.isBlank() || value.trim().matches("-?\\d{1,6}|true|false");
            if (!ATTRIBUTES.contains(name) || !plain) {
                problems.add(at(file, drl, attribute.getValue(), "the rule attribute '" + name + "'"
                        + (plain ? "" : " with the value '" + value + "'") + " is not used by the checker "
                        + "(a rule may set salience and no-loop, with plain numbers)"));
            }
        }
        for (String name : rule.getAnnotationNames()) {
            AnnotationDescr annotation = rule.getAnnotation(name);
            if (annotation.getFullyQualifiedName() != null && annotation.getFullyQualifiedName().contains(".")) {
                problems.add(at(file, drl, annotation, "@" + name + ": metadata names no class"));
                continue;
            }
            for (Map.Entry<String, Object> value : annotation.getValueMap().entrySet()) {
                String text = String.valueOf(value.getValue()).trim();
                if (!PLAIN_VALUE.matcher(text).matches()) {
                    int where = drl.indexOf("@" + name, Math.max(0, rule.getStartCharacter()));
                    problems.add(where >= 0 ? position(file, drl, where, "@" + name + "(" + text + "): metadata is "
                            + "plain words (the engine evaluates anything else as MVEL while it compiles)") : at(file, drl, annotation, "@" + name + "(" + text + "): metadata is plain words "
                            + "(the engine evaluates anything else as MVEL while it compiles)"));
                }
            }
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            problems.add(at(file, drl, rule, "named consequences (then[…]) are not used by the checker"));
        }
        int start = rule.getStartCharacter();
        int when = start < 0 ? -1 : keyword(blanked, "when", start);
        // the conditions end where the parser's last condition ends, at the 'then' after it
        int lhsEnd = rule.getLhs() == null ? -1 : rule.getLhs().getEndCharacter();
        int end = when < 0 ? -1 : keyword(blanked, "then", Math.max(when + 4, lhsEnd));
        if (when < 0 || end < 0) {
            problems.add(at(file, drl, rule, "the conditions of rule \"" + rule.getName() + "\" cannot be located"));
            return;
        }
        String conditions = blanked;
        for (int i = when; i < end; i++) {
            char c = conditions.charAt(i);
            if (c == '\\') {
                problems.add(position(file, drl, i, "an escape (\\) outside a string in a rule's conditions"));
            } else if (c == ';' || c == '#' || c == '{' || c == '}') {
                problems.add(position(file, drl, i, "'" + c + "' in a rule's conditions: a condition is one "
                        + "expression, not statements"));
            } else if (c == '=' && i + 1 < end && conditions.charAt(i + 1) != '=' && i > 0
                    && "=!<>".indexOf(conditions.charAt(i - 1)) < 0) {
                problems.add(position(file, drl, i, "an assignment ('=') in a rule's conditions"));
            }
        }
        Matcher identifiers = IDENTIFIER.matcher(conditions);
        identifiers.region(when + 4, end);
        while (identifiers.find()) {
            String name = identifiers.group();
            if (name.startsWith("$") || RuleAllowList.name(name) || functions.contains(name) || preceededByAt(conditions, identifiers.start())) {
                continue;
            }
            problems.add(position(file, drl, identifiers.start(), "'" + name + "' in a rule's conditions is not a "
                    + "fact, member or word a rule may use (the checker's facts and helpers, String, BigDecimal, "
                    + "LocalDate, the plain collections)"));
        }
    }

    private static boolean preceededByAt(String text, int at) {
        return at > 0 && text.charAt(at - 1) == '@';
    }

    /** Where the keyword starts at or after {@code from}, outside parentheses (metadata, patterns). */
    private static int keyword(String blanked, String word, int from) {
        int depth = 0;
        for (int i = from; i + word.length() <= blanked.length(); i++) {
            char c = blanked.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && blanked.startsWith(word, i)
                    && (i == 0 || !Character.isJavaIdentifierPart(blanked.charAt(i - 1)))
                    && (i + word.length() == blanked.length()
                        || !Character.isJavaIdentifierPart(blanked.charAt(i + word.length())))) {
                return i;
            }
        }
        return -1;
    }

    private static RuleProblem at(String file, String drl, BaseDescr descr, String message) {
        if (descr.getLine() > 0) {
            return new RuleProblem(file, descr.getLine(), Math.max(1, descr.getColumn() + 1), message);
        }
        return position(file, drl, Math.max(0, descr.getStartCharacter()), message);
    }

    static RuleProblem position(String file, String text, int offset, String message) {
        return DrlSandbox.at(file, text, offset, message);
    }
}
