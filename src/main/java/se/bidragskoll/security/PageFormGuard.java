package se.bidragskoll.security;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import se.bidragskoll.api.Languages;
import se.bidragskoll.api.Problem;

/**
 * Cross-site request forgery on the pages: a state-changing request to a page (anything outside
 * {@code /api/}) needs the form's CSRF token matching its cookie ({@link FormTokens}), and, when the
 * browser names an {@code Origin}, this service's own. The API is not guarded this way: it takes no
 * session cookie (HTTP Basic or a bearer token only), so a foreign page cannot act for its caller.
 * Quarkus' {@code quarkus-rest-csrf} was not used because its filter guards every endpoint,
 * which would refuse {@code multipart/form-data} to {@code /api/v1/validate} from clients without a
 * browser (curl, CI).
 */
public class PageFormGuard {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    String key;

    @ServerRequestFilter
    @WithFormRead
    public Response guard(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return null;
        }
        String path = routing.request().path();
        if (path == null || path.startsWith("/api/")) {
            return null;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, routing)) {
            return refuse(request, "Formuläret kom från en annan webbplats (" + abbreviate(origin) + ").",
                    "The form came from another site (" + abbreviate(origin) + ").");
        }
        Cookie cookie = routing.request().getCookie(FormTokens.COOKIE);
        String field = null;
        if (request.hasEntity() || request.getMediaType() != null) {
            Object value = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(FormTokens.FIELD, true, false);
            field = value == null ? null : String.valueOf(value);
        }
        Cookie session = routing.request().getCookie(Sessions.COOKIE);
        String expected = cookie == null || !FormTokens.wellFormed(cookie.getValue()) ? null
                : FormTokens.bound(cookie.getValue(), session == null ? null : session.getValue(), key);
        if (!FormTokens.matches(expected, field)) {
            return refuse(request, "Formuläret saknar en giltig CSRF-token: ladda om sidan och försök igen.",
                    "The form has no valid CSRF token: reload the page and try again.");
        }
        return null;
    }

    private static boolean sameOrigin(String origin, RoutingContext routing) {
        try {
            URI o = URI.create(origin);
            String host = routing.request().getHeader("Host");
            String expected = routing.request().scheme() + "://" + host;
            return host != null && (o.getScheme() + "://" + o.getRawAuthority()).equalsIgnoreCase(expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response refuse(ResteasyReactiveContainerRequestContext request, String sv, String en) {
        Locale locale = Languages.of(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        boolean english = Locale.ENGLISH.equals(locale);
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(new Problem("urn:bidragskoll:problem:csrf",
                english ? "Forbidden" : "Inte tillåtet", 403, english ? en : sv, request.getUriInfo().getPath(),
                List.of())).build();
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
