package se.bidragskoll.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import se.bidragskoll.rulebase.RuleSetHolder;

/**
 * Counts rule reloads by their answer, outside the rule engine's package: a {@code Reload} that
 * changed or did not change the set, or a refused folder (4xx other than 401/403, or 5xx).
 */
public class ReloadMetricsFilter {

    @Inject
    Metrics metrics;

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().endsWith("/rules/reload")) {
            return;
        }
        int status = response.getStatus();
        if (status == 401 || status == 403) {
            return;
        }
        if (response.getEntity() instanceof RuleSetHolder.Reload reload) {
            metrics.reloaded(reload.changed() ? Metrics.ReloadResult.CHANGED : Metrics.ReloadResult.UNCHANGED);
        } else if (status >= 400) {
            metrics.reloaded(Metrics.ReloadResult.FAILED);
        }
    }
}
