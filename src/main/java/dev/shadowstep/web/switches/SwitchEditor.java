package dev.shadowstep.web.switches;

import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Sets one switch in a scenario text by editing only that setting: the program, the comments
 * and the layout stay as written. Setting a switch to the value it already has (written or by
 * default) leaves the text unchanged. Turning the hypervisor off comments its section out, so
 * turning it on again brings back the settings that were in it.
 */
public final class SwitchEditor {

    /** A hypervisor section that an earlier "off" commented out: the key line and its indented lines. */
    private static final Pattern COMMENTED_HYPERVISOR =
            Pattern.compile("(?m)^# hypervisor:.*(?:\\n|$)(?:^#(?: {2,}.*)?(?:\\n|$))*");

    private SwitchEditor() {}

    /**
     * Returns the text with the switch set to the value.
     *
     * @throws SwitchException when the value is not one of the switch's, the text is not YAML yet,
     *                         or the scenario has nothing the switch can set (the message says what to add)
     */
    public static String set(String text, Switch sw, String value) {
        String v = sw.normalize(value).orElseThrow(() -> new SwitchException(
                "'" + value + "' is not a value of " + sw.wireName() + ": use " + String.join(" or ", sw.choices())));
        YamlTree tree = tree(text);
        SwitchState before = SwitchState.read(tree);
        if (v.equals(before.value(sw))) return text;
        String unavailable = before.unavailableBecause(sw);
        if (unavailable != null) throw new SwitchException(sw.wireName() + " cannot be set here: " + unavailable + ".");
        String edited = switch (sw) {
            case HYPERVISOR -> v.equals("kvm-vmx") ? hypervisorOn(tree) : hypervisorOff(tree);
            case REINJECT_DB_SETS_BS, EMULATED_DB_SETS_BS -> fix(tree, sw.wireName(), v.equals("on"));
            case FORCED_EMULATION -> new MapEdits(tree).put(hypervisorMap(tree), "forced_emulation", bool(v));
            case DB_GATE -> dbGate(tree, v);
        };
        // a rewrite that does not read back as asked would change the experiment silently
        if (!Objects.equals(v, SwitchState.read(tree(edited)).value(sw))) {
            throw new SwitchException("could not set " + sw.wireName() + " in this text without changing more than "
                    + "the setting; edit it by hand");
        }
        return edited;
    }

    private static YamlTree tree(String text) {
        try {
            return YamlTree.parse(text);
        } catch (YamlTreeException e) {
            throw new SwitchException("The switches need a readable scenario: " + e.getMessage() + ".");
        }
    }

    private static String bool(String onOff) {
        return onOff.equals("on") ? "true" : "false";
    }

    private static MappingNode hypervisorMap(YamlTree tree) {
        return (MappingNode) YamlTree.find(tree.root(), "hypervisor").orElseThrow();
    }

    private static String fix(YamlTree tree, String key, boolean on) {
        MappingNode hv = hypervisorMap(tree);
        MapEdits edits = new MapEdits(tree);
        Optional<NodeTuple> fixes = YamlTree.entry(hv, "fixes");
        if (fixes.isPresent() && fixes.get().getValueNode() instanceof MappingNode map) {
            return edits.put(map, key, String.valueOf(on));
        }
        String flow = "{" + edits.key(key) + ": " + on + "}";
        return fixes.isPresent() ? edits.replace(fixes.get().getValueNode(), flow) : edits.insert(hv, "fixes", flow);
    }

    private static String dbGate(YamlTree tree, String gate) {
        NodeTuple entry = SwitchState.dbEntry(tree.root()).orElseThrow();
        Node value = entry.getValueNode();
        MapEdits edits = new MapEdits(tree);
        if (value instanceof MappingNode map) return edits.put(map, "gate", edits.word(gate));
        String handler = tree.text().substring(tree.start(value), tree.end(value));
        return edits.replace(value, "{" + edits.key("handler") + ": " + handler + ", " + edits.key("gate") + ": "
                + edits.word(gate) + "}");
    }

    private static String hypervisorOn(YamlTree tree) {
        MapEdits edits = new MapEdits(tree);
        Optional<NodeTuple> hv = YamlTree.entry(tree.root(), "hypervisor");
        if (hv.isPresent()) {
            Node value = hv.get().getValueNode();
            return value instanceof MappingNode map ? edits.put(map, "kind", edits.word("kvm-vmx"))
                    : edits.replace(value, "{" + edits.key("kind") + ": " + edits.word("kvm-vmx") + "}");
        }
        String restored = uncomment(tree.text());
        if (restored != null) return restored;
        String section = "{" + edits.key("kind") + ": " + edits.word("kvm-vmx") + "}";
        Optional<NodeTuple> program = YamlTree.entry(tree.root(), "program");
        if (program.isPresent() && !YamlTree.isFlow(tree.root())) {
            // where the format's own example puts it: just before the program
            int at = tree.lineStart(tree.start(program.get().getKeyNode()));
            return tree.text().substring(0, at) + "hypervisor: " + section + "\n" + tree.text().substring(at);
        }
        return edits.insert(tree.root(), "hypervisor", section);
    }

    /** Returns the text with a commented-out hypervisor section restored (set to kvm-vmx), or null when there is none usable. */
    private static String uncomment(String text) {
        Matcher m = COMMENTED_HYPERVISOR.matcher(text);
        if (!m.find()) return null;
        String block = m.group().replaceAll("(?m)^# ?", "");
        String restored = text.substring(0, m.start()) + block + text.substring(m.end());
        try {
            YamlTree tree = YamlTree.parse(restored);
            String kind = SwitchState.read(tree).hypervisor();
            return kind.equals("kvm-vmx") ? restored : kind.equals("bare-metal") ? null : hypervisorOn(tree);
        } catch (YamlTreeException | ClassCastException e) {
            return null;
        }
    }

    private static String hypervisorOff(YamlTree tree) {
        NodeTuple hv = YamlTree.entry(tree.root(), "hypervisor").orElseThrow();
        String text = tree.text();
        if (YamlTree.isFlow(tree.root())) return removeFlowEntry(tree, hv);
        int from = tree.lineStart(tree.start(hv.getKeyNode()));
        int to = tree.nextLineStart(tree.contentEnd(hv.getValueNode()));
        String section = text.substring(from, to);
        String commented = section.lines().map(line -> line.isEmpty() ? "#" : "# " + line)
                .reduce((a, b) -> a + "\n" + b).orElse("") + (section.endsWith("\n") ? "\n" : "");
        return text.substring(0, from) + commented + text.substring(to);
    }

    /** JSON has no comments: the entry and one comma next to it go. */
    private static String removeFlowEntry(YamlTree tree, NodeTuple entry) {
        String text = tree.text();
        int start = tree.start(entry.getKeyNode());
        int end = tree.end(entry.getValueNode());
        int after = end;
        while (after < text.length() && Character.isWhitespace(text.charAt(after))) after++;
        if (after < text.length() && text.charAt(after) == ',') {
            after++;
            while (after < text.length() && Character.isWhitespace(text.charAt(after))) after++;
            return text.substring(0, start) + text.substring(after);
        }
        int before = start;
        while (before > 0 && Character.isWhitespace(text.charAt(before - 1))) before--;
        if (before > 0 && text.charAt(before - 1) == ',') before--;
        return text.substring(0, before) + text.substring(end);
    }
}
