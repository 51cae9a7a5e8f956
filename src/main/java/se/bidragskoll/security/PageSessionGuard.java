package se.bidragskoll.security;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A page request logged in with the login form's cookie must also carry a session id the server
 * still holds for that user ({@link Sessions}); otherwise it is logged out and sent to the login page.
 * Logging out ({@code POST /logga-ut}, with the page's CSRF token) ends the session on the server, so a
 * copy of the cookies is worth nothing after.
 * The sessions are in the database: a request on an event-loop thread (a non-blocking endpoint)
 * reads them through {@code executeBlocking}, one on a worker reads them where it is.
 */
public class PageSessionGuard {

    @Inject
    Sessions sessions;

    @Inject
    SecurityIdentity identity;

    @Inject
    Vertx vertx;

    @Inject
    SecureCookies secureCookies;

    @ConfigProperty(name = "quarkus.http.auth.form.enabled", defaultValue = "false")
    boolean formLogin;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String loginCookie;

    @ServerRequestFilter
    public Uni<Response> guard(RoutingContext routing) {
        String path = routing.request().path();
        if (!formLogin || path == null || path.startsWith("/api/") || path.startsWith("/q/")) {
            return Uni.createFrom().nullItem();
        }
        Cookie login = routing.request().getCookie(loginCookie);
        if (login == null || login.getValue().isEmpty() || identity.isAnonymous()) {
            return Uni.createFrom().nullItem();
        }
        Cookie session = routing.request().getCookie(Sessions.COOKIE);
        String id = session == null ? null : session.getValue();
        boolean secure = secureCookies.secure(routing);
        String user = identity.getPrincipal().getName();
        return onWorker(() -> sessions.isOpen(id, user)).map(open -> {
            if (open) {
                return null;
            }
            io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism.logout(routing);
            return Response.seeOther(URI.create("/logga-in")).header("Set-Cookie", Sessions.cookie(null, secure)).build();
        });
    }

    /** Runs database work here when this thread may block, otherwise on a worker, resuming on this context. */
    private <T> Uni<T> onWorker(Callable<T> work) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            try {
                return Uni.createFrom().item(work.call());
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
        }
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(work, false).toCompletionStage());
    }
}
