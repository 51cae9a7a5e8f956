package se.bidragskoll.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A page request logged in with the login form's cookie must also carry a session id the server
 * still holds for that user ({@link Sessions}); otherwise it is logged out and sent to the login page.
 * {@code /logga-ut} ends the session on the server, so a copy of the cookies is worth nothing after.
 */
public class PageSessionGuard {

    @Inject
    Sessions sessions;

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "quarkus.http.auth.form.enabled", defaultValue = "false")
    boolean formLogin;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String loginCookie;

    @ServerRequestFilter
    public Response guard(RoutingContext routing) {
        String path = routing.request().path();
        if (!formLogin || path == null || path.startsWith("/api/") || path.startsWith("/q/")) {
            return null;
        }
        Cookie login = routing.request().getCookie(loginCookie);
        if (login == null || login.getValue().isEmpty() || identity.isAnonymous()) {
            return null;
        }
        Cookie session = routing.request().getCookie(Sessions.COOKIE);
        String id = session == null ? null : session.getValue();
        boolean secure = routing.request().isSSL();
        if ("/logga-ut".equals(path)) {
            sessions.close(id);
            routing.response().headers().add("Set-Cookie", Sessions.cookie(null, secure));
            return null;
        }
        if (sessions.isOpen(id, identity.getPrincipal().getName())) {
            return null;
        }
        io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism.logout(routing);
        return Response.seeOther(URI.create("/logga-in")).header("Set-Cookie", Sessions.cookie(null, secure)).build();
    }
}
