package se.bidragskoll.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.bidragskoll.text.Messages;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.api.Labels;

/**
 * People's words for what the stored reports say in the API's terms: a dossier's field paths
 * ({@code grant.grantedAmount}, 0-based {@code ledger[3].amount}, a plan's {@code line:1}), the items
 * behind a finding ({@code field}, {@code ledger}, {@code plan-total}…), region codes and instants.
 * Swedish names as in the dossier workbook's sheets and columns; rows counted from 1, as the sheets do;
 * amounts kept on one line (no-break spaces between digit groups and before "kr").
 */
public final class Words {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(STOCKHOLM);
    private static final char NBSP = '\u00a0';

    /** A dossier's fields and lists (a plan's lines too), Swedish and English. */
    private static final Map<String, String[]> FIELDS = Map.ofEntries(
            Map.entry("region", new String[]{"Region", "Region"}),
            Map.entry("agreement", new String[]{"Överenskommelse", "Agreement"}),
            Map.entry("asOf", new String[]{"Bedöms per datum", "Assessed as of"}),
            Map.entry("grant", new String[]{"Bidrag", "Grant"}),
            Map.entry("grant.grantedAmount", new String[]{"Beviljat belopp", "Granted amount"}),
            Map.entry("grant.receivedOn", new String[]{"Medlen mottagna", "Funds received"}),
            Map.entry("grant.category", new String[]{"Kategori", "Category"}),
            Map.entry("grant.costObject", new String[]{"Objekt", "Cost object"}),
            Map.entry("grant.responsible", new String[]{"Ansvarig", "Responsible"}),
            Map.entry("actionPlan", new String[]{"Handlingsplan", "Action plan"}),
            Map.entry("actionPlan.submittedOn", new String[]{"Handlingsplan inskickad", "Action plan submitted"}),
            Map.entry("actionPlan.recipient", new String[]{"Handlingsplan skickad till", "Action plan sent to"}),
            Map.entry("actionPlan.decidedBy", new String[]{"Handlingsplan beslutad av", "Action plan decided by"}),
            Map.entry("actionPlan.decidedOn", new String[]{"Handlingsplan beslutad", "Action plan decided"}),
            Map.entry("actionPlan.measures", new String[]{"Åtgärder", "Measures"}),
            Map.entry("steeringGroupAnalysis", new String[]{"Styrgruppens analys", "Steering group's analysis"}),
            Map.entry("steeringGroupAnalysis.date", new String[]{"Styrgruppens analys", "Steering group's analysis"}),
            Map.entry("allocations", new String[]{"Fördelningar", "Allocations"}),
            Map.entry("drawdowns", new String[]{"Avrop", "Drawdowns"}),
            Map.entry("events", new String[]{"Händelser", "Events"}),
            Map.entry("ledger", new String[]{"Huvudbok", "Ledger"}),
            Map.entry("waitingTimeReports", new String[]{"Väntetidsrapporter", "Waiting-time reports"}),
            Map.entry("indicators", new String[]{"Indikatorer", "Indicators"}),
            Map.entry("lines", new String[]{"Planens rader", "Plan lines"}),
            Map.entry("statedTotals", new String[]{"Angivna summor", "Stated totals"}));

    /** The columns of a list's rows. */
    private static final Map<String, String[]> COLUMNS = Map.ofEntries(
            Map.entry("id", new String[]{"Id", "Id"}),
            Map.entry("title", new String[]{"Titel", "Title"}),
            Map.entry("area", new String[]{"Område", "Area"}),
            Map.entry("purpose", new String[]{"Syfte", "Purpose"}),
            Map.entry("amount", new String[]{"Belopp", "Amount"}),
            Map.entry("permanent", new String[]{"Permanent", "Permanent"}),
            Map.entry("exitPlan", new String[]{"Avvecklingsplan", "Exit plan"}),
            Map.entry("unit", new String[]{"Enhet", "Unit"}),
            Map.entry("date", new String[]{"Datum", "Date"}),
            Map.entry("kind", new String[]{"Typ", "Kind"}),
            Map.entry("recipient", new String[]{"Mottagare", "Recipient"}),
            Map.entry("reference", new String[]{"Referens", "Reference"}),
            Map.entry("voucher", new String[]{"Verifikation", "Voucher"}),
            Map.entry("line", new String[]{"Rad", "Line"}),
            Map.entry("account", new String[]{"Konto", "Account"}),
            Map.entry("responsibility", new String[]{"Ansvar", "Responsibility"}),
            Map.entry("activity", new String[]{"Verksamhet", "Activity"}),
            Map.entry("object", new String[]{"Objekt", "Cost object"}),
            Map.entry("measure", new String[]{"Åtgärd", "Measure"}),
            Map.entry("text", new String[]{"Text", "Text"}),
            Map.entry("month", new String[]{"Månad", "Month"}),
            Map.entry("deliveredOn", new String[]{"Levererad", "Delivered"}),
            Map.entry("indicator", new String[]{"Indikator", "Indicator"}),
            Map.entry("period", new String[]{"Period", "Period"}),
            Map.entry("value", new String[]{"Värde", "Value"}),
            Map.entry("name", new String[]{"Namn", "Name"}),
            Map.entry("planAmount", new String[]{"Planbelopp", "Plan amount"}),
            Map.entry("administrationBudget", new String[]{"Budget i förvaltningen", "Administration budget"}),
            Map.entry("statedShare", new String[]{"Regionens andel enligt källan", "Region's share per the source"}));

    /** What kind of item a finding rests on. */
    private static final Map<String, String[]> FACTS = Map.ofEntries(
            Map.entry("ledger", new String[]{"Huvudboksrad", "Ledger line"}),
            Map.entry("voucher", new String[]{"Verifikation", "Voucher"}),
            Map.entry("measure", new String[]{"Åtgärd", "Measure"}),
            Map.entry("allocation", new String[]{"Fördelning", "Allocation"}),
            Map.entry("drawdown", new String[]{"Avrop", "Drawdown"}),
            Map.entry("month", new String[]{"Månad", "Month"}),
            Map.entry("indicator", new String[]{"Indikator", "Indicator"}),
            Map.entry("area", new String[]{"Område", "Area"}),
            Map.entry("event", new String[]{"Händelse", "Event"}),
            Map.entry("plan-total", new String[]{"Summan av", "Total of"}),
            Map.entry("ledger-total", new String[]{"Summan av", "Total of"}),
            Map.entry("total", new String[]{"Summa", "Total"}),
            Map.entry("line", new String[]{"Planrad", "Plan line"}));

    private static final Pattern INDEXED = Pattern.compile(
            "\\b(ledger|actionPlan\\.measures|allocations|drawdowns|events|indicators|waitingTimeReports|lines)\\[(\\d+)\\](?:\\.([A-Za-z]+))?");
    private static final Pattern PLAN_LINE = Pattern.compile("\\bline:(\\d+)\\b");
    private static final Pattern DOTTED = Pattern.compile("\\b(grant|actionPlan|steeringGroupAnalysis|statedTotals)\\.([A-Za-z]+)\\b");
    /** An ordinary space inside an amount (12 600 000) or before its unit (600 000,00 kr). */
    private static final Pattern AMOUNT_SPACE = Pattern.compile("(?<=\\d) (?=\\d{3}(?!\\d))|(?<=\\d) (?=(kr|mnkr|procent|%)(?![\\p{L}]))");
    private static final Pattern MISSING = Pattern.compile("(Underlag saknas|Missing data): (.+?)\\.(?=\\s|$)");

    private Words() {
    }

    private static int lang(Locale locale) {
        return Messages.english(locale) ? 1 : 0;
    }

    /** A field path as people name it: {@code ledger[3].amount} is "Huvudbok, rad 4, Belopp". */
    public static String field(String path, Locale locale) {
        if (path == null || path.isBlank()) {
            return "";
        }
        String[] known = FIELDS.get(path);
        if (known != null) {
            return known[lang(locale)];
        }
        return text(path, locale);
    }

    /** Every field path, plan line or "missing data" list in a text, in people's words. */
    public static String text(String text, Locale locale) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        int l = lang(locale);
        String out = replace(MISSING, text, m -> m.group(1) + ": " + String.join(", ",
                java.util.Arrays.stream(m.group(2).split(",\\s*")).map(f -> FIELDS.containsKey(f) ? FIELDS.get(f)[l] : f)
                        .toList()) + ".");
        out = replace(INDEXED, out, m -> {
            String list = FIELDS.get(m.group(1))[l];
            int row = Integer.parseInt(m.group(2)) + 1;
            String column = m.group(3) == null ? null
                    : COLUMNS.containsKey(m.group(3)) ? COLUMNS.get(m.group(3))[l] : m.group(3);
            return list + ", " + (l == 1 ? "row" : "rad") + NBSP + row + (column == null ? "" : ", " + column);
        });
        out = AMOUNT_SPACE.matcher(out).replaceAll(String.valueOf(NBSP));
        out = replace(PLAN_LINE, out, m -> (l == 1 ? "line" : "rad") + NBSP + m.group(1));
        out = replace(DOTTED, out, m -> {
            String[] known = FIELDS.get(m.group(1) + "." + m.group(2));
            if (known != null) {
                return known[l];
            }
            String[] column = COLUMNS.get(m.group(2));
            return FIELDS.get(m.group(1))[l] + ", " + (column == null ? m.group(2) : column[l]);
        });
        return out;
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One item behind a finding, e.g. "Huvudboksrad A 104233/2 (rad 4)", "Beviljat belopp". */
    public static String fact(String type, String ref, Integer row, Locale locale) {
        int l = lang(locale);
        if ("field".equals(type)) {
            return field(ref, locale);
        }
        String[] kind = FACTS.get(type);
        String what = kind == null ? type : kind[l];
        String item = "plan-total".equals(type) || "ledger-total".equals(type) || "total".equals(type)
                ? lower(field(ref, locale)) : "line".equals(type) ? ref.replaceFirst("^line:", "") : ref;
        return what + (item == null || item.isEmpty() ? "" : " " + item)
                + (row == null ? "" : " (" + (l == 1 ? "row" : "rad") + NBSP + row + ")");
    }

    /** The items behind a finding as one line. */
    public static String facts(Iterable<JsonNode> facts, Locale locale) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : facts) {
            out.add(fact(x.path("type").asText(), x.path("ref").asText(), x.hasNonNull("row") ? x.get("row").asInt() : null,
                    locale));
        }
        return String.join(", ", out);
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Region codes as names: "Region Västmanland" for 19. */
    public static String regions(java.util.Collection<String> codes) {
        return String.join(", ", codes.stream().sorted().map(c -> Regions.name(c).orElse(c)).toList());
    }

    /** An instant as a time in Stockholm, to the minute. */
    public static String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at);
    }

    /** Qute: {@code {c.detail.words(lang)}}, {@code {p.submittedAt.local}} in the templates that get texts from elsewhere. */
    @TemplateExtension
    static final class Templates {

        static String words(String text, String lang) {
            return Words.text(text, Locale.forLanguageTag(lang == null ? "sv" : lang));
        }

        static String local(Instant at) {
            return Words.minute(at);
        }

        /** The label of an outcome, result, severity or status, given as a code or an enum. */
        static String label(Object code, String lang) {
            return code == null ? "" : Labels.of(code.toString(),
                    Locale.forLanguageTag(lang == null ? "sv" : lang));
        }
    }
}
