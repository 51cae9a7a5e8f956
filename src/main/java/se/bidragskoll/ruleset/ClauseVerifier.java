package se.bidragskoll.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Quoted means quoted: every clause whose source is the words of a document ({@code verbatim} and the
 * document kinds, {@code quoted-in}, {@code summary}) must occur in the text its {@code seed} or
 * {@code text} names, in a folder of source texts. Whitespace and line breaks count as one space,
 * soft hyphens are dropped, a word hyphenated across a line break may be joined, and a clause may
 * skip words with {@code […]}: each fragment must occur. A clause whose text is not in the folders is
 * listed as unverified, not passed.
 */
public final class ClauseVerifier {

    /** What was found for one clause. */
    public record Outcome(List<RuleProblem> problems, List<RuleProblem> unverified, int verified) {
    }

    private static final Pattern SKIP = Pattern.compile("\\s*(?:\\[\\s*(?:…|\\.\\.\\.)\\s*]|…|\\.\\.\\.)\\s*");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern HYPHEN_BREAK = Pattern.compile("(\\p{L})-[ \\t]*\\r?\\n\\s*(\\p{Ll})");

    private final List<Path> folders;
    private final Map<String, Optional<String[]>> texts = new HashMap<>();

    public ClauseVerifier(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The folder of source texts that travels with a rules folder: {@code sources/} inside it. */
    public static Path sourcesOf(Path rulesDir) {
        return rulesDir.resolve("sources");
    }

    /** Checks the clauses of every agreement, region, generic and plan file of the rules folder. */
    public Outcome verify(Path rulesDir) {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleProblem> unverified = new ArrayList<>();
        int[] verified = {0};
        List<Path> files;
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String rel = rulesDir.relativize(file).toString().replace('\\', '/');
            boolean ruleFile = rel.equals("generic.yaml") || rel.equals("plan/conditions.yaml")
                    || rel.matches("(agreements|regions)/[^/]+\\.yaml");
            if (!ruleFile) {
                continue;
            }
            String yaml;
            JsonNode root;
            try {
                yaml = Files.readString(file, StandardCharsets.UTF_8);
                root = RuleSetLoader.yaml().readTree(yaml);
            } catch (IOException e) {
                continue; // the loader reports a file that does not parse
            }
            if (root == null || !root.isObject()) {
                continue;
            }
            LocatedYaml at = LocatedYaml.of(yaml);
            JsonNode whole = root.path("source");
            walk(root, "", whole, (pointer, source) -> {
                String clause = source.path("clause").asText(null);
                if (clause == null || clause.isBlank()) {
                    return;
                }
                Effective e = effective(source, whole);
                if (e.kind != null && (e.kind.equals("inferred") || e.kind.equals("assumption"))) {
                    return;
                }
                String where = e.name == null ? null : e.name;
                Optional<String[]> text = e.name == null ? Optional.empty() : text(e.name);
                RuleProblem loc = at.problem(rel, pointer + "/clause", "");
                if (text.isEmpty()) {
                    unverified.add(new RuleProblem(rel, loc.line(), loc.column(), "clause not verified: "
                            + (where == null ? "its source names no seed or text to check it against"
                            : "the source text " + where + " is not in the sources folder")));
                    return;
                }
                String missing = firstMissing(clause, text.get());
                if (missing == null) {
                    verified[0]++;
                } else {
                    problems.add(new RuleProblem(rel, loc.line(), loc.column(), "clause is not the words of "
                            + where + ": \"" + shorten(missing) + "\" does not occur there (a quotation must be "
                            + "the source's own words; otherwise give kind: inferred and own words)"));
                }
            });
        }
        return new Outcome(problems, unverified, verified[0]);
    }

    private record Effective(String kind, String name) {
    }

    /** The kind and the text a source's words are checked against; the file's source fills what it leaves out. */
    private static Effective effective(JsonNode source, JsonNode whole) {
        boolean ownDocument = source.hasNonNull("document");
        String kind = source.hasNonNull("kind") ? source.get("kind").asText()
                : whole.hasNonNull("kind") ? whole.get("kind").asText() : null;
        JsonNode from = source;
        if ("quoted-in".equals(kind) && source.has("quotedIn")) {
            from = source.get("quotedIn");
            ownDocument = true;
        }
        String seed = from.hasNonNull("seed") ? from.get("seed").asText()
                : ownDocument ? null : whole.path("seed").asText(null);
        String text = from.hasNonNull("text") ? from.get("text").asText()
                : ownDocument ? null : whole.path("text").asText(null);
        return new Effective(kind, text != null ? text : seed == null ? null : "seed " + seed);
    }

    private interface Visitor {
        void source(String pointer, JsonNode source);
    }

    /** Every object with a {@code clause}, by JSON pointer. */
    private static void walk(JsonNode node, String pointer, JsonNode whole, Visitor visitor) {
        if (node.isObject()) {
            if (node.has("clause") && node.get("clause").isTextual()) {
                visitor.source(pointer, node);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                walk(f.getValue(), pointer + "/" + f.getKey(), whole, visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, whole, visitor);
            }
        }
    }

    /** The named text, normalised two ways (hyphenated line breaks kept and joined); empty when absent. */
    private Optional<String[]> text(String name) {
        return texts.computeIfAbsent(name, n -> {
            for (Path folder : folders) {
                Path found = find(folder, n);
                if (found != null) {
                    try {
                        String raw = Files.readString(found, StandardCharsets.UTF_8).replace("\u00ad", "");
                        return Optional.of(new String[] {normalise(raw),
                                normalise(HYPHEN_BREAK.matcher(raw).replaceAll("$1$2"))});
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    private static Path find(Path folder, String name) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        if (name.startsWith("seed ")) {
            String seed = name.substring(5).strip();
            try (Stream<Path> list = Files.list(folder)) {
                return list.filter(p -> {
                    String f = p.getFileName().toString();
                    return f.equals(seed + ".txt") || f.startsWith(seed + "_");
                }).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        }
        Path p = folder.resolve(name).normalize();
        return p.startsWith(folder.normalize()) && Files.isRegularFile(p) ? p : null;
    }

    static String normalise(String s) {
        return SPACE.matcher(s.replace("\u00ad", "").replace('\u00a0', ' ')).replaceAll(" ").strip();
    }

    /** The first fragment of the clause that occurs in neither form of the text, or null when all occur. */
    static String firstMissing(String clause, String[] text) {
        for (String fragment : SKIP.split(clause)) {
            String f = normalise(fragment);
            if (f.isEmpty()) {
                continue;
            }
            if (!text[0].contains(f) && !text[1].contains(f)) {
                return f;
            }
        }
        return null;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }
}
