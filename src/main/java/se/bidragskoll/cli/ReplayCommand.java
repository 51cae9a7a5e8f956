package se.bidragskoll.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.ledger.LedgerStore;
import se.bidragskoll.judgement.Evaluator;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.ruleset.RuleSetLoader;
import se.bidragskoll.api.DossierJson;
import se.bidragskoll.api.SwedishDates;

/**
 * {@code replay [DIR] --against JDBC_URL}: judges every stored dossier (the latest revision per region
 * and agreement) with the rules in DIR and shows, per region and condition, the findings that would
 * appear or disappear compared with the stored reports, and writes the same as JSON. Exits 0 when
 * it replayed, 2 when the rules do not load, 3 when the stored dossiers cannot be read.
 */
public final class ReplayCommand {

    /** A finding as compared: its fingerprint identifies it across rule sets. */
    public record FindingRef(String fingerprint, String severity, String message, java.math.BigDecimal amount) {
    }

    /** What changes for one condition of one dossier. */
    public record Change(String code, String before, String after, List<FindingRef> added, List<FindingRef> removed) {
    }

    /** The changes for one stored dossier. */
    public record DossierChanges(String dossier, String region, String agreement, int revision, String storedRuleset,
                                 List<Change> changes) {
    }

    /** The whole replay, as written to JSON. */
    public record Replay(String ruleset, String against, int dossiers, int added, int removed,
                         List<DossierChanges> changed) {
    }

    // Stored dossiers are read like submitted ones, but may carry fields of an older version.
    private static final ObjectMapper JSON = DossierJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReplayCommand() {
    }

    public static int run(Path dir, String against, String user, String password, Path jsonFile, PrintStream out) {
        if (against == null) {
            throw new IllegalArgumentException("replay needs --against JDBC_URL (the service's database)");
        }
        RuleSet rules;
        try {
            rules = RuleSetLoader.load(dir);
        } catch (RuleSetException e) {
            e.problems().forEach(p -> out.println(CheckCommand.located(dir, p)));
            out.println("The rules in " + dir + " do not load; nothing replayed.");
            return Commands.BAD_INPUT;
        }
        Replay replay;
        try {
            replay = replay(rules, against, user, password);
        } catch (SQLException e) {
            out.println("Cannot read the stored dossiers from " + against + ": " + e.getMessage());
            return Commands.COULD_NOT_RUN;
        }
        print(replay, out);
        Path file = jsonFile != null ? jsonFile : Path.of("replay.json");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), replay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("JSON: " + file);
        return 0;
    }

    public static Replay replay(RuleSet rules, String url, String user, String password) throws SQLException {
        List<DossierChanges> changed = new ArrayList<>();
        int dossiers = 0;
        int added = 0;
        int removed = 0;
        String sql = """
                SELECT d.id, d.region, d.agreement, r.revision, r.content, rep.report_sv, rep.ruleset_version, r.ledger_id
                FROM dossier d
                JOIN dossier_revision r ON r.dossier_id = d.id AND r.revision = d.latest_revision
                LEFT JOIN report rep ON rep.id = (SELECT MAX(x.id) FROM report x WHERE x.revision_id = r.id)
                ORDER BY d.region, d.agreement""";
        try (Connection c = DriverManager.getConnection(url, user, password == null ? "" : password);
             PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                dossiers++;
                String ledgerId = rs.getString(8);
                List<LedgerLine> ledger = ledgerId == null ? null : LedgerStore.lines(c, ledgerId);
                DossierChanges changes = compare(rules, rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), ledger, rs.getString(6), rs.getString(7));
                if (!changes.changes().isEmpty()) {
                    changed.add(changes);
                    for (Change ch : changes.changes()) {
                        added += ch.added().size();
                        removed += ch.removed().size();
                    }
                }
            }
        }
        return new Replay(rules.version(), url, dossiers, added, removed, changed);
    }

    static DossierChanges compare(RuleSet rules, String id, String region, String agreement, int revision,
                                  String content, List<LedgerLine> ledger, String storedReport, String storedRuleset) {
        try {
            Dossier dossier = JSON.readValue(content, Dossier.class);
            if (ledger != null) {
                dossier = dossier.withLedger(ledger);
            }
            JsonNode stored = storedReport == null ? JSON.createObjectNode() : JSON.readTree(storedReport);
            LocalDate asOf = dossier.asOf() != null ? dossier.asOf()
                    : stored.hasNonNull("asOf") ? LocalDate.parse(stored.get("asOf").asText()) : SwedishDates.today(java.time.Clock.systemUTC());
            Report now = Evaluator.judge(rules, dossier, asOf).swedish();
            Map<String, String> before = new LinkedHashMap<>();
            stored.path("conditions").forEach(n -> before.put(n.path("code").asText(), n.path("result").asText()));
            Map<String, Map<String, FindingRef>> storedFindings = new LinkedHashMap<>();
            stored.path("findings").forEach(f -> storedFindings.computeIfAbsent(f.path("code").asText(),
                    k -> new LinkedHashMap<>()).put(f.path("fingerprint").asText(), new FindingRef(
                    f.path("fingerprint").asText(), f.path("severity").asText(), f.path("message").asText(),
                    f.hasNonNull("amount") ? f.get("amount").decimalValue() : null)));
            Map<String, Map<String, FindingRef>> newFindings = new LinkedHashMap<>();
            for (Report.Finding f : now.findings()) {
                newFindings.computeIfAbsent(f.code(), k -> new LinkedHashMap<>()).put(f.fingerprint(),
                        new FindingRef(f.fingerprint(), f.severity(), f.message(), f.amount()));
            }
            List<Change> changes = new ArrayList<>();
            for (Report.ConditionResult c : now.conditions()) {
                Map<String, FindingRef> was = storedFindings.getOrDefault(c.code(), Map.of());
                Map<String, FindingRef> is = newFindings.getOrDefault(c.code(), Map.of());
                List<FindingRef> plus = is.values().stream().filter(f -> !was.containsKey(f.fingerprint())).toList();
                List<FindingRef> minus = was.values().stream().filter(f -> !is.containsKey(f.fingerprint())).toList();
                String old = before.get(c.code());
                if (!plus.isEmpty() || !minus.isEmpty() || !Objects.equals(old, c.result().name())) {
                    changes.add(new Change(c.code(), old, c.result().name(), plus, minus));
                }
            }
            return new DossierChanges(id, region, agreement, revision, storedRuleset, changes);
        } catch (IOException | RuntimeException e) {
            return new DossierChanges(id, region, agreement, revision, storedRuleset,
                    List.of(new Change("(dossier)", null, "cannot be judged: " + e.getMessage(), List.of(), List.of())));
        }
    }

    static void print(Replay replay, PrintStream out) {
        out.println("Replay of " + replay.dossiers() + " stored dossier(s) with rule set " + replay.ruleset());
        if (replay.changed().isEmpty()) {
            out.println("No finding would appear or disappear.");
            return;
        }
        out.printf("%-6s %-32s %-28s %-26s %7s %7s%n", "region", "agreement", "condition", "result", "+added",
                "-removed");
        for (DossierChanges d : replay.changed()) {
            for (Change c : d.changes()) {
                out.printf("%-6s %-32s %-28s %-26s %7d %7d%n", d.region(), d.agreement(), c.code(),
                        c.before() + " -> " + c.after(), c.added().size(), c.removed().size());
                c.added().forEach(f -> out.println("         + " + f.severity() + " " + f.message()));
                c.removed().forEach(f -> out.println("         - " + f.severity() + " " + f.message()));
            }
        }
        out.println(replay.added() + " finding(s) would appear, " + replay.removed() + " would disappear, in "
                + replay.changed().size() + " dossier(s).");
    }
}
