package dev.shadowstep.web.switches;

import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Adds one {@code host} action to a scenario text (scenario-format.md, {@code host}), editing only
 * where it goes: a new item at the end of the list in the list's own style, or a new {@code host}
 * section (before {@code expect}, else at the end) when there is none. The program, the comments and
 * the layout stay as written. What-if forks use it.
 */
public final class HostActionEditor {

    private HostActionEditor() {}

    /**
     * Returns the text with the action added; {@code action} is its entries as flow YAML without
     * braces, e.g. {@code at_step: 3, raise_irq: 0xAA}.
     *
     * @throws SwitchException when the text is not YAML yet or its {@code host} is not a list
     */
    public static String add(String text, String action) {
        YamlTree tree = readable(text);
        MapEdits edits = new MapEdits(tree);
        String item = "{" + (tree.isJson() ? quoteKeys(action) : action) + "}";
        MappingNode root = tree.root();
        Optional<NodeTuple> host = YamlTree.entry(root, "host");
        if (host.isPresent()) {
            Node list = host.get().getValueNode();
            if (!(list instanceof SequenceNode seq)) {
                throw new SwitchException("host is not a list here; write it as host: [] and try again");
            }
            String t = tree.text();
            if (seq.getFlowStyle() == FlowStyle.FLOW || seq.getValue().isEmpty()) {
                if (seq.getValue().isEmpty()) {
                    int start = tree.start(seq);
                    int end = tree.end(seq);
                    return t.substring(0, start) + "[" + item + "]" + t.substring(end);
                }
                int after = tree.end(seq.getValue().getLast());
                return t.substring(0, after) + ", " + item + t.substring(after);
            }
            Node first = seq.getValue().getFirst();
            int dash = t.lastIndexOf('-', tree.start(first));
            int indent = dash - tree.lineStart(dash);
            int at = tree.nextLineStart(tree.contentEnd(seq.getValue().getLast()));
            String line = " ".repeat(indent) + "- " + item + "\n";
            if (at == t.length() && !t.isEmpty() && !t.endsWith("\n")) line = "\n" + line;
            return t.substring(0, at) + line + t.substring(at);
        }
        if (YamlTree.isFlow(root)) return edits.insert(root, "host", "[" + item + "]");
        String t = tree.text();
        Optional<NodeTuple> expect = YamlTree.entry(root, "expect");
        String section = "host:\n  - " + item + "\n";
        if (expect.isPresent()) {
            int at = tree.lineStart(tree.start(expect.get().getKeyNode()));
            return t.substring(0, at) + section + t.substring(at);
        }
        return t + (t.isEmpty() || t.endsWith("\n") ? "" : "\n") + section;
    }

    /**
     * Returns flow entries {@code a: 1, b: 0xAA, c: {d: [TF], e: label}} as JSON writes them: keys
     * quoted (nested ones too), words quoted, numbers in decimal.
     */
    private static String quoteKeys(String entries) {
        String quoted = entries.replaceAll("(^|[,{]\\s*)([a-z_0-9]+):", "$1\"$2\":")
                .replaceAll("([\\[:,]\\s*)(?!true\\b|false\\b|0[xX])([A-Za-z_.][A-Za-z0-9_.]*)(?=\\s*[,}\\]])", "$1\"$2\"");
        return java.util.regex.Pattern.compile("0[xX]([0-9a-fA-F]+)").matcher(quoted)
                .replaceAll(m -> Long.toUnsignedString(Long.parseUnsignedLong(m.group(1), 16)));
    }

    /** Returns the parsed text a what-if edits, or a SwitchException saying the scenario is not readable YAML yet. */
    static YamlTree readable(String text) {
        try {
            return YamlTree.parse(text);
        } catch (YamlTreeException e) {
            throw new SwitchException("A what-if needs a readable scenario: " + e.getMessage() + ".");
        }
    }
}
