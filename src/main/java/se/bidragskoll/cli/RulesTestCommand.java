package se.bidragskoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import se.bidragskoll.ruleset.ConditionDef;
import se.bidragskoll.ruleset.RuleProblem;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.ruleset.RuleSetLoader;
import se.bidragskoll.scenario.Scenario;
import se.bidragskoll.scenario.ScenarioResult;
import se.bidragskoll.scenario.ScenarioSuite;

/**
 * {@code test [DIR] [--report OUT]}: runs every scenario beside the rules, prints each by name, and
 * the coverage of results per condition code against {@code DIR/coverage.yaml}. With a report folder
 * it writes {@code junit.xml} and {@code rules.sarif} (SARIF 2.1.0). Exit 0 when every scenario passes
 * and coverage holds, 1 otherwise, 2 when the rules or scenario files are broken.
 */
public final class RulesTestCommand {

    /** A coverage shortfall: a code not seen with a result it must show. */
    record Shortfall(String code, Set<String> missing) {
    }

    private RulesTestCommand() {
    }

    public static int run(Path dir, Path report, PrintStream out) {
        RuleSet rules;
        List<Scenario> scenarios;
        try {
            rules = RuleSetLoader.load(dir);
            scenarios = ScenarioSuite.load(dir);
        } catch (RuleSetException e) {
            e.problems().forEach(p -> out.println(CheckCommand.located(dir, p)));
            if (report != null) {
                write(report, dir, List.of(), List.of(), e.problems());
            }
            // a broken rule file is a problem found, as check says it: the same exit code
            return 1;
        }
        List<ScenarioResult> results = new ArrayList<>();
        Map<String, Set<String>> coverage = new TreeMap<>();
        String currentFile = null;
        int failed = 0;
        for (Scenario scenario : scenarios) {
            if (!scenario.file().equals(currentFile)) {
                currentFile = scenario.file();
                out.println(currentFile);
            }
            ScenarioResult result = ScenarioSuite.run(rules, scenario);
            results.add(result);
            result.actualResults().forEach((code, got) -> coverage.computeIfAbsent(code, c -> new TreeSet<>()).add(got));
            if (result.passed()) {
                out.println("  PASS  " + scenario.name());
            } else {
                failed++;
                out.println("  FAIL  " + scenario.name() + "  (" + scenario.file() + ":" + scenario.line() + ")");
                result.mismatches().forEach(m -> out.println("          " + m));
            }
        }
        Map<String, Set<String>> required = required(dir, rules);
        List<Shortfall> shortfalls = new ArrayList<>();
        out.println();
        out.println("Coverage per condition (results seen in at least one scenario):");
        for (ConditionDef c : rules.conditions().values()) {
            Set<String> seen = coverage.getOrDefault(c.code(), Set.of());
            Set<String> missing = new TreeSet<>(required.get(c.code()));
            missing.removeAll(seen);
            if (!missing.isEmpty()) {
                shortfalls.add(new Shortfall(c.code(), missing));
            }
            out.printf("  %-28s %-52s %s%n", c.code(), seen.isEmpty() ? "(no scenario)" : String.join(", ", seen),
                    missing.isEmpty() ? "" : "MISSING " + String.join(", ", missing));
        }
        out.println();
        if (!shortfalls.isEmpty()) {
            out.println("Coverage below the threshold in " + dir.resolve("coverage.yaml") + ": " + shortfalls.size()
                    + " condition(s)");
        }
        if (report != null) {
            write(report, dir, results, shortfalls, List.of());
            out.println("Reports: " + report.resolve("junit.xml") + ", " + report.resolve("rules.sarif"));
        }
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 && shortfalls.isEmpty() ? 0 : 1;
    }

    /** The results each code must show, from coverage.yaml (PASS and FAIL when there is none). */
    static Map<String, Set<String>> required(Path dir, RuleSet rules) {
        Set<String> all = Set.of("PASS", "FAIL");
        JsonNode config = null;
        Path file = dir.resolve("coverage.yaml");
        if (Files.exists(file)) {
            try {
                config = RuleSetLoader.yaml().readTree(file.toFile());
                if (config.has("require")) {
                    Set<String> set = new TreeSet<>();
                    config.get("require").forEach(n -> set.add(n.asText()));
                    all = set;
                }
            } catch (IOException e) {
                throw new RuleSetException(List.of(new RuleProblem("coverage.yaml", 1, 1, e.getMessage())));
            }
        }
        Map<String, Set<String>> required = new LinkedHashMap<>();
        for (String code : rules.conditions().keySet()) {
            JsonNode exception = config == null ? null : config.path("exceptions").get(code);
            if (exception != null && exception.has("require")) {
                Set<String> set = new TreeSet<>();
                exception.get("require").forEach(n -> set.add(n.asText()));
                required.put(code, set);
            } else {
                required.put(code, all);
            }
        }
        return required;
    }

    private static void write(Path report, Path dir, List<ScenarioResult> results, List<Shortfall> shortfalls,
                              List<RuleProblem> problems) {
        try {
            Files.createDirectories(report);
            writeJunit(report.resolve("junit.xml"), results, problems);
            writeSarif(report.resolve("rules.sarif"), dir, results, shortfalls, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJunit(Path file, List<ScenarioResult> results, List<RuleProblem> problems)
            throws IOException {
        Map<String, List<ScenarioResult>> byFile = new LinkedHashMap<>();
        results.forEach(r -> byFile.computeIfAbsent(r.scenario().file(), f -> new ArrayList<>()).add(r));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(writer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "rules");
            xml.writeAttribute("tests", String.valueOf(results.size() + problems.size()));
            xml.writeAttribute("failures", String.valueOf(results.stream().filter(r -> !r.passed()).count()
                    + problems.size()));
            if (!problems.isEmpty()) {
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "check");
                xml.writeAttribute("tests", String.valueOf(problems.size()));
                xml.writeAttribute("failures", String.valueOf(problems.size()));
                for (RuleProblem p : problems) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", p.file());
                    xml.writeAttribute("name", p.file() + ":" + p.line());
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", p.message());
                    xml.writeCharacters(p.toString());
                    xml.writeEndElement();
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            for (Map.Entry<String, List<ScenarioResult>> suite : byFile.entrySet()) {
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", suite.getKey());
                xml.writeAttribute("tests", String.valueOf(suite.getValue().size()));
                xml.writeAttribute("failures", String.valueOf(suite.getValue().stream().filter(r -> !r.passed()).count()));
                for (ScenarioResult r : suite.getValue()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", suite.getKey().replace(".test.yaml", "").replace('/', '.'));
                    xml.writeAttribute("name", r.scenario().name());
                    if (!r.passed()) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", String.join("; ", r.mismatches()));
                        xml.writeCharacters(r.scenario().file() + ":" + r.scenario().line() + "\n"
                                + String.join("\n", r.mismatches()));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private static void writeSarif(Path file, Path dir, List<ScenarioResult> results, List<Shortfall> shortfalls,
                                   List<RuleProblem> problems) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "bidragskoll-rules");
        driver.put("semanticVersion", "1.0.0");
        ArrayNode rules = driver.putArray("rules");
        rule(rules, "rules-problem", "A rule, parameter or scenario file does not load");
        rule(rules, "scenario-failed", "A scenario's expectation does not hold");
        rule(rules, "coverage", "A condition code lacks scenarios showing a required result");
        ArrayNode out = run.putArray("results");
        for (RuleProblem p : problems) {
            result(out, "rules-problem", p.message(), dir.resolve(p.file()), p.line(), p.column());
        }
        for (ScenarioResult r : results) {
            if (!r.passed()) {
                result(out, "scenario-failed", r.scenario().name() + ": " + String.join("; ", r.mismatches()),
                        dir.resolve(r.scenario().file()), r.scenario().line(), 1);
            }
        }
        for (Shortfall s : shortfalls) {
            result(out, "coverage", s.code() + " is never seen as " + String.join(", ", s.missing())
                    + " in a scenario", dir.resolve("conditions.yaml"), 1, 1);
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static void rule(ArrayNode rules, String id, String text) {
        ObjectNode rule = rules.addObject();
        rule.put("id", id);
        rule.putObject("shortDescription").put("text", text);
    }

    private static void result(ArrayNode results, String ruleId, String message, Path file, int line, int column) {
        ObjectNode result = results.addObject();
        result.put("ruleId", ruleId);
        result.put("level", "error");
        result.putObject("message").put("text", message);
        ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
        location.putObject("artifactLocation").put("uri", file.toString().replace('\\', '/'));
        ObjectNode region = location.putObject("region");
        region.put("startLine", Math.max(1, line));
        region.put("startColumn", Math.max(1, column));
    }
}
