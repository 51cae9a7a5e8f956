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
import se.bidragskoll.ruleset.ConditionDef;
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

    static final String BEGIN = "<!-- catalogue: generated from conditions.yaml, the rules and the scenarios; do not edit by hand -->";
    static final String END = "<!-- end of catalogue -->";

    private CatalogueCommand() {
    }

    /** The catalogue table for the rule set and scenarios under {@code dir}. */
    public static String table(Path dir) {
        RuleSet rules = RuleSetLoader.load(dir);
        List<Scenario> scenarios = ScenarioSuite.load(dir);
        StringBuilder out = new StringBuilder();
        out.append("| code | title | source | severity | file | scenarios |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (ConditionDef c : rules.conditions().values()) {
            TreeSet<String> files = rules.rules().stream().filter(r -> c.code().equals(r.code()))
                    .map(RuleEngine.RuleInfo::file).collect(Collectors.toCollection(TreeSet::new));
            Map<String, Integer> kinds = new TreeMap<>();
            scenarios.stream().filter(s -> s.expectedResults().containsKey(c.code()))
                    .forEach(s -> kinds.merge(s.kind(), 1, Integer::sum));
            String source = c.source().document() + (c.source().seed() == null ? "" : " (seed " + c.source().seed() + ")");
            out.append("| `").append(c.code()).append("` | ").append(cell(c.title().sv())).append("<br>*")
                    .append(cell(c.title().en())).append("* | ").append(cell(source)).append(" | ")
                    .append(c.severity()).append(" | ")
                    .append(files.stream().map(f -> "[" + f + "](" + f + ")").collect(Collectors.joining("<br>")))
                    .append(" | ")
                    .append(kinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return out.toString();
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
