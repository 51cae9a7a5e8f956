package se.bidragskoll.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidragskoll.ruleset.SourceRef;
import se.bidragskoll.ruleset.Text;

/**
 * The region plan's own conditions, read from {@code rules/plan/conditions.yaml}: code, severity,
 * titles, the clause (or where it comes from: the region's rule, the agreement's distribution) and
 * the messages in Swedish and English.
 */
public record PlanConditions(SourceRef source, List<Code> codes) {

    /** One plan condition. {@code clauseFrom}: {@code region:<family>} or {@code distribution}. */
    public record Code(String code, String severity, Text title, SourceRef source, String clauseFrom,
                       Map<String, Text> messages, Map<String, Text> labels) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static PlanConditions read(Path rulesDir) {
        Path file = rulesDir.resolve("plan").resolve("conditions.yaml");
        try {
            PlanConditions read = YAML.readValue(Files.readString(file), PlanConditions.class);
            List<Code> codes = read.codes().stream().map(c -> new Code(c.code(), c.severity(), c.title(),
                    c.source() == null ? read.source() : c.source().within(read.source()), c.clauseFrom(),
                    c.messages(), c.labels())).toList();
            return new PlanConditions(read.source(), codes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Map<String, Code> byCode() {
        Map<String, Code> map = new LinkedHashMap<>();
        codes.forEach(c -> map.put(c.code(), c));
        return map;
    }
}
