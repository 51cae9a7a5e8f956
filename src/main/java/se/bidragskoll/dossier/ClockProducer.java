package se.bidragskoll.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The clock that decides "today" for dossiers without {@code asOf}: Swedish time. */
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "bidragskoll.zone") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
