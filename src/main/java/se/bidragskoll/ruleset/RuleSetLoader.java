package se.bidragskoll.ruleset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a rules folder into a {@link RuleSet}: the condition catalogue, agreement and region
 * parameter files, and the DRL rules. Collects every problem (with file, line and column) instead
 * of stopping at the first, so that a rule author sees them all at once.
 */
public final class RuleSetLoader {

    /** Files that are part of a rule set (and of its hash); scenario files and docs are not. */
    static boolean isRuleFile(String relPath) {
        return relPath.endsWith(".drl")
                || (relPath.endsWith(".yaml") && !relPath.endsWith(".test.yaml") && !relPath.startsWith("coverage"));
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private record Catalogue(List<ConditionDef> conditions) {
    }

    private RuleSetLoader() {
    }

    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Loads the folder; throws {@link RuleSetException} listing every problem found. */
    public static RuleSet load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleSetException(List.of(new RuleProblem(dir.toString(), 1, 1, "rules folder not found")));
        }
        Map<String, String> files = readFiles(dir);
        List<RuleProblem> problems = new ArrayList<>();

        Map<String, ConditionDef> conditions = new LinkedHashMap<>();
        String catalogueText = files.get("conditions.yaml");
        if (catalogueText == null) {
            problems.add(new RuleProblem("conditions.yaml", 1, 1, "the condition catalogue conditions.yaml is missing"));
        } else {
            Catalogue catalogue = parse("conditions.yaml", catalogueText, Catalogue.class, problems);
            if (catalogue != null && catalogue.conditions() != null) {
                for (ConditionDef c : catalogue.conditions()) {
                    checkCondition(c, catalogueText, conditions, problems);
                }
            }
        }

        Map<String, AgreementDef> agreements = new TreeMap<>();
        Map<String, RegionDef> regions = new TreeMap<>();
        Map<String, String> drls = new TreeMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            if (path.startsWith("agreements/") && path.endsWith(".yaml")) {
                AgreementDef a = parse(path, file.getValue(), AgreementDef.class, problems);
                if (a != null) {
                    String expected = path.substring("agreements/".length(), path.length() - ".yaml".length());
                    if (!expected.equals(a.id())) {
                        problems.add(new RuleProblem(path, lineOf(file.getValue(), "id:"), 1,
                                "agreement id '" + a.id() + "' must match the file name '" + expected + "'"));
                    }
                    checkCodes(path, file.getValue(), a.conditions(), conditions, problems);
                    agreements.put(a.id(), a);
                }
            } else if (path.startsWith("regions/") && path.endsWith(".yaml")) {
                RegionDef r = parse(path, file.getValue(), RegionDef.class, problems);
                if (r != null) {
                    if (Regions.name(r.region()).isEmpty()) {
                        problems.add(new RuleProblem(path, lineOf(file.getValue(), "region:"), 1,
                                "'" + r.region() + "' is no SCB county code (länskod) of a region"));
                    } else if (!path.startsWith("regions/" + r.region() + "-")) {
                        problems.add(new RuleProblem(path, lineOf(file.getValue(), "region:"), 1,
                                "a region file's name must start with its county code '" + r.region() + "-'"));
                    }
                    checkCodes(path, file.getValue(), r.conditions(), conditions, problems);
                    if (r.grants() != null) {
                        r.grants().values().forEach(g -> checkCodes(path, file.getValue(), g.conditions(), conditions,
                                problems));
                    }
                    regions.put(r.region(), r);
                }
            } else if (path.endsWith(".drl")) {
                drls.put(path, file.getValue());
            }
        }
        for (AgreementDef a : agreements.values()) {
            if (a.inherits() != null && !agreements.containsKey(a.inherits())) {
                problems.add(new RuleProblem("agreements/" + a.id() + ".yaml", 1, 1,
                        "inherits unknown agreement '" + a.inherits() + "'"));
            }
        }

        RuleEngine.Compiled compiled = null;
        try {
            compiled = RuleEngine.compile(drls);
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        if (compiled != null) {
            checkRules(compiled.rules(), conditions, catalogueText, problems);
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return new RuleSet(hash(files), Instant.now(), compiled.kieBase(), Map.copyOf(conditions),
                Map.copyOf(agreements), Map.copyOf(regions), compiled.rules(), List.copyOf(files.keySet()))
                .withOrderedConditions(conditions);
    }

    private static void checkCondition(ConditionDef c, String text, Map<String, ConditionDef> conditions,
                                       List<RuleProblem> problems) {
        int line = lineOf(text, "code: " + c.code());
        if (c.code() == null || c.code().isBlank()) {
            problems.add(new RuleProblem("conditions.yaml", line, 1, "a condition without a code"));
            return;
        }
        if (conditions.containsKey(c.code())) {
            problems.add(new RuleProblem("conditions.yaml", line, 1, "condition " + c.code() + " is listed twice"));
        }
        if (c.source() == null || c.source().clause() == null || c.source().clause().isBlank()
                || c.source().document() == null || c.source().document().isBlank()) {
            problems.add(new RuleProblem("conditions.yaml", line, 1,
                    "condition " + c.code() + " cites no source: give source.document and source.clause"));
        }
        if (c.family() == null || c.severity() == null || c.title() == null || c.title().sv() == null) {
            problems.add(new RuleProblem("conditions.yaml", line, 1,
                    "condition " + c.code() + " needs family, severity and a Swedish title"));
        }
        conditions.put(c.code(), c);
    }

    private static void checkCodes(String path, String text, List<String> codes, Map<String, ConditionDef> known,
                                   List<RuleProblem> problems) {
        if (codes == null) {
            return;
        }
        for (String code : codes) {
            if (!known.containsKey(code)) {
                problems.add(new RuleProblem(path, lineOf(text, code), 1, "unknown condition code " + code));
            }
        }
    }

    private static void checkRules(List<RuleEngine.RuleInfo> rules, Map<String, ConditionDef> conditions,
                                   String catalogueText, List<RuleProblem> problems) {
        Map<String, List<RuleEngine.RuleInfo>> byCode = new LinkedHashMap<>();
        for (RuleEngine.RuleInfo rule : rules) {
            if (rule.code() == null || rule.code().isBlank()) {
                problems.add(new RuleProblem(rule.file(), rule.line(), 1,
                        "rule \"" + rule.name() + "\" has no @code: every rule implements a condition of conditions.yaml"));
                continue;
            }
            ConditionDef condition = conditions.get(rule.code());
            if (condition == null) {
                problems.add(new RuleProblem(rule.file(), rule.line(), 1,
                        "rule \"" + rule.name() + "\" claims code " + rule.code() + ", which conditions.yaml does not list"));
                continue;
            }
            if (rule.message() != null && (condition.messages() == null
                    || !condition.messages().containsKey(rule.message()))) {
                problems.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name()
                        + "\" uses @message(" + rule.message() + "), which " + rule.code() + " does not define"));
            }
            if (rule.severity() != null && !Set.of("ERROR", "WARNING", "INFO").contains(rule.severity())) {
                problems.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name()
                        + "\" has @severity(" + rule.severity() + "): use ERROR, WARNING or INFO"));
            }
            byCode.computeIfAbsent(rule.code(), k -> new ArrayList<>()).add(rule);
        }
        for (Map.Entry<String, List<RuleEngine.RuleInfo>> e : byCode.entrySet()) {
            if (e.getValue().size() > 1) {
                for (RuleEngine.RuleInfo rule : e.getValue()) {
                    if (rule.part() == null || rule.part().isBlank()) {
                        problems.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name()
                                + "\" shares code " + e.getKey() + " with other rules: mark each with @part(…)"));
                    }
                }
            }
        }
        for (ConditionDef c : conditions.values()) {
            if (c.retiredOn() == null && !byCode.containsKey(c.code())) {
                problems.add(new RuleProblem("conditions.yaml", lineOf(catalogueText, "code: " + c.code()), 1,
                        "condition " + c.code() + " has no rule"));
            }
        }
    }

    private static <T> T parse(String path, String text, Class<T> type, List<RuleProblem> problems) {
        try {
            return YAML.readValue(text, type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new RuleProblem(path, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    e.getOriginalMessage().replaceAll("\\s+", " ")));
            return null;
        }
    }

    static int lineOf(String text, String needle) {
        if (text == null) {
            return 1;
        }
        int at = text.indexOf(needle);
        if (at < 0) {
            return 1;
        }
        return 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    }

    private static Map<String, String> readFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            Map<String, String> files = new TreeMap<>();
            for (Path p : walk.filter(Files::isRegularFile).collect(Collectors.toCollection(TreeSet::new))) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (isRuleFile(rel)) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
