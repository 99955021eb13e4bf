package dev.shadowstep.web.switches;

import dev.shadowstep.web.yaml.YamlTree;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Sets one key of a scenario's {@code cpu} map (scenario-format.md, {@code cpu}), editing only that
 * entry: the value replaced when the key is there, a new entry in the map's own style when it is
 * not, or a new {@code cpu: {key: value}} section before {@code program} when there is no map. The
 * program, the comments and the layout stay as written. What-if forks use it ("start in a shadow").
 */
public final class CpuEditor {

    private CpuEditor() {}

    /**
     * Returns the text with {@code cpu.key} set to the word {@code value} (written as the document writes strings).
     *
     * @throws SwitchException when the text is not YAML yet or its {@code cpu} is not a map
     */
    public static String set(String text, String key, String value) {
        YamlTree tree = HostActionEditor.readable(text);
        MapEdits edits = new MapEdits(tree);
        String word = edits.word(value);
        Optional<NodeTuple> cpu = YamlTree.entry(tree.root(), "cpu");
        if (cpu.isPresent()) {
            Node map = cpu.get().getValueNode();
            if (!(map instanceof MappingNode m)) throw new SwitchException("cpu is not a map here; write it as cpu: {} and try again");
            if (m.getValue().isEmpty()) return edits.replace(m, "{" + edits.key(key) + ": " + word + "}");
            return edits.put(m, key, word);
        }
        String section = "{" + edits.key(key) + ": " + word + "}";
        Optional<NodeTuple> program = YamlTree.entry(tree.root(), "program");
        if (program.isPresent() && !YamlTree.isFlow(tree.root())) {
            int at = tree.lineStart(tree.start(program.get().getKeyNode()));
            return tree.text().substring(0, at) + "cpu: " + section + "\n" + tree.text().substring(at);
        }
        return edits.insert(tree.root(), "cpu", section);
    }
}
