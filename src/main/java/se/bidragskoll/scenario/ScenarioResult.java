package se.bidragskoll.scenario;

import java.util.List;

/** How one scenario went: passed, or the differences between expected and actual per condition. */
public record ScenarioResult(Scenario scenario, List<String> mismatches, java.util.Map<String, String> actualResults) {

    public boolean passed() {
        return mismatches.isEmpty();
    }
}
