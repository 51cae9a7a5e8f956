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
import se.bidragskoll.text.Text;
import se.bidragskoll.text.Sha256;

/**
 * Reads a rules folder into a {@link RuleSet}: the condition catalogue, agreement and region
 * parameter files, and the DRL rules. Collects every problem (with file, line and column) instead
 * of stopping at the first, so that a rule author sees them all at once.
 */
public final class RuleSetLoader {

    /** Files that are part of a rule set (and of its hash); scenario files and docs are not. */
    static boolean isRuleFile(String relPath) {
        return relPath.endsWith(".drl")
                || (relPath.endsWith(".yaml") && !relPath.endsWith(".test.yaml") && !relPath.startsWith("coverage"))
                || (relPath.startsWith("data/") && relPath.endsWith(".csv"));
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /** {@code rules/generic.yaml}: the financial and data-quality conditions every dossier gets. */
    private record Generic(SourceRef source, List<ConditionSpec> conditions) {
    }

    /** {@code rules/plan/conditions.yaml}: the conditions of a region's plan and its year. */
    private record PlanFile(SourceRef source, List<PlanSpec> conditions) {
    }

    /** A plan condition as written: a condition, and where its clause comes from when not from here. */
    private record PlanSpec(String code, String family, Map<String, com.fasterxml.jackson.databind.JsonNode> params,
                            SourceRef source, ConditionDef.Severity severity, Text title, String clauseFrom,
                            java.time.LocalDate validFrom, java.time.LocalDate validTo, String note) {

        ConditionSpec spec() {
            return new ConditionSpec(code, family, params, source, severity, title, null, validFrom, validTo, null,
                    null, note);
        }
    }

    private RuleSetLoader() {
    }

    public static ObjectMapper yaml() {
        return YAML;
    }

    /** The condition codes the folder's agreement, region and generic files name (without compiling). */
    public static java.util.Set<String> catalogueCodes(Path dir) {
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, String> f : readFiles(dir).entrySet()) {
            if (f.getKey().endsWith(".yaml") && !f.getKey().startsWith("families/")) {
                try {
                    YAML.readTree(f.getValue()).path("conditions").forEach(c -> {
                        if (c.hasNonNull("code")) {
                            codes.add(c.path("code").asText());
                        }
                    });
                } catch (IOException e) {
                    // the loader reports the file's problem; its codes still count as known, so that
                    // scenarios naming them do not repeat that one problem
                    java.util.regex.Matcher m = java.util.regex.Pattern
                            .compile("(?m)^[\\s-]*code:\\s*[\"']?([A-Za-z0-9_-]+)").matcher(f.getValue());
                    while (m.find()) {
                        codes.add(m.group(1));
                    }
                }
            }
        }
        return codes;
    }

    /** One place where a file gives a generic condition its own clause: agreement, region (or null) and code. */
    public record Override(String file, int line, int column, String agreement, String region, String code) {
    }

    /**
     * Where an agreement file repeats a generic code, or a region gives its own clause for one, with the
     * place it is written: such an override needs scenarios of its own (a dossier of that agreement, and
     * region, expecting the code).
     */
    public static List<Override> overrides(Path dir, RuleSet rules) {
        Map<String, String> files = readFiles(dir);
        Set<String> genericCodes = new java.util.HashSet<>();
        rules.generic().forEach(g -> genericCodes.add(g.code()));
        List<Override> out = new ArrayList<>();
        for (AgreementDef a : rules.agreements().values()) {
            String path = "agreements/" + a.id() + ".yaml";
            LocatedYaml at = LocatedYaml.of(files.get(path));
            List<ConditionSpec> list = a.conditionList();
            for (int i = 0; i < list.size(); i++) {
                if (genericCodes.contains(list.get(i).code())) {
                    RuleProblem p = at.problem(path, "/conditions/" + i + "/code", "");
                    out.add(new Override(path, p.line(), p.column(), a.id(), null, list.get(i).code()));
                }
            }
        }
        for (RegionDef r : rules.regions().values()) {
            String path = files.keySet().stream().filter(f -> f.startsWith("regions/" + r.region() + "-")
                    && f.endsWith(".yaml")).findFirst().orElse(null);
            if (path == null || r.grants() == null) {
                continue;
            }
            LocatedYaml at = LocatedYaml.of(files.get(path));
            r.grants().forEach((agreement, g) -> {
                if (g != null && g.clauses() != null) {
                    g.clauses().keySet().forEach(code -> {
                        RuleProblem p = at.problem(path, "/grants/" + agreement + "/clauses/" + code, "");
                        out.add(new Override(path, p.line(), p.column(), agreement, r.region(), code));
                    });
                }
            });
        }
        return out;
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
        return load(readFiles(dir), cacheDir);
    }

    /** The rule files of a folder (path relative to it, with '/', and text), as a bundle stores them. */
    public static Map<String, String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleSetException(List.of(new RuleProblem(dir.toString(), 1, 1, "rules folder not found")));
        }
        return readFiles(dir);
    }

    /** The content hash of rule files as {@link #files(Path)} gives them. */
    public static String version(Map<String, String> files) {
        return hash(new TreeMap<>(files));
    }

    /**
     * Loads rule files given as text (a bundle from the database): the same checks and compile as a
     * folder with these files; files that are no rule files are left out.
     */
    public static RuleSet load(Map<String, String> given, Path cacheDir) {
        Map<String, String> files = new TreeMap<>();
        given.forEach((path, text) -> {
            if (isRuleFile(path)) {
                files.put(path, text);
            }
        });
        List<RuleProblem> problems = new ArrayList<>();

        Map<String, FamilyDef> families = new TreeMap<>();
        Map<String, AgreementDef> agreements = new TreeMap<>();
        Map<String, RegionDef> regions = new TreeMap<>();
        Map<String, String> drls = new TreeMap<>();
        // files that do not parse: their one problem is enough, not one more for every file naming them
        Set<String> brokenFamilies = new java.util.HashSet<>();
        Set<String> brokenAgreements = new java.util.HashSet<>();
        List<ConditionSpec> generic = List.of();
        SourceRef genericSource = null;
        RuleSet.PlanRules plan = RuleSet.PlanRules.NONE;
        boolean gateRefused = false;
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            if (path.startsWith("families/") && path.endsWith(".yaml")) {
                FamilyDef f = parse(path, file.getValue(), FamilyDef.class, problems);
                if (f == null) {
                    brokenFamilies.add(path.substring("families/".length(), path.length() - ".yaml".length()));
                } else {
                    RuleSetChecks.checkFamily(path, file.getValue(), f, problems);
                    families.put(f.family(), f);
                }
            } else if (path.endsWith(".drl")) {
                drls.put(path, file.getValue());
                List<RuleProblem> refused = RuleTextGate.check(path, file.getValue());
                problems.addAll(refused);
                gateRefused |= !refused.isEmpty();
            }
        }
        if (families.isEmpty()) {
            problems.add(new RuleProblem("families", 1, 1, "no condition family found under families/*.yaml"));
        }
        Catalogue catalogue = new Catalogue(families, brokenFamilies);
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            String text = file.getValue();
            if (path.equals("generic.yaml")) {
                Generic g = parse(path, text, Generic.class, problems);
                if (g != null && g.conditions() != null) {
                    genericSource = g.source();
                    generic = RuleSetChecks.dated(g.conditions(), null, null, g.source());
                    RuleSetChecks.checkConditions(path, text, generic, Set.of(ConditionDef.Family.FINANCIAL,
                            ConditionDef.Family.DATA_QUALITY), catalogue, problems);
                }
            } else if (path.equals("plan/conditions.yaml")) {
                PlanFile pf = parse(path, text, PlanFile.class, problems);
                if (pf != null && pf.conditions() != null) {
                    List<ConditionSpec> specs = new ArrayList<>();
                    Map<String, String> clauseFrom = new LinkedHashMap<>();
                    LocatedYaml at = LocatedYaml.of(text);
                    for (int i = 0; i < pf.conditions().size(); i++) {
                        PlanSpec ps = pf.conditions().get(i);
                        if (ps == null) {
                            continue;
                        }
                        specs.add(ps.spec().dated(null, null, pf.source()));
                        if (ps.clauseFrom() != null) {
                            String from = ps.clauseFrom();
                            String family = from.startsWith("region:") ? from.substring("region:".length()) : null;
                            if (!from.equals("distribution") && (family == null || !families.containsKey(family)
                                    || families.get(family).kind() != ConditionDef.Family.REGIONAL)) {
                                problems.add(at.problem(path, "/conditions/" + i + "/clauseFrom", "clauseFrom is "
                                        + "'distribution' or 'region:<family>' naming a regional family, not '" + from + "'"));
                            }
                            clauseFrom.put(ps.code(), from);
                        }
                    }
                    RuleSetChecks.checkConditions(path, text, specs, Set.of(ConditionDef.Family.PLAN), catalogue, problems);
                    plan = new RuleSet.PlanRules(pf.source(), List.copyOf(specs),
                            java.util.Collections.unmodifiableMap(clauseFrom));
                }
            } else if (path.startsWith("agreements/") && path.endsWith(".yaml")) {
                AgreementDef a = parse(path, text, AgreementDef.class, problems);
                if (a == null) {
                    brokenAgreements.add(path.substring("agreements/".length(), path.length() - ".yaml".length()));
                } else {
                    String expected = path.substring("agreements/".length(), path.length() - ".yaml".length());
                    if (!expected.equals(a.id())) {
                        problems.add(LocatedYaml.of(text).problem(path, "/id",
                                "agreement id '" + a.id() + "' must match the file name '" + expected + "'"));
                    }
                    a = new AgreementDef(a.id(), a.title(), a.source(), a.inherits(), a.basis(), a.amounts(),
                            a.distribution(), RuleSetChecks.dated(a.conditionList(), a.validFrom(), a.validTo(), a.source()),
                            a.note(), a.validFrom(), a.validTo(), a.period());
                    RuleSetChecks.checkDates(path, text, a, problems);
                    RuleSetChecks.checkConditions(path, text, a.conditionList(), Set.of(ConditionDef.Family.AGREEMENT,
                            ConditionDef.Family.FINANCIAL, ConditionDef.Family.DATA_QUALITY), catalogue, problems);
                    agreements.put(a.id(), a);
                }
            } else if (path.startsWith("regions/") && path.endsWith(".yaml")) {
                RegionDef r = parse(path, text, RegionDef.class, problems);
                if (r != null) {
                    LocatedYaml at = LocatedYaml.of(text);
                    if (Regions.name(r.region()).isEmpty()) {
                        problems.add(at.problem(path, "/region",
                                "'" + r.region() + "' is no SCB county code (länskod) of a region"));
                    } else if (!path.startsWith("regions/" + r.region() + "-")) {
                        problems.add(at.problem(path, "/region",
                                "a region file's name must start with its county code '" + r.region() + "-'"));
                    }
                    RuleSetChecks.checkLedgerFormat(path, at, r.ledger(), problems);
                    r = new RegionDef(r.region(), r.name(), r.source(),
                            RuleSetChecks.dated(r.conditionList(), r.validFrom(), r.validTo(), r.source()), r.categories(),
                            r.grants(), r.ledger(), r.validFrom(), r.validTo());
                    RuleSetChecks.checkDates(path, text, r.conditionList(), problems);
                    RuleSetChecks.checkConditions(path, text, r.conditionList(), Set.of(ConditionDef.Family.REGIONAL), catalogue,
                            problems);
                    regions.put(r.region(), r);
                }
            }
        }
        Map<String, AgreementDef> known = new TreeMap<>(agreements);
        brokenAgreements.forEach(id -> known.putIfAbsent(id, null));
        RuleSetChecks.checkReferences(files, known, regions, generic, problems);
        Populations populations = Populations.read(files, problems);

        // what the gate refuses is never compiled: compiling evaluates metadata and loads imported classes
        RuleEngine.Compiled compiled = problems.isEmpty() ? CompiledCache.read(cacheDir, drls) : null;
        boolean fromCache = compiled != null;
        if (compiled == null && !gateRefused) {
            try {
                compiled = RuleEngine.compile(drls);
            } catch (RuleSetException e) {
                problems.addAll(e.problems());
            }
        }
        if (compiled != null) {
            // the compiled classes, read back from a cache too: a rule base compiled before the gate was
            // stricter is judged by today's gate
            List<RuleProblem> refused = RuleEngine.gate(compiled, drls);
            if (!refused.isEmpty()) {
                problems.addAll(refused);
                compiled = null;
            } else if (!fromCache && problems.isEmpty()) {
                CompiledCache.write(cacheDir, drls, compiled);
            }
        }
        if (compiled != null) {
            RuleSetChecks.checkRules(compiled.rules(), families, problems);
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return new RuleSet(hash(files), Instant.now(), compiled.kieBase(),
                java.util.Collections.unmodifiableMap(catalogue.conditions), java.util.Collections.unmodifiableMap(agreements),
                java.util.Collections.unmodifiableMap(regions), compiled.rules(), List.copyOf(files.keySet()),
                java.util.Collections.unmodifiableMap(families),
                generic, genericSource, populations, plan);
    }

    /** The codes seen so far, in file order, each with the family that judges it. */
    /**
     * The severity a condition can carry on its source: Bidragskoll's own reading or assumption is at
     * most a WARNING, whatever the family's default.
     */
    public static ConditionDef.Severity weighed(ConditionDef.Severity severity, SourceRef source) {
        return RuleSetChecks.weighed(severity, source);
    }

    static final class Catalogue {
        final Map<String, FamilyDef> families;
        final Set<String> brokenFamilies;
        final Map<String, ConditionDef> conditions = new LinkedHashMap<>();

        Catalogue(Map<String, FamilyDef> families, Set<String> brokenFamilies) {
            this.families = families;
            this.brokenFamilies = brokenFamilies;
        }
    }

    private static <T> T parse(String path, String text, Class<T> type, List<RuleProblem> problems) {
        try {
            return YAML.readValue(text, type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : at.getLineNr();
            int column = at == null ? 1 : at.getColumnNr();
            org.yaml.snakeyaml.error.MarkedYAMLException m = marked(e);
            if (m != null && m.getProblemMark() != null) {
                line = m.getProblemMark().getLine() + 1;
                column = m.getProblemMark().getColumn() + 1;
            }
            problems.add(new RuleProblem(path, Math.max(1, line), Math.max(1, column), plain(e)));
            return null;
        }
    }

    /** A YAML or mapping error in one line of plain words, not the parser's own text. */
    static String plain(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'; known keys: " + u.getKnownPropertyIds();
        }
        org.yaml.snakeyaml.error.MarkedYAMLException marked = marked(e);
        if (marked != null || e instanceof com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException) {
            String problem = marked != null && marked.getProblem() != null ? marked.getProblem()
                    : String.valueOf(e.getOriginalMessage());
            String why;
            if (problem.contains("mapping values are not allowed")) {
                why = "a ':' inside a value: put the value in quotes, or indent it under its key";
            } else if (problem.contains("could not find expected ':'")) {
                why = "a line without ':' where a key was expected (or indented differently from the lines above)";
            } else if (problem.contains("'\\t'") || problem.contains("\\t")) {
                why = "a tab character: YAML indents with spaces only";
            } else if (problem.contains("flow sequence") || problem.contains("flow mapping")
                    || problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'")) {
                why = "a [ … ] or { … } that is not closed, or a missing comma inside it (a quotation mark left open?)";
            } else if (problem.contains("expected <block end>") || problem.contains("did not find expected key")
                    || problem.contains("did not find expected '-'")) {
                why = "the indentation does not line up with the lines above";
            } else if (problem.contains("unexpected end of stream") || problem.contains("quoted scalar")) {
                why = "a quotation mark that is not closed";
            } else if (problem.contains("duplicate key")) {
                why = "a key written twice in the same block";
            } else {
                why = "the text is not valid YAML here";
            }
            return "YAML syntax: " + why;
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
            String target = m.getTargetType() == null ? "another kind of value"
                    : describe(m.getTargetType());
            return "'" + field + "' has the wrong kind of value: expected " + target;
        }
        String message = e.getOriginalMessage() == null ? "cannot be read" : e.getOriginalMessage();
        int cut = message.indexOf(" at [Source");
        return (cut > 0 ? message.substring(0, cut) : message).replaceAll("\\s+", " ");
    }

    private static org.yaml.snakeyaml.error.MarkedYAMLException marked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    private static String describe(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a block of keys";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "text";
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
        MessageDigest digest = Sha256.digest();
        for (Map.Entry<String, String> file : files.entrySet()) {
            digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

}
