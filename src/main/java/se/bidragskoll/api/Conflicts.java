package se.bidragskoll.api;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether a failure is two requests meeting on the same rows (a lock that timed out, a deadlock, a
 * stale version, a second insert of the same key): the loser gets 409 and may retry, never 500.
 */
public final class Conflicts {

    /**
     * SQL states of lock and serialisation failures: H2's lock timeout ({@code HYT00}), deadlock
     * ({@code 40001}), PostgreSQL's deadlock ({@code 40P01}) and lock not available ({@code 55P03}),
     * and a duplicate key ({@code 23505}).
     */
    private static final Set<String> STATES = Set.of("HYT00", "40001", "40P01", "55P03", "23505");

    private static final Set<String> TYPES = Set.of(
            "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "org.hibernate.StaleStateException",
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.dialect.lock.PessimisticEntityLockException",
            "org.hibernate.exception.ConstraintViolationException");

    private Conflicts() {
    }

    public static boolean isConflict(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (TYPES.contains(t.getClass().getName())) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
