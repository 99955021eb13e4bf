package dev.shadowstep.scenario;

import java.util.List;

/**
 * The scenario file as a tree that keeps where each key and value was written, so that every
 * error can name its line and column. Built by {@link NodeReader}; converted by {@link ScenarioReader}.
 */
sealed interface Node {

    /** A 1-based position in the file; 0 when unknown. */
    record Location(int line, int column) {
        static final Location UNKNOWN = new Location(0, 0);
    }

    Location location();

    /** Returns how an error message names what was found: "a map", "the text 'abc'", ... */
    String describe();

    /** One key of a map, where the key was written, and its value. */
    record Entry(String key, Location keyLocation, Node value) {}

    record MapNode(Location location, List<Entry> entries) implements Node {
        @Override public String describe() { return "a map"; }
    }

    record ListNode(Location location, List<Node> items) implements Node {
        @Override public String describe() { return "a list"; }
    }

    /** What the YAML parser made of a scalar; a YAML alias ({@code *name}) is kept as text. */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL, ALIAS, BINARY }

    record Scalar(Location location, String text, Kind kind) implements Node {
        @Override public String describe() {
            return switch (kind) {
                case STRING -> text.isEmpty() ? "an empty string" : "'" + shorten(text) + "'";
                case INTEGER -> "the number " + shorten(text);
                case FLOAT -> "the number " + shorten(text) + " (not an integer)";
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "no value";
                case ALIAS -> "the YAML alias *" + text + " (aliases are not supported: write the value out)";
                case BINARY -> "a binary value";
            };
        }

        private static String shorten(String text) {
            String oneLine = text.replace("\n", "\\n");
            return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
        }
    }
}
