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
 * The checks a rules folder passes before it is compiled: dates, sources and their weight, family
 * schemas, conditions against the catalogue, references between files, rules against families, a
 * region's ledger settings. Each adds {@link RuleProblem}s with file, line and column.
 */
final class RuleSetChecks {

    private RuleSetChecks() {
    }

    /**
     * Each condition's clause inside the file's document (the file's source fills what the clause leaves
     * out), binding from the file's dates where it states none of its own.
     */
    static List<ConditionSpec> dated(List<ConditionSpec> specs, java.time.LocalDate from,
                                     java.time.LocalDate to, SourceRef fileSource) {
        if (specs == null) {
            return List.of();
        }
        List<ConditionSpec> out = new ArrayList<>();
        for (ConditionSpec c : specs) {
            if (c != null) {
                out.add(c.dated(from, to, fileSource));
            }
        }
        return List.copyOf(out);
    }

    /** An agreement's dates: its period and its conditions' validity run forwards, and every condition has a start. */
    static void checkDates(String path, String text, AgreementDef a, List<RuleProblem> problems) {
        LocatedYaml at = LocatedYaml.of(text);
        if (a.period() != null) {
            if (a.period().from() == null || a.period().to() == null) {
                problems.add(at.problem(path, "/period", "period needs both from and to"));
            } else if (a.period().from().isAfter(a.period().to())) {
                problems.add(at.problem(path, "/period/from", "period runs backwards: from " + a.period().from()
                        + " is after to " + a.period().to()));
            }
        }
        checkDates(path, text, a.conditionList(), problems);
    }

    static void checkDates(String path, String text, List<ConditionSpec> specs, List<RuleProblem> problems) {
        LocatedYaml at = LocatedYaml.of(text);
        for (int i = 0; i < specs.size(); i++) {
            ConditionSpec c = specs.get(i);
            String here = "/conditions/" + i;
            if (c.validFrom() == null) {
                problems.add(at.problem(path, here + "/code", "condition " + c.code() + " binds from no date: give "
                        + "validFrom, the date of the document it comes from, for the file or the condition"));
            } else if (c.validTo() != null && c.validFrom().isAfter(c.validTo())) {
                problems.add(at.problem(path, at.has(here + "/validFrom") ? here + "/validFrom" : "/validFrom",
                        "condition " + c.code() + " runs backwards: validFrom " + c.validFrom()
                                + " is after validTo " + c.validTo()));
            }
            if (c.params() != null && c.params().get("from") != null && c.params().get("to") != null
                    && c.params().get("from").isTextual() && c.params().get("to").isTextual()
                    && c.params().get("from").asText().compareTo(c.params().get("to").asText()) > 0) {
                problems.add(at.problem(path, here + "/params/from", c.code() + ": the period runs backwards: from "
                        + c.params().get("from").asText() + " is after to " + c.params().get("to").asText()));
            }
        }
    }

    /**
     * A source's kind is one the format knows; a quotation names the text it is from; Bidragskoll's own
     * reading or assumption is never an ERROR and never in quotation marks.
     */
    static void checkSource(String path, LocatedYaml at, String here, ConditionSpec c,
                                     List<RuleProblem> problems) {
        SourceRef s = c.source();
        if (s == null) {
            return;
        }
        if (s.kind() != null && !SourceRef.KINDS.contains(s.kind())) {
            problems.add(at.problem(path, at.has(here + "/source/kind") ? here + "/source/kind" : here + "/source",
                    "condition " + c.code() + ": unknown source kind '" + s.kind() + "'; known: "
                            + new TreeSet<>(SourceRef.KINDS)));
            return;
        }
        SourceRef.Provenance p = s.provenance();
        if (p == SourceRef.Provenance.QUOTED_IN && (s.quotedIn() == null || s.quotedIn().document() == null)) {
            problems.add(at.problem(path, here + "/source", "condition " + c.code() + " is quoted-in: name the "
                    + "document that quotes the binding words under source.quotedIn (region, document, seed)"));
        }
        if (s.quotedIn() != null && s.quotedIn().region() != null && Regions.name(s.quotedIn().region()).isEmpty()) {
            problems.add(at.problem(path, here + "/source/quotedIn/region", "'" + s.quotedIn().region()
                    + "' is no SCB county code of a region"));
        }
        if (p.ownWords()) {
            if (c.severity() == ConditionDef.Severity.ERROR) {
                problems.add(at.problem(path, here + "/severity", "condition " + c.code() + " rests on "
                        + p.id() + " (Bidragskoll's own words): at most WARNING, never ERROR"));
            }
            if (s.clause() != null && s.clause().matches("(?s).*[\"\u201d\u201c\u00bb\u00ab].*")) {
                problems.add(at.problem(path, here + "/source/clause", "condition " + c.code() + " is "
                        + p.id() + ": Bidragskoll's own words, so no quotation marks in its clause"));
            }
        }
    }

    static void checkFamily(String path, String text, FamilyDef f, List<RuleProblem> problems) {
        LocatedYaml at = LocatedYaml.of(text);
        String expected = path.substring("families/".length(), path.length() - ".yaml".length());
        if (!expected.equals(f.family())) {
            problems.add(at.problem(path, "/family", "family '" + f.family() + "' must match the file name '"
                    + expected + "'"));
        }
        if (f.kind() == null || f.severity() == null || f.title() == null || f.title().sv() == null
                || f.title().en() == null) {
            problems.add(at.problem(path, "/family", "family " + f.family()
                    + " needs kind, severity and a title in Swedish and English"));
        }
        if (f.params() != null) {
            f.params().forEach((name, p) -> {
                if (p == null || p.type() == null) {
                    problems.add(at.problem(path, "/params/" + name, "parameter '" + name + "' needs a type"));
                }
            });
        }
        if (f.needs() != null) {
            for (int i = 0; i < f.needs().size(); i++) {
                if (!DataNeed.known(f.needs().get(i))) {
                    problems.add(at.problem(path, "/needs/" + i, "unknown data need '" + f.needs().get(i)
                            + "'; known: " + DataNeed.names()));
                }
            }
        }
        if (f.messages() != null) {
            f.messages().forEach((key, m) -> {
                if (m == null || m.sv() == null || m.en() == null) {
                    problems.add(at.problem(path, "/messages/" + key, "message '" + key
                            + "' needs Swedish and English"));
                }
            });
        }
    }

    /**
     * Every condition of a file: a code, unique in the file; a known family of an allowed kind; its own
     * clause; parameters that the family declares, with values of the declared types, none missing.
     */
    static void checkConditions(String path, String text, List<ConditionSpec> specs,
                                Set<ConditionDef.Family> allowed, RuleSetLoader.Catalogue catalogue,
                                List<RuleProblem> problems) {
        LocatedYaml at = LocatedYaml.of(text);
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            ConditionSpec c = specs.get(i);
            String here = "/conditions/" + i;
            if (c.code() == null || c.code().isBlank()) {
                problems.add(at.problem(path, here, "a condition without a code"));
                continue;
            }
            Integer first = seen.putIfAbsent(c.code(), i);
            if (first != null) {
                RuleProblem there = at.problem(path, "/conditions/" + first + "/code", "");
                problems.add(at.problem(path, here + "/code", "condition " + c.code() + " is listed twice in this "
                        + "file: here and at " + path + ":" + there.line() + ":" + there.column()));
            }
            FamilyDef family = c.family() == null ? null : catalogue.families.get(c.family());
            if (family == null && catalogue.brokenFamilies.contains(c.family())) {
                continue;
            }
            if (family == null) {
                problems.add(at.problem(path, here + (c.family() == null ? "" : "/family"), "condition " + c.code()
                        + (c.family() == null ? " names no family" : " names unknown family '" + c.family() + "'")
                        + "; known: " + catalogue.families.keySet()));
                continue;
            }
            if (family.kind() != null && !allowed.contains(family.kind())) {
                problems.add(at.problem(path, here + "/family", "condition " + c.code() + " is of the "
                        + kindName(family.kind()) + " family " + family.family() + ", which belongs in "
                        + whereKind(family.kind()) + ", not in " + path));
            }
            if (c.source() == null || c.source().clause() == null || c.source().clause().isBlank()) {
                problems.add(at.problem(path, here + (c.source() == null ? "/code" : "/source/clause"), "condition "
                        + c.code() + " cites no clause: give source.clause, the words that bind it"));
            } else if (c.source().document() == null || c.source().document().isBlank()) {
                problems.add(at.problem(path, here + "/source", "condition " + c.code()
                        + " names no document: give source.document here or for the whole file"));
            }
            checkSource(path, at, here, c, problems);
            Map<String, FamilyDef.Param> declared = family.params() == null ? Map.of() : family.params();
            Map<String, com.fasterxml.jackson.databind.JsonNode> given = c.params() == null ? Map.of() : c.params();
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> p : given.entrySet()) {
                FamilyDef.Param spec = declared.get(p.getKey());
                if (spec == null) {
                    problems.add(at.problem(path, here + "/params/" + p.getKey(), "family " + family.family()
                            + " has no parameter '" + p.getKey() + "'; it has " + declared.keySet()));
                } else if (spec.type() != null) {
                    String why = Parameters.problem(p.getKey(), spec.type(), p.getValue());
                    if (why != null) {
                        problems.add(at.problem(path, here + "/params/" + p.getKey(), c.code() + ": " + why));
                    }
                }
            }
            if (!Boolean.TRUE.equals(c.unknown())) {
                for (Map.Entry<String, FamilyDef.Param> p : declared.entrySet()) {
                    if (p.getValue() != null && p.getValue().isRequired() && !given.containsKey(p.getKey())) {
                        problems.add(at.problem(path, here + (c.params() == null ? "/code" : "/params"), c.code()
                                + " (family " + family.family() + ") needs parameter '" + p.getKey() + "'"
                                + " (or unknown: true when the source names the term but not its value)"));
                    }
                }
            }
            ConditionDef known = catalogue.conditions.get(c.code());
            if (known != null && !family.family().equals(known.familyName())) {
                problems.add(at.problem(path, here + "/family", "code " + c.code() + " is family "
                        + known.familyName() + " in " + known.definedIn() + ": a code means one thing everywhere"));
            } else if (known != null) {
                List<String> in = new ArrayList<>(known.definedIn());
                in.add(path);
                catalogue.conditions.put(c.code(), new ConditionDef(known.code(), known.family(), known.severity(),
                        known.title(), known.source(), known.messages(), known.parameters(), known.retiredOn(),
                        known.familyName(), List.copyOf(in)));
            } else {
                catalogue.conditions.put(c.code(), new ConditionDef(c.code(), family.kind(),
                        weighed(c.severity() != null ? c.severity() : family.severity(), c.source()),
                        c.title() != null ? c.title() : family.title(), c.source(),
                        family.messages() == null ? Map.of() : family.messages(),
                        List.copyOf(declared.keySet()), c.retiredOn(), family.family(), List.of(path)));
            }
        }
    }

    /**
     * The severity a condition can carry on its source: Bidragskoll's own reading or assumption is at
     * most a WARNING, whatever the family's default.
     */
    public static ConditionDef.Severity weighed(ConditionDef.Severity severity, SourceRef source) {
        if (severity == ConditionDef.Severity.ERROR && source != null && source.provenance().ownWords()) {
            return ConditionDef.Severity.WARNING;
        }
        return severity;
    }

    static String kindName(ConditionDef.Family kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static String whereKind(ConditionDef.Family kind) {
        return switch (kind) {
            case AGREEMENT -> "an agreement file";
            case REGIONAL -> "a region file";
            case FINANCIAL, DATA_QUALITY -> "generic.yaml (an agreement file may repeat the code with its own clause)";
            case PLAN -> "plan/conditions.yaml";
        };
    }

    /** Inherited agreements exist; region grants name known agreements; appliesTo names known agreements. */
    static void checkReferences(Map<String, String> files, Map<String, AgreementDef> agreements,
                                Map<String, RegionDef> regions, List<ConditionSpec> generic,
                                List<RuleProblem> problems) {
        Set<String> genericCodes = new java.util.HashSet<>();
        generic.forEach(g -> genericCodes.add(g.code()));
        for (AgreementDef a : agreements.values()) {
            if (a == null) {
                continue;
            }
            String path = "agreements/" + a.id() + ".yaml";
            LocatedYaml at = LocatedYaml.of(files.get(path));
            if (a.inherits() != null && !agreements.containsKey(a.inherits())) {
                problems.add(at.problem(path, "/inherits", "inherits unknown agreement '" + a.inherits() + "'"));
            }
            List<ConditionSpec> list = a.conditionList();
            for (int i = 0; i < list.size(); i++) {
                ConditionSpec c = list.get(i);
                if (c.code() != null && (c.code().startsWith("FIN-") || c.code().startsWith("DATA-"))
                        && !genericCodes.contains(c.code())) {
                    problems.add(at.problem(path, "/conditions/" + i + "/code", c.code()
                            + " is not a generic code of generic.yaml: give an agreement condition its own prefix"));
                }
            }
        }
        for (RegionDef r : regions.values()) {
            String path = files.keySet().stream().filter(f -> f.startsWith("regions/" + r.region() + "-"))
                    .findFirst().orElse("regions/" + r.region());
            LocatedYaml at = LocatedYaml.of(files.get(path));
            if (r.grants() != null) {
                for (Map.Entry<String, RegionDef.GrantRules> g : r.grants().entrySet()) {
                    if (!agreements.containsKey(g.getKey())) {
                        problems.add(at.problem(path, "/grants/" + g.getKey(), "unknown agreement '" + g.getKey() + "'"));
                    }
                    if (g.getValue() != null && g.getValue().clauses() != null) {
                        for (Map.Entry<String, SourceRef> cl : g.getValue().clauses().entrySet()) {
                            if (!genericCodes.contains(cl.getKey())) {
                                problems.add(at.problem(path, "/grants/" + g.getKey() + "/clauses/" + cl.getKey(),
                                "clauses may only be given for generic codes of generic.yaml, not "
                                        + cl.getKey()));
                            }
                            if (cl.getValue() == null || cl.getValue().clause() == null) {
                                problems.add(at.problem(path, "/grants/" + g.getKey() + "/clauses/" + cl.getKey(),
                                cl.getKey() + ": give the clause"));
                            }
                        }
                    }
                }
            }
            List<ConditionSpec> list = r.conditionList();
            for (int i = 0; i < list.size(); i++) {
                com.fasterxml.jackson.databind.JsonNode to = list.get(i).appliesTo();
                if (to != null && to.isArray()) {
                    for (int j = 0; j < to.size(); j++) {
                        if (!agreements.containsKey(to.get(j).asText())) {
                            problems.add(at.problem(path, "/conditions/" + i + "/appliesTo/" + j,
                                    "unknown agreement '" + to.get(j).asText() + "'"));
                        }
                    }
                } else if (to != null && !to.isNull() && !"all".equals(to.asText())
                        && !agreements.containsKey(to.asText())) {
                    problems.add(at.problem(path, "/conditions/" + i + "/appliesTo",
                            "appliesTo is 'all' or a list of agreement ids, not '" + to.asText() + "'"));
                }
            }
        }
    }

    static void checkRules(List<RuleEngine.RuleInfo> rules, Map<String, FamilyDef> families,
                                   List<RuleProblem> problems) {
        Map<String, List<RuleEngine.RuleInfo>> byFamily = new LinkedHashMap<>();
        for (RuleEngine.RuleInfo rule : rules) {
            if (rule.family() == null || rule.family().isBlank()) {
                problems.add(new RuleProblem(rule.file(), rule.line(), 1,
                        "rule \"" + rule.name() + "\" has no @family: every rule judges the conditions of a family"));
                continue;
            }
            FamilyDef family = families.get(rule.family());
            if (family == null) {
                problems.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name()
                        + "\" claims family " + rule.family() + ", which families/ does not declare"));
                continue;
            }
            if (rule.message() != null && (family.messages() == null
                    || !family.messages().containsKey(rule.message()))) {
                problems.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name()
                        + "\" uses @message(" + rule.message() + "), which family " + rule.family() + " does not define"));
            }
            if (rule.severity() != null && !Set.of("ERROR", "WARNING", "INFO").contains(rule.severity())) {
                problems.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name()
                        + "\" has @severity(" + rule.severity() + "): use ERROR, WARNING or INFO"));
            }
            byFamily.computeIfAbsent(rule.family(), k -> new ArrayList<>()).add(rule);
        }
        for (Map.Entry<String, List<RuleEngine.RuleInfo>> e : byFamily.entrySet()) {
            Set<String> parts = new java.util.HashSet<>();
            for (RuleEngine.RuleInfo rule : e.getValue()) {
                if (e.getValue().size() > 1 && (rule.part() == null || rule.part().isBlank())) {
                    problems.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name()
                            + "\" shares family " + e.getKey() + " with other rules: mark each with @part(…)"));
                } else if (rule.part() != null && !parts.add(rule.part())) {
                    problems.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name()
                            + "\" repeats @part(" + rule.part() + ") of family " + e.getKey()));
                }
            }
        }
        for (FamilyDef f : families.values()) {
            if (!byFamily.containsKey(f.family())) {
                problems.add(new RuleProblem("families/" + f.family() + ".yaml", 1, 1,
                        "family " + f.family() + " has no rule: write families/" + f.family() + ".drl"));
            }
        }
    }

    /**
     * A region's {@code ledger.sie.dimensions}: each key a ledger field an SIE dimension can carry,
     * each value a dimension number (1–9999), no number for two fields.
     */
    static void checkLedgerFormat(String path, LocatedYaml at, RegionDef.LedgerFormat ledger,
                                  List<RuleProblem> problems) {
        if (ledger == null || ledger.sie() == null || ledger.sie().dimensions() == null) {
            return;
        }
        Map<Integer, String> seen = new java.util.HashMap<>();
        for (Map.Entry<String, Integer> e : ledger.sie().dimensions().entrySet()) {
            String pointer = "/ledger/sie/dimensions/" + e.getKey();
            if (!LedgerColumns.isDimensionField(e.getKey())) {
                problems.add(at.problem(path, pointer, "'" + e.getKey() + "' is no ledger field a dimension carries:"
                        + " use objekt, ansvar, verksamhet, enhet or åtgärd"));
            } else if (e.getValue() == null || e.getValue() < 1 || e.getValue() > 9999) {
                problems.add(at.problem(path, pointer, "a dimension number is 1 to 9999, not " + e.getValue()));
            } else if (seen.containsKey(e.getValue())) {
                problems.add(at.problem(path, pointer, "dimension " + e.getValue() + " is already '"
                        + seen.get(e.getValue()) + "'"));
            } else {
                seen.put(e.getValue(), e.getKey());
            }
        }
    }
}
