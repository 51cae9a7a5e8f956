package se.bidragskoll.api;

import java.util.Locale;
import java.util.Map;

/**
 * What people read for the API's enum values (outcome, result, severity, status, decision): Swedish
 * by default, English on request. The API itself keeps the codes; pages and workbooks show these.
 */
public final class Labels {

    private static final Map<String, String[]> LABELS = Map.ofEntries(
            // outcome
            Map.entry("COMPLIANT", new String[]{"Uppfyller villkoren", "Compliant"}),
            Map.entry("INCOMPLETE", new String[]{"Ofullständigt bedömd", "Incomplete"}),
            Map.entry("NON_COMPLIANT", new String[]{"Uppfyller inte villkoren", "Not compliant"}),
            // condition result
            Map.entry("PASS", new String[]{"Uppfyllt", "Met"}),
            Map.entry("FAIL", new String[]{"Ej uppfyllt", "Not met"}),
            Map.entry("CANNOT_ASSESS", new String[]{"Kan inte bedömas", "Cannot be assessed"}),
            Map.entry("NOT_YET_DUE", new String[]{"Ej förfallet", "Not yet due"}),
            Map.entry("NOT_APPLICABLE", new String[]{"Ej tillämpligt", "Not applicable"}),
            // severity
            Map.entry("ERROR", new String[]{"Fel", "Error"}),
            Map.entry("WARNING", new String[]{"Varning", "Warning"}),
            Map.entry("INFO", new String[]{"Information", "Information"}),
            // finding status
            Map.entry("OPEN", new String[]{"Öppen", "Open"}),
            Map.entry("ACKNOWLEDGED", new String[]{"Kvitterad", "Acknowledged"}),
            Map.entry("WAIVED", new String[]{"Undantagen", "Waived"}),
            Map.entry("RESOLVED", new String[]{"Åtgärdad", "Resolved"}),
            // decision and audit actions
            Map.entry("ACKNOWLEDGE", new String[]{"Kvittera", "Acknowledge"}),
            Map.entry("WAIVE", new String[]{"Undanta", "Waive"}),
            Map.entry("REOPEN", new String[]{"Öppna igen", "Reopen"}),
            Map.entry("SUBMITTED", new String[]{"Inskickad", "Submitted"}),
            Map.entry("REJUDGED", new String[]{"Prövad igen när en tidsfrist passerat", "Judged again when a deadline passed"}),
            Map.entry("OPENED", new String[]{"Öppnad", "Opened"}),
            Map.entry("RECURRED", new String[]{"Återkom", "Recurred"}),
            Map.entry("WAIVER_EXPIRED", new String[]{"Undantag utgånget", "Waiver expired"}));

    private Labels() {
    }

    /** The label of a code in the language; an unknown code as it is. */
    public static String of(String code, Locale locale) {
        if (code == null) {
            return "";
        }
        String[] label = LABELS.get(code);
        if (label == null) {
            return code;
        }
        return locale != null && "en".equals(locale.getLanguage()) ? label[1] : label[0];
    }

    /** Every label in the language, by code. */
    public static Map<String, String> all(Locale locale) {
        Map<String, String> all = new java.util.HashMap<>();
        LABELS.keySet().forEach(code -> all.put(code, of(code, locale)));
        return all;
    }

    public static String swedish(String code) {
        return of(code, Locale.forLanguageTag("sv"));
    }
}
