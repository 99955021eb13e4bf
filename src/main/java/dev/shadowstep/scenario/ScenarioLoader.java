package dev.shadowstep.scenario;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads scenario files (YAML, or JSON) in format version 1. */
public final class ScenarioLoader {

    /** The largest scenario text accepted, in UTF-8 bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    /**
     * The deepest nesting of maps and lists accepted. No scenario section nests deeper than a few
     * levels; every reader of user YAML checks this before it recurses, so deep nesting is a
     * located error and never a StackOverflowError.
     */
    public static final int MAX_DEPTH = 32;

    private ScenarioLoader() {}

    /**
     * Returns the scenario the text describes.
     *
     * @throws ScenarioException with every error found, each located by key path and line:column;
     *                           no other exception leaves this method
     */
    public static Scenario load(String text) {
        if (text == null) throw single("no scenario text was given; pass the contents of a scenario file");
        int bytes = utf8Length(text);
        if (bytes > MAX_BYTES) {
            throw single("the scenario is " + bytes + " bytes, more than the limit of 64 KiB (" + MAX_BYTES
                    + " bytes); shorten the program or split the experiment into several scenarios");
        }
        Errors errors = new Errors();
        try {
            Node root = NodeReader.read(text, errors);
            Scenario scenario = root == null ? null : ScenarioReader.read(root, text, errors);
            if (scenario == null || !errors.isEmpty()) throw new ScenarioException(errors.inFileOrder());
            return scenario;
        } catch (ScenarioException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in this reader must still reach the user as a located report, never a stack trace.
            throw single("the server could not read this scenario (a bug in its reader); "
                    + "please report it with this file");
        }
    }

    private static ScenarioException single(String message) {
        return new ScenarioException(List.of(ScenarioError.general(message)));
    }

    private static int utf8Length(String text) {
        if (text.length() > MAX_BYTES) return text.getBytes(StandardCharsets.UTF_8).length;
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c)) { bytes += 4; i++; }
            else bytes += 3;
        }
        return bytes;
    }
}
