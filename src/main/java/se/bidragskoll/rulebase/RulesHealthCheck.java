package se.bidragskoll.rulebase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import se.bidragskoll.rulebase.RuleSetHolder;
import se.bidragskoll.ruleset.RuleSet;

/**
 * Ready when a compiled rule set is loaded and it is the current bundle's (or the current bundle
 * loaded); shows the version in use. An instance that cannot load the current bundle keeps judging
 * with its last good set but is not ready: {@code stale} names both versions and why.
 */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

    @Inject
    RuleSetHolder holder;

    @Override
    public HealthCheckResponse call() {
        RuleSet rules = holder.current();
        RuleSetHolder.Stale stale = holder.stale();
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("rules").status(rules != null && stale == null)
                .withData("version", rules == null ? "none" : rules.version())
                .withData("rules", rules == null ? 0 : rules.rules().size());
        if (stale != null) {
            answer.withData("stale", "judging with " + stale.serving() + "; the current bundle " + stale.wanted()
                    + " does not load here: " + stale.problem());
            answer.withData("bundle", stale.wanted());
        }
        return answer.build();
    }
}
