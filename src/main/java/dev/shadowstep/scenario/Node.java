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

    /** What {@link #path} returns for a key that is not there. */
    Node MISSING = new Scalar(Location.UNKNOWN, "", Kind.NULL);

    /** Returns the value at {@code key} when this is a map that has it, else {@link #MISSING}. */
    default Node path(String key) {
        if (this instanceof MapNode map) {
            for (Entry e : map.entries()) {
                if (e.key().equals(key)) return e.value();
            }
        }
        return MISSING;
    }

    /** Returns the value at the key path ({@code limits, max_steps}), or {@link #MISSING}. */
    default Node path(String... keys) {
        Node node = this;
        for (String key : keys) node = node.path(key);
        return node;
    }

    /** Returns whether this is a map with {@code key}. */
    default boolean has(String key) {
        return path(key) != MISSING;
    }

    /** Returns the items of a list, else none. */
    default List<Node> items() {
        return this instanceof ListNode list ? list.items() : List.of();
    }

    /** Returns whether this is an empty map or list, or not a map or list at all. */
    default boolean isEmpty() {
        return switch (this) {
            case MapNode map -> map.entries().isEmpty();
            case ListNode list -> list.items().isEmpty();
            case Scalar s -> true;
        };
    }

    /** Returns a scalar's text as written (a number or boolean too), else {@code otherwise}. */
    default String asString(String otherwise) {
        return this instanceof Scalar s && switch (s.kind()) {
            case STRING, INTEGER, FLOAT, BOOLEAN -> true;
            default -> false;
        } ? s.text() : otherwise;
    }

    /** Returns a boolean scalar's value, else {@code otherwise}. */
    default boolean asBoolean(boolean otherwise) {
        return this instanceof Scalar s && s.kind() == Kind.BOOLEAN ? s.text().equals("true") : otherwise;
    }

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
