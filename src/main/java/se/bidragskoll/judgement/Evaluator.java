package se.bidragskoll.judgement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.judgement.Report.Result;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.RuleEngine;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.model.Event;
import se.bidragskoll.model.Indicator;
import se.bidragskoll.share.DistributionKey;
import se.bidragskoll.text.Text;

/**
 * Judges one dossier with one rule set: resolves which conditions apply on {@code asOf}, maps the
 * dossier to facts, lets the rules fire, and decides once which conditions lack the data they need.
 * {@link ReportRenderer} turns that into the report.
 */
public final class Evaluator {

    private static final Logger LOG = Logger.getLogger(Evaluator.class);

    private Evaluator() {
    }

    public static Evaluation judge(RuleSet rules, Dossier dossier, LocalDate today) {
        Context context = context(rules, dossier, today, dossier.voucherBalance() != null);
        Ledger ledger = dossier.ledger() == null ? null
                : Ledger.of(LedgerLine.numbered(dossier.ledger()), context.scope(), context.terms());
        return evaluation(rules, dossier, context, ledger != null, fire(rules, dossier, context, ledger));
    }

    /**
     * Judges a dossier whose ledger is too large to hold ({@code dossier.ledger()} is ignored): the
     * ledger is read from {@code source} twice (see {@link StreamedLedgerJudge}), and only the lines
     * that findings name are kept. The report is the one {@link #judge(RuleSet, Dossier, LocalDate)}
     * gives for the same lines.
     */
    public static Evaluation judge(RuleSet rules, Dossier dossier, LedgerSource source, LocalDate today) {
        Context context = context(rules, dossier, today, source.wholeVouchers());
        long start = System.nanoTime();
        // the file's vouchers are known once the first pass has read them, before the rules first fire
        StreamedLedgerJudge.Result result = StreamedLedgerJudge.judge(source, context.scope(), context.terms(),
                ledger -> fire(rules, withVouchers(dossier, source), context, ledger));
        LOG.debugf("streamed %s/%s: %s in %d ms", dossier.region(), dossier.agreement(), result.stats(),
                (System.nanoTime() - start) / 1_000_000);
        return evaluation(rules, withVouchers(dossier, source), context, true, result.verdicts());
    }

    private static Dossier withVouchers(Dossier dossier, LedgerSource source) {
        return source.wholeVouchers() ? dossier.withLedger(dossier.ledger(), source.voucherBalance()) : dossier;
    }

    /** The family that judges whether a ledger file's vouchers balance. */
    static final String VOUCHER_BALANCE = "ledger-voucher-balance";

    /** What a judgement needs besides the facts: the conditions that apply on {@code asOf} and their terms. */
    private record Context(LocalDate asOf, Conditions.Applicable applicable, AgreementTerms terms,
                           RegionTerms regionTerms, GrantScope scope) {
    }

    private static Context context(RuleSet rules, Dossier dossier, LocalDate today, boolean wholeVouchers) {
        Optional<RegionDef> region = rules.region(dossier.region());
        LocalDate asOf = dossier.asOf() != null ? dossier.asOf() : today;
        Conditions.Applicable applicable = Conditions.resolve(rules, dossier.region(), dossier.agreement(), asOf);
        if (!wholeVouchers) {
            // A ledger of lines only (CSV, the dossier's own lines) has no balancing rows: whether its
            // vouchers balance cannot be told, and is not asked.
            applicable = applicable.without(VOUCHER_BALANCE, Text.of(
                    "Gäller en huvudbok med hela verifikationer (SIE 4); den här har bara konteringsrader.",
                    "Applies to a ledger of whole vouchers (SIE 4); this one has ledger lines only."));
        }
        RegionTerms regionTerms = regionTerms(dossier.region(), region.orElse(null), dossier.agreement());
        return new Context(asOf, applicable, terms(dossier.agreement(), applicable), regionTerms,
                scope(dossier, regionTerms));
    }

    private static Verdicts fire(RuleSet rules, Dossier dossier, Context context, Ledger ledger) {
        long start = System.nanoTime();
        List<Object> facts = new ArrayList<>(context.applicable().conditions());
        facts.add(new Judgement(dossier.region(), dossier.agreement(), context.asOf()));
        facts.add(context.terms());
        facts.add(context.regionTerms());
        facts.add(context.scope());
        if (dossier.grant() != null) {
            facts.add(dossier.grant());
        }
        if (dossier.actionPlan() != null) {
            facts.add(dossier.actionPlan());
            if (dossier.actionPlan().measures() != null) {
                facts.add(Measures.of(dossier.actionPlan().measures()));
                facts.addAll(dossier.actionPlan().measures());
            }
        }
        facts.addAll(happened(dossier, context.asOf()));
        if (dossier.allocations() != null) {
            facts.add(Allocations.of(dossier.allocations()));
            facts.addAll(dossier.allocations());
        }
        if (dossier.voucherBalance() != null && dossier.voucherBalance().unbalanced() != null) {
            facts.addAll(dossier.voucherBalance().unbalanced());
        }
        if (ledger != null) {
            facts.add(ledger);
            facts.addAll(ledger.getGroups());
            facts.addAll(ledger.getPositions());
        }
        if (dossier.drawdowns() != null) {
            facts.add(new Drawdowns(List.copyOf(dossier.drawdowns())));
            facts.addAll(dossier.drawdowns());
            facts.addAll(DrawdownPosition.of(dossier.drawdowns(), ledger));
        }
        if (dossier.waitingTimeReports() != null) {
            facts.add(WaitingTimes.of(dossier.waitingTimeReports(), context.asOf()));
        }
        if (dossier.steeringGroupAnalysis() != null) {
            facts.add(dossier.steeringGroupAnalysis());
        }
        facts.addAll(Indicator.facts(dossier.indicators()));
        facts.addAll(DistributionKey.facts(rules, dossier));

        Verdicts out = new Verdicts();
        long fire = System.nanoTime();
        try {
            RuleEngine.fire(rules.kieBase(), facts, out);
        } catch (RuntimeException e) {
            throw TooManyFindingsException.unwrap(e);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("judged %s/%s: facts %d ms, rules %d ms, %d findings", dossier.region(), dossier.agreement(),
                    (fire - start) / 1_000_000, (System.nanoTime() - fire) / 1_000_000, out.drafts().size());
        }
        return out;
    }

    /**
     * The dossier's events as of {@code asOf}: those dated later have not happened yet. The action
     * plan's {@code submittedOn} is its {@code action-plan-submitted} event; a plan without that date
     * is an undated event, so a deadline on it cannot be judged rather than called missing.
     */
    static List<Happened> happened(Dossier dossier, LocalDate asOf) {
        List<Happened> events = new ArrayList<>();
        if (dossier.actionPlan() != null) {
            events.add(new Happened(Happened.ACTION_PLAN_SUBMITTED, dossier.actionPlan().submittedOn(),
                    dossier.actionPlan().recipient(), null, "actionPlan.submittedOn"));
        }
        if (dossier.events() != null) {
            for (int i = 0; i < dossier.events().size(); i++) {
                Event e = dossier.events().get(i);
                events.add(new Happened(e.kind(), e.date(), e.recipient(), e.reference(), "events[" + i + "].date"));
            }
        }
        events.removeIf(e -> e.date() != null && e.date().isAfter(asOf));
        return events;
    }

    private static Evaluation evaluation(RuleSet rules, Dossier dossier, Context context, boolean ledgerGiven,
                                         Verdicts out) {
        Instant judgedAt = Instant.now();
        Map<String, List<String>> missing = new LinkedHashMap<>(context.applicable().unknownTerms());
        for (Condition c : context.applicable().conditions()) {
            List<String> fields = Needs.missing(rules.family(c.family()).orElseThrow(), dossier, ledgerGiven,
                    context.scope(), context.terms(), context.regionTerms());
            if (!fields.isEmpty()) {
                missing.put(c.code(), fields);
            }
        }
        return new Evaluation(locale -> ReportRenderer.render(rules, dossier, context.asOf(), context.applicable(),
                missing, out, judgedAt, locale));
    }

    /**
     * What the agreement's conditions say about its funding period and its action plan's deadline, on
     * {@code asOf}: other families (unspent money, category requirements) read them.
     */
    static AgreementTerms terms(String agreement, Conditions.Applicable applicable) {
        Condition period = applicable.firstOf("funding-period").orElse(null);
        LocalDate planDue = applicable.conditions().stream()
                .filter(c -> c.family().equals("event-deadline") && Happened.ACTION_PLAN_SUBMITTED.equals(c.text("event")))
                .map(c -> c.date("due")).findFirst().orElse(null);
        return new AgreementTerms(agreement, period == null ? null : period.date("from"),
                period == null ? null : period.date("to"), planDue);
    }

    /** The terms of a dossier's agreement on {@code asOf} (for tests and the bench). */
    public static AgreementTerms terms(RuleSet rules, String region, String agreement, LocalDate asOf) {
        return terms(agreement, Conditions.resolve(rules, region, agreement, asOf));
    }

    static RegionTerms regionTerms(String regionCode, RegionDef region, String agreementId) {
        RegionDef.GrantRules grant = region == null || region.grants() == null ? null : region.grants().get(agreementId);
        if (grant == null) {
            return new RegionTerms(regionCode, null, null, null, Set.of());
        }
        Set<String> requirements = Set.of();
        if (grant.category() != null && region.categories() != null) {
            RegionDef.Category category = region.categories().get(String.valueOf(grant.category()));
            if (category != null && category.requires() != null) {
                requirements = Set.copyOf(category.requires());
            }
        }
        return new RegionTerms(regionCode, grant.category(), grant.costObject(), grant.responsible(), requirements);
    }

    static GrantScope scope(Dossier dossier, RegionTerms region) {
        String costObject = region.costObject();
        if (costObject == null && dossier.grant() != null) {
            costObject = dossier.grant().costObject();
        }
        Set<String> measureIds = new HashSet<>();
        boolean planGiven = dossier.actionPlan() != null && dossier.actionPlan().measures() != null;
        if (planGiven) {
            dossier.actionPlan().measures().forEach(m -> {
                if (m.id() != null) {
                    measureIds.add(m.id());
                }
            });
        }
        return new GrantScope(costObject, Set.copyOf(measureIds), planGiven);
    }

}
