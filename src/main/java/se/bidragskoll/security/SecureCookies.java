package se.bidragskoll.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every cookie the service sets gets {@code Secure} when {@code bidragskoll.http.secure-cookies} is on
 * (the production profile's default): the service is then behind TLS, usually a proxy that ends it, so
 * that the request the service sees is plain HTTP and Quarkus' own cookies (the form login's, its
 * redirect cookie) would go without the flag. Off in dev and test, where the service is plain HTTP.
 * A request that did arrive over TLS gets the flag either way.
 * <p>
 * Cookies reach the answer two ways, both covered just before its headers are written: as
 * {@code Set-Cookie} headers (JAX-RS {@code NewCookie}, {@link Sessions#cookie}) and through Vert.x'
 * cookie jar ({@code addCookie}), which is written after this handler, so its changed cookies are marked.
 */
@ApplicationScoped
public class SecureCookies {

    /** Before everything but the access log, so that every answer passes here. */
    private static final int FIRST = 20_000;

    @ConfigProperty(name = "bidragskoll.http.secure-cookies", defaultValue = "false")
    boolean on;

    void register(@Observes Filters filters) {
        if (on) {
            filters.register(this::mark, FIRST);
        }
    }

    /** Whether cookies of this request's answer are to be {@code Secure}. */
    public boolean secure(RoutingContext ctx) {
        return on || ctx.request().isSSL();
    }

    void mark(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> secure(ctx.response().headers(), ctx.request().cookies()));
        ctx.next();
    }

    /** Adds {@code Secure} to the {@code Set-Cookie} headers without it and to the jar's changed cookies. */
    static void secure(io.vertx.core.MultiMap headers, java.util.Set<Cookie> jar) {
        List<String> set = headers.getAll(HttpHeaders.SET_COOKIE);
        if (!set.isEmpty()) {
            List<String> marked = new ArrayList<>(set.size());
            for (String cookie : set) {
                marked.add(hasSecure(cookie) ? cookie : cookie + "; Secure");
            }
            headers.remove(HttpHeaders.SET_COOKIE);
            marked.forEach(c -> headers.add(HttpHeaders.SET_COOKIE, c));
        }
        for (Cookie cookie : jar) {
            // only cookies set on this answer: one merely sent by the browser is not sent back
            if (cookie instanceof io.vertx.core.http.impl.ServerCookie sent && sent.isChanged() && !cookie.isSecure()) {
                cookie.setSecure(true);
            }
        }
    }

    static boolean hasSecure(String setCookie) {
        for (String attribute : setCookie.split(";")) {
            if (attribute.strip().toLowerCase(Locale.ROOT).equals("secure")) {
                return true;
            }
        }
        return false;
    }
}
