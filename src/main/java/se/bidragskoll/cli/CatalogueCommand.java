package se.bidragskoll.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.ConditionDef;
import se.bidragskoll.ruleset.ConditionSpec;
import se.bidragskoll.ruleset.FamilyDef;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.SourceRef;
import se.bidragskoll.ruleset.RuleEngine;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetLoader;
import se.bidragskoll.scenario.Scenario;
import se.bidragskoll.scenario.ScenarioSuite;

/**
 * Writes the catalogue page {@code rules/README.md} from {@code conditions.yaml}, the rules and the
 * scenarios, so that the page never disagrees with them (a test compares the two).
 */
public final class CatalogueCommand {

    static final String BEGIN = "<!-- catalogue: generated from the agreement, region, generic and family files and the scenarios; do not edit by hand -->";
    static final String END = "<!-- end of catalogue -->";

    private CatalogueCommand() {
    }

    /**
     * The catalogue of the rule set under {@code dir}: per agreement, region and the generic file its
     * conditions (code, family, clause, parameters, severity, scenarios), then the families.
     */
    public static String table(Path dir) {
        RuleSet rules = RuleSetLoader.load(dir);
        List<Scenario> scenarios = ScenarioSuite.load(dir);
        StringBuilder out = new StringBuilder();
        for (AgreementDef a : rules.agreements().values()) {
            out.append("### Agreement `").append(a.id()).append("` — ").append(cell(a.title().sv())).append("\n\n");
            out.append("*").append(cell(a.title().en())).append("*. ").append(source(a.source()));
            if (a.basis() != null) {
                out.append(" ").append(cell(a.basis()));
            }
            if (a.inherits() != null) {
                out.append(" Inherits the conditions of `").append(a.inherits()).append("`.");
            }
            out.append(" File: [agreements/").append(a.id()).append(".yaml](agreements/").append(a.id())
                    .append(".yaml)\n\n");
            conditions(out, rules, a.conditionList(), scenarios);
        }
        for (RegionDef r : rules.regions().values()) {
            out.append("### Region ").append(r.region()).append(" — ").append(cell(r.name())).append("\n\n")
                    .append(source(r.source())).append("\n\n");
            conditions(out, rules, r.conditionList(), scenarios);
            if (r.grants() != null && !r.grants().isEmpty()) {
                out.append("How the region books its grants: ");
                out.append(r.grants().entrySet().stream().map(g -> "`" + g.getKey() + "`"
                        + (g.getValue().category() == null ? "" : " kategori " + g.getValue().category())
                        + (g.getValue().costObject() == null ? "" : ", objekt " + g.getValue().costObject())
                        + (g.getValue().clauses() == null ? "" : ", own clause for " + String.join(", ",
                                g.getValue().clauses().keySet())))
                        .collect(Collectors.joining("; "))).append(".\n\n");
            }
        }
        out.append("### Every dossier (`generic.yaml`)\n\n");
        conditions(out, rules, rules.generic(), scenarios);
        out.append("### Families\n\n| family | kind | parameters | needs | rules |\n|---|---|---|---|---|\n");
        for (FamilyDef f : rules.families().values()) {
            long count = rules.rules().stream().filter(r -> f.family().equals(r.family())).count();
            out.append("| `").append(f.family()).append("` | ").append(f.kind().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-')).append(" | ")
                    .append(f.params() == null ? "" : f.params().entrySet().stream()
                            .map(p -> "`" + p.getKey() + "` " + p.getValue().type().name().toLowerCase(java.util.Locale.ROOT)
                                    + (p.getValue().isRequired() ? "" : " (optional)"))
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(f.needs() == null ? "" : String.join(", ", f.needs()))
                    .append(" | [families/").append(f.family()).append(".drl](families/").append(f.family())
                    .append(".drl) (").append(count).append(") |\n");
        }
        return out.toString();
    }

    private static void conditions(StringBuilder out, RuleSet rules, List<ConditionSpec> specs, List<Scenario> scenarios) {
        out.append("| code | family | clause | parameters | severity | scenarios |\n|---|---|---|---|---|---|\n");
        for (ConditionSpec c : specs) {
            ConditionDef def = rules.conditions().get(c.code());
            Map<String, Integer> kinds = new TreeMap<>();
            scenarios.stream().filter(s -> s.expectedResults().containsKey(c.code()))
                    .forEach(s -> kinds.merge(s.kind(), 1, Integer::sum));
            String params = c.params() == null ? "" : c.params().entrySet().stream()
                    .map(p -> "`" + p.getKey() + "`: " + cell(p.getValue().toString()))
                    .collect(Collectors.joining("<br>"));
            out.append("| `").append(c.code()).append("` | `").append(c.family()).append("` | ")
                    .append(cell("\u201d" + c.source().clause() + "\u201d"))
                    .append(c.source().where() == null ? "" : " (" + cell(c.source().where()) + ")")
                    .append(c.source().kind() == null ? "" : " *" + c.source().kind() + "*")
                    .append(" | ").append(Boolean.TRUE.equals(c.unknown()) ? "unknown" : params).append(" | ")
                    .append(c.severity() != null ? c.severity() : def.severity()).append(" | ")
                    .append(kinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        out.append("\n");
    }

    private static String source(SourceRef s) {
        if (s == null) {
            return "";
        }
        return cell(s.document()) + (s.reference() == null ? "" : ", " + cell(s.reference()))
                + (s.seed() == null ? "" : " (seed " + s.seed() + ")") + (s.kind() == null ? "" : ", *" + s.kind() + "*")
                + ".";
    }

    /** The page with its generated part replaced by the current table. */
    public static String render(Path dir, String page) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            return page + "\n" + BEGIN + "\n\n" + table(dir) + "\n" + END + "\n";
        }
        return page.substring(0, begin) + BEGIN + "\n\n" + table(dir) + "\n" + page.substring(end);
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "rules");
        Path readme = dir.resolve("README.md");
        try {
            String page = Files.exists(readme) ? Files.readString(readme) : "";
            Files.writeString(readme, render(dir, page));
            System.out.println("wrote " + readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
