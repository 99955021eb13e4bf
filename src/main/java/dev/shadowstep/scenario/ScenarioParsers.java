package dev.shadowstep.scenario;

import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Opens the token stream of a scenario text: a strict JSON parser when the text is a JSON object,
 * else the YAML parser, reading through {@link SurrogateSafeReader}. Every reader of scenario text
 * (the loader and its ScenarioDocument, the permalink's canonical form) opens its parser here.
 */
public final class ScenarioParsers {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private ScenarioParsers() {}

    /** Returns a parser over the text; the caller closes it. */
    public static JsonParser open(String text) {
        // JSON is a YAML subset, but the YAML scanner refuses JSON indented with tabs; a strict
        // JSON parser reads such files and reports JSON mistakes in JSON terms.
        return looksLikeJson(text)
                ? JSON.createParser(ObjectReadContext.empty(), text)
                : YAML.createParser(ObjectReadContext.empty(), new SurrogateSafeReader(text));
    }

    /** Returns true when the text is a JSON object: its first token is '{' followed by a quoted key or '}'. */
    public static boolean looksLikeJson(String text) {
        int i = skipSpace(text, 0);
        if (i >= text.length() || text.charAt(i) != '{') return false;
        int j = skipSpace(text, i + 1);
        return j < text.length() && (text.charAt(j) == '"' || text.charAt(j) == '}');
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }
}
