package dev.shadowstep.web.switches;

import dev.shadowstep.web.yaml.YamlTree;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Text edits on one map of a {@link YamlTree}: replace a value, or add an entry in the map's
 * own style (a flow map gets {@code , key: value} before its brace, a block map a new line at
 * its entries' indentation). Everything else in the text is kept byte for byte.
 */
final class MapEdits {

    private final YamlTree tree;

    MapEdits(YamlTree tree) {
        this.tree = tree;
    }

    /** Returns the text with {@code key} of {@code map} set to {@code value} (YAML text), added when missing. */
    String put(MappingNode map, String key, String value) {
        Optional<NodeTuple> entry = YamlTree.entry(map, key);
        if (entry.isPresent()) return replace(entry.get().getValueNode(), value);
        return insert(map, key, value);
    }

    /** Returns the text with a scalar or flow value replaced; an empty value ({@code key:}) gets the text after a space. */
    String replace(Node value, String replacement) {
        String text = tree.text();
        int start = tree.start(value);
        int end = tree.end(value);
        if (value instanceof ScalarNode s && s.getValue().isEmpty() && start == end) {
            return text.substring(0, start) + (start > 0 && text.charAt(start - 1) == ':' ? " " : "") + replacement
                    + text.substring(end);
        }
        return text.substring(0, start) + replacement + text.substring(end);
    }

    /** Returns the text with a new entry at the end of {@code map}. */
    String insert(MappingNode map, String key, String value) {
        String text = tree.text();
        String entry = key(key) + ": " + value;
        if (YamlTree.isFlow(map)) {
            if (map.getValue().isEmpty()) {
                int brace = tree.start(map) + 1;
                return text.substring(0, brace) + entry + text.substring(brace);
            }
            int after = tree.end(map.getValue().getLast().getValueNode());
            return text.substring(0, after) + ", " + entry + text.substring(after);
        }
        NodeTuple first = map.getValue().getFirst();
        int indent = tree.start(first.getKeyNode()) - tree.lineStart(tree.start(first.getKeyNode()));
        int at = tree.nextLineStart(tree.contentEnd(map.getValue().getLast().getValueNode()));
        String line = " ".repeat(indent) + entry + "\n";
        if (at == text.length() && !text.isEmpty() && !text.endsWith("\n")) line = "\n" + line;
        return text.substring(0, at) + line + text.substring(at);
    }

    /** Returns a key as the document writes keys: quoted in JSON, bare in YAML. */
    String key(String key) {
        return tree.isJson() ? "\"" + key + "\"" : key;
    }

    /** Returns a string value as the document writes strings. */
    String word(String word) {
        return tree.isJson() ? "\"" + word + "\"" : word;
    }
}
