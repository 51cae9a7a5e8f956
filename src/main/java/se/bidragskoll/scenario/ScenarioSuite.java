package se.bidragskoll.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.judgement.Fact;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.ruleset.RuleProblem;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.api.DossierJson;
import se.bidragskoll.api.SwedishDates;
import se.bidragskoll.judgement.YearDossier;
import se.bidragskoll.judgement.YearEvaluator;
import se.bidragskoll.model.RegionPlan;

/**
 * Reads the scenario files ({@code *.test.yaml}) of a rules folder and runs them against a rule set.
 * A file has {@code defaults} (a partial dossier merged under every scenario's) and {@code scenarios};
 * a scenario's {@code expect} maps condition codes to results and may add {@code facts} (the refs of
 * the findings of those codes), {@code amount} (their total), {@code findings} (their number) and
 * {@code outcome}; {@code missing} (the fields a CANNOT_ASSESS names), {@code clause} (words of the clause
 * every finding of those codes cites) and {@code message} (words of one finding's Swedish message).
 */
public final class ScenarioSuite {

    public static final Set<String> KINDS = Set.of("pass", "fail", "boundary", "missing-data");
    private static final Set<String> EXPECT_KEYS = Set.of("facts", "amount", "findings", "outcome", "severity", "missing",
            "clause", "message", "document", "notDocument", "detail");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectMapper JSON = DossierJson.mapper();

    private ScenarioSuite() {
    }

    /** The documents a finding names: its source's and, for a quotation, the quoting document's. */
    private static String cited(Report.Finding f) {
        if (f.source() == null) {
            return "";
        }
        return (f.source().document() == null ? "" : f.source().document())
                + (f.source().quotedIn() == null ? "" : " | " + f.source().quotedIn().document());
    }

    /** Every scenario under {@code dir}, file by file; problems in the files throw with FILE:LINE:COL. */
    public static List<Scenario> load(Path dir) {
        List<Scenario> scenarios = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path file : files(dir)) {
            String rel = dir.relativize(file).toString().replace('\\', '/');
            try {
                String text = Files.readString(file);
                JsonNode root = YAML.readTree(text);
                if (root == null || !root.isObject() || !root.path("scenarios").isArray()) {
                    problems.add(new RuleProblem(rel, 1, 1, "a scenario file needs a list 'scenarios'"));
                    continue;
                }
                JsonNode defaults = root.path("defaults");
                for (JsonNode s : root.path("scenarios")) {
                    int line = lineOf(text, s.path("name").asText());
                    String name = s.path("name").asText(null);
                    String kind = s.path("kind").asText(null);
                    if (name == null || name.isBlank()) {
                        problems.add(new RuleProblem(rel, line, 1, "a scenario without a name"));
                        continue;
                    }
                    if (kind == null || !KINDS.contains(kind)) {
                        problems.add(new RuleProblem(rel, line, 1, "scenario '" + name + "' needs kind: one of " + new TreeSet<>(KINDS)));
                    }
                    boolean plan = s.has("plan") || root.path("subject").asText("").equals("plan");
                    JsonNode dossier = merge(defaults.isObject() ? defaults.deepCopy() : YAML.createObjectNode(),
                            s.path(plan ? "plan" : "dossier"));
                    if (plan && s.has("dossiers")) {
                        ((ObjectNode) dossier).set("dossiers", s.get("dossiers").deepCopy());
                    }
                    Map<String, String> results = new LinkedHashMap<>();
                    JsonNode expect = s.path("expect");
                    for (Iterator<Map.Entry<String, JsonNode>> it = expect.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (!EXPECT_KEYS.contains(e.getKey())) {
                            results.put(e.getKey(), e.getValue().asText());
                        }
                    }
                    if (results.isEmpty()) {
                        problems.add(new RuleProblem(rel, line, 1, "scenario '" + name + "' expects no condition result"));
                    }
                    scenarios.add(new Scenario(rel, line, name, kind, dossier, results, expect, plan));
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                problems.add(new RuleProblem(rel, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                        e.getOriginalMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return scenarios;
    }

    /** Judges the scenario's dossier and compares what the rules said with what it expects. */
    public static ScenarioResult run(RuleSet rules, Scenario scenario) {
        List<String> mismatches = new ArrayList<>();
        Map<String, String> actual = new LinkedHashMap<>();
        Report report;
        try {
            if (scenario.plan()) {
                report = judgePlan(rules, scenario.dossier());
            } else {
                Dossier dossier = JSON.treeToValue(scenario.dossier(), Dossier.class);
                report = Evaluator.judge(rules, dossier, dossier.asOf() != null ? dossier.asOf() : SwedishDates.today(java.time.Clock.systemUTC())).swedish();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            mismatches.add("the dossier cannot be judged: " + e.getMessage());
            return new ScenarioResult(scenario, mismatches, actual);
        }
        for (String code : scenario.expectedResults().keySet()) {
            if (rules.condition(code).isEmpty()) {
                mismatches.add(code + ": no agreement, region or generic file has this condition code");
                continue;
            }
            String got = report.conditions().stream().filter(c -> c.code().equals(code)).findFirst()
                    .map(c -> c.result().name()).orElse("(none)");
            actual.put(code, got);
            if (!scenario.expectedResults().get(code).equals(got)) {
                mismatches.add(code + ": expected " + scenario.expectedResults().get(code) + ", got " + got);
            }
        }
        List<Report.Finding> findings = report.findings().stream()
                .filter(f -> scenario.expectedResults().containsKey(f.code())).toList();
        JsonNode expect = scenario.expect();
        if (expect.has("facts")) {
            Set<String> expected = new TreeSet<>();
            expect.get("facts").forEach(n -> expected.add(n.asText()));
            Set<String> got = new TreeSet<>();
            for (Report.Finding f : findings) {
                f.facts().stream().map(Fact::ref).forEach(got::add);
            }
            if (!expected.equals(got)) {
                mismatches.add("facts: expected " + expected + ", got " + got);
            }
        }
        if (expect.has("amount")) {
            BigDecimal expected = expect.get("amount").decimalValue();
            BigDecimal got = findings.stream().map(Report.Finding::amount).filter(a -> a != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (expected.compareTo(got) != 0) {
                mismatches.add("amount: expected " + expected.toPlainString() + ", got " + got.toPlainString());
            }
        }
        if (expect.has("findings") && expect.get("findings").asInt() != findings.size()) {
            mismatches.add("findings: expected " + expect.get("findings").asInt() + ", got " + findings.size());
        }
        if (expect.has("severity")) {
            Set<String> got = new TreeSet<>();
            findings.forEach(f -> got.add(f.severity()));
            if (!got.equals(Set.of(expect.get("severity").asText()))) {
                mismatches.add("severity: expected " + expect.get("severity").asText() + ", got " + got);
            }
        }
        if (expect.has("missing")) {
            Set<String> expected = new TreeSet<>();
            expect.get("missing").forEach(n -> expected.add(n.asText()));
            Set<String> got = new TreeSet<>();
            report.conditions().stream().filter(c -> scenario.expectedResults().containsKey(c.code())
                    && c.missing() != null).forEach(c -> got.addAll(c.missing()));
            if (!expected.equals(got)) {
                mismatches.add("missing: expected " + expected + ", got " + got);
            }
        }
        if (expect.has("clause")) {
            String words = expect.get("clause").asText();
            for (Report.Finding f : findings) {
                if (f.source() == null || f.source().clause() == null || !f.source().clause().contains(words)) {
                    mismatches.add("clause: " + f.id() + " cites '" + (f.source() == null ? null : f.source().clause())
                            + "', not words '" + words + "'");
                }
            }
            if (findings.isEmpty()) {
                mismatches.add("clause: no finding to cite '" + words + "'");
            }
        }
        if (expect.has("document")) {
            String words = expect.get("document").asText();
            for (Report.Finding f : findings) {
                if (!cited(f).contains(words)) {
                    mismatches.add("document: " + f.id() + " cites '" + cited(f) + "', not words '" + words + "'");
                }
            }
            if (findings.isEmpty()) {
                mismatches.add("document: no finding to cite '" + words + "'");
            }
        }
        if (expect.has("notDocument")) {
            String words = expect.get("notDocument").asText();
            for (Report.Finding f : findings) {
                if (cited(f).contains(words)) {
                    mismatches.add("notDocument: " + f.id() + " cites '" + cited(f) + "', which names '" + words + "'");
                }
            }
        }
        if (expect.has("detail")) {
            String words = expect.get("detail").asText();
            if (report.conditions().stream().noneMatch(c -> c.detail() != null && c.detail().contains(words))) {
                mismatches.add("detail: no condition's result says '" + words + "'");
            }
        }
        if (expect.has("message")) {
            String words = expect.get("message").asText();
            if (findings.stream().noneMatch(f -> f.message().contains(words))) {
                mismatches.add("message: no finding says '" + words + "'; they say "
                        + findings.stream().map(Report.Finding::message).toList());
            }
        }
        if (expect.has("outcome") && !expect.get("outcome").asText().equals(report.outcome().name())) {
            mismatches.add("outcome: expected " + expect.get("outcome").asText() + ", got " + report.outcome());
        }
        return new ScenarioResult(scenario, mismatches, actual);
    }

    /**
     * Judges a plan scenario: the plan, and as the year's stored dossiers its {@code dossiers} (each
     * {@code id}, {@code agreement}, {@code grantedAmount}, {@code outcome}).
     */
    private static Report judgePlan(RuleSet rules, JsonNode node) throws JsonProcessingException {
        ObjectNode planNode = (ObjectNode) node.deepCopy();
        JsonNode given = planNode.remove("dossiers");
        RegionPlan plan = JSON.treeToValue(planNode, RegionPlan.class);
        List<YearDossier> dossiers = new ArrayList<>();
        if (given != null) {
            for (JsonNode d : given) {
                String agreement = d.path("agreement").asText();
                dossiers.add(new YearDossier(d.path("id").asText(agreement), agreement,
                        rules.agreement(agreement).map(a -> a.title() == null ? a.id() : a.title().sv()).orElse(agreement),
                        d.path("revision").asInt(1),
                        d.hasNonNull("grantedAmount") ? d.get("grantedAmount").decimalValue() : null,
                        d.path("outcome").asText(null)));
            }
        }
        LocalDate today = SwedishDates.today(java.time.Clock.systemUTC());
        return YearEvaluator.judge(rules, plan, dossiers, today).swedish();
    }

    private static JsonNode merge(ObjectNode base, JsonNode over) {
        if (over == null || !over.isObject()) {
            return base;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = base.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, e.getValue());
            } else if (e.getValue().isNull()) {
                base.remove(e.getKey());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return base;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".test.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int lineOf(String text, String needle) {
        if (needle == null || needle.isEmpty()) {
            return 1;
        }
        int at = text.indexOf(needle);
        return at < 0 ? 1 : 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    }
}
