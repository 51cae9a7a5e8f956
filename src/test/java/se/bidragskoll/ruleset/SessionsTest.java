package se.bidragskoll.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

/** Reused sessions: a clean one comes back empty, one that did not end cleanly does not come back. */
class SessionsTest {

    @Test
    void shouldReuseACleanSessionEmptyAndDropAnUncleanOne() {
        RuleSet rules = RuleSetLoader.load(Path.of("rules"));
        KieSession first = Sessions.take(rules.kieBase());
        first.insert("a fact no rule reads");
        Sessions.giveBack(rules.kieBase(), first, true);

        KieSession again = Sessions.take(rules.kieBase());
        assertSame(first, again);
        assertEquals(0, again.getFactCount(), "a reused session starts without the last judgement's facts");
        Sessions.giveBack(rules.kieBase(), again, false);

        KieSession next = Sessions.take(rules.kieBase());
        assertNotSame(first, next);
        Sessions.giveBack(rules.kieBase(), next, true);
        RuleEngine.fire(rules.kieBase(), List.of(), new se.bidragskoll.judgement.Verdicts());
    }
}
