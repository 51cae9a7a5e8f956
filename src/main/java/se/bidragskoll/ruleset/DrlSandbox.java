package se.bidragskoll.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules that cannot harm: a rule file may use the checker's model, the family helpers and the plain
 * values of {@code java.lang}, {@code java.time}, {@code java.math} and a few collections, and
 * nothing else: no files, network, processes, threads, reflection, class loading or {@code System}.
 * Checked on the text (comments and string contents blanked first), so that {@code check} and a
 * reload refuse such a rule with FILE:LINE:COL before it is ever compiled or run.
 */
final class DrlSandbox {

    private static final List<String> ALLOWED_IMPORTS = List.of("se.bidragskoll.model.", "se.bidragskoll.judgement.",
            "se.bidragskoll.share.", "java.time.", "java.math.");
    private static final Set<String> ALLOWED_UTIL = Set.of("java.util.List", "java.util.Map", "java.util.Set",
            "java.util.Collection", "java.util.Collections", "java.util.ArrayList", "java.util.HashMap",
            "java.util.HashSet", "java.util.LinkedHashMap", "java.util.LinkedHashSet", "java.util.TreeMap",
            "java.util.TreeSet", "java.util.Optional", "java.util.Objects", "java.util.Comparator",
            "java.util.Locale", "java.util.stream.Collectors");
    /** Names that reach outside a judgement, wherever they appear in a rule. */
    private static final Pattern FORBIDDEN = Pattern.compile("\\b(System|Runtime|ProcessBuilder|Process|ProcessHandle"
            + "|Thread|ThreadGroup|ThreadLocal|Executors?|ForkJoinPool|CompletableFuture|ClassLoader|Class|forName"
            + "|getClass|getDeclaredMethods?|getDeclaredFields?|getMethods?|getFields?|setAccessible"
            + "|MethodHandles?|Unsafe|ScriptEngine\\w*|File|Files|Path|Paths|FileInputStream|FileOutputStream"
            + "|RandomAccessFile|FileChannel|Socket|ServerSocket|URL|URI|HttpClient"
            + "|getKieRuntime|getKieBase|getKnowledgeRuntime|getWorkingMemory|kcontext|MVEL|getClassLoader|classLoader"
            + "|getParent|newInstance|getConstructors?|getDeclaredConstructors?|invoke|Timer|TimerTask"
            + "|InheritableThreadLocal|getResource|getResourceAsStream|getResources|Expression|Statement|beans"
            + "|Unsafe|wait|notify|notifyAll)\\b");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(java|javax|jdk|sun|com|org|io|net|jakarta)\\.[a-z]");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:function\\s+|static\\s+)?([\\w.$*]+)");
    private static final Pattern GLOBAL = Pattern.compile("(?m)^\\s*global\\s+([\\w.$]+)\\s+(\\w+)");

    private DrlSandbox() {
    }

    static List<RuleProblem> check(String file, String original) {
        // as the Java compiler reads a consequence: unicode escapes first, then strings and comments
        int[] map = new int[original.length() + 1];
        String drl = decode(original, map);
        List<RuleProblem> problems = new ArrayList<>();
        String code = blank(drl);
        Matcher imports = IMPORT.matcher(code);
        List<int[]> importSpans = new ArrayList<>();
        while (imports.find()) {
            String name = imports.group(1);
            importSpans.add(new int[] {imports.start(), imports.end()});
            boolean allowed = ALLOWED_IMPORTS.stream().anyMatch(name::startsWith) || ALLOWED_UTIL.contains(name);
            if (!allowed) {
                problems.add(at(file, original, map[imports.start(1)], "import " + name + " is outside what a rule may use "
                        + "(the checker's model and helpers, java.time, java.math, the plain collections)"));
            }
        }
        Matcher global = GLOBAL.matcher(code);
        while (global.find()) {
            if (!"out".equals(global.group(2)) || !global.group(1).equals("se.bidragskoll.judgement.Verdicts")) {
                problems.add(at(file, original, map[global.start(1)], "a rule file declares only the global "
                        + "se.bidragskoll.judgement.Verdicts out, not " + global.group(1) + " " + global.group(2)));
            }
        }
        Matcher forbidden = FORBIDDEN.matcher(code);
        while (forbidden.find()) {
            if (!inside(importSpans, forbidden.start())) {
                problems.add(at(file, original, map[forbidden.start()], "'" + forbidden.group(1) + "' reaches outside the "
                        + "judgement (files, processes, threads, reflection, the engine): a rule may not use it"));
            }
        }
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            if (inside(importSpans, qualified.start()) || code.startsWith("se.bidragskoll.", qualified.start())) {
                continue;
            }
            int end = qualified.start();
            while (end < code.length() && (Character.isJavaIdentifierPart(code.charAt(end)) || code.charAt(end) == '.')) {
                end++;
            }
            String name = code.substring(qualified.start(), end);
            if (!name.startsWith("java.time.") && !name.startsWith("java.math.") && !ALLOWED_UTIL.contains(name)
                    && !name.startsWith("java.lang.String") && !name.startsWith("java.lang.Math")
                    && !name.startsWith("java.lang.Integer") && !name.startsWith("java.lang.Long")) {
                problems.add(at(file, original, map[qualified.start()], name + " is outside what a rule may use"));
            }
        }
        return problems;
    }

    /**
     * The text with Java's unicode escapes ({@code \\u0022}) decoded, as the compiler decodes them before
     * anything else; {@code map[i]} is where decoded character {@code i} starts in the original.
     */
    static String decode(String text, int[] map) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u' && evenBackslashesBefore(text, i)) {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= text.length() && text.substring(j, j + 4).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    map[out.length()] = i;
                    out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
                    i = j + 4;
                    continue;
                }
            }
            map[out.length()] = i;
            out.append(c);
            i++;
        }
        map[out.length()] = text.length();
        return out.toString();
    }

    private static boolean evenBackslashesBefore(String text, int at) {
        int n = 0;
        for (int k = at - 1; k >= 0 && text.charAt(k) == '\\'; k--) {
            n++;
        }
        return n % 2 == 0;
    }

    private static boolean inside(List<int[]> spans, int at) {
        return spans.stream().anyMatch(s -> at >= s[0] && at < s[1]);
    }

    /** The text with comments and the contents of string literals replaced by spaces (lines and columns kept). */
    static String blank(String drl) {
        StringBuilder out = new StringBuilder(drl);
        int i = 0;
        while (i < out.length()) {
            char c = out.charAt(i);
            if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '/') {
                while (i < out.length() && out.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '*') {
                while (i < out.length() && !(out.charAt(i) == '*' && i + 1 < out.length() && out.charAt(i + 1) == '/')) {
                    if (out.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                    i++;
                }
                if (i < out.length()) {
                    out.setCharAt(i++, ' ');
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '"' || c == '\'') {
                char quote = c;
                i++;
                while (i < out.length() && out.charAt(i) != quote && out.charAt(i) != '\n') {
                    if (out.charAt(i) == '\\' && i + 1 < out.length()) {
                        out.setCharAt(i++, ' ');
                    }
                    out.setCharAt(i++, ' ');
                }
                i++;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** The problem at {@code offset} of {@code text}, as line and column from 1. */
    static RuleProblem at(String file, String text, int offset, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new RuleProblem(file, line, column, message);
    }
}
