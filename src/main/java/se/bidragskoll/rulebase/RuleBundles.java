package se.bidragskoll.rulebase;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.bidragskoll.ruleset.CompiledCache;

/**
 * The rule bundles in the database (tables {@code rule_bundle}, {@code rule_bundle_file},
 * {@code rule_bundle_current}), read and written with plain JDBC: a bundle is the rule files' text
 * under its content hash, with when and by whom it was stored; one of them is current.
 */
@ApplicationScoped
public class RuleBundles implements CompiledCache.Shared {

    /** How many bundles are kept besides the current one. */
    static final int KEEP = 20;

    /** The bundle every instance should judge with: its version, since when and by whom. */
    public record Current(String version, Instant madeAt, String madeBy) {
    }

    @Inject
    AgroalDataSource db;

    /** Stores the bundle (unless it is stored already) and makes it current, in one transaction. */
    public void storeAndMakeCurrent(String version, Map<String, String> files, String by) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!exists(c, version)) {
                    try (PreparedStatement bundle = c.prepareStatement(
                            "INSERT INTO rule_bundle (version, stored_at, stored_by, file_count) VALUES (?, ?, ?, ?)");
                         PreparedStatement file = c.prepareStatement(
                                 "INSERT INTO rule_bundle_file (version, path, content) VALUES (?, ?, ?)")) {
                        bundle.setString(1, version);
                        bundle.setObject(2, now);
                        bundle.setString(3, by);
                        bundle.setInt(4, files.size());
                        bundle.executeUpdate();
                        for (Map.Entry<String, String> f : files.entrySet()) {
                            file.setString(1, version);
                            file.setString(2, f.getKey());
                            file.setString(3, f.getValue());
                            file.addBatch();
                        }
                        file.executeBatch();
                    }
                }
                try (PreparedStatement current = c.prepareStatement(
                        "UPDATE rule_bundle_current SET version = ?, made_at = ?, made_by = ? WHERE id = 1")) {
                    current.setString(1, version);
                    current.setObject(2, now);
                    current.setString(3, by);
                    current.executeUpdate();
                }
                notifyFollowers(c, version);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!exists(c, version)) {
                    throw e;
                }
                // Another instance stored the same bundle meanwhile: make it current.
                try (PreparedStatement current = c.prepareStatement(
                        "UPDATE rule_bundle_current SET version = ?, made_at = ?, made_by = ? WHERE id = 1")) {
                    current.setString(1, version);
                    current.setObject(2, now);
                    current.setString(3, by);
                    current.executeUpdate();
                }
                notifyFollowers(c, version);
                c.commit();
            }
            prune(c);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("rule bundle " + version + " not stored: " + e.getMessage(), e);
        }
    }

    /** On PostgreSQL, tells the other instances' {@link RuleBundleListener} at commit; elsewhere they poll. */
    private static void notifyFollowers(Connection c, String version) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, RuleBundleListener.CHANNEL);
            notify.setString(2, version);
            notify.execute();
        }
    }

    /** The compiled rule base stored under {@code key}, or null. */
    @Override
    public byte[] get(String key) {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement("SELECT content FROM rule_compiled WHERE cache_key = ?")) {
            read.setString(1, key);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("compiled rules not read: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean has(String key) {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement("SELECT 1 FROM rule_compiled WHERE cache_key = ?")) {
            read.setString(1, key);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("compiled rules not read: " + e.getMessage(), e);
        }
    }

    /** Stores a compiled rule base (another instance storing the same at once is fine) and keeps the 10 newest. */
    @Override
    public void put(String key, byte[] content) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement add = c.prepareStatement("INSERT INTO rule_compiled (cache_key, stored_at, content) "
                    + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM rule_compiled WHERE cache_key = ?)")) {
                add.setString(1, key);
                add.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                add.setBytes(3, content);
                add.setString(4, key);
                add.executeUpdate();
            } catch (SQLException sameKeyAtOnce) {
                return;
            }
            try (PreparedStatement old = c.prepareStatement("DELETE FROM rule_compiled WHERE cache_key NOT IN "
                    + "(SELECT cache_key FROM (SELECT cache_key FROM rule_compiled ORDER BY stored_at DESC LIMIT 10) newest)")) {
                old.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("compiled rules not stored: " + e.getMessage(), e);
        }
    }

    /** The current bundle, if one was made current. */
    public Optional<Current> current() {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement("SELECT version, made_at, made_by FROM rule_bundle_current WHERE id = 1");
             ResultSet rs = read.executeQuery()) {
            if (!rs.next() || rs.getString(1) == null) {
                return Optional.empty();
            }
            OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
            return Optional.of(new Current(rs.getString(1), at == null ? null : at.toInstant(), rs.getString(3)));
        } catch (SQLException e) {
            throw new IllegalStateException("current rule bundle not read: " + e.getMessage(), e);
        }
    }

    /** The files of a stored bundle (empty when there is none of that version). */
    public Map<String, String> files(String version) {
        Map<String, String> files = new TreeMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement("SELECT path, content FROM rule_bundle_file WHERE version = ?")) {
            read.setString(1, version);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    files.put(rs.getString(1), rs.getString(2));
                }
            }
            return files;
        } catch (SQLException e) {
            throw new IllegalStateException("rule bundle " + version + " not read: " + e.getMessage(), e);
        }
    }

    /** Whether a bundle of this version has been stored (and not pruned). */
    public boolean stored(String version) {
        try (Connection c = db.getConnection()) {
            return exists(c, version);
        } catch (SQLException e) {
            throw new IllegalStateException("rule bundle " + version + " not read: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM rule_bundle WHERE version = ?")) {
            p.setString(1, version);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Keeps the current bundle and the {@value #KEEP} most recently stored others. */
    private static void prune(Connection c) throws SQLException {
        try (PreparedStatement old = c.prepareStatement("DELETE FROM rule_bundle WHERE version NOT IN "
                + "(SELECT version FROM rule_bundle_current WHERE version IS NOT NULL) AND version NOT IN "
                + "(SELECT version FROM (SELECT version FROM rule_bundle ORDER BY stored_at DESC LIMIT " + KEEP + ") newest)")) {
            old.executeUpdate();
        }
    }
}
