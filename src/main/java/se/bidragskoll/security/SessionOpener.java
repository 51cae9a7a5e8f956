package se.bidragskoll.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Opens the server-held page session ({@link Sessions}) when the login form's user and password have
 * been accepted: the security layer calls this after {@code POST /j_security_check} authenticated the
 * user and before the login's redirect is sent, and {@code runBlocking} stores the session on a worker
 * thread (the login itself is handled on the event loop). {@link EdgeFilter} then sends the id as the
 * {@value Sessions#COOKIE} cookie with the redirect. Any other authentication passes through.
 */
@ApplicationScoped
public class SessionOpener implements SecurityIdentityAugmentor {

    /** The routing context's key of the id opened for this login. */
    static final String OPENED = "bidragskoll.session.opened";

    @Inject
    Sessions sessions;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(identity);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                                         Map<String, Object> attributes) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        if (identity.isAnonymous() || routing == null || routing.request().method() != HttpMethod.POST
                || !"/j_security_check".equals(routing.request().path()) || routing.get(OPENED) != null) {
            return Uni.createFrom().item(identity);
        }
        String user = identity.getPrincipal().getName();
        return context.runBlocking(() -> {
            routing.put(OPENED, sessions.open(user));
            return identity;
        });
    }
}
