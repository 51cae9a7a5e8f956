package se.bidragskoll.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import se.bidragskoll.cli.CatalogueCommand;

/** The catalogue page rules/README.md agrees with conditions.yaml, the rules and the scenarios. */
class CatalogueTest {

    @Test
    void shouldMatchTheGeneratedCatalogue() throws IOException {
        Path readme = Path.of("rules/README.md");
        String page = Files.readString(readme);
        assertEquals(CatalogueCommand.render(Path.of("rules"), page), page,
                "rules/README.md is out of date: run the CatalogueCommand (see rules/README.md)");
    }
}
