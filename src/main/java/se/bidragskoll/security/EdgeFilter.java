package se.bidragskoll.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import se.bidragskoll.api.Languages;
import se.bidragskoll.api.Problem;
import se.bidragskoll.api.SecurityProblems;

/**
 * What is refused before anyone is authenticated, and how the HTTP layer's refusals read.
 * <ul>
 * <li>A path with a matrix parameter ({@code ;}), a dot segment ({@code /..}), a backslash or their
 * encodings: the login rules match paths as written while the endpoints strip {@code ;…}, so such a
 * path could reach a page its rule does not name. Nothing here needs them: 400.</li>
 * <li>{@code Authorization: Basic} that is not base64 of {@code user:password}: 401, not 500.</li>
 * <li>A 401 or 403 of the HTTP layer on the API is a problem document, and a 401 says how to log in.</li>
 * <li>A request line or headers longer than the service takes: 414 or 431 with a problem document.
 * The HTTP codec's own limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) are set above these, since the codec answers without a body; only a request
 * beyond them still gets the codec's bare answer.</li>
 * <li>A {@code Content-Type} that is not {@code type/subtype} with well-formed parameters, or that
 * declares a charset the service does not read: 415. JSON, forms and text are UTF-8 only; a ledger
 * file ({@code text/csv}, {@code application/x-sie}) may say one of the encodings its readers tell
 * from its bytes.</li>
 * </ul>
 */
@ApplicationScoped
public class EdgeFilter {

    /** Before authentication (priority 200) and everything else but the access log. */
    private static final int BEFORE_AUTHENTICATION = 10_000;
    /** The longest path and query taken (the HTTP codec's line limit is set above it). */
    static final int MAX_URI = 4096;
    /** The most header bytes taken, names and values (the HTTP codec's limit is set above it). */
    static final int MAX_HEADERS = 20 * 1024;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.auth.basic", defaultValue = "false")
    boolean basicEnabled;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    io.quarkus.runtime.configuration.MemorySize maxBody;

    @jakarta.inject.Inject
    Sessions sessions;

    @jakarta.inject.Inject
    SecureCookies secureCookies;

    void register(@Observes Filters filters) {
        filters.register(this::screen, BEFORE_AUTHENTICATION);
    }

    void failures(@Observes Router router) {
        // Before Quarkus' own authentication failure handler, which answers with an empty body.
        router.route().order(-10_000).failureHandler(this::refused);
    }

    void screen(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && unsafePath(path)) {
            answer(ctx, 400, new Problem("urn:bidragskoll:problem:invalid-path",
                    english(ctx) ? "Invalid path" : "Ogiltig sökväg", 400,
                    english(ctx) ? "Paths with ';', '..', backslashes or their %-encodings are not accepted."
                            : "Sökvägar med ';', '..', bakstreck eller deras %-kodning tas inte emot.", null, java.util.List.of()));
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            answer(ctx, 413, tooLargeProblem(ctx, path));
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5)
                && (authorization.length() == 5 || authorization.charAt(5) == ' ');
        boolean malformed = basic && !wellFormedBasic(authorization.substring(5).strip());
        // Nothing under /api/ is open to anonymous callers: say so as a problem, with the way to log in.
        boolean anonymousApi = authorization == null && path != null && path.startsWith("/api/");
        if (malformed || anonymousApi) {
            ctx.response().putHeader("WWW-Authenticate", challenge());
            answer(ctx, 401, SecurityProblems.problem(401, locale(ctx), path));
            return;
        }
        if (ctx.request().uri().length() > MAX_URI) {
            boolean en = english(ctx);
            answer(ctx, 414, new Problem("urn:bidragskoll:problem:uri-too-long", en ? "URI too long" : "För lång adress", 414,
                    en ? "The address (path and query) is longer than the " + MAX_URI + " characters the service takes."
                            : "Adressen (sökväg och frågedel) är längre än de " + MAX_URI + " tecken tjänsten tar emot.",
                    null, java.util.List.of()));
            return;
        }
        if (headerBytes(ctx.request().headers()) > MAX_HEADERS) {
            boolean en = english(ctx);
            answer(ctx, 431, new Problem("urn:bidragskoll:problem:headers-too-large",
                    en ? "Request headers too large" : "För stora huvuden", 431,
                    en ? "The request's headers are larger than the " + MAX_HEADERS / 1024 + " KiB the service takes."
                            : "Begärans huvuden är större än de " + MAX_HEADERS / 1024 + " KiB tjänsten tar emot.",
                    path, java.util.List.of()));
            return;
        }
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.isBlank()) {
            Problem refused = MediaTypes.refusal(contentType, english(ctx), path);
            if (refused != null) {
                answer(ctx, 415, refused);
                return;
            }
        }
        if (path != null && path.equals("/j_security_check") && ctx.request().method() == io.vertx.core.http.HttpMethod.POST) {
            ctx.addHeadersEndHandler(v -> openSessionOnLogin(ctx));
        }
        ctx.next();
    }

    /**
     * A successful form login (a redirect that sets the login cookie) sends the server-held session
     * {@link SessionOpener} stored on a worker thread while the login was accepted; a failed one ends it.
     */
    private void openSessionOnLogin(RoutingContext ctx) {
        String id = ctx.get(SessionOpener.OPENED);
        if (id == null) {
            return;
        }
        // Quarkus sends a failed login to the error page (/logga-in?fel=1), a successful one onwards.
        String location = ctx.response().headers().get("Location");
        boolean loggedIn = ctx.response().getStatusCode() == 302 && location != null && !location.contains("/logga-in");
        if (loggedIn) {
            ctx.response().headers().add("Set-Cookie", Sessions.cookie(id, secureCookies.secure(ctx)));
        } else {
            ctx.vertx().executeBlocking(() -> {
                sessions.close(id);
                return null;
            }, false);
        }
    }

    void refused(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            // A chunked body that grew past the limit.
            answer(ctx, 413, tooLargeProblem(ctx, ctx.request().path()));
            return;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            status = 401;
        } else if (failure instanceof ForbiddenException) {
            status = 403;
        } else {
            ctx.next();
            return;
        }
        String path = ctx.request().path();
        // The pages keep their way: the login form (a redirect) for 401.
        if (path == null || !path.startsWith("/api/") || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", challenge());
        }
        answer(ctx, status, SecurityProblems.problem(status, locale(ctx), path));
    }

    private static long headerBytes(io.vertx.core.MultiMap headers) {
        long bytes = 0;
        for (java.util.Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBody.asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private long mebibytes() {
        return maxBody.asLongValue() / (1024 * 1024);
    }

    private Problem tooLargeProblem(RoutingContext ctx, String path) {
        boolean en = english(ctx);
        return new Problem("urn:bidragskoll:problem:too-large", en ? "Request too large" : "För stor begäran", 413,
                en ? "The request is larger than the " + mebibytes() + " MiB the service accepts (quarkus.http.limits.max-body-size)."
                        : "Begäran är större än de " + mebibytes() + " MiB tjänsten tar emot (quarkus.http.limits.max-body-size).",
                path, java.util.List.of());
    }

    /** HTTP Basic where the embedded users are on; a bearer token (OIDC) otherwise. */
    private String challenge() {
        return basicEnabled ? SecurityProblems.CHALLENGE : "Bearer realm=\"Bidragskoll\"";
    }

    static boolean unsafePath(String rawPath) {
        String p = rawPath.toLowerCase(Locale.ROOT);
        if (p.indexOf(';') >= 0 || p.indexOf('\\') >= 0 || p.contains("%3b") || p.contains("%2e")
                || p.contains("%5c") || p.contains("%2f") || p.contains("%00")) {
            return true;
        }
        for (String segment : p.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean wellFormedBasic(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            return decoded.indexOf(':') > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Locale locale(RoutingContext ctx) {
        return Languages.of(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static boolean english(RoutingContext ctx) {
        return Locale.ENGLISH.equals(locale(ctx));
    }

    private static void answer(RoutingContext ctx, int status, Problem problem) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(SecurityProblems.json(problem));
    }
}
