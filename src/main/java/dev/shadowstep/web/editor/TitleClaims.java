package dev.shadowstep.web.editor;

import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.yaml.YamlTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * What a scenario's title or summary says about where it runs that its settings no longer say:
 * "on bare metal" after a switch to KVM, "under KVM" after a switch to bare metal, a trap gate named
 * for an interrupt gate, forced emulation switched off. Shown next to the title, so a copy is not
 * shared under a title that has become false.
 */
final class TitleClaims {

    private TitleClaims() {}

    /** Returns one sentence per claim the settings contradict; empty when the text cannot be read. */
    static List<String> contradicted(YamlTree tree, SwitchState state) {
        MappingNode root = tree.root();
        String title = YamlTree.find(root, "title").flatMap(YamlTree::scalar).orElse("");
        String summary = YamlTree.find(root, "summary").flatMap(YamlTree::scalar).orElse("");
        List<String> notes = new ArrayList<>();
        check(notes, "title", title, state);
        check(notes, "summary", summary, state);
        return List.copyOf(notes);
    }

    private static void check(List<String> notes, String where, String text, SwitchState state) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean kvm = state.hypervisor().equals("kvm-vmx");
        boolean bare = state.hypervisor().equals("bare-metal");
        claim(notes, where, kvm && (t.contains("bare metal") || t.contains("bare-metal")),
                "says bare metal, but the scenario now runs under KVM on VMX");
        claim(notes, where, bare && (t.contains("under kvm") || t.contains("kvm on vmx") || t.contains("in a kvm guest")),
                "says KVM, but the scenario now runs on bare metal");
        claim(notes, where, "trap".equals(state.dbGate()) && t.contains("interrupt gate"),
                "says interrupt gate, but the #DB gate is now a trap gate");
        claim(notes, where, "interrupt".equals(state.dbGate()) && t.contains("trap gate"),
                "says trap gate, but the #DB gate is now an interrupt gate");
        claim(notes, where, Boolean.FALSE.equals(state.forced()) && t.contains("forced emulation") && !t.contains("without forced emulation"),
                "mentions forced emulation, but it is now off");
        claim(notes, where, Boolean.TRUE.equals(state.forced()) && t.contains("without forced emulation"),
                "says without forced emulation, but it is now on");
    }

    private static void claim(List<String> notes, String where, boolean contradicted, String what) {
        if (contradicted) notes.add("The " + where + " " + what + ": edit it before you share.");
    }
}
