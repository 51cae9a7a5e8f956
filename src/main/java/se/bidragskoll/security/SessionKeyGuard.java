package se.bidragskoll.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start outside dev and test with the session key that ships in
 * {@code application.properties}: anyone who has read it could forge a login cookie. Set
 * {@code BIDRAGSKOLL_SESSION_KEY}, turn the login form off (OIDC), or say
 * {@code bidragskoll.session.allow-default-key=true} on purpose.
 */
@ApplicationScoped
public class SessionKeyGuard {

    /** The key in application.properties; a running service must have its own. */
    public static final String SHIPPED_KEY = "byt-ut-denna-nyckel-i-drift-0123456789";

    private static final Logger LOG = Logger.getLogger(SessionKeyGuard.class);

    @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    Optional<String> key;

    @ConfigProperty(name = "quarkus.http.auth.form.enabled", defaultValue = "false")
    boolean formLogin;

    @ConfigProperty(name = "bidragskoll.session.allow-default-key", defaultValue = "false")
    boolean allowDefault;

    void check(@Observes StartupEvent start) {
        check(LaunchMode.current(), formLogin, key.orElse(null), allowDefault);
    }

    static void check(LaunchMode mode, boolean formLogin, String key, boolean allowDefault) {
        if (!formLogin || !SHIPPED_KEY.equals(key)) {
            return;
        }
        if (mode == LaunchMode.DEVELOPMENT || mode == LaunchMode.TEST) {
            return;
        }
        if (allowDefault) {
            LOG.warn("The login cookies are encrypted with the key shipped in application.properties "
                    + "(bidragskoll.session.allow-default-key=true): anyone can forge them. Set BIDRAGSKOLL_SESSION_KEY.");
            return;
        }
        throw new IllegalStateException("Refusing to start: the login cookies would be encrypted with the key shipped in "
                + "application.properties, so anyone could forge one. Set BIDRAGSKOLL_SESSION_KEY to a secret of at "
                + "least 32 characters (e.g. `openssl rand -base64 32`), or start with "
                + "-Dbidragskoll.session.allow-default-key=true to accept the risk (a demo on your own machine).");
    }
}
