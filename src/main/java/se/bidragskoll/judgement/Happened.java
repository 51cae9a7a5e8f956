package se.bidragskoll.judgement;

import java.time.LocalDate;

/**
 * An event of the dossier as the rules see it: only events dated on or before {@code asOf} (an event
 * dated later has not happened yet as of {@code asOf}), and undated ones, which {@code field} names.
 * The action plan's {@code submittedOn} is the {@code action-plan-submitted} event.
 */
public record Happened(String kind, LocalDate date, String recipient, String reference, String field) {

    /** The event kind of an action plan reaching its recipient ({@code actionPlan.submittedOn}). */
    public static final String ACTION_PLAN_SUBMITTED = "action-plan-submitted";

    /** The dossier field where an event of this kind is given. */
    public static String fieldOf(String kind) {
        return ACTION_PLAN_SUBMITTED.equals(kind) ? "actionPlan.submittedOn" : "events";
    }

    public String ref() {
        return reference != null ? reference : kind + (date == null ? "" : "@" + date);
    }
}
