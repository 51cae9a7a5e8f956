package se.bidragskoll.ruleset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a compiled rule set is loaded; shows its version. */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

    @Inject
    RuleSetHolder holder;

    @Override
    public HealthCheckResponse call() {
        RuleSet rules = holder.current();
        return HealthCheckResponse.named("rules").status(rules != null)
                .withData("version", rules == null ? "none" : rules.version())
                .withData("rules", rules == null ? 0 : rules.rules().size())
                .build();
    }
}
