package se.bidragskoll.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.bidragskoll.api.Languages;
import se.bidragskoll.api.Problem;
import se.bidragskoll.api.SecurityProblems;

/**
 * The guards of every way to log in with a password, before and after Quarkus' form and Basic
 * authentication:
 * <ul>
 * <li>a login posted from another site is refused, 403: no login CSRF. Another site is an
 * {@code Origin} not this service's own, a {@code Sec-Fetch-Site} of {@code cross-site} or
 * {@code same-site} (a browser's word for a form of another origin), or, when the browser sends no
 * {@code Origin}, a {@code Referer} of another host;</li>
 * <li>failed logins slow down, per address and per user name, whether they were made on the login
 * form or with HTTP Basic (the API, the metrics): one count for both. After {@code free} failures
 * within {@code window}, each further attempt must wait twice as long as the one before (from
 * {@code first-wait} up to {@code max-wait}); too early, it is answered 429 with {@code Retry-After}
 * and a problem document, right password or not: no session is opened and no Basic request served.
 * A successful login clears the count of its user and address.</li>
 * </ul>
 */
@ApplicationScoped
public class LoginGuard {

    private static final int BEFORE_EDGE = 10_001;
    private static final int MAX_TRACKED = 50_000;

    @ConfigProperty(name = "bidragskoll.login.free-failures", defaultValue = "5")
    int free;

    @ConfigProperty(name = "bidragskoll.login.window-s", defaultValue = "900")
    long windowSeconds;

    @ConfigProperty(name = "bidragskoll.login.max-wait-s", defaultValue = "300")
    long maxWaitSeconds;

    /** The wait after the {@code free} failures; it doubles with every further failure. */
    @ConfigProperty(name = "bidragskoll.login.first-wait-s", defaultValue = "1")
    long firstWaitSeconds;

    /** Basic is counted only where it is a way in (not under OIDC, where it is refused anyway). */
    @ConfigProperty(name = "quarkus.http.auth.basic", defaultValue = "false")
    boolean basicEnabled;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private static final class Failures {
        int count;
        long last;
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, BEFORE_EDGE);
    }

    void guard(RoutingContext ctx) {
        String authorization = basicEnabled ? ctx.request().getHeader(HttpHeaders.AUTHORIZATION) : null;
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5)
                && (authorization.length() == 5 || authorization.charAt(5) == ' ');
        boolean form = ctx.request().method() == HttpMethod.POST && "/j_security_check".equals(ctx.request().path());
        // both at once (a Basic header on the login form's POST) are guarded and counted as both
        if (form && !admitForm(ctx) || basic && !admitBasic(ctx, authorization.substring(5).strip())) {
            return;
        }
        ctx.next();
    }

    /** The login form's POST: refused from another site or while throttled (answered, false), else counted after. */
    private boolean admitForm(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        String fetchSite = ctx.request().getHeader("Sec-Fetch-Site");
        String referer = ctx.request().getHeader(HttpHeaders.REFERER);
        String foreign = origin != null && !sameOrigin(origin, ctx) ? origin
                : fetchSite != null && !fetchSite.strip().equalsIgnoreCase("same-origin")
                && !fetchSite.strip().equalsIgnoreCase("none") ? "Sec-Fetch-Site: " + fetchSite
                : origin == null && referer != null && !sameOrigin(referer, ctx) ? referer : null;
        if (foreign != null) {
            String named = foreign.length() > 100 ? foreign.substring(0, 100) + "…" : foreign;
            answer(ctx, 403, "foreign-origin", "Främmande ursprung", "Foreign origin",
                    "Inloggningen skickades från en annan webbplats (" + named + ") och togs inte emot.",
                    "The login was sent from another site (" + named + ") and was not accepted.");
            return false;
        }
        String address = address(ctx);
        long wait = waitSeconds(address);
        if (wait > 0) {
            tooMany(ctx, wait);
            return false;
        }
        ctx.addHeadersEndHandler(v -> afterLogin(ctx, address));
        return true;
    }

    private static String address(RoutingContext ctx) {
        return "a:" + ctx.request().remoteAddress().hostAddress();
    }

    /**
     * HTTP Basic: the same count as the login form's. A throttled user name or address gets 429 before
     * its password is looked at; a 401 counts as a failure; an answer to the very user the header names
     * clears the count (a Basic header the path does not authenticate with clears nothing).
     */
    private boolean admitBasic(RoutingContext ctx, String credentials) {
        String address = address(ctx);
        String name = basicUser(credentials);
        String user = name == null ? null : "u:" + name.strip().toLowerCase(Locale.ROOT);
        long wait = Math.max(waitSeconds(address), user == null ? 0 : waitSeconds(user));
        if (wait > 0) {
            if (!ctx.response().ended()) {
                tooMany(ctx, wait);
            }
            return false;
        }
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() == 401) {
                fail(address);
                if (user != null) {
                    fail(user);
                }
            } else if (name != null && ctx.user() instanceof io.quarkus.vertx.http.runtime.security.QuarkusHttpUser who
                    && !who.getSecurityIdentity().isAnonymous()
                    && name.equals(who.getSecurityIdentity().getPrincipal().getName())) {
                failures.remove(address);
                failures.remove(user);
            }
        });
        return true;
    }

    /** The user name of a Basic header's {@code base64(user:password)}; null when it is not that. */
    static String basicUser(String credentials) {
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(credentials),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 ? decoded.substring(0, colon) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** After the form login answered: count a failure, clear on success, and hold back a throttled user. */
    private void afterLogin(RoutingContext ctx, String address) {
        String location = ctx.response().headers().get(HttpHeaders.LOCATION);
        int status = ctx.response().getStatusCode();
        boolean failed = status == 401 || (status == 302 || status == 303) && location != null
                && location.contains("/logga-in");
        String name = ctx.request().getFormAttribute("j_username");
        String user = name == null ? null : "u:" + name.strip().toLowerCase(Locale.ROOT);
        if (failed) {
            fail(address);
            if (user != null) {
                fail(user);
            }
        } else if (status == 302 || status == 303) {
            long wait = user == null ? 0 : waitSeconds(user);
            if (wait > 0) {
                // the right password while the name is throttled: no session, the same 429
                ctx.response().headers().remove(HttpHeaders.SET_COOKIE).remove(HttpHeaders.LOCATION);
                ctx.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(wait));
                return;
            }
            failures.remove(address);
            if (user != null) {
                failures.remove(user);
            }
        }
    }

    private void fail(String key) {
        long now = System.currentTimeMillis();
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(f -> now - f.last > windowSeconds * 1000);
            if (failures.size() >= MAX_TRACKED) {
                failures.clear();
            }
        }
        failures.compute(key, (k, f) -> {
            Failures n = f == null || now - f.last > windowSeconds * 1000 ? new Failures() : f;
            n.count++;
            n.last = now;
            return n;
        });
    }

    /** Seconds before the next attempt of {@code key} is taken; 0 when it may try now. */
    long waitSeconds(String key) {
        Failures f = failures.get(key);
        if (f == null || f.count < free) {
            return 0;
        }
        long now = System.currentTimeMillis();
        if (now - f.last > windowSeconds * 1000) {
            failures.remove(key);
            return 0;
        }
        long backoff = Math.min(maxWaitSeconds, Math.max(1, firstWaitSeconds) << Math.min(20, f.count - free));
        long left = f.last + backoff * 1000 - now;
        return left <= 0 ? 0 : Math.max(1, (left + 999) / 1000);
    }

    /** Forgets every failure (tests). */
    void reset() {
        failures.clear();
    }

    /** Whether {@code origin} (an origin or a whole address, as a {@code Referer}) names this service's host. */
    private static boolean sameOrigin(String origin, RoutingContext ctx) {
        try {
            URI o = URI.create(origin);
            String host = ctx.request().getHeader(HttpHeaders.HOST);
            if (o.getHost() == null || host == null) {
                return false;
            }
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return authority.equalsIgnoreCase(host) || o.getPort() < 0 && host.equalsIgnoreCase(o.getHost() + ":"
                    + ("https".equals(o.getScheme()) ? 443 : 80));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void tooMany(RoutingContext ctx, long wait) {
        ctx.response().putHeader("Retry-After", String.valueOf(wait));
        answer(ctx, 429, "too-many-logins", "För många misslyckade inloggningar", "Too many failed logins",
                "För många misslyckade inloggningar härifrån; försök igen om " + wait + " s.",
                "Too many failed logins from here; try again in " + wait + " s.");
    }

    private static void answer(RoutingContext ctx, int status, String type, String sv, String en, String detailSv,
                               String detailEn) {
        boolean english = Locale.ENGLISH.equals(Languages.of(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
        Problem problem = new Problem("urn:bidragskoll:problem:" + type, english ? en : sv, status,
                english ? detailEn : detailSv, ctx.request().path(), java.util.List.of());
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(SecurityProblems.json(problem));
    }
}
