package se.bidragskoll.scheduling;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.bidragskoll.review.ReviewService;

/**
 * Reopens waivers whose end date has passed, on a schedule ({@code bidragskoll.waivers.expire-every},
 * a minute) rather than when a request happens to read the queue, and on one instance per run (the
 * lease {@value #LEASE}). Each expiry is audited once even if two runs met: a finding is reopened by a
 * conditional update that only one transaction can make ({@link ReviewService#expireWaivers()}).
 */
@ApplicationScoped
public class WaiverExpiry {

    static final String LEASE = "waiver-expiry";
    private static final Logger LOG = Logger.getLogger(WaiverExpiry.class);

    @Inject
    Leases leases;

    @Inject
    ReviewService review;

    @ConfigProperty(name = "bidragskoll.waivers.expire-every", defaultValue = "60s")
    Duration every;

    @Scheduled(identity = LEASE, every = "${bidragskoll.waivers.expire-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warnf("Waivers were not expired this run: %s", e.getMessage());
        }
    }

    /** One run: the waivers reopened here, or -1 when another instance holds this run's lease. */
    public int run() {
        // Held for most of the interval: one run per interval across instances, the next one free.
        if (!leases.take(LEASE, every.multipliedBy(9).dividedBy(10))) {
            return -1;
        }
        int reopened = review.expireWaivers();
        if (reopened > 0) {
            LOG.infof("%d waivers past their end date reopened", reopened);
        }
        return reopened;
    }
}
