package se.bidragskoll.ruleset;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * County populations (SCB) on the dates distribution keys use, from {@code rules/data/*.csv}
 * ({@code datum;lan;folkmangd;kalla}, {@code #} comments; county {@code 00} is the whole country).
 * Only verified figures are in the files: a county or date without one is simply absent.
 */
public final class Populations {

    /** The country as a whole in the data files. */
    public static final String COUNTRY = "00";

    private final Map<LocalDate, Map<String, Long>> figures;

    private Populations(Map<LocalDate, Map<String, Long>> figures) {
        this.figures = figures;
    }

    public static Populations empty() {
        return new Populations(Map.of());
    }

    /** The figures of the folder's {@code data/*.csv} files; a malformed row is a problem with its line. */
    static Populations read(Map<String, String> files, List<RuleProblem> problems) {
        Map<LocalDate, Map<String, Long>> figures = new HashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!f.getKey().startsWith("data/") || !f.getKey().endsWith(".csv")) {
                continue;
            }
            String[] rows = f.getValue().split("\\R");
            boolean header = true;
            for (int i = 0; i < rows.length; i++) {
                String row = rows[i].strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    if (!row.startsWith("datum;lan;folkmangd")) {
                        problems.add(new RuleProblem(f.getKey(), i + 1, 1,
                                "a population file starts with the header datum;lan;folkmangd;kalla"));
                        break;
                    }
                    continue;
                }
                String[] cols = row.split(";", -1);
                try {
                    LocalDate date = LocalDate.parse(cols[0].strip());
                    String county = cols[1].strip();
                    long population = Long.parseLong(cols[2].strip());
                    if (cols.length < 4 || cols[3].isBlank()) {
                        problems.add(new RuleProblem(f.getKey(), i + 1, 1, "the figure names no source (kalla)"));
                    }
                    if (!COUNTRY.equals(county) && Regions.name(county).isEmpty()) {
                        problems.add(new RuleProblem(f.getKey(), i + 1, 1, "'" + county + "' is no county code"));
                    }
                    Long before = figures.computeIfAbsent(date, d -> new HashMap<>()).put(county, population);
                    if (before != null) {
                        problems.add(new RuleProblem(f.getKey(), i + 1, 1, "county " + county + " on " + date
                                + " is given twice"));
                    }
                } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    problems.add(new RuleProblem(f.getKey(), i + 1, 1, "expected datum;lan;folkmangd;kalla, e.g. "
                            + "2017-12-31;19;271095;V"));
                }
            }
        }
        return new Populations(figures);
    }

    /** The county's population on the date, if a verified figure is in the data. */
    public Optional<Long> of(String county, LocalDate date) {
        return Optional.ofNullable(figures.getOrDefault(date, Map.of()).get(county));
    }
}
