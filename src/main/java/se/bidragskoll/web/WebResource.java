package se.bidragskoll.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.ConflictException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.api.Labels;
import se.bidragskoll.api.Languages;
import se.bidragskoll.dossier.DossierService;
import se.bidragskoll.dossier.DossierSummary;
import se.bidragskoll.text.Messages;
import se.bidragskoll.review.Decision;
import se.bidragskoll.review.FindingEntity;
import se.bidragskoll.review.FindingExport;
import se.bidragskoll.review.FindingPage;
import se.bidragskoll.review.FindingView;
import se.bidragskoll.review.HistoryEntry;
import se.bidragskoll.review.ReviewService;
import se.bidragskoll.security.Caller;
import se.bidragskoll.calendar.CalendarFeed;
import se.bidragskoll.dossier.ReportExport;
import se.bidragskoll.dossier.RevisionSummary;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.plan.PlanReport;
import se.bidragskoll.plan.PlanService;
import se.bidragskoll.plan.PlanSpreadsheet;
import se.bidragskoll.rulebase.RuleSetHolder;
import se.bidragskoll.ruleset.Regions;
import se.bidragskoll.security.SecureCookies;
import se.bidragskoll.security.Sessions;

/**
 * The web pages for the steering group and controllers, server-rendered with Qute and usable without
 * JavaScript: overview with charts, review queue, dossier page, finding page with the decision form,
 * and the controllers' submissions (a dossier as JSON or workbook, a ledger as CSV). Swedish, English
 * on {@code Accept-Language: en} or the language switch; times in Europe/Stockholm.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WebResource {

    /** One row of the overview. */
    public record OverviewRow(String id, String region, String regionName, String agreement, String agreementName, String outcome,
                              String outcomeText, long openErrors, String atStake, String submitted, int revision) {
    }

    /** One row of the queue, as people read it. */
    public record QueueRow(String id, String regionName, String agreementName, String code, String severity, String severityText,
                           String status, String statusText, String amountText, String message, long ageDays) {
    }

    /** A finding on the dossier page. */
    public record Card(String severity, String severityText, String code, String message, String clause,
                       String document, String facts, String trackedId, String trackedStatus, String trackedStatusText) {
    }

    /** A condition's findings on the dossier page: the first few shown, the rest folded. */
    public record Group(String code, String title, String result, String resultText, int count, String totalText,
                        List<Card> shown, List<Card> folded) {
    }

    /** A line of history with its time in Stockholm. */
    public record HistoryRow(String at, String actor, String action, String revision, String previousStatus,
                             String newStatus, String comment) {
    }

    /** A deadline of the coming days, as listed below its chart. */
    public record DeadlineRow(String due, String region, String agreement, String dossier, String code, String title) {
        // agreement: the agreement's title
    }

    static final int SHOWN_PER_CONDITION = 3;
    static final int QUEUE_PAGE = 50;
    static final int DEADLINE_DAYS = 90;
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(STOCKHOLM);
    private static final Map<String, Map<String, String>> TEXTS = new HashMap<>();

    @Inject
    Caller caller;

    @Inject
    DossierService dossiers;

    @Inject
    ReviewService review;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    DossierWorkbook workbooks;

    @Inject
    FindingExport findingExport;

    @Inject
    RuleSetHolder rules;

    @Inject
    PlanService plans;

    @Context
    HttpHeaders headers;

    @Context
    jakarta.ws.rs.core.UriInfo uri;

    @Context
    jakarta.ws.rs.core.Request request;

    @CookieParam("sprak")
    String languageCookie;

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

    @Inject
    @Location("submit.html")
    Template submit;

    @Inject
    @Location("calendar.html")
    Template calendar;

    @Inject
    CalendarFeed feeds;

    @GET
    @Path("logga-in")
    public TemplateInstance login(@QueryParam("fel") String failed) {
        return page(login).data("failed", failed != null);
    }

    /**
     * Logging out: a form's POST with the page's CSRF token ({@code PageFormGuard} checked it before
     * this runs), never a GET, which another site could make a browser send. Ends the server-held
     * session on every instance, and Quarkus removes its login cookie (sending no renewed one).
     */
    @POST
    @Path("logga-ut")
    public Response logout(@jakarta.ws.rs.CookieParam(Sessions.COOKIE) String session) {
        sessions.close(session);
        io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/logga-in"))
                .header("Set-Cookie", Sessions.cookie(null, secureCookies.secure(routing)))
                .build();
    }

    @Inject
    Sessions sessions;

    @Inject
    SecureCookies secureCookies;

    @Inject
    io.vertx.ext.web.RoutingContext routing;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;


    /** The language switch: remembered in a cookie, back to the page it was chosen on. */
    @GET
    @Path("sprak/{lang:sv|en}")
    public Response language(@PathParam("lang") String lang, @QueryParam("till") String back) {
        // only a path of this service: no scheme, no host (a leading // or a backslash would leave it)
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && !back.contains(":") ? back : "/";
        return Response.seeOther(URI.create(target))
                .cookie(new NewCookie.Builder("sprak").value(lang).path("/").maxAge(365 * 24 * 3600)
                        .sameSite(NewCookie.SameSite.LAX).build()).build();
    }

    @GET
    public TemplateInstance overview() {
        Locale locale = locale();
        List<OverviewRow> rows = new ArrayList<>();
        Map<String, long[]> errors = new HashMap<>();
        Map<String, BigDecimal> atStake = new HashMap<>();
        Map<String, BigDecimal> byRegion = new TreeMap<>();
        Map<String, BigDecimal> byAgreement = new TreeMap<>();
        Map<String, Integer> openByCode = new HashMap<>();
        Map<String, String> regionNames = new HashMap<>();
        for (FindingView f : openFindings()) {
            openByCode.merge(f.code(), 1, Integer::sum);
            if (!"ERROR".equals(f.severity())) {
                continue;
            }
            if (f.dossier() == null) {
                // a plan finding: the overview counts money at stake per dossier and agreement
                continue;
            }
            errors.computeIfAbsent(f.dossier(), d -> new long[1])[0]++;
            BigDecimal amount = f.amount() == null ? BigDecimal.ZERO : f.amount();
            atStake.merge(f.dossier(), amount, BigDecimal::add);
            byRegion.merge(f.region(), amount, BigDecimal::add);
            regionNames.putIfAbsent(f.region(), f.regionName() == null ? f.region() : f.regionName());
            byAgreement.merge(f.agreement(), amount, BigDecimal::add);
        }
        List<Charts.Deadline> deadlines = new ArrayList<>();
        List<DeadlineRow> deadlineRows = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(STOCKHOLM));
        for (DossierSummary d : dossiers.list(null, null)) {
            rows.add(new OverviewRow(d.id(), d.region(), d.regionName(), d.agreement(), agreementName(d.agreement(), locale), d.outcome(),
                    Labels.of(d.outcome(), locale), errors.getOrDefault(d.id(), new long[1])[0],
                    Format.money(atStake.getOrDefault(d.id(), BigDecimal.ZERO), locale),
                    d.submittedAt() == null ? "" : WHEN.format(d.submittedAt()), d.revision()));
            JsonNode report = report(d.id(), locale);
            if (report == null) {
                continue;
            }
            for (JsonNode c : report.path("conditions")) {
                if (c.hasNonNull("dueOn")) {
                    LocalDate due = LocalDate.parse(c.get("dueOn").asText());
                    if (!due.isBefore(today) && !due.isAfter(today.plusDays(DEADLINE_DAYS))) {
                        String label = (d.regionName() == null ? d.region() : d.regionName()) + ", "
                                + agreementName(d.agreement(), locale) + ": " + c.path("code").asText();
                        deadlines.add(new Charts.Deadline(due, label));
                        deadlineRows.add(new DeadlineRow(due.toString(), d.regionName(), agreementName(d.agreement(), locale), d.id(),
                                c.path("code").asText(), c.path("title").asText()));
                    }
                }
            }
        }
        deadlineRows.sort(Comparator.comparing(DeadlineRow::due));
        Map<String, String> t = texts(locale);
        List<String> trend = trend(locale, t);
        return page(overview).data("rows", rows)
                .data("chartRegions", Charts.bars("chart-regions", t.get("chart_byRegion"), moneyBars(byRegion,
                        regionNames::get, r -> "/granskning?region=" + nz(r) + "&severity=ERROR&status=OPEN", locale)))
                .data("chartAgreements", Charts.bars("chart-agreements", t.get("chart_byAgreement"), moneyBars(byAgreement,
                        a -> agreementName(a, locale), a -> "/granskning?agreement=" + nz(a) + "&severity=ERROR&status=OPEN", locale)))
                .data("chartCodes", Charts.bars("chart-codes", t.get("chart_byCode"), openByCode.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .limit(12)
                        .map(e -> new Charts.Bar(conditionTitle(e.getKey(), locale), BigDecimal.valueOf(e.getValue()),
                                String.valueOf(e.getValue()), "/granskning?code=" + nz(e.getKey()) + "&status=OPEN"))
                        .toList()))
                .data("chartDeadlines", Charts.timeline("chart-deadlines", t.get("chart_deadlines"), today, DEADLINE_DAYS,
                        deadlines, t.get("chart_today"), t.get("chart_days")))
                .data("deadlines", deadlineRows)
                .data("chartTrendOpen", trend.get(0)).data("chartTrendMoney", trend.get(1));
    }

    static final int TREND_MONTHS = 12;

    /**
     * The last twelve months as two column charts: findings not resolved at each month's end (opened by
     * then, and not resolved or resolved later) and the money at stake in the errors among them. A
     * finding that was resolved and came back counts from its first opening: the trend reads the
     * findings as they stand, not their history. A column leads to the queue of what is open.
     */
    private List<String> trend(Locale locale, Map<String, String> t) {
        java.time.YearMonth now = java.time.YearMonth.now(clock.withZone(STOCKHOLM));
        long[] counts = new long[TREND_MONTHS];
        BigDecimal[] money = new BigDecimal[TREND_MONTHS];
        java.util.Arrays.fill(money, BigDecimal.ZERO);
        Instant[] ends = new Instant[TREND_MONTHS];
        Instant today = Instant.now(clock);
        for (int i = 0; i < TREND_MONTHS; i++) {
            Instant end = now.minusMonths(TREND_MONTHS - 1 - i).plusMonths(1).atDay(1).atStartOfDay(STOCKHOLM).toInstant();
            ends[i] = end.isAfter(today) ? today : end;
        }
        for (FindingView f : allFindings()) {
            if (f.openedAt() == null) {
                continue;
            }
            boolean resolved = FindingEntity.Status.RESOLVED.name().equals(f.status());
            for (int i = 0; i < TREND_MONTHS; i++) {
                if (f.openedAt().isAfter(ends[i]) || resolved && f.updatedAt() != null && !f.updatedAt().isAfter(ends[i])) {
                    continue;
                }
                counts[i]++;
                if ("ERROR".equals(f.severity()) && f.amount() != null) {
                    money[i] = money[i].add(f.amount());
                }
            }
        }
        List<Charts.Bar> open = new ArrayList<>();
        List<Charts.Bar> stake = new ArrayList<>();
        for (int i = 0; i < TREND_MONTHS; i++) {
            String month = now.minusMonths(TREND_MONTHS - 1 - i).toString();
            open.add(new Charts.Bar(month, BigDecimal.valueOf(counts[i]), Messages.number(counts[i], locale), i == TREND_MONTHS - 1
                    ? "/granskning?status=OPEN" : null));
            stake.add(new Charts.Bar(month, money[i], Format.money(money[i], locale), i == TREND_MONTHS - 1
                    ? "/granskning?status=OPEN&severity=ERROR&sort=amount" : null));
        }
        return List.of(Charts.columns("chart-trend-open", t.get("chart_trendOpen"), open),
                Charts.columns("chart-trend-money", t.get("chart_trendMoney"), stake));
    }

    private List<FindingView> allFindings() {
        List<FindingView> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            FindingPage p = review.list(new ReviewService.Query(null, null, null, null, null, "age", page, 500),
                    Messages.SWEDISH);
            all.addAll(p.items());
            if ((long) (page + 1) * 500 >= p.total() || page >= 200) {
                return all;
            }
        }
    }

    private List<FindingView> openFindings() {
        List<FindingView> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            FindingPage p = review.list(new ReviewService.Query(null, null, null, null, "OPEN", null, page, 500),
                    Messages.SWEDISH);
            all.addAll(p.items());
            if ((long) (page + 1) * 500 >= p.total()) {
                return all;
            }
        }
    }

    /** Bars of money by key, largest first, each named by {@code label} and leading to {@code href}. */
    private static List<Charts.Bar> moneyBars(Map<String, BigDecimal> sums, java.util.function.Function<String, String> label,
                                              java.util.function.Function<String, String> href, Locale locale) {
        return sums.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
                .map(e -> new Charts.Bar(label.apply(e.getKey()), e.getValue(), Format.money(e.getValue(), locale),
                        href.apply(e.getKey()))).toList();
    }

    /** A condition as a chart names it: its title in the language (its code when the rule set does not know it). */
    private String conditionTitle(String code, Locale locale) {
        return rules.current().condition(code).map(c -> c.title().in(locale)).filter(t -> !t.isBlank()).orElse(code);
    }

    private JsonNode report(String id, Locale locale) {
        try {
            return json.readTree(dossiers.report(id, locale));
        } catch (NotFoundException e) {
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A choice of a filter's list: the value sent and what people read. */
    public record Option(String value, String text) {
    }

    @GET
    @Path("granskning")
    public TemplateInstance queue(@QueryParam("region") String region, @QueryParam("agreement") String agreement,
                        @QueryParam("code") String code, @QueryParam("severity") String severity,
                        @QueryParam("status") String status, @QueryParam("sort") String sort,
                        @QueryParam("page") String pageText, @QueryParam("q") String text) {
        // a page number that is no number (a hand-edited address) shows the first page
        int page = pageText != null && pageText.strip().matches("\\d{1,7}") ? Integer.parseInt(pageText.strip()) : 0;
        return queuePage(new ReviewService.Query(blank(region), blank(agreement), blank(code), blank(severity),
                blank(status), blank(sort), page, QUEUE_PAGE, null, null, blank(text)), null, List.of());
    }

    private TemplateInstance queuePage(ReviewService.Query q, String notice, List<String> errors) {
        Locale locale = locale();
        String filter = filter(q);
        FindingPage found = review.list(q, locale);
        List<QueueRow> rows = found.items().stream().map(f -> new QueueRow(f.id(), f.regionName(),
                agreementName(f.agreement(), locale), f.code(),
                f.severity(), Labels.of(f.severity(), locale), f.status(), Labels.of(f.status(), locale),
                f.amount() == null ? "" : Format.money(f.amount(), locale), Words.text(f.message(), locale), f.ageDays())).toList();
        long pages = Math.max(1, (found.total() + QUEUE_PAGE - 1) / QUEUE_PAGE);
        var set = rules.current();
        java.util.Map<String, String> regionNames = Regions.all();
        List<Option> regions = (caller.isSteering() ? new java.util.TreeSet<>(regionNames.keySet())
                : new java.util.TreeSet<>(caller.regions())).stream()
                .map(r -> new Option(r, regionNames.getOrDefault(r, r) + " (" + r + ")")).toList();
        List<Option> agreements = set.agreements().values().stream()
                .map(a -> new Option(a.id(), a.title().in(locale)))
                .sorted(Comparator.comparing(Option::text)).toList();
        List<Option> codes = set.conditions().values().stream()
                .map(c -> new Option(c.code(), c.code() + " – " + c.title().in(locale)))
                .sorted(Comparator.comparing(Option::value)).toList();
        return page(queue).data("q", q).data("rows", rows).data("total", found.total())
                .data("pageNumber", q.page() + 1).data("pages", pages)
                .data("previous", q.page() > 0 ? "/granskning?" + filter + "&page=" + (q.page() - 1) : null)
                .data("next", q.page() + 1 < pages ? "/granskning?" + filter + "&page=" + (q.page() + 1) : null)
                .data("regions", regions).data("agreements", agreements).data("codes", codes)
                .data("severities", List.of("ERROR", "WARNING", "INFO"))
                .data("statuses", List.of("OPEN", "ACKNOWLEDGED", "WAIVED", "RESOLVED"))
                .data("actions", List.of("ACKNOWLEDGE", "WAIVE", "REOPEN"))
                .data("mayDecide", caller.isSteering())
                .data("notice", notice).data("errors", errors)
                .data("exportCsv", "/granskning/export.csv?" + filter)
                .data("exportXlsx", "/granskning/export.xlsx?" + filter);
    }

    private static String filter(ReviewService.Query q) {
        return "region=" + nz(q.region()) + "&agreement=" + nz(q.agreement()) + "&code=" + nz(q.code())
                + "&severity=" + nz(q.severity()) + "&status=" + nz(q.status()) + "&sort=" + nz(q.sort())
                + "&q=" + nz(q.text());
    }

    /**
     * One decision on several findings from the queue (the ticked ones): each is decided, and audited,
     * on its own, as from its page; the queue comes back with the same filters, saying how many were
     * decided and naming any that were refused and why.
     */
    @POST
    @Path("granskning/beslut")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decideMany(@FormParam("id") List<String> ids, @FormParam("action") String action,
                               @FormParam("comment") String comment, @FormParam("until") String until,
                               @FormParam("region") String region, @FormParam("agreement") String agreement,
                               @FormParam("code") String code, @FormParam("severity") String severity,
                               @FormParam("status") String status, @FormParam("sort") String sort,
                               @FormParam("q") String text) {
        Locale locale = locale();
        ReviewService.Query back = new ReviewService.Query(blank(region), blank(agreement), blank(code), blank(severity),
                blank(status), blank(sort), 0, QUEUE_PAGE, null, null, blank(text));
        if (!caller.isSteering()) {
            return Response.status(403).type(MediaType.TEXT_HTML).entity(queuePage(back, null, List.of(text(
                    "Bara styrgruppen för statsbidrag fattar beslut om fynd.",
                    "Only the steering group for state grants decides on findings.")))).build();
        }
        List<String> chosen = ids == null ? List.of() : ids.stream().filter(i -> i != null && !i.isBlank()).distinct().toList();
        if (chosen.isEmpty()) {
            return Response.status(400).type(MediaType.TEXT_HTML).entity(queuePage(back, null, List.of(text(
                    "Kryssa för de fynd beslutet gäller.", "Tick the findings the decision is for.")))).build();
        }
        if (chosen.size() > QUEUE_PAGE) {
            return Response.status(400).type(MediaType.TEXT_HTML).entity(queuePage(back, null, List.of(text(
                    "Högst " + QUEUE_PAGE + " fynd i ett beslut.", "At most " + QUEUE_PAGE + " findings in one decision.")))).build();
        }
        LocalDate untilDate;
        try {
            untilDate = until == null || until.isBlank() ? null : LocalDate.parse(until.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return Response.status(400).type(MediaType.TEXT_HTML).entity(queuePage(back, null, List.of(text(
                    "Datumet ska skrivas ÅÅÅÅ-MM-DD.", "Write the date as YYYY-MM-DD.")))).build();
        }
        boolean english = Messages.english(locale);
        int decided = 0;
        List<String> refused = new ArrayList<>();
        for (String id : chosen) {
            try {
                review.decide(id, new Decision(action, blank(comment), untilDate, null), locale);
                decided++;
            } catch (BadInputException e) {
                FieldError error = e.errors().get(0);
                refused.add(id + ": " + (english ? error.message().en() : error.message().sv()));
            } catch (ConflictException e) {
                refused.add(id + ": " + e.text().in(locale));
            } catch (NotFoundException e) {
                refused.add(id + ": " + text("finns inte.", "does not exist."));
            }
        }
        String notice = english ? decided + (decided == 1 ? " finding decided." : " findings decided.")
                : decided + (decided == 1 ? " fynd har fått beslutet." : " fynd har fått beslutet.");
        return Response.status(refused.isEmpty() ? 200 : 400).type(MediaType.TEXT_HTML)
                .entity(queuePage(back, notice, refused)).build();
    }

    /*
     * Downloads the pages link to, on page paths: they take the login form's session (the API's
     * /api/v1 paths take Basic or a bearer token only) and call the same services, so that what a
     * caller may see (regions, roles) is decided in one place for the API and the pages alike.
     */

    /** The queue with the page's filters as CSV or XLSX. */
    @GET
    @Path("granskning/export.{format:csv|xlsx}")
    @jakarta.annotation.security.RolesAllowed({Caller.CONTROLLER, Caller.STEERING})
    @Produces({"text/csv", FindingExport.XLSX})
    public Response queueExport(@PathParam("format") String format, @QueryParam("region") String region,
                                @QueryParam("agreement") String agreement, @QueryParam("code") String code,
                                @QueryParam("severity") String severity, @QueryParam("status") String status,
                                @QueryParam("sort") String sort, @QueryParam("q") String text) {
        ReviewService.Query q = new ReviewService.Query(blank(region), blank(agreement), blank(code), blank(severity),
                blank(status), blank(sort), 0, 500, null, null, blank(text));
        // the title block names the filters as the page does (in Swedish, as the workbook's columns)
        Map<String, String> filters = new LinkedHashMap<>();
        if (q.region() != null) {
            filters.put("Region", Regions.name(q.region()).map(n -> n + " (" + q.region() + ")").orElse(q.region()));
        }
        if (q.agreement() != null) {
            filters.put("Överenskommelse", agreementTitle(q.agreement(), Messages.SWEDISH));
        }
        if (q.code() != null) {
            filters.put("Villkor", q.code());
        }
        if (q.severity() != null) {
            filters.put("Allvarlighet", Labels.swedish(q.severity()));
        }
        if (q.status() != null) {
            filters.put("Status", Labels.swedish(q.status()));
        }
        if (q.text() != null) {
            filters.put("Sökning", q.text());
        }
        return findingExport.queue(review.list(q, locale()).items(), format, filters, Instant.now(clock));
    }

    /** The dossier's latest report as CSV or XLSX, as the API's report export. */
    @GET
    @Path("underlag/{id}/rapport.{format:csv|xlsx}")
    @jakarta.annotation.security.RolesAllowed({Caller.CONTROLLER, Caller.STEERING})
    @Produces({"text/csv", FindingExport.XLSX})
    public Response reportExport(@PathParam("id") String id, @PathParam("format") String format) {
        try {
            // the page's spreadsheet shows what the page shows; the API's keeps the whole catalogue
            return ReportExport.of(ReportScope.scoped(json.readTree(dossiers.report(id, Messages.SWEDISH)),
                    rules.current()), format);
        } catch (NotFoundException e) {
            return notFound();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A region plan's report as a spreadsheet, as the API's. */
    @GET
    @Path("planer/{id}/rapport.xlsx")
    @jakarta.annotation.security.RolesAllowed({Caller.CONTROLLER, Caller.STEERING})
    @Produces(FindingExport.XLSX)
    public Response planReport(@PathParam("id") String id) {
        try {
            PlanReport report = plans.report(id, Messages.SWEDISH);
            jakarta.ws.rs.core.StreamingOutput body = out -> PlanSpreadsheet.write(report, out);
            return Response.ok(body, FindingExport.XLSX).header("Content-Disposition", "attachment; filename=\"plan-"
                    + report.region() + "-" + report.year() + ".xlsx\"").build();
        } catch (NotFoundException e) {
            return notFound();
        }
    }

    /** The region plan's empty template. */
    @GET
    @Path("planer/mall.xlsx")
    @jakarta.annotation.security.RolesAllowed({Caller.CONTROLLER, Caller.STEERING})
    @Produces(FindingExport.XLSX)
    public Response planTemplate() {
        return Response.ok(PlanSpreadsheet.template(), FindingExport.XLSX)
                .header("Content-Disposition", "attachment; filename=\"regionplan-mall.xlsx\"").build();
    }

    @GET
    @Path("underlag/{id}")
    public Response dossier(@PathParam("id") String id, @QueryParam("huvudbok") String ledger,
                            @QueryParam("inskickad") String submitted) {
        return dossierPage(id, List.of(), 200, ledger, submitted);
    }

    private Response dossierPage(String id, List<String> errors, int status) {
        return dossierPage(id, errors, status, null, null);
    }

    /**
     * What an upload did, said on the page it leads to: the version it made, the ledger lines read and
     * those they replaced, and the findings new, resolved and unchanged against the version before (from
     * the audit trail of that version, which the finding tracker wrote). Null when the address names no
     * upload or a version that is not the latest.
     */
    private String uploadSummary(String id, String ledger, String submitted, JsonNode report, Locale locale) {
        boolean english = Messages.english(locale);
        if ("oforandrad".equals(ledger)) {
            return text("Samma huvudbok som redan är inläst: ingenting ändrades.",
                    "The same ledger as the one already read in: nothing changed.");
        }
        String which = ledger != null ? ledger : submitted;
        if (which == null || !which.matches("\\d{1,6}")) {
            return null;
        }
        int version = Integer.parseInt(which);
        if (!String.valueOf(version).equals(report.path("revision").asText())) {
            return null;
        }
        List<RevisionSummary> revisions = dossiers.revisions(id);
        RevisionSummary now = revisions.stream().filter(r -> r.revision() == version).findFirst().orElse(null);
        RevisionSummary before = revisions.stream().filter(r -> r.revision() < version)
                .reduce((a, b) -> b).orElse(null);
        if (now == null) {
            return null;
        }
        StringBuilder said = new StringBuilder();
        String lines = Messages.number(now.ledgerLines(), locale);
        if (ledger != null) {
            said.append(english ? "The ledger is read in as version " + version + ": " + lines + (now.ledgerLines() == 1 ? " line" : " lines")
                    : "Huvudboken är inläst som version " + version + ": " + lines + (now.ledgerLines() == 1 ? " rad" : " rader"));
            if (before != null) {
                String old = Messages.number(before.ledgerLines(), locale);
                said.append(english ? " replaced the " + old + (before.ledgerLines() == 1 ? " line" : " lines") + " of version " + before.revision()
                        : " ersatte de " + old + (before.ledgerLines() == 1 ? " rad" : " rader") + " som version " + before.revision() + " hade");
            }
            said.append('.');
        } else {
            said.append(english ? "The dossier is submitted as version " + version + " with " + lines + " ledger "
                    + (now.ledgerLines() == 1 ? "line" : "lines") + "."
                    : "Underlaget är inskickat som version " + version + " med " + lines + " huvudboksrader.");
        }
        long opened = 0;
        long resolved = 0;
        for (HistoryEntry h : review.dossierHistory(id)) {
            if (h.revision() == null || h.revision() != version) {
                continue;
            }
            switch (h.action()) {
                case "OPENED", "RECURRED" -> opened++;
                case "RESOLVED" -> resolved++;
                default -> {
                }
            }
        }
        java.util.Set<String> fingerprints = new java.util.HashSet<>();
        report.path("findings").forEach(f -> fingerprints.add(f.path("fingerprint").asText()));
        long unchanged = Math.max(0, fingerprints.size() - opened);
        if (before == null) {
            said.append(english ? " Findings: " + opened + " new." : " Fynd: " + opened + " nya.");
        } else {
            said.append(english ? " Findings against version " + before.revision() + ": " + opened + " new, " + resolved
                    + " resolved, " + unchanged + " unchanged."
                    : " Fynd jämfört med version " + before.revision() + ": " + opened + " nya, " + resolved + " åtgärdade, "
                    + unchanged + " oförändrade.");
        }
        return said.toString();
    }

    private Response dossierPage(String id, List<String> errors, int status, String ledgerUpload, String submittedUpload) {
        Locale locale = locale();
        JsonNode report;
        try {
            report = ReportScope.scoped(json.readTree(dossiers.report(id, locale)), rules.current());
        } catch (NotFoundException e) {
            return notFound();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, FindingView> tracked = new HashMap<>();
        for (FindingView f : review.forDossier(id)) {
            tracked.put(f.fingerprint(), f);
        }
        Map<String, String> t = texts(locale);
        Map<String, List<JsonNode>> byCode = new LinkedHashMap<>();
        report.path("findings").forEach(f -> byCode.computeIfAbsent(f.path("code").asText(), c -> new ArrayList<>()).add(f));
        Map<String, JsonNode> conditions = new LinkedHashMap<>();
        report.path("conditions").forEach(c -> conditions.put(c.path("code").asText(), c));
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : byCode.entrySet()) {
            JsonNode condition = conditions.get(e.getKey());
            List<Card> cards = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            boolean anyAmount = false;
            for (JsonNode f : e.getValue()) {
                if (f.hasNonNull("amount")) {
                    total = total.add(f.get("amount").decimalValue());
                    anyAmount = true;
                }
                FindingView tf = tracked.get(f.path("fingerprint").asText());
                cards.add(new Card(f.path("severity").asText(), Labels.of(f.path("severity").asText(), locale),
                        f.path("code").asText(), Words.text(f.path("message").asText(), locale),
                        f.path("source").path("clause").asText(), f.path("source").path("document").asText(),
                        Words.facts(f.path("facts"), locale),
                        tf == null ? null : tf.id(), tf == null ? null : tf.status(),
                        tf == null ? null : Labels.of(tf.status(), locale)));
            }
            String result = condition == null ? "" : condition.path("result").asText();
            groups.add(new Group(e.getKey(), condition == null ? "" : condition.path("title").asText(), result,
                    Labels.of(result, locale), cards.size(), anyAmount ? Format.money(total, locale) : null,
                    cards.subList(0, Math.min(SHOWN_PER_CONDITION, cards.size())),
                    cards.size() > SHOWN_PER_CONDITION ? cards.subList(SHOWN_PER_CONDITION, cards.size()) : List.of()));
        }
        List<Map<String, String>> conditionRows = new ArrayList<>();
        for (JsonNode c : conditions.values()) {
            Map<String, String> row = new HashMap<>();
            row.put("code", c.path("code").asText());
            row.put("title", c.path("title").asText());
            row.put("result", c.path("result").asText());
            row.put("resultText", Labels.of(c.path("result").asText(), locale));
            row.put("detail", Words.text(c.path("detail").asText(""), locale));
            row.put("due", c.path("dueOn").asText(""));
            row.put("count", byCode.containsKey(c.path("code").asText())
                    ? String.valueOf(byCode.get(c.path("code").asText()).size()) : "");
            conditionRows.add(row);
        }
        String outcome = report.path("outcome").asText();
        boolean maySubmit = caller.isController() && caller.regions().contains(report.path("region").asText());
        return Response.status(status).type(MediaType.TEXT_HTML).entity(page(dossier).data("id", id)
                .data("uploaded", uploadSummary(id, ledgerUpload, submittedUpload, report, locale))
                .data("regionName", report.path("regionName").asText(report.path("region").asText()))
                .data("agreement", agreementTitle(report.path("agreement").asText(), locale))
                .data("asOf", report.path("asOf").asText(""))
                .data("revision", report.path("revision").asText(""))
                .data("rulesetVersion", report.path("ruleset").path("version").asText())
                .data("outcome", outcome).data("outcomeText", Labels.of(outcome, locale))
                .data("conditions", conditionRows).data("groups", groups)
                .data("findingCount", report.path("findings").size())
                .data("maySubmit", maySubmit).data("errors", errors)
                .data("history", history(review.dossierHistory(id), locale))).build();
    }

    /** A ledger file from the dossier page: replaces the ledger all or nothing, then the page again. */
    @POST
    @Path("underlag/{id}/huvudbok")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadLedger(@PathParam("id") String id, @RestForm("ledger") FileUpload ledger) {
        try {
            String region = dossiers.regionForLedger(id);
            if (ledger == null || ledger.size() == 0) {
                return dossierPage(id, List.of(text("Filen är tom: välj huvudboken som CSV eller SIE 4.",
                        "The file is empty: choose the ledger as CSV or SIE 4.")), 400);
            }
            DossierService.Replaced replaced = dossiers.replaceLedgerFile(id, region, ledger.uploadedFile(), ledger.contentType());
            return Response.seeOther(URI.create("/underlag/" + id + "?huvudbok="
                    + (replaced.changed() ? String.valueOf(replaced.revision()) : "oforandrad"))).build();
        } catch (BadInputException e) {
            return dossierPage(id, messages(e), 400);
        } catch (NotFoundException e) {
            return notFound();
        } catch (jakarta.ws.rs.ForbiddenException e) {
            return dossierPage(id, List.of(text("Bara regionens controller skickar in underlag.",
                    "Only the region's controllers submit.")), 403);
        }
    }

    @GET
    @Path("underlag/{id}/arbetsbok.xlsx")
    @Produces(DossierWorkbook.XLSX)
    public Response dossierWorkbook(@PathParam("id") String id) {
        try {
            return workbooks.download(dossiers.get(id).dossier(), "underlag-" + id);
        } catch (NotFoundException e) {
            return notFound();
        }
    }

    @GET
    @Path("skicka-in")
    public TemplateInstance submitPage() {
        return submitPage(List.of());
    }

    private TemplateInstance submitPage(List<String> errors) {
        return page(submit).data("errors", errors).data("regions", String.join(", ", caller.regions()));
    }

    @GET
    @Path("skicka-in/arbetsbok.xlsx")
    @Produces(DossierWorkbook.XLSX)
    public Response emptyWorkbook() {
        return workbooks.download(null, "underlag");
    }

    /** A dossier from the pages: a JSON file or a filled-in workbook, stored and judged, then its page. */
    @POST
    @Path("skicka-in")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submitDossier(@RestForm("dossier") FileUpload file, @RestForm("workbook") FileUpload workbook) {
        try {
            Dossier read;
            if (workbook != null && workbook.size() > 0) {
                read = workbooks.read(workbook.uploadedFile());
            } else if (file != null && file.size() > 0) {
                try {
                    read = json.readValue(file.uploadedFile().toFile(), Dossier.class);
                } catch (JsonProcessingException e) {
                    return Response.status(400).type(MediaType.TEXT_HTML).entity(submitPage(List.of(
                            file.fileName() + ": " + e.getOriginalMessage()))).build();
                }
            } else {
                return Response.status(400).type(MediaType.TEXT_HTML).entity(submitPage(List.of(text(
                        "Välj en fil.", "Choose a file.")))).build();
            }
            DossierService.Submitted submitted = dossiers.submit(read);
            return Response.seeOther(URI.create("/underlag/" + submitted.dossierId() + "?inskickad=" + submitted.revision())).build();
        } catch (BadInputException e) {
            return Response.status(400).type(MediaType.TEXT_HTML).entity(submitPage(messages(e))).build();
        } catch (NotFoundException | jakarta.ws.rs.ForbiddenException e) {
            return Response.status(403).type(MediaType.TEXT_HTML).entity(submitPage(List.of(text(
                    "Du skickar bara in underlag för dina egna regioner (" + String.join(", ", caller.regions()) + ").",
                    "You submit dossiers for your own regions only (" + String.join(", ", caller.regions()) + ")."))))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user's calendar feed: whether there is one, make a new one (its address shown once), revoke it. */
    @GET
    @Path("kalender")
    public TemplateInstance calendarPage() {
        return calendarPage(null, false);
    }

    @POST
    @Path("kalender/ny")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance createFeed() {
        String token = feeds.create(caller.name(), caller.isSteering(),
                caller.isController() ? caller.regions() : java.util.Set.of(), locale());
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        return calendarPage(base + "/kalenderflode/" + token + ".ics", false);
    }

    @POST
    @Path("kalender/aterkalla")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance revokeFeed() {
        feeds.revoke(caller.name());
        return calendarPage(null, true);
    }

    private TemplateInstance calendarPage(String feedUrl, boolean revoked) {
        Instant since = feedUrl == null ? feeds.createdFor(caller.name()).orElse(null) : null;
        return page(calendar).data("feedUrl", feedUrl).data("revoked", revoked)
                .data("since", since == null ? null : WHEN.format(since))
                .data("deadlines", feeds.deadlines(caller.isSteering(),
                        caller.isController() ? caller.regions() : java.util.Set.of(), locale()));
    }

    @GET
    @Path("fynd/{id}")
    public Response finding(@PathParam("id") String id) {
        return findingPage(id, null, 200, null, null, null);
    }

    @POST
    @Path("fynd/{id}/beslut")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") String id, @FormParam("action") String action,
                           @FormParam("comment") String comment, @FormParam("until") String until,
                           @FormParam("version") Long version) {
        Locale locale = locale();
        boolean english = Messages.english(locale);
        try {
            LocalDate untilDate = until == null || until.isBlank() ? null : LocalDate.parse(until);
            review.decide(id, new Decision(action, blank(comment), untilDate, version), locale);
            return Response.seeOther(URI.create("/fynd/" + id)).build();
        } catch (BadInputException e) {
            FieldError error = e.errors().get(0);
            return findingPage(id, english ? error.message().en() : error.message().sv(), 400, action, comment, until);
        } catch (ConflictException e) {
            return findingPage(id, e.text().in(locale), 409, action, comment, until);
        } catch (java.time.format.DateTimeParseException e) {
            return findingPage(id, text("Datumet ska skrivas ÅÅÅÅ-MM-DD.", "Write the date as YYYY-MM-DD."), 400,
                    action, comment, until);
        } catch (NotFoundException e) {
            return notFound();
        } catch (jakarta.ws.rs.ForbiddenException e) {
            return findingPage(id, text("Bara styrgruppen för statsbidrag fattar beslut om fynd.",
                    "Only the steering group for state grants decides on findings."), 403, action, comment, until);
        }
    }

    private Response findingPage(String id, String error, int status, String action, String comment, String until) {
        Locale locale = locale();
        try {
            FindingView f = review.get(id, locale);
            return Response.status(status).entity(page(finding).data("f", f).data("error", error)
                    .data("severityText", Labels.of(f.severity(), locale))
                    .data("statusText", Labels.of(f.status(), locale))
                    .data("amountText", f.amount() == null ? null : Format.money(f.amount(), locale))
                    .data("factsText", Words.facts(f.facts(), locale))
                    .data("agreementName", agreementName(f.agreement(), locale))
                    .data("message", Words.text(f.message(), locale))
                    .data("actions", List.of("ACKNOWLEDGE", "WAIVE", "REOPEN"))
                    .data("chosen", action == null ? "ACKNOWLEDGE" : action)
                    .data("comment", comment == null ? "" : comment)
                    .data("until", until == null ? "" : until)
                    .data("mayDecide", caller.isSteering() && !FindingEntity.Status.RESOLVED.name().equals(f.status()))
                    .data("history", history(review.history(id), locale))).type(MediaType.TEXT_HTML).build();
        } catch (NotFoundException e) {
            return notFound();
        }
    }

    private List<HistoryRow> history(List<HistoryEntry> entries, Locale locale) {
        return entries.stream().map(h -> new HistoryRow(h.at() == null ? "" : WHEN.format(h.at()), h.actor(),
                Labels.of(h.action(), locale), h.revision() == null ? "" : h.revision().toString(),
                h.previousStatus() == null ? "" : Labels.of(h.previousStatus(), locale),
                h.newStatus() == null ? "" : Labels.of(h.newStatus(), locale),
                h.comment() == null ? "" : h.comment() + (h.until() == null ? "" : " (" + texts(locale).get("until") + " " + h.until() + ")")))
                .toList();
    }

    private Response notFound() {
        return Response.status(404).entity(page(notFound)).type(MediaType.TEXT_HTML).build();
    }

    /** A page with what every page needs: texts and labels in the caller's language, who is logged in. */
    private TemplateInstance page(Template template) {
        Locale locale = locale();
        return template.instance().data("t", texts(locale)).data("L", Labels.all(locale))
                .data("lang", locale.getLanguage()).data("who", who(locale)).data("here", here())
                .data("maySubmit", caller.isController());
    }

    /** This page's path and query, for the language switch to come back to (GET pages only). */
    private String here() {
        if (uri == null || request == null || !"GET".equals(request.getMethod())) {
            return "/";
        }
        URI request = uri.getRequestUri();
        return nz(request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
    }

    private Locale locale() {
        return locale(languageCookie, headers);
    }

    /** The page's language: the language switch's cookie, else the browser's Accept-Language. */
    public static Locale locale(String languageCookie, HttpHeaders headers) {
        if ("en".equals(languageCookie)) {
            return Locale.ENGLISH;
        }
        if ("sv".equals(languageCookie)) {
            return Messages.SWEDISH;
        }
        return Languages.of(headers);
    }

    private String text(String sv, String en) {
        return Messages.english(locale()) ? en : sv;
    }

    private List<String> messages(BadInputException e) {
        boolean english = Messages.english(locale());
        Locale locale = locale();
        return e.errors().stream().map(p -> {
            String message = english ? p.message().en() : p.message().sv();
            // a message that already says where (a ledger file's "rad 3, kolumn belopp: …") is not prefixed again
            boolean placed = p.field() == null || message.startsWith(p.field())
                    || p.field().startsWith("rad ") && (message.startsWith("rad ") || message.startsWith("row "));
            return (placed ? "" : Words.field(p.field(), locale) + ": ") + message;
        }).toList();
    }

    public static Map<String, String> texts(Locale locale) {
        String language = Messages.english(locale) ? "en" : "sv";
        return TEXTS.computeIfAbsent(language, l -> {
            Properties properties = new Properties();
            try (InputStream in = WebResource.class.getClassLoader().getResourceAsStream("web/texts_" + l + ".properties")) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> map = new HashMap<>();
            properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
            return Map.copyOf(map);
        });
    }

    private String who(Locale locale) {
        return who(caller, locale);
    }

    /** Who is logged in, as the page header says it: name and role, a controller's regions by name. */
    public static String who(Caller caller, Locale locale) {
        if (caller.name() == null || caller.name().isBlank()) {
            return "";
        }
        boolean english = Messages.english(locale);
        String role = caller.isSteering() ? (english ? "steering group" : "styrgruppen")
                : caller.isController() ? (english ? "controller for " : "controller för ") + (caller.regions().size() > 2
                        ? caller.regions().size() + (english ? " regions" : " regioner") : Words.regions(caller.regions()))
                : (english ? "rule author" : "regelförfattare");
        return caller.name() + " (" + role + ")";
    }

    /**
     * The agreement's short name for tables and charts: its title up to the dash ("Patientmiljarden
     * 2018"); its id when the rule set does not know it.
     */
    private String agreementName(String id, Locale locale) {
        String title = agreementTitle(id, locale);
        int dash = title.indexOf(" – ");
        return dash > 0 ? title.substring(0, dash) : title;
    }

    /** The agreement's whole title in the language. */
    private String agreementTitle(String id, Locale locale) {
        if (id == null) {
            return "";
        }
        return rules.current().agreement(id).map(a -> a.title().in(locale)).orElse(id);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nz(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
