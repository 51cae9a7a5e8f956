package se.bidragskoll.ruleset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import se.bidragskoll.text.Sha256;

/**
 * Compiled rule bases on disk, keyed by the DRL sources, the bytes of every class they import and
 * the engine's version: a restart with unchanged rules skips the DRL compile. In the service they are
 * shared through the database too ({@link Shared}, table {@code rule_compiled}), so that a new
 * instance, with an empty folder, reads what another compiled. Any doubt (a missing, unreadable or
 * stale entry) means compiling as usual.
 */
public final class CompiledCache {

    private static final Logger LOG = Logger.getLogger(CompiledCache.class);
    private static final Pattern TYPES = Pattern.compile("^\\s*(?:import|global)\\s+([\\w.]+)", Pattern.MULTILINE);

    private CompiledCache() {
    }

    /** Compiled rule bases shared by every instance (the database's {@code rule_compiled}). */
    public interface Shared {
        byte[] get(String key);

        boolean has(String key);

        void put(String key, byte[] content);
    }

    private static volatile Shared shared;

    /** How many rule bases this process read from the shared store (for tests and the start log). */
    public static final java.util.concurrent.atomic.AtomicInteger READ_SHARED = new java.util.concurrent.atomic.AtomicInteger();

    /** Shares compiled rule bases through {@code store} from now on (null: this folder only). */
    public static void share(Shared store) {
        shared = store;
    }

    static RuleEngine.Compiled read(Path cacheDir, Map<String, String> drls) {
        String key = key(drls);
        Path file = cacheDir == null ? null : cacheDir.resolve(key + ".kbase");
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                RuleEngine.Compiled compiled = RuleEngine.read(in, drls);
                offer(key, file);
                return compiled;
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                LOG.warnf("Compiled rules in %s cannot be read (%s); compiling instead", file, e.getMessage());
                return null;
            }
        }
        Shared store = shared;
        if (store == null) {
            return null;
        }
        try {
            byte[] bytes = store.get(key);
            if (bytes == null) {
                return null;
            }
            RuleEngine.Compiled compiled = RuleEngine.read(new java.io.ByteArrayInputStream(bytes), drls);
            if (file != null) {
                Files.createDirectories(cacheDir);
                Path tmp = Files.createTempFile(cacheDir, "kbase", ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            READ_SHARED.incrementAndGet();
            LOG.infof("Compiled rules %s read from the database (%d KiB), not compiled", key.substring(0, 12), bytes.length >> 10);
            return compiled;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            LOG.warnf("Compiled rules %s in the database cannot be read (%s); compiling instead", key, e.getMessage());
            return null;
        }
    }

    /** Puts a compiled rule base this instance has on disk into the shared store, if it is not there. */
    private static void offer(String key, Path file) {
        Shared store = shared;
        if (store == null) {
            return;
        }
        try {
            if (!store.has(key)) {
                store.put(key, Files.readAllBytes(file));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Compiled rules %s not shared through the database: %s", key, e.getMessage());
        }
    }

    static void write(Path cacheDir, Map<String, String> drls, RuleEngine.Compiled compiled) {
        if (cacheDir == null) {
            Shared store = shared;
            if (store != null) {
                try {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    RuleEngine.write(compiled, bytes);
                    store.put(key(drls), bytes.toByteArray());
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("Compiled rules not shared through the database: %s", e.getMessage());
                }
            }
            return;
        }
        try {
            Files.createDirectories(cacheDir);
            Path file = cacheDir.resolve(key(drls) + ".kbase");
            Path tmp = Files.createTempFile(cacheDir, "kbase", ".tmp");
            try (BufferedOutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                RuleEngine.write(compiled, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            offer(key(drls), file);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Compiled rules not cached in %s: %s", cacheDir, e.getMessage());
        }
    }

    static String key(Map<String, String> drls) {
        try {
            MessageDigest digest = Sha256.digest();
            digest.update(String.valueOf(RuleEngine.class.getPackage().getImplementationVersion())
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(org.drools.kiesession.rulebase.KnowledgeBaseFactory.class.getPackage()
                    .getImplementationVersion()).getBytes(StandardCharsets.UTF_8));
            TreeSet<String> types = new TreeSet<>();
            for (Map.Entry<String, String> drl : drls.entrySet()) {
                digest.update(drl.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update(drl.getValue().getBytes(StandardCharsets.UTF_8));
                Matcher m = TYPES.matcher(drl.getValue());
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
            ClassLoader loader = RuleEngine.class.getClassLoader();
            for (String type : types) {
                try (InputStream in = loader.getResourceAsStream(type.replace('.', '/') + ".class")) {
                    if (in != null) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
