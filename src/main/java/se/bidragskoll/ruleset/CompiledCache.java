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
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Compiled rule bases on disk, keyed by the DRL sources, the bytes of every class they import and
 * the engine's version: a restart with unchanged rules skips the DRL compile. Any doubt (a missing,
 * unreadable or stale entry) means compiling as usual.
 */
final class CompiledCache {

    private static final Logger LOG = Logger.getLogger(CompiledCache.class);
    private static final Pattern TYPES = Pattern.compile("^\\s*(?:import|global)\\s+([\\w.]+)", Pattern.MULTILINE);

    private CompiledCache() {
    }

    static RuleEngine.Compiled read(Path cacheDir, Map<String, String> drls) {
        if (cacheDir == null) {
            return null;
        }
        Path file = cacheDir.resolve(key(drls) + ".kbase");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return RuleEngine.read(in, drls);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            LOG.warnf("Compiled rules in %s cannot be read (%s); compiling instead", file, e.getMessage());
            return null;
        }
    }

    static void write(Path cacheDir, Map<String, String> drls, RuleEngine.Compiled compiled) {
        if (cacheDir == null) {
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
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Compiled rules not cached in %s: %s", cacheDir, e.getMessage());
        }
    }

    static String key(Map<String, String> drls) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
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
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
