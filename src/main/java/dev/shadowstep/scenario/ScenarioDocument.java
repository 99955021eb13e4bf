package dev.shadowstep.scenario;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A scenario text as the one reader sees it, whether or not it loads: the located node tree, so a
 * check made after reading (a server's step bound, a permalink's) can say where a value is
 * written ({@link #locate}), and the facts pages show without a run: {@link #title},
 * {@link #summary}, {@link #lessonOrder}, {@link #maxSteps}. Tags come from a run, not from the text. Never throws: a text that does not parse has
 * no tree, no location and no facts.
 */
public final class ScenarioDocument {

    /** A 1-based line and column in the text. */
    public record Position(int line, int column) {}

    private static final ScenarioDocument UNREADABLE = new ScenarioDocument(null);

    /** The root of the tree, or null when the text does not parse. */
    private final Node root;

    private ScenarioDocument(Node root) {
        this.root = root;
    }

    /** Returns the document of {@code text} (null or unparsable text gives one with no tree). */
    public static ScenarioDocument read(String text) {
        if (text == null) return UNREADABLE;
        try {
            Node root = NodeReader.read(text, new Errors());
            return root == null ? UNREADABLE : new ScenarioDocument(root);
        } catch (RuntimeException | StackOverflowError e) {
            return UNREADABLE; // the loader reports this text's problem, located
        }
    }

    /** Returns whether the text parsed as YAML (or JSON); it may still not be a valid scenario. */
    public boolean parsed() {
        return root != null;
    }

    /** Returns where the value at the map key path ({@code "limits", "max_steps"}) is written, if it is. */
    public Optional<Position> locate(String... keys) {
        Node node = root == null ? Node.MISSING : root.path(keys);
        if (node == Node.MISSING || node.location().line() < 1) return Optional.empty();
        return Optional.of(new Position(node.location().line(), node.location().column()));
    }

    /** Returns the title as written, if there is one. */
    public Optional<String> title() {
        return text("title");
    }

    /** Returns the summary as written, without surrounding space, if there is one. */
    public Optional<String> summary() {
        return text("summary").map(String::strip);
    }

    /**
     * Returns {@code limits.max_steps} when it is an integer as the format writes them (decimal or 0x
     * hex), whatever its size: a bound above the format's own range is still a number to compare with
     * a server's bound.
     */
    public OptionalLong maxSteps() {
        if (root == null) return OptionalLong.empty();
        Node node = root.path("limits", "max_steps");
        Long value = node == Node.MISSING ? null : Values.integer(node, "", new Errors(), IntRange.ANY64);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Returns whether the text has a {@code hypervisor} section (the run is under a VMM). */
    public boolean underHypervisor() {
        return root != null && root.has("hypervisor");
    }

    /** Returns {@code lesson.order} when it is a number from 1 to 99 (a lesson's place in its course), else 0. */
    public int lessonOrder() {
        if (root == null) return 0;
        Node node = root.path("lesson", "order");
        Long value = node == Node.MISSING ? null : Values.integer(node, "", new Errors(), IntRange.of(1, 99, "an order"));
        return value == null ? 0 : value.intValue();
    }

    /** Returns how many items {@code questions} lists (predict-then-reveal questions), 0 when it is not a list. */
    public int questionCount() {
        return root != null && root.path("questions") instanceof Node.ListNode list ? list.items().size() : 0;
    }

    private Optional<String> text(String key) {
        if (root == null) return Optional.empty();
        Node node = root.path(key);
        return node == Node.MISSING ? Optional.empty() : Optional.ofNullable(node.asString(null));
    }
}
