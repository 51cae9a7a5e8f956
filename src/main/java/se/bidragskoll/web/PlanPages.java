package se.bidragskoll.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.web.Format;
import se.bidragskoll.web.WebResource;
import se.bidragskoll.web.Words;
import se.bidragskoll.text.Messages;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.security.Caller;
import se.bidragskoll.model.RegionPlan;
import se.bidragskoll.plan.PlanEntity;
import se.bidragskoll.plan.PlanReport;
import se.bidragskoll.plan.PlanService;
import se.bidragskoll.plan.PlanSpreadsheet;
import se.bidragskoll.api.Labels;

/**
 * The region's year as pages: the stored plans a caller may see ({@code /plan}) and one region's plan
 * for a year ({@code /plan/{region}/{year}}): its lines, each grant's latest outcome, the money at
 * stake and the next deadlines, and the plan's own findings. In Swedish or English as the other
 * pages; a controller uploads the plan workbook here and sees its report.
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
                             String document, String lines, boolean quoted) {
    }

    @Inject
    PlanService plans;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;

    @CookieParam("sprak")
    String languageCookie;

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
        return plansPage(List.of()).render();
    }

    private io.quarkus.qute.TemplateInstance plansPage(List<String> errors) {
        return page(list).data("plans", plans.list(null, null)).data("errors", errors);
    }

    /** A plan workbook from the page: judged and stored, then the region's year; bad cells listed on the form. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("plan") FileUpload file) {
        Locale locale = locale();
        boolean english = Messages.english(locale);
        if (file == null || file.size() == 0) {
            return Response.status(400).type(MediaType.TEXT_HTML)
                    .entity(plansPage(List.of(english ? "Choose a file." : "Välj en fil.")).render()).build();
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file.uploadedFile())) {
            RegionPlan plan = PlanSpreadsheet.read(in);
            plans.submit(plan);
            return Response.seeOther(java.net.URI.create("/plan/" + plan.region() + "/" + plan.year())).build();
        } catch (BadInputException e) {
            List<String> errors = e.errors().stream().map(x -> (x.field() == null ? "" : x.field() + ": ")
                    + x.message().in(locale)).toList();
            return Response.status(400).type(MediaType.TEXT_HTML).entity(plansPage(errors).render()).build();
        } catch (jakarta.ws.rs.NotFoundException | jakarta.ws.rs.ForbiddenException e) {
            return Response.status(403).type(MediaType.TEXT_HTML).entity(plansPage(List.of(english
                    ? "You submit plans for your own regions only."
                    : "Du skickar bara in planer för dina egna regioner.")).render()).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @GET
    @Path("{region}/{year}")
    public Response plan(@PathParam("region") String region, @PathParam("year") int year) {
        PlanEntity stored = plans.forRegionAndYear(region, year).orElse(null);
        if (stored == null) {
            return Response.status(404).entity(page(notFound).render()).type(MediaType.TEXT_HTML).build();
        }
        Locale locale = locale();
        PlanReport report = plans.report(stored.id, locale);
        List<LineRow> rows = new ArrayList<>();
        BigDecimal atStake = BigDecimal.ZERO;
        for (PlanReport.LineView l : report.lines()) {
            PlanReport.DossierLink d = l.dossier();
            if (d != null && d.amountAtStake() != null) {
                atStake = atStake.add(d.amountAtStake());
            }
            rows.add(new LineRow(l.line(), l.name(), l.agreement(), l.agreementTitle(), l.agreementKnown(), l.basis(),
                    money(l.planAmount(), locale), money(l.administrationBudget(), locale),
                    money(l.statedShare(), locale), d == null ? null : d.id(), d == null ? null : d.outcome(),
                    d == null ? null : outcomeText(d.outcome(), locale),
                    d == null ? null : money(d.amountAtStake(), locale),
                    d == null || d.nextDue() == null ? null : d.nextDue().toString(), d == null ? null : d.nextDueCode()));
        }
        List<FindingRow> findings = new ArrayList<>();
        for (Report.Finding f : report.findings()) {
            findings.add(new FindingRow(f.code(), f.severity(), f.message(), money(f.amount(), locale),
                    f.source() == null ? null : f.source().clause(), f.source() == null ? null : f.source().document(),
                    String.join(", ", f.facts().stream().map(x -> Words.fact(x.type(), x.ref(), x.row(), locale)).toList()),
                    f.source() != null && !"inferred".equals(f.source().provenance())
                            && !"assumption".equals(f.source().provenance())));
        }
        return Response.ok(page(page).data("report", report).data("rows", rows)
                .data("findings", findings).data("outcomeText", outcomeText(report.outcome().name(), locale))
                .data("atStake", Format.money(atStake, locale))
                .data("planAtStake", money(report.summary().amountAtStake(), locale))
                .data("id", stored.id).render()).type(MediaType.TEXT_HTML).build();
    }

    private static String money(BigDecimal amount, Locale locale) {
        return amount == null ? null : Format.money(amount, locale);
    }

    private Locale locale() {
        return WebResource.locale(languageCookie, headers);
    }

    private static String outcomeText(String outcome, Locale locale) {
        if (outcome == null) {
            return "";
        }
        return Labels.all(locale).getOrDefault(outcome, outcome);
    }

    /** What the common page frame needs (texts, labels, language, who, where the switch comes back to). */
    private io.quarkus.qute.TemplateInstance page(io.quarkus.qute.Template template) {
        Locale locale = locale();
        String here = headers == null ? "/plan" : "/plan";
        return template.instance().data("t", WebResource.texts(locale))
                .data("L", Labels.all(locale)).data("lang", locale.getLanguage())
                .data("who", WebResource.who(caller, locale)).data("here", here)
                .data("maySubmit", caller.isController());
    }
}
