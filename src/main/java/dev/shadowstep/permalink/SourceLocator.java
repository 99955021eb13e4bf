package dev.shadowstep.permalink;

import dev.shadowstep.scenario.ScenarioParsers;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/** Finds where a key path's value is written in a scenario text, for errors found after reading. */
final class SourceLocator {

    /** A 1-based line and column; 0, 0 when the path is not in the text. */
    record At(int line, int column) {}

    private SourceLocator() {}

    /** Returns where the value at the key path (map keys only, e.g. {@code limits, max_steps}) starts. */
    static At find(String source, String... keys) {
        try (JsonParser p = ScenarioParsers.open(source)) {
            List<String> path = new ArrayList<>();
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME) {
                    if (path.size() < keys.length && p.currentName().equals(keys[path.size()])) {
                        path.add(p.currentName());
                        JsonToken value = p.nextToken();
                        if (path.size() == keys.length) {
                            TokenStreamLocation at = p.currentTokenLocation();
                            return new At(at.getLineNr(), at.getColumnNr());
                        }
                        if (value != JsonToken.START_OBJECT) {
                            return new At(0, 0);
                        }
                    } else {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
        } catch (JacksonException e) {
            return new At(0, 0);
        }
        return new At(0, 0);
    }
}
