package se.bidragskoll.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Who is calling and which regions they may see: a {@code controller} their own region(s), the
 * {@code steering} group every region, a {@code rule-author} none. Regions come from the identity's
 * {@code regions} attribute (an OIDC token claim) or, for the embedded demo users, from
 * {@code bidragskoll.regions.<user>}.
 */
@RequestScoped
public class Caller {

    public static final String CONTROLLER = "controller";
    public static final String STEERING = "steering";
    public static final String RULE_AUTHOR = "rule-author";

    @Inject
    SecurityIdentity identity;

    @Inject
    Config config;

    private Set<String> regions;

    public String name() {
        return identity.isAnonymous() ? "anonym" : identity.getPrincipal().getName();
    }

    public boolean isSteering() {
        return identity.hasRole(STEERING);
    }

    public boolean isController() {
        return identity.hasRole(CONTROLLER);
    }

    /** The regions a controller is bound to. */
    public Set<String> regions() {
        if (regions == null) {
            Object attribute = identity.getAttribute("regions");
            String list = attribute != null ? String.valueOf(attribute)
                    : config.getOptionalValue("bidragskoll.regions." + name(), String.class).orElse("");
            regions = Arrays.stream(list.replaceAll("[\\[\\]\"]", "").split("[,\\s]+")).map(String::strip)
                    .filter(r -> !r.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        }
        return regions;
    }

    /** Whether the caller may read this region's dossiers and findings. */
    public boolean sees(String region) {
        return isSteering() || (isController() && regions().contains(region));
    }

    /** Reading another region's item answers 404: its existence is not leaked. */
    public void mustSee(String region) {
        if (!sees(region)) {
            throw new NotFoundException();
        }
    }

    /** Only controllers submit, and only for their own regions. */
    public void mustSubmitFor(String region) {
        if (!isController()) {
            throw new ForbiddenException();
        }
        if (region != null && !regions().contains(region)) {
            throw new NotFoundException();
        }
    }
}
