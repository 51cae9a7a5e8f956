package se.bidragskoll.scheduling;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Leases on scheduled jobs in the database (table {@code scheduler_lease}), so that a job every
 * instance schedules runs on one of them per run. Taking a lease is one conditional {@code UPDATE}
 * ({@code … WHERE name = ? AND expires_at <= now}): the database's row lock lets exactly one
 * instance change the row, the others update nothing, on H2 as on PostgreSQL. A lease is held for
 * less than the job's interval, so that the next run can be taken by any instance, and is never
 * released early: instances whose clocks fire a little apart do not run the job twice. A lease taken
 * longer ago than the taker's own hold is free for it too, so that an instance configured with a
 * longer interval (or a test) cannot hold the job away from the others for its whole interval.
 */
@ApplicationScoped
public class Leases {

    /** This process, as a lease's holder. */
    static final String SELF = ProcessHandle.current().pid() + "@" + UUID.randomUUID();

    @Inject
    AgroalDataSource db;

    /** Whether this instance took the lease {@code name} for {@code hold} from now. */
    public boolean take(String name, Duration hold) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement take = c.prepareStatement(
                    "UPDATE scheduler_lease SET holder = ?, taken_at = ?, expires_at = ? "
                            + "WHERE name = ? AND (expires_at <= ? OR taken_at <= ?)")) {
                take.setString(1, SELF);
                take.setObject(2, now);
                take.setObject(3, now.plus(hold));
                take.setString(4, name);
                take.setObject(5, now);
                take.setObject(6, now.minus(hold));
                if (take.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement add = c.prepareStatement(
                    "INSERT INTO scheduler_lease (name, holder, taken_at, expires_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                            + "(SELECT 1 FROM scheduler_lease WHERE name = ?)")) {
                add.setString(1, name);
                add.setString(2, SELF);
                add.setObject(3, now);
                add.setObject(4, now.plus(hold));
                add.setString(5, name);
                return add.executeUpdate() == 1;
            } catch (SQLException duplicate) {
                return false; // another instance added the job's row at the same moment: its lease
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lease " + name + " not taken: " + e.getMessage(), e);
        }
    }
}
