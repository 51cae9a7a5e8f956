package se.bidragskoll.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.ConflictException;
import se.bidragskoll.dossier.DossierService;
import se.bidragskoll.dossier.DossierSummary;
import se.bidragskoll.judgement.Messages;
import se.bidragskoll.review.Decision;
import se.bidragskoll.review.FindingEntity;
import se.bidragskoll.review.FindingView;
import se.bidragskoll.review.ReviewService;
import se.bidragskoll.security.Caller;

/**
 * The web pages for the steering group and controllers, in Swedish, server-rendered with Qute and
 * usable without JavaScript: overview, review queue, dossier page, finding page with the decision form.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WebResource {

    /** One row of the overview. */
    public record OverviewRow(String id, String region, String regionName, String agreement, String outcome,
                              String outcomeText, long openErrors, String atStake, String submitted, int revision) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Europe/Stockholm"));

    @Inject
    Caller caller;

    @Inject
    DossierService dossiers;

    @Inject
    ReviewService review;

    @Inject
    ObjectMapper json;

    @Inject
    @Location("overview.html")
    Template overview;

    @Inject
    @Location("queue.html")
    Template queue;

    @Inject
    @Location("dossier.html")
    Template dossier;

    @Inject
    @Location("finding.html")
    Template finding;

    @Inject
    @Location("login.html")
    Template login;

    @Inject
    @Location("notfound.html")
    Template notFound;

    @GET
    @Path("logga-in")
    public String login(@QueryParam("fel") String failed) {
        return login.data("failed", failed != null).render();
    }

    @GET
    @Path("logga-ut")
    public Response logout() {
        // Quarkus removes its login cookie and sends no renewed one on this answer.
        io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/logga-in")).build();
    }

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @GET
    public String overview() {
        List<OverviewRow> rows = new ArrayList<>();
        Map<String, long[]> errors = new HashMap<>();
        Map<String, BigDecimal> atStake = new HashMap<>();
        for (FindingView f : review.list(new ReviewService.Query(null, null, null, "ERROR", "OPEN", null, 0, 500),
                Messages.SWEDISH).items()) {
            errors.computeIfAbsent(f.dossier(), d -> new long[1])[0]++;
            if (f.amount() != null) {
                atStake.merge(f.dossier(), f.amount(), BigDecimal::add);
            }
        }
        for (DossierSummary d : dossiers.list(null, null)) {
            rows.add(new OverviewRow(d.id(), d.region(), d.regionName(), d.agreement(), d.outcome(),
                    outcomeText(d.outcome()), errors.getOrDefault(d.id(), new long[1])[0],
                    Messages.money(atStake.getOrDefault(d.id(), BigDecimal.ZERO), Messages.SWEDISH),
                    WHEN.format(d.submittedAt()), d.revision()));
        }
        return overview.data("who", who()).data("rows", rows).render();
    }

    @GET
    @Path("granskning")
    public String queue(@QueryParam("region") String region, @QueryParam("agreement") String agreement,
                        @QueryParam("code") String code, @QueryParam("severity") String severity,
                        @QueryParam("status") String status, @QueryParam("sort") String sort,
                        @QueryParam("page") @DefaultValue("0") int page) {
        ReviewService.Query q = new ReviewService.Query(blank(region), blank(agreement), blank(code), blank(severity),
                blank(status), blank(sort), page, 100);
        String filter = "?region=" + nz(q.region()) + "&agreement=" + nz(q.agreement()) + "&code=" + nz(q.code())
                + "&severity=" + nz(q.severity()) + "&status=" + nz(q.status()) + "&sort=" + nz(q.sort());
        return queue.data("who", who()).data("q", q).data("page", review.list(q, Messages.SWEDISH))
                .data("severities", List.of("ERROR", "WARNING", "INFO"))
                .data("statuses", List.of("OPEN", "ACKNOWLEDGED", "WAIVED", "RESOLVED"))
                .data("exportCsv", "/api/v1/findings/export.csv" + filter)
                .data("exportXlsx", "/api/v1/findings/export.xlsx" + filter).render();
    }

    @GET
    @Path("underlag/{id}")
    public Response dossier(@PathParam("id") String id) {
        try {
            Map<String, Object> report = json.readValue(dossiers.report(id, Messages.SWEDISH),
                    new TypeReference<Map<String, Object>>() { });
            Map<String, FindingView> tracked = new HashMap<>();
            for (FindingView f : review.forDossier(id)) {
                tracked.put(f.fingerprint(), f);
            }
            return Response.ok(dossier.data("who", who()).data("id", id).data("report", report)
                    .data("tracked", tracked).data("history", review.dossierHistory(id)).render()).build();
        } catch (NotFoundException e) {
            return notFound();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("fynd/{id}")
    public Response finding(@PathParam("id") String id) {
        return findingPage(id, null, 200);
    }

    @POST
    @Path("fynd/{id}/beslut")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") String id, @FormParam("action") String action,
                           @FormParam("comment") String comment, @FormParam("until") String until,
                           @FormParam("version") Long version) {
        try {
            LocalDate untilDate = until == null || until.isBlank() ? null : LocalDate.parse(until);
            review.decide(id, new Decision(action, blank(comment), untilDate, version), Messages.SWEDISH);
            return Response.seeOther(URI.create("/fynd/" + id)).build();
        } catch (BadInputException e) {
            return findingPage(id, e.errors().get(0).message().sv(), 400);
        } catch (ConflictException e) {
            return findingPage(id, e.text().sv(), 409);
        } catch (java.time.format.DateTimeParseException e) {
            return findingPage(id, "Datumet ska skrivas ÅÅÅÅ-MM-DD.", 400);
        } catch (NotFoundException e) {
            return notFound();
        } catch (jakarta.ws.rs.ForbiddenException e) {
            return findingPage(id, "Bara styrgruppen för statsbidrag fattar beslut om fynd.", 403);
        }
    }

    private Response findingPage(String id, String error, int status) {
        try {
            FindingView f = review.get(id, Messages.SWEDISH);
            List<String> facts = new ArrayList<>();
            f.facts().forEach(x -> facts.add(x.path("type").asText() + " " + x.path("ref").asText()
                    + (x.has("row") ? " (rad " + x.get("row").asText() + ")" : "")));
            return Response.status(status).entity(finding.data("who", who()).data("f", f).data("error", error)
                    .data("amountText", f.amount() == null ? null : Messages.money(f.amount(), Messages.SWEDISH))
                    .data("factsText", String.join(", ", facts))
                    .data("mayDecide", caller.isSteering() && !FindingEntity.Status.RESOLVED.name().equals(f.status()))
                    .data("history", review.history(id)).render()).type(MediaType.TEXT_HTML).build();
        } catch (NotFoundException e) {
            return notFound();
        }
    }

    private Response notFound() {
        return Response.status(404).entity(notFound.data("who", who()).render()).type(MediaType.TEXT_HTML).build();
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

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nz(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
