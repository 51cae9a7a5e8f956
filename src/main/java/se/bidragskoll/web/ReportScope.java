package se.bidragskoll.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.ConditionSpec;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.RuleSet;

/**
 * The conditions a dossier's page and its spreadsheet show: the judged agreement's (with those it
 * inherits), the region's own that name that agreement, and the generic ones. The report of the API
 * lists the whole catalogue; the page leaves out what is not applicable only because it belongs to
 * another agreement or region, since a reader takes a long list of "not applicable" for news.
 */
final class ReportScope {

    private ReportScope() {
    }

    /** The codes of the conditions that belong to this region's dossier for the agreement. */
    static Set<String> codes(RuleSet rules, String region, String agreement) {
        Set<String> codes = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (AgreementDef a = rules.agreement(agreement).orElse(null); a != null && seen.add(a.id());
             a = a.inherits() == null ? null : rules.agreement(a.inherits()).orElse(null)) {
            a.conditionList().forEach(c -> codes.add(c.code()));
        }
        RegionDef r = rules.region(region).orElse(null);
        if (r != null) {
            for (ConditionSpec c : r.conditionList()) {
                if (c.names(agreement)) {
                    codes.add(c.code());
                }
            }
        }
        rules.generic().forEach(c -> codes.add(c.code()));
        return codes;
    }

    /** Whether the page shows this condition of the report: anything judged, and what belongs to the dossier. */
    static boolean shown(JsonNode condition, Set<String> codes) {
        return !"NOT_APPLICABLE".equals(condition.path("result").asText()) || codes.contains(condition.path("code").asText());
    }

    /** A copy of the report with only the conditions the page shows. */
    static JsonNode scoped(JsonNode report, RuleSet rules) {
        Set<String> codes = codes(rules, report.path("region").asText(), report.path("agreement").asText());
        ObjectNode copy = report.deepCopy();
        ArrayNode kept = copy.arrayNode();
        report.path("conditions").forEach(c -> {
            if (shown(c, codes)) {
                kept.add(c);
            }
        });
        copy.set("conditions", kept);
        return copy;
    }
}
