package se.bidragskoll.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.text.Text;
import se.bidragskoll.model.RegionPlan;

/** What a region plan must hold before it is judged: a region, a year, lines with names and sound amounts. */
public final class PlanValidator {

    private PlanValidator() {
    }

    public static void check(RegionPlan plan) {
        if (plan == null) {
            throw BadInputException.of(null, "Planen saknas: skicka regionens plan som JSON.",
                    "The plan is missing: send the region's plan as JSON.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (plan.region() == null || Regions.name(plan.region()).isEmpty()) {
            errors.add(error("region", "Ange regionens länskod med två siffror, t.ex. \"19\".",
                    "Give the region's two-digit county code, e.g. \"19\"."));
        }
        if (plan.year() == null || plan.year() < 2000 || plan.year() > 2100) {
            errors.add(error("year", "Ange planens år, t.ex. 2023.", "Give the plan's year, e.g. 2023."));
        }
        if (plan.precision() != null && plan.precision().signum() <= 0) {
            errors.add(error("precision", "Precisionen är det antal kronor beloppen är avrundade till och måste vara större än 0.",
                    "The precision is the number of kronor the figures are rounded to and must be above 0."));
        }
        if (plan.lines() == null || plan.lines().isEmpty()) {
            errors.add(error("lines", "Planen har inga rader.", "The plan has no lines."));
        } else {
            for (int i = 0; i < plan.lines().size(); i++) {
                RegionPlan.Line l = plan.lines().get(i);
                if (l == null || l.name() == null || l.name().isBlank()) {
                    errors.add(error("lines[" + i + "].name", "Raden saknar namn.", "The line has no name."));
                    continue;
                }
                amount(errors, "lines[" + i + "].planAmount", l.planAmount());
                amount(errors, "lines[" + i + "].administrationBudget", l.administrationBudget());
            }
        }
        if (plan.statedTotals() != null) {
            amount(errors, "statedTotals.planAmount", plan.statedTotals().planAmount());
            amount(errors, "statedTotals.administrationBudget", plan.statedTotals().administrationBudget());
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    private static void amount(List<FieldError> errors, String field, BigDecimal value) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0) {
            errors.add(error(field, "Beloppet " + value.toPlainString() + " är negativt.",
                    "The amount " + value.toPlainString() + " is negative."));
        }
        if (value.stripTrailingZeros().scale() > 2) {
            errors.add(error(field, "Beloppet " + value.toPlainString() + " har fler än två decimaler (öre).",
                    "The amount " + value.toPlainString() + " has more than two decimals (öre)."));
        }
    }

    private static FieldError error(String field, String sv, String en) {
        return new FieldError(field, Text.of(sv, en));
    }
}
