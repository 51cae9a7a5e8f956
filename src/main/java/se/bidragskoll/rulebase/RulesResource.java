package se.bidragskoll.rulebase;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import se.bidragskoll.rulebase.RuleSetHolder;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.RegionDef;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.SourceRef;
import se.bidragskoll.text.Text;
import se.bidragskoll.security.Caller;

/** The loaded rule set: its version, the conditions with the rules that implement them, the parameters. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@io.quarkus.security.Authenticated
public class RulesResource {

    /** The rule set as rule authors and CI read it. */
    public record RulesView(String version, Instant loadedAt, String directory, int ruleCount,
                            List<ConditionView> conditions, Collection<AgreementDef> agreements,
                            Collection<RegionDef> regions, List<String> files) {
    }

    /** A condition of the catalogue and the rules that implement it. */
    public record ConditionView(String code, String family, String severity, Text title, SourceRef source,
                                LocalDate retiredOn, Map<String, Text> messages, List<RuleView> rules) {
    }

    /** One DRL rule. */
    public record RuleView(String name, String part, String severity, String file, int line) {
    }

    @Inject
    RuleSetHolder holder;

    @Inject
    Caller caller;

    @POST
    @Path("/reload")
    @jakarta.annotation.security.RolesAllowed(Caller.RULE_AUTHOR)
    @Operation(summary = "Compile rules/ into a new rule set, store it as the current bundle (every instance switches to it) and swap it in; a broken folder answers 422 and changes nothing")
    public RuleSetHolder.Reload reload() {
        return holder.reload(caller.name());
    }

    @GET
    @Operation(summary = "The loaded rule set: version, conditions and their rules, parameters")
    public RulesView rules() {
        RuleSet rules = holder.current();
        List<ConditionView> conditions = rules.conditions().values().stream()
                .map(c -> new ConditionView(c.code(), c.family().name().toLowerCase().replace('_', '-'),
                        c.severity().name(), c.title(), c.source(), c.retiredOn(), c.messages(),
                        rules.rules().stream().filter(r -> c.familyName().equals(r.family()))
                                .map(r -> new RuleView(r.name(), r.part(), r.severity(), r.file(), r.line()))
                                .toList()))
                .toList();
        return new RulesView(rules.version(), rules.loadedAt(), String.valueOf(holder.directory().getFileName()), rules.rules().size(),
                conditions, rules.agreements().values(), rules.regions().values(), rules.files());
    }
}
