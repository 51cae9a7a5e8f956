package se.bidragskoll.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * With OIDC, a controller's regions come from the token: the claim {@code regions} (a list of SCB
 * county codes) becomes the identity attribute that {@link Caller} reads.
 */
@ApplicationScoped
public class RegionsClaimAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || !token.containsClaim("regions")) {
            return Uni.createFrom().item(identity);
        }
        Object regions = token.getClaim("regions");
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute("regions", String.valueOf(regions)).build());
    }
}
