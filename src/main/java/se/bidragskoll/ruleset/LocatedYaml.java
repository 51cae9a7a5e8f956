package se.bidragskoll.ruleset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list item of a YAML file is written, by JSON pointer ({@code /conditions/2/params/to}),
 * so that {@code check} can say FILE:LINE:COL for a problem found after parsing.
 */
final class LocatedYaml {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Map<String, int[]> at;

    private LocatedYaml(Map<String, int[]> at) {
        this.at = at;
    }

    /** Locations of the text's keys and items; an unparsable text has none (its parse error says where). */
    static LocatedYaml of(String text) {
        Map<String, int[]> at = new HashMap<>();
        if (text != null) {
            try (JsonParser p = FACTORY.createParser(text)) {
                JsonToken token;
                while ((token = p.nextToken()) != null) {
                    JsonStreamContext ctx = p.getParsingContext();
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        ctx = ctx.getParent();
                    }
                    if (token == JsonToken.FIELD_NAME || ctx != null && ctx.inArray() && token != JsonToken.END_ARRAY
                            && token != JsonToken.END_OBJECT) {
                        String pointer = p.getParsingContext().pathAsPointer().toString();
                        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                            pointer = ctx.pathAsPointer().toString();
                        }
                        JsonLocation loc = p.currentTokenLocation();
                        at.putIfAbsent(pointer, new int[] {loc.getLineNr(), loc.getColumnNr()});
                    }
                }
            } catch (IOException e) {
                // the loader reports the parse error with its own location
            }
        }
        return new LocatedYaml(at);
    }

    /** The line and column of the pointer, or of the nearest enclosing key that has one. */
    int[] at(String pointer) {
        String p = pointer;
        while (true) {
            int[] found = at.get(p);
            if (found != null) {
                return found;
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                return new int[] {1, 1};
            }
            p = p.substring(0, slash);
        }
    }

    /** Whether the text writes this pointer itself. */
    boolean has(String pointer) {
        return at.containsKey(pointer);
    }

    RuleProblem problem(String file, String pointer, String message) {
        int[] lc = at(pointer);
        return new RuleProblem(file, lc[0], lc[1], message);
    }
}
