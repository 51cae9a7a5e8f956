package se.bidragskoll.plan;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import se.bidragskoll.judgement.Messages;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.security.Caller;

/**
 * The region's year as pages: the stored plans a caller may see ({@code /plan}) and one region's plan
 * for a year ({@code /plan/{region}/{year}}): its lines, each grant's latest outcome, the money at
 * stake and the next deadlines, and the plan's own findings.
 */
@Path("/plan")
@Produces(MediaType.TEXT_HTML)
public class PlanPages {

    /** One plan line on the page, with its texts ready to show. */
    @TemplateData
    public record LineRow(int line, String name, String agreement, String agreementTitle, boolean known,
                          String basis, String planAmount, String budget, String statedShare, String dossierId,
                          String outcome, String outcomeText, String atStake, String nextDue, String nextDueCode) {
    }

    /** One finding of the plan, with its amount as text. */
    @TemplateData
    public record FindingRow(String code, String severity, String message, String amount, String clause,
                             String document, String lines) {
    }

    @Inject
    PlanService plans;

    @Inject
    Caller caller;

    @Inject
    @Location("regionplans.html")
    Template list;

    @Inject
    @Location("regionplan.html")
    Template page;

    @Inject
    @Location("notfound.html")
    Template notFound;

    @GET
    public String plans() {
        return page(list).data("plans", plans.list(null, null)).render();
    }

    @GET
    @Path("{region}/{year}")
    public Response plan(@PathParam("region") String region, @PathParam("year") int year) {
        PlanEntity stored = plans.forRegionAndYear(region, year).orElse(null);
        if (stored == null) {
            return Response.status(404).entity(page(notFound).render()).type(MediaType.TEXT_HTML).build();
        }
        PlanReport report = plans.report(stored.id, Messages.SWEDISH);
        List<LineRow> rows = new ArrayList<>();
        BigDecimal atStake = BigDecimal.ZERO;
        for (PlanReport.LineView l : report.lines()) {
            PlanReport.DossierLink d = l.dossier();
            if (d != null && d.amountAtStake() != null) {
                atStake = atStake.add(d.amountAtStake());
            }
            rows.add(new LineRow(l.line(), l.name(), l.agreement(), l.agreementTitle(), l.agreementKnown(), l.basis(),
                    money(l.planAmount()), money(l.administrationBudget()), money(l.statedShare()),
                    d == null ? null : d.id(), d == null ? null : d.outcome(), d == null ? null : outcomeText(d.outcome()),
                    d == null ? null : money(d.amountAtStake()),
                    d == null || d.nextDue() == null ? null : d.nextDue().toString(), d == null ? null : d.nextDueCode()));
        }
        List<FindingRow> findings = new ArrayList<>();
        for (Report.Finding f : report.findings()) {
            findings.add(new FindingRow(f.code(), f.severity(), f.message(), money(f.amount()),
                    f.source() == null ? null : f.source().clause(), f.source() == null ? null : f.source().document(),
                    String.join(", ", f.facts().stream().map(x -> x.ref()).toList())));
        }
        return Response.ok(page(page).data("report", report).data("rows", rows)
                .data("findings", findings).data("outcomeText", outcomeText(report.outcome().name()))
                .data("atStake", Messages.money(atStake, Messages.SWEDISH))
                .data("planAtStake", Messages.money(report.summary().amountAtStake(), Messages.SWEDISH))
                .data("id", stored.id).render()).type(MediaType.TEXT_HTML).build();
    }

    private static String money(BigDecimal amount) {
        return amount == null ? null : Messages.money(amount, Messages.SWEDISH);
    }

    private String who() {
        String role = caller.isSteering() ? "styrgruppen" : caller.isController() ? "controller för "
                + String.join(", ", caller.regions()) : "regelförfattare";
        return caller.name() + " (" + role + ")";
    }

    private static String outcomeText(String outcome) {
        if (outcome == null) {
            return "";
        }
        return switch (outcome) {
            case "COMPLIANT" -> "Uppfyller villkoren";
            case "NON_COMPLIANT" -> "Bryter mot villkor";
            case "INCOMPLETE" -> "Underlag saknas";
            default -> outcome;
        };
    }

    /** What the common page frame needs (texts, labels, language, who); the plan pages are in Swedish. */
    private io.quarkus.qute.TemplateInstance page(io.quarkus.qute.Template template) {
        java.util.Locale locale = Messages.SWEDISH;
        return template.instance().data("t", se.bidragskoll.web.WebResource.texts(locale))
                .data("L", se.bidragskoll.api.Labels.all(locale)).data("lang", "sv").data("who", who())
                .data("here", "/plan").data("maySubmit", caller.isController());
    }
}
