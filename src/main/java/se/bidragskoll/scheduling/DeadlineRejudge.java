package se.bidragskoll.scheduling;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.bidragskoll.api.SwedishDates;
import se.bidragskoll.dossier.DossierService;

/**
 * Judges stored dossiers again when a deadline that their latest report called "not yet due" has
 * passed ({@code bidragskoll.deadlines.rejudge-every}, five minutes), on one instance per run (the
 * lease {@value #LEASE}): a missing report or a late action plan becomes a finding in the queue on the
 * day after its last day, without anyone resubmitting. A run judges at most
 * {@code bidragskoll.deadlines.rejudge-batch} dossiers (the rest wait for the next run), each in its
 * own transaction; a report already judged again by another run is skipped.
 */
@ApplicationScoped
public class DeadlineRejudge {

    static final String LEASE = "deadline-rejudge";
    private static final Logger LOG = Logger.getLogger(DeadlineRejudge.class);

    @Inject
    Leases leases;

    @Inject
    DossierService dossiers;

    @Inject
    Clock clock;

    @ConfigProperty(name = "bidragskoll.deadlines.rejudge-every", defaultValue = "300s")
    Duration every;

    @ConfigProperty(name = "bidragskoll.deadlines.rejudge-batch", defaultValue = "50")
    int batch;

    @Scheduled(identity = LEASE, every = "${bidragskoll.deadlines.rejudge-every:300s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warnf("Dossiers whose deadlines passed were not judged again this run: %s", e.getMessage());
        }
    }

    /** One run: the dossiers judged again here, or -1 when another instance holds this run's lease. */
    public int run() {
        if (!leases.take(LEASE, every.multipliedBy(9).dividedBy(10))) {
            return -1;
        }
        int judged = dossiers.rejudgePassedDeadlines(SwedishDates.today(clock), batch);
        if (judged > 0) {
            LOG.infof("%d dossiers judged again because a deadline in their report has passed", judged);
        }
        return judged;
    }
}
