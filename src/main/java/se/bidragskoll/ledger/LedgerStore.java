package se.bidragskoll.ledger;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import se.bidragskoll.model.LedgerLine;

/**
 * Ledger lines in bulk: PostgreSQL through {@code COPY}, other databases through JDBC batches,
 * always inside the caller's transaction, so that a failed or killed import leaves the previous
 * ledger as it was.
 */
@ApplicationScoped
public class LedgerStore {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LedgerStore.class);

    /** A stored ledger. */
    public record StoredLedger(String id, String contentHash, int lineCount) {
    }

    private static final String COLUMNS = "ledger_id, row_no, voucher, line_no, booking_date, account, responsibility, "
            + "activity, cost_object, unit, measure, amount, description";
    private static final int BATCH = 5_000;

    @Inject
    AgroalDataSource dataSource;

    /** Stores the lines as a new ledger of the dossier; must run inside a transaction. */
    public StoredLedger store(String dossierId, List<LedgerLine> lines, String contentHash, String source) {
        return store(dossierId, List.of(lines).iterator(), contentHash, source);
    }

    /**
     * Stores lines as they come, in chunks (a file's lines while it is still being read), as a new
     * ledger of the dossier; must run inside a transaction. A chunk source that throws (a bad row
     * found later in the file) leaves the transaction to roll back what was written.
     */
    public StoredLedger store(String dossierId, java.util.Iterator<List<LedgerLine>> chunks, String contentHash,
                              String source) {
        String id = "l-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        long start = System.nanoTime();
        int count;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO ledger (id, dossier_id, content_hash, line_count, source, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                st.setString(1, id);
                st.setString(2, dossierId);
                st.setString(3, contentHash);
                st.setInt(4, 0);
                st.setString(5, source);
                st.setTimestamp(6, Timestamp.from(Instant.now()));
                st.executeUpdate();
            }
            count = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName()) ? copy(c, id, chunks)
                    : batch(c, id, chunks);
            try (PreparedStatement st = c.prepareStatement("UPDATE ledger SET line_count = ? WHERE id = ?")) {
                st.setInt(1, count);
                st.setString(2, id);
                st.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing the ledger failed: " + e.getMessage(), e);
        }
        LOG.infof("stored ledger %s of dossier %s: %d lines in %d ms (committed with the revision)", id, dossierId,
                count, (System.nanoTime() - start) / 1_000_000);
        return new StoredLedger(id, contentHash, count);
    }

    public Optional<StoredLedger> find(String ledgerId) {
        if (ledgerId == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT content_hash, line_count FROM ledger WHERE id = ?")) {
            st.setString(1, ledgerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new StoredLedger(ledgerId, rs.getString(1), rs.getInt(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ledger's lines in their original order. */
    public List<LedgerLine> lines(String ledgerId) {
        try (Connection c = dataSource.getConnection()) {
            return lines(c, ledgerId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a ledger's lines over any connection (also used by the replay command). */
    public static List<LedgerLine> lines(Connection c, String ledgerId) throws SQLException {
        List<LedgerLine> lines = new ArrayList<>();
        Codes codes = new Codes();
        try (PreparedStatement st = c.prepareStatement("SELECT row_no, voucher, line_no, booking_date, account, "
                + "responsibility, activity, cost_object, unit, measure, amount, description FROM ledger_line "
                + "WHERE ledger_id = ? ORDER BY row_no")) {
            st.setString(1, ledgerId);
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int lineNo = rs.getInt(3);
                    Integer line = rs.wasNull() ? null : lineNo;
                    Date date = rs.getDate(4);
                    BigDecimal amount = rs.getBigDecimal(11);
                    lines.add(new LedgerLine(rs.getString(2), line, date == null ? null : date.toLocalDate(),
                            codes.of(rs.getString(5)), codes.of(rs.getString(6)),
                            codes.of(rs.getString(7)), codes.of(rs.getString(8)),
                            codes.of(rs.getString(9)), codes.of(rs.getString(10)),
                            amount == null ? null : amount.setScale(2), rs.getString(12), rs.getInt(1)));
                }
            }
        }
        return lines;
    }

    /** PostgreSQL's binary COPY: no text to format on our side, none to parse on the server's. */
    private static int copy(Connection c, String id, java.util.Iterator<List<LedgerLine>> chunks) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY ledger_line (" + COLUMNS + ") FROM STDIN WITH (FORMAT binary)");
        try {
            CopyRows rows = new CopyRows(1 << 17);
            rows.header();
            byte[] ledgerId = id.getBytes(StandardCharsets.UTF_8);
            int count = 0;
            while (chunks.hasNext()) {
                for (LedgerLine l : chunks.next()) {
                    row(rows, ledgerId, l);
                    count++;
                    if (rows.size() > (1 << 16)) {
                        copy.writeToCopy(rows.buffer(), 0, rows.size());
                        rows.clear();
                    }
                }
            }
            rows.trailer();
            copy.writeToCopy(rows.buffer(), 0, rows.size());
            copy.endCopy();
            return count;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void row(CopyRows rows, byte[] ledgerId, LedgerLine l) {
        rows.fields(13);
        rows.value(ledgerId);
        rows.integer(l.row());
        rows.text(l.voucher());
        rows.integer(l.line());
        rows.date(l.date());
        rows.code(l.account());
        rows.code(l.responsibility());
        rows.code(l.activity());
        rows.code(l.object());
        rows.code(l.unit());
        rows.code(l.measure());
        rows.numeric(l.amount());
        rows.text(l.text());
    }

    private static int batch(Connection c, String id, java.util.Iterator<List<LedgerLine>> chunks) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO ledger_line (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            int count = 0;
            while (chunks.hasNext()) {
                for (LedgerLine l : chunks.next()) {
                    bind(st, id, l);
                    st.addBatch();
                    count++;
                    if (++pending == BATCH) {
                        st.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                st.executeBatch();
            }
            return count;
        }
    }

    private static void bind(PreparedStatement st, String id, LedgerLine l) throws SQLException {
        st.setString(1, id);
        st.setInt(2, l.row());
        st.setString(3, l.voucher());
        if (l.line() == null) {
            st.setNull(4, Types.INTEGER);
        } else {
            st.setInt(4, l.line());
        }
        LocalDate date = l.date();
        if (date == null) {
            st.setNull(5, Types.DATE);
        } else {
            st.setDate(5, Date.valueOf(date));
        }
        st.setString(6, l.account());
        st.setString(7, l.responsibility());
        st.setString(8, l.activity());
        st.setString(9, l.object());
        st.setString(10, l.unit());
        st.setString(11, l.measure());
        st.setBigDecimal(12, l.amount());
        st.setString(13, l.text());
    }
}
