package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a region's plan as a fact, numbered from 1 as the plan's table shows it: its amounts,
 * whether it is permanent activity with an exit plan, and what the checker knows of its agreement
 * (the time its money is for, and the first of its own deadlines, by which a dossier is due).
 */
public record PlanLine(int line, String name, String agreement, boolean agreementKnown, String agreementTitle,
                       BigDecimal planAmount, BigDecimal administrationBudget, Boolean permanent,
                       boolean hasExitPlan, LocalDate periodFrom, LocalDate periodTo, LocalDate dossierDue) {

    /** The line as a finding names it. */
    public String ref() {
        return "line:" + line;
    }

    /** A field of the line as the submitted plan has it ({@code lines[0].permanent} is line 1's). */
    public String field(String name) {
        return "lines[" + (line - 1) + "]." + name;
    }

    public boolean hasAgreement() {
        return agreement != null && !agreement.isBlank();
    }

    public boolean periodKnown() {
        return periodFrom != null && periodTo != null;
    }

    /** Whether the agreement's money is for (a part of) {@code year}. */
    public boolean covers(int year) {
        return periodKnown() && periodFrom.getYear() <= year && periodTo.getYear() >= year;
    }

    public String period() {
        return periodKnown() ? periodFrom + "–" + periodTo : null;
    }
}
