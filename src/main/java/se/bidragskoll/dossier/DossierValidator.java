package se.bidragskoll.dossier;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import se.bidragskoll.model.Allocation;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.Drawdown;
import se.bidragskoll.model.Event;
import se.bidragskoll.model.Indicator;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.Measure;
import se.bidragskoll.model.WaitingTimeReport;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.api.JsonLimits;
import se.bidragskoll.api.Limits;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.text.Text;
import se.bidragskoll.model.UnbalancedVoucher;

/**
 * Rejects a dossier that cannot be judged as sent: unknown region or agreement, negative or
 * over-precise amounts, items without the key that names them. Missing data is not an error here:
 * the conditions that need it say CANNOT_ASSESS.
 */
public final class DossierValidator {

    private DossierValidator() {
    }

    public static void check(Dossier d, RuleSet rules) {
        if (d == null) {
            throw BadInputException.of(null, "Underlaget saknas: skicka en dossier som JSON.",
                    "The dossier is missing: send it as JSON.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (d.region() == null || d.region().isBlank()) {
            errors.add(error("region", "Region saknas: ange länskoden, t.ex. \"23\".",
                    "Region is missing: give the county code, e.g. \"23\"."));
        } else if (Regions.name(d.region()).isEmpty()) {
            errors.add(error("region", "Okänd region \"" + d.region() + "\": ange SCB:s länskod med två siffror, t.ex. \"23\" eller \"19\".",
                    "Unknown region \"" + d.region() + "\": give SCB's two-digit county code, e.g. \"23\" or \"19\"."));
        }
        if (d.agreement() == null || d.agreement().isBlank()) {
            errors.add(error("agreement", "Överenskommelse saknas.", "Agreement is missing."));
        } else if (rules.agreement(d.agreement()).isEmpty()) {
            errors.add(error("agreement", "Okänd överenskommelse \"" + d.agreement() + "\". Kända: " + rules.agreements().keySet(),
                    "Unknown agreement \"" + d.agreement() + "\". Known: " + rules.agreements().keySet()));
        }
        if (d.grant() != null) {
            amount(errors, "grant.grantedAmount", d.grant().grantedAmount(), false);
            if (d.grant().category() != null && d.grant().category() < 1) {
                errors.add(error("grant.category", "Kategori måste vara ett positivt heltal.",
                        "Category must be a positive whole number."));
            }
        }
        if (d.actionPlan() != null && d.actionPlan().measures() != null) {
            List<Measure> measures = d.actionPlan().measures();
            for (int i = 0; i < measures.size(); i++) {
                String at = "actionPlan.measures[" + i + "]";
                if (measures.get(i) == null) {
                    errors.add(error(at, "Tom åtgärd.", "Empty measure."));
                    continue;
                }
                if (measures.get(i).id() == null || measures.get(i).id().isBlank()) {
                    errors.add(error(at + ".id", "Åtgärden saknar id.", "The measure has no id."));
                }
                amount(errors, at + ".amount", measures.get(i).amount(), false);
            }
        }
        if (d.allocations() != null) {
            for (int i = 0; i < d.allocations().size(); i++) {
                Allocation a = d.allocations().get(i);
                String at = "allocations[" + i + "]";
                if (a == null || a.unit() == null || a.unit().isBlank()) {
                    errors.add(error(at + ".unit", "Fördelningen saknar enhet.", "The allocation has no unit."));
                    continue;
                }
                amount(errors, at + ".amount", a.amount(), false);
            }
        }
        if (d.drawdowns() != null) {
            for (int i = 0; i < d.drawdowns().size(); i++) {
                Drawdown dd = d.drawdowns().get(i);
                if (dd == null) {
                    errors.add(error("drawdowns[" + i + "]", "Tomt avrop.", "Empty drawdown."));
                    continue;
                }
                // A negative drawdown is money returned to the grant (API.md, version 2: signs).
                amount(errors, "drawdowns[" + i + "].amount", dd.amount(), true);
            }
        }
        if (d.ledger() != null) {
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < d.ledger().size() && errors.size() < 100; i++) {
                LedgerLine l = d.ledger().get(i);
                if (l == null) {
                    errors.add(error("ledger[" + i + "]", "Tom huvudboksrad.", "Empty ledger line."));
                    continue;
                }
                if (l.amount() != null && Limits.inRange(l.amount())) {
                    total = total.add(l.amount().abs());
                }
                // A million lines are read here: a line's field names are made only when it has an error.
                if (!plain(l)) {
                    ledgerLine(errors, i, l);
                }
            }
            if (total.compareTo(Limits.MAX_LEDGER_TOTAL) > 0) {
                errors.add(error("ledger", "Huvudbokens belopp summerar (utan tecken) till mer än "
                                + Limits.MAX_LEDGER_TOTAL.toPlainString() + " kr.",
                        "The ledger's amounts add up (without sign) to more than "
                                + Limits.MAX_LEDGER_TOTAL.toPlainString() + " kronor."));
            }
        }
        if (d.voucherBalance() != null && d.voucherBalance().unbalanced() != null) {
            java.util.List<UnbalancedVoucher> unbalanced = d.voucherBalance().unbalanced();
            if (unbalanced.size() > 1000) {
                errors.add(error("voucherBalance.unbalanced", "Högst 1000 obalanserade verifikationer; här är det "
                        + unbalanced.size() + ".", "At most 1000 unbalanced vouchers; here there are " + unbalanced.size() + "."));
            }
            for (int i = 0; i < unbalanced.size() && i < 1000 && errors.size() < 100; i++) {
                UnbalancedVoucher v = unbalanced.get(i);
                String at = "voucherBalance.unbalanced[" + i + "]";
                if (v == null || v.voucher() == null && v.row() == null) {
                    errors.add(error(at, "Verifikationen saknar nummer och rad.", "The voucher has no number and no line."));
                    continue;
                }
                length(errors, at + ".voucher", v.voucher(), 100);
                amount(errors, at + ".difference", v.difference(), true);
            }
        }
        // Everything else (grant, plan, allocations, drawdowns, reports): free text and dates bounded.
        bounded(errors, "", d.withLedger(null));
        if (d.waitingTimeReports() != null) {
            for (int i = 0; i < d.waitingTimeReports().size(); i++) {
                WaitingTimeReport r = d.waitingTimeReports().get(i);
                if (r == null || r.month() == null) {
                    errors.add(error("waitingTimeReports[" + i + "].month", "Rapporten saknar månad (ÅÅÅÅ-MM).",
                            "The report has no month (YYYY-MM)."));
                }
            }
        }
        if (d.events() != null) {
            for (int i = 0; i < d.events().size(); i++) {
                Event e = d.events().get(i);
                if (e == null || e.kind() == null || e.kind().isBlank()) {
                    errors.add(error("events[" + i + "].kind", "Händelsen saknar slag; kända slag: " + EVENT_KINDS + ".",
                            "The event has no kind; known kinds: " + EVENT_KINDS + "."));
                } else if (!EVENT_KINDS.contains(e.kind())) {
                    errors.add(error("events[" + i + "].kind", "Okänt slag av händelse \"" + e.kind() + "\"; kända slag: "
                            + EVENT_KINDS + ".", "Unknown event kind \"" + e.kind() + "\"; known kinds: " + EVENT_KINDS + "."));
                }
            }
        }
        if (d.indicators() != null) {
            for (int i = 0; i < d.indicators().size(); i++) {
                Indicator x = d.indicators().get(i);
                if (x == null || x.indicator() == null || x.indicator().isBlank()) {
                    errors.add(error("indicators[" + i + "].indicator", "Indikatorn saknar namn.",
                            "The indicator has no name."));
                } else if (x.period() == null || x.period().isBlank()) {
                    errors.add(error("indicators[" + i + "].period", "Indikatorn " + x.indicator()
                            + " saknar period.", "The indicator " + x.indicator() + " has no period."));
                }
                if (x != null && x.value() != null && !Limits.inRange(x.value())) {
                    errors.add(error("indicators[" + i + "].value", "Värdet är för stort: högst "
                            + Limits.MAX_AMOUNT.toPlainString() + " (plus eller minus).",
                            "The value is too large: at most " + Limits.MAX_AMOUNT.toPlainString() + " (either sign)."));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    /** The kinds of dated events an agreement may set a deadline for (AGREEMENTS.md, "Events"). */
    public static final List<String> EVENT_KINDS = List.of("action-plan-submitted", "report-submitted",
            "financial-report-submitted", "payment-requested", "repayment-made", "application-submitted");

    /** Whether the ledger line has nothing {@link #ledgerLine} would name. */
    private static boolean plain(LedgerLine l) {
        BigDecimal amount = l.amount();
        return (amount == null || Limits.inRange(amount) && (amount.scale() <= 2 || amount.stripTrailingZeros().scale() <= 2))
                && (l.line() == null || l.line() >= 0)
                && fits(l.voucher(), 100) && fits(l.account(), 40) && fits(l.responsibility(), 40)
                && fits(l.activity(), 40) && fits(l.object(), 40) && fits(l.unit(), 60)
                && fits(l.measure(), 60) && fits(l.text(), 1000) && Limits.inRange(l.date());
    }

    private static boolean fits(String value, int max) {
        return value == null || value.length() <= max;
    }

    private static void ledgerLine(List<FieldError> errors, int i, LedgerLine l) {
        String at = "ledger[" + i + "]";
        amount(errors, at + ".amount", l.amount(), true);
        if (l.line() != null && l.line() < 0) {
            errors.add(error(at + ".line", "Radnumret " + l.line() + " är negativt; ange verifikationsradens nummer (0 eller större).",
                    "The line number " + l.line() + " is negative; give the voucher line's number (0 or more)."));
        }
        length(errors, at + ".voucher", l.voucher(), 100);
        length(errors, at + ".account", l.account(), 40);
        length(errors, at + ".responsibility", l.responsibility(), 40);
        length(errors, at + ".activity", l.activity(), 40);
        length(errors, at + ".object", l.object(), 40);
        length(errors, at + ".unit", l.unit(), 60);
        length(errors, at + ".measure", l.measure(), 60);
        length(errors, at + ".text", l.text(), 1000);
        date(errors, at + ".date", l.date());
    }

    private static void amount(List<FieldError> errors, String field, BigDecimal value, boolean signed) {
        if (value == null) {
            return;
        }
        if (!Limits.inRange(value)) {
            errors.add(error(field, "Beloppet är för stort: högst " + Limits.MAX_AMOUNT.toPlainString()
                            + " kr (plus eller minus).",
                    "The amount is too large: at most " + Limits.MAX_AMOUNT.toPlainString() + " kronor (either sign)."));
            return;
        }
        if (!signed && value.signum() < 0) {
            errors.add(error(field, "Beloppet " + value.toPlainString() + " är negativt; ange ett belopp som är 0 eller större.",
                    "The amount " + value.toPlainString() + " is negative; give an amount of 0 or more."));
        }
        if (value.stripTrailingZeros().scale() > 2) {
            errors.add(error(field, "Beloppet " + value.toPlainString() + " har fler än två decimaler (öre).",
                    "The amount " + value.toPlainString() + " has more than two decimals (öre)."));
        }
    }

    private static FieldError error(String field, String sv, String en) {
        return new FieldError(field, Text.of(sv, en));
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(error(field, "Texten är " + value.length() + " tecken; högst " + max + " tecken.",
                    "The text is " + value.length() + " characters; at most " + max + "."));
        }
    }

    private static void date(List<FieldError> errors, String field, LocalDate value) {
        if (!Limits.inRange(value)) {
            errors.add(new FieldError(field, JsonLimits.dateOutOfRange(value.toString())));
        }
    }

    /**
     * Walks the dossier's records and lists: a text longer than {@link Limits#MAX_TEXT} (or
     * {@link Limits#MAX_CODE} for the codes and names that findings quote) or a date out of range is an
     * error naming its field.
     */
    private static void bounded(List<FieldError> errors, String path, Object value) {
        if (value == null || errors.size() >= 100) {
            return;
        }
        if (value instanceof String text) {
            String name = path.substring(path.lastIndexOf('.') + 1);
            boolean freeText = FREE_TEXT.contains(name.replaceAll("\\[\\d+]$", ""));
            length(errors, path, text, freeText ? Limits.MAX_TEXT : Limits.MAX_CODE);
        } else if (value instanceof LocalDate date) {
            date(errors, path, date);
        } else if (value instanceof java.time.YearMonth month) {
            date(errors, path, month.atDay(1));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size() && errors.size() < 100; i++) {
                bounded(errors, path + "[" + i + "]", list.get(i));
            }
        } else if (value instanceof Record record) {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                try {
                    bounded(errors, path.isEmpty() ? c.getName() : path + "." + c.getName(),
                            c.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The fields of a dossier that hold prose rather than a code or a name. */
    private static final java.util.Set<String> FREE_TEXT = java.util.Set.of("title", "purpose", "exitPlan",
            "responsible", "text", "comment", "description");
}
