package se.bidragskoll.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import se.bidragskoll.dossier.DossierEntity;
import se.bidragskoll.dossier.ReportEntity;
import se.bidragskoll.dossier.RevisionEntity;
import se.bidragskoll.text.Messages;
import se.bidragskoll.plan.PlanEntity;
import se.bidragskoll.rulebase.RuleSetHolder;
import se.bidragskoll.text.Sha256;

/**
 * The deadlines a user may see as an iCalendar feed (RFC 5545), for a calendar program to subscribe
 * to. A deadline is what the latest report of a stored dossier or region plan names as not yet due
 * ({@code dueOn} of its {@code NOT_YET_DUE} conditions: agreement events such as the action plan,
 * reports to the waiting-time database, repayment of unspent money, a plan line's dossier), and the
 * date by which a plan line's dossier is due when it lies after the plan's date. "Coming" is as the
 * report judges it: on the report's date, which is today for a dossier without its own {@code asOf}
 * (such reports are judged again when a deadline passes).
 *
 * <p>The feed's address carries a token instead of a login: the token is 32 random bytes, stored only
 * as its SHA-256, one per user, and revoked by deleting it. What the user may see (every region for
 * the steering group, a controller's own regions) is stored with it, since a feed request has no
 * login to read it from.
 */
@ApplicationScoped
public class CalendarFeed {

    /** One deadline as an event: the day, what falls due, and the page that says more. */
    public record Due(LocalDate date, String uid, String region, String summary, String description, String path) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ObjectMapper json;

    @Inject
    RuleSetHolder rules;

    @Inject
    Clock clock;

    /** A new token for the user (any earlier one stops working); the token itself is returned once. */
    @Transactional
    public String create(String user, boolean allRegions, Set<String> regions, Locale locale) {
        FeedTokenEntity.delete("userName", user);
        FeedTokenEntity.flush();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        FeedTokenEntity e = new FeedTokenEntity();
        e.tokenHash = hash(token);
        e.userName = user;
        e.allRegions = allRegions;
        e.regions = String.join(",", regions);
        e.language = Messages.english(locale) ? "en" : "sv";
        e.createdAt = Instant.now(clock);
        e.persist();
        return token;
    }

    /** Revokes the user's token; whether there was one. */
    @Transactional
    public boolean revoke(String user) {
        return FeedTokenEntity.delete("userName", user) > 0;
    }

    /** When the user's token was made, if there is one. */
    @Transactional
    public Optional<Instant> createdFor(String user) {
        return FeedTokenEntity.forUser(user).map(e -> e.createdAt);
    }

    /** The feed of the token as iCalendar text; empty when no such token exists (never made or revoked). */
    @Transactional
    public Optional<String> feed(String token, String baseUrl) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        Optional<FeedTokenEntity> found = FeedTokenEntity.findByIdOptional(hash(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        FeedTokenEntity e = found.get();
        Locale locale = "en".equals(e.language) ? Locale.ENGLISH : Messages.SWEDISH;
        Set<String> regions = Arrays.stream(e.regions.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Optional.of(write(deadlines(e.allRegions, regions, locale), baseUrl, locale));
    }

    /** Every deadline of the regions (all when {@code allRegions}), by date. */
    @Transactional
    public List<Due> deadlines(boolean allRegions, Set<String> regions, Locale locale) {
        boolean english = Messages.english(locale);
        List<Due> due = new ArrayList<>();
        List<DossierEntity> dossiers = allRegions ? DossierEntity.listAll()
                : regions.isEmpty() ? List.of() : DossierEntity.list("region in ?1", regions);
        for (DossierEntity d : dossiers) {
            JsonNode report = RevisionEntity.of(d.id, d.latestRevision)
                    .flatMap(r -> ReportEntity.latestFor(r.id))
                    .map(r -> read(english ? r.reportEn : r.reportSv)).orElse(null);
            if (report == null) {
                continue;
            }
            String regionName = report.path("regionName").asText(d.region);
            String agreement = agreementTitle(d.agreement, locale);
            for (JsonNode c : report.path("conditions")) {
                if (c.hasNonNull("dueOn")) {
                    LocalDate date = LocalDate.parse(c.get("dueOn").asText());
                    String code = c.path("code").asText();
                    due.add(new Due(date, "dossier-" + d.id + "-" + code + "-" + date + "@bidragskoll", d.region,
                            regionName + ": " + c.path("title").asText(code),
                            agreement + "\n" + code + ": " + c.path("title").asText("")
                                    + (c.path("detail").asText("").isBlank() ? "" : "\n" + c.path("detail").asText()),
                            "/underlag/" + d.id));
                }
            }
        }
        List<PlanEntity> plans = allRegions ? PlanEntity.listAll()
                : regions.isEmpty() ? List.of() : PlanEntity.list("region in ?1", regions);
        for (PlanEntity p : plans) {
            JsonNode report = read(english ? p.reportEn : p.reportSv);
            String regionName = report.path("regionName").asText(p.region);
            String path = "/plan/" + p.region + "/" + p.year;
            String planName = (english ? "Region plan " : "Regionplan ") + p.year;
            for (JsonNode c : report.path("conditions")) {
                if (c.hasNonNull("dueOn")) {
                    LocalDate date = LocalDate.parse(c.get("dueOn").asText());
                    String code = c.path("code").asText();
                    due.add(new Due(date, "plan-" + p.id + "-" + code + "-" + date + "@bidragskoll", p.region,
                            regionName + ": " + c.path("title").asText(code),
                            planName + "\n" + code + ": " + c.path("title").asText("")
                                    + (c.path("detail").asText("").isBlank() ? "" : "\n" + c.path("detail").asText()),
                            path));
                }
            }
            LocalDate asOf = report.hasNonNull("asOf") ? LocalDate.parse(report.get("asOf").asText()) : null;
            for (JsonNode line : report.path("lines")) {
                if (!line.hasNonNull("dossierDue")) {
                    continue;
                }
                LocalDate date = LocalDate.parse(line.get("dossierDue").asText());
                if (asOf != null && date.isBefore(asOf)) {
                    continue;
                }
                String title = line.path("agreementTitle").asText(line.path("agreement").asText(""));
                due.add(new Due(date, "plan-" + p.id + "-line-" + line.path("line").asInt() + "-" + date + "@bidragskoll",
                        p.region, regionName + ": " + (english ? "dossier due for " : "underlag ska lämnas för ") + title,
                        planName + (english ? ", line " : ", rad ") + line.path("line").asInt() + ": "
                                + line.path("name").asText(""), path));
            }
        }
        due.sort(Comparator.comparing(Due::date).thenComparing(Due::summary));
        return due;
    }

    /** The deadlines as an iCalendar document: one all-day event each. */
    String write(List<Due> deadlines, String baseUrl, Locale locale) {
        boolean english = Messages.english(locale);
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Bidragskoll//Deadlines//" + (english ? "EN" : "SV")));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", english ? "Bidragskoll: deadlines" : "Bidragskoll: tidsfrister"));
        Instant stamp = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (Due d : deadlines) {
            VEvent event = new VEvent(d.date(), d.summary());
            event.replace(new DtStamp(stamp));
            event.add(new Uid(d.uid()));
            event.add(new Description(d.description()));
            event.add(new Categories(english ? "Deadline" : "Tidsfrist"));
            if (baseUrl != null) {
                event.add(new Url(URI.create(baseUrl + d.path())));
            }
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private String agreementTitle(String id, Locale locale) {
        return rules.current().agreement(id).map(a -> a.title().in(locale)).orElse(id);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }
}
