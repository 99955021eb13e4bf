package dev.shadowstep.web.yaml;

import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.scenario.SurrogateSafeReader;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A scenario text with the YAML node tree over it, each node knowing where it was written (as
 * char offsets into the text), so that a setting can be read or rewritten in place without
 * touching the rest of the text: comments, order and layout stay as the author wrote them.
 */
public final class YamlTree {

    private final String text;
    private final MappingNode root;
    private final boolean surrogates;

    private YamlTree(String text, MappingNode root) {
        this.text = text;
        this.root = root;
        this.surrogates = text.codePoints().count() != text.length();
    }

    /**
     * Returns the tree of a text whose top level is a map.
     *
     * @throws YamlTreeException when the text is not YAML, or its top level is not a map
     */
    public static YamlTree parse(String text) {
        LoadSettings settings = LoadSettings.builder().setMaxAliasesForCollections(0).build();
        Optional<Node> node;
        try {
            // the composer recurses once per level: refuse deep nesting before it starts
            checkDepth(new Parse(settings).parseReader(new SurrogateSafeReader(text)));
            node = new Compose(settings).composeReader(new SurrogateSafeReader(text));
        } catch (YamlEngineException | IllegalArgumentException e) {
            throw new YamlTreeException("the text is not valid YAML yet: fix the syntax error listed first");
        }
        if (node.isEmpty() || !(node.get() instanceof MappingNode map)) {
            throw new YamlTreeException("the scenario must be a map of keys (format:, title:, program: ...)");
        }
        return new YamlTree(text, map);
    }

    /** Walks the event stream (no recursion) and throws when maps and lists nest deeper than a scenario may. */
    private static void checkDepth(Iterable<Event> events) {
        int depth = 0;
        for (Event event : events) {
            if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
                if (++depth > ScenarioLoader.MAX_DEPTH) {
                    throw new YamlTreeException("maps and lists nest more than " + ScenarioLoader.MAX_DEPTH
                            + " levels deep; a scenario needs at most four");
                }
            } else if (event instanceof MappingEndEvent || event instanceof SequenceEndEvent) {
                depth--;
            }
        }
    }

    /** Returns the text the tree was read from. */
    public String text() {
        return text;
    }

    /** Returns the top-level map. */
    public MappingNode root() {
        return root;
    }

    /** Returns whether the text is JSON (a YAML subset), where new keys must be written quoted. */
    public boolean isJson() {
        return root.getFlowStyle() == FlowStyle.FLOW && text.stripLeading().startsWith("{\"");
    }

    /** Returns the entry of a map whose key is the scalar {@code key}. */
    public static Optional<NodeTuple> entry(MappingNode map, String key) {
        return map.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .findFirst();
    }

    /** Returns the value of {@code a.b.c} below a map, when every step is a map that has the key. */
    public static Optional<Node> find(MappingNode map, String... keys) {
        Node node = map;
        for (String key : keys) {
            if (!(node instanceof MappingNode m)) return Optional.empty();
            Optional<NodeTuple> e = entry(m, key);
            if (e.isEmpty()) return Optional.empty();
            node = e.get().getValueNode();
        }
        return Optional.of(node);
    }

    /** Returns the scalar text of a node, or empty for a map or list. */
    public static Optional<String> scalar(Node node) {
        return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }

    /** Returns whether a map is written in flow style, {@code {a: 1, b: 2}}. */
    public static boolean isFlow(MappingNode map) {
        return map.getFlowStyle() == FlowStyle.FLOW;
    }

    /** Returns the char offset where a node starts. */
    public int start(Node node) {
        return offset(node.getStartMark().map(m -> m.getIndex()).orElse(0));
    }

    /** Returns the char offset just past a node; for a block map this is where the next token starts. */
    public int end(Node node) {
        return offset(node.getEndMark().map(m -> m.getIndex()).orElse(text.codePointCount(0, text.length())));
    }

    /** Returns the 1-based line and column of a node's start, {0, 0} when unknown. */
    public static int[] lineColumn(Node node) {
        return node.getStartMark().map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1}).orElse(new int[] {0, 0});
    }

    /**
     * Returns the offset just past the last character that belongs to a value: a block map ends
     * with its last entry (not with the comments and blank lines after it), a block scalar
     * without its trailing line breaks.
     */
    public int contentEnd(Node node) {
        if (node instanceof MappingNode m && !isFlow(m) && !m.getValue().isEmpty()) {
            return contentEnd(m.getValue().getLast().getValueNode());
        }
        if (node instanceof SequenceNode s && s.getFlowStyle() != FlowStyle.FLOW && !s.getValue().isEmpty()) {
            return contentEnd(s.getValue().getLast());
        }
        int end = end(node);
        if (node instanceof ScalarNode s && (s.getScalarStyle() == ScalarStyle.LITERAL || s.getScalarStyle() == ScalarStyle.FOLDED)) {
            while (end > start(node) && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        }
        return end;
    }

    /** Returns the offset where the line holding {@code offset} starts. */
    public int lineStart(int offset) {
        return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
    }

    /** Returns the offset just past the line break that ends the line holding {@code offset} (or the text's end). */
    public int nextLineStart(int offset) {
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl + 1;
    }

    /** Returns the entries of a map, in the order written. */
    public static List<NodeTuple> entries(MappingNode map) {
        return map.getValue();
    }

    /** Marks count code points; the text is indexed in chars, which differ past U+FFFF. */
    private int offset(int codePoints) {
        return surrogates ? text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())))
                : Math.min(codePoints, text.length());
    }
}
