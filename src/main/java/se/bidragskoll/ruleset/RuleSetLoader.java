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

    /** The codes conditions.yaml lists, read on their own (empty when the file does not parse). */
    public static java.util.Set<String> catalogueCodes(Path dir) {
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        try {
            YAML.readTree(dir.resolve("conditions.yaml").toFile()).path("conditions")
                    .forEach(c -> codes.add(c.path("code").asText()));
        } catch (IOException e) {
            // the loader reports the file's problem
        }
        return codes;
    }

    /** The content hash the folder would load with, without compiling it. */
    public static String version(Path dir) {
        return hash(readFiles(dir));
    }

    /** Loads the folder; throws {@link RuleSetException} listing every problem found. */
    public static RuleSet load(Path dir) {
        return load(dir, null);
    }

    /**
     * Loads the folder, taking the compiled rule base from {@code cacheDir} when it holds one for the
     * same rules, fact classes and engine (and writing it there otherwise).
     */
    public static RuleSet load(Path dir, Path cacheDir) {
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
        checkParameters(files, conditions, agreements, regions, problems);

        RuleEngine.Compiled compiled = problems.isEmpty() ? CompiledCache.read(cacheDir, drls) : null;
        if (compiled == null) {
            try {
                compiled = RuleEngine.compile(drls);
                if (problems.isEmpty()) {
                    CompiledCache.write(cacheDir, drls, compiled);
                }
            } catch (RuleSetException e) {
                problems.addAll(e.problems());
            }
        }
        if (compiled != null) {
            checkRules(compiled.rules(), conditions, catalogueText, problems);
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return new RuleSet(hash(files), Instant.now(), compiled.kieBase(),
                java.util.Collections.unmodifiableMap(conditions), Map.copyOf(agreements), Map.copyOf(regions),
                compiled.rules(), List.copyOf(files.keySet()));
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

    /** Parameter values of the right kind, and every parameter a condition needs where it applies. */
    private static void checkParameters(Map<String, String> files, Map<String, ConditionDef> conditions,
                                        Map<String, AgreementDef> agreements, Map<String, RegionDef> regions,
                                        List<RuleProblem> problems) {
        for (AgreementDef a : agreements.values()) {
            String path = "agreements/" + a.id() + ".yaml";
            String text = files.get(path);
            if (a.parameters() != null) {
                for (Map.Entry<String, List<DatedValue>> p : a.parameters().entrySet()) {
                    for (DatedValue v : p.getValue() == null ? List.<DatedValue>of() : p.getValue()) {
                        String why = Parameters.problem(p.getKey(), v == null ? null : v.value());
                        if (why != null) {
                            problems.add(new RuleProblem(path, lineOf(text, p.getKey() + ":"), 3, why));
                        }
                    }
                }
            }
            for (ConditionDef c : conditions.values()) {
                boolean applies = switch (c.family()) {
                    case AGREEMENT -> a.conditions() != null && a.conditions().contains(c.code());
                    case FINANCIAL, DATA_QUALITY -> true;
                    case REGIONAL -> false;
                };
                if (!applies || c.parameters() == null) {
                    continue;
                }
                for (String name : c.parameters()) {
                    if (!hasParameter(a, name, agreements)) {
                        problems.add(new RuleProblem(path, 1, 1, c.code() + " applies to " + a.id()
                                + " and needs parameter '" + name + "', which the file (and what it inherits) lacks"));
                    }
                }
            }
        }
        for (RegionDef r : regions.values()) {
            String path = files.keySet().stream().filter(f -> f.startsWith("regions/" + r.region() + "-"))
                    .findFirst().orElse("regions/" + r.region());
            if (r.grants() == null) {
                continue;
            }
            for (Map.Entry<String, RegionDef.GrantRules> g : r.grants().entrySet()) {
                if (!agreements.containsKey(g.getKey())) {
                    problems.add(new RuleProblem(path, lineOf(files.get(path), g.getKey() + ":"), 3,
                            "unknown agreement '" + g.getKey() + "'"));
                }
                RegionDef.GrantRules rules = g.getValue();
                if (rules == null || rules.conditions() == null) {
                    continue;
                }
                for (String code : rules.conditions()) {
                    ConditionDef c = conditions.get(code);
                    if (c == null || c.parameters() == null) {
                        continue;
                    }
                    for (String name : c.parameters()) {
                        boolean present = switch (name) {
                            case "category" -> rules.category() != null;
                            case "costObject" -> rules.costObject() != null;
                            case "responsible" -> rules.responsible() != null;
                            default -> false;
                        };
                        if (!present) {
                            problems.add(new RuleProblem(path, lineOf(files.get(path), g.getKey() + ":"), 3,
                                    code + " needs '" + name + "' in grants." + g.getKey()));
                        }
                    }
                }
            }
        }
    }

    private static boolean hasParameter(AgreementDef a, String name, Map<String, AgreementDef> agreements) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (AgreementDef at = a; at != null && seen.add(at.id()); at = at.inherits() == null ? null
                : agreements.get(at.inherits())) {
            if (at.parameters() != null && at.parameters().get(name) != null && !at.parameters().get(name).isEmpty()) {
                return true;
            }
        }
        return false;
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
            String message = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
                    ? "unknown key '" + u.getPropertyName() + "'; known keys: " + u.getKnownPropertyIds()
                    : e.getOriginalMessage().replaceAll("\\s+", " ");
            problems.add(new RuleProblem(path, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    message));
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
