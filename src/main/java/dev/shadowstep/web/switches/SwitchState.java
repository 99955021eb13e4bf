package dev.shadowstep.web.switches;

import dev.shadowstep.web.yaml.YamlTree;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * What the switches read in a scenario text, with the format's defaults for what is not written
 * (fixes on, forced emulation off, interrupt gates).
 *
 * @param hypervisor {@code bare-metal}, {@code kvm-vmx}, or {@code vmx} (bare VMX, which no switch sets)
 * @param reinject   fixes.reinject_db_sets_bs; null when not under KVM or not a boolean
 * @param emulated   fixes.emulated_db_sets_bs; null likewise
 * @param forced     forced_emulation; null likewise
 * @param dbGate     {@code interrupt} or {@code trap}; null when the IDT has no vector 1 handler
 * @param xapic      the scenario uses the xAPIC page ({@code apic: {mode: xapic}}), which is not modelled under KVM
 * @param hostNeedsKvm a {@code host} action reacts to exits to userspace ({@code on_exit}), which only KVM has
 */
public record SwitchState(String hypervisor, Boolean reinject, Boolean emulated, Boolean forced, String dbGate,
                          boolean xapic, boolean hostNeedsKvm) {

    /** Returns the settings written in (or implied by) a scenario. */
    public static SwitchState read(YamlTree tree) {
        MappingNode root = tree.root();
        Optional<Node> hv = YamlTree.find(root, "hypervisor");
        String kind = hv.isEmpty() ? "bare-metal"
                : YamlTree.find(root, "hypervisor", "kind").flatMap(YamlTree::scalar).orElse("unknown");
        boolean kvm = kind.equals("kvm-vmx");
        Boolean reinject = kvm ? bool(YamlTree.find(root, "hypervisor", "fixes", "reinject_db_sets_bs"), true) : null;
        Boolean emulated = kvm ? bool(YamlTree.find(root, "hypervisor", "fixes", "emulated_db_sets_bs"), true) : null;
        Boolean forced = kvm ? bool(YamlTree.find(root, "hypervisor", "forced_emulation"), false) : null;
        boolean xapic = YamlTree.find(root, "apic", "mode").flatMap(YamlTree::scalar)
                .map(m -> m.trim().equalsIgnoreCase("xapic")).orElse(false);
        return new SwitchState(kind, reinject, emulated, forced, dbGate(root), xapic, reactsToExits(root));
    }

    /** Returns whether an item of {@code host} has the trigger {@code on_exit}. */
    private static boolean reactsToExits(MappingNode root) {
        Optional<Node> host = YamlTree.find(root, "host");
        if (host.isEmpty() || !(host.get() instanceof SequenceNode items)) return false;
        for (Node item : items.getValue()) {
            if (item instanceof MappingNode m && YamlTree.entry(m, "on_exit").isPresent()) return true;
        }
        return false;
    }

    /** Returns the current value of a switch in its wire spelling, or null when it does not apply. */
    public String value(Switch s) {
        return switch (s) {
            case HYPERVISOR -> !xapic && !hostNeedsKvm && (hypervisor.equals("bare-metal") || hypervisor.equals("kvm-vmx"))
                    ? hypervisor : null;
            case REINJECT_DB_SETS_BS -> onOff(reinject);
            case EMULATED_DB_SETS_BS -> onOff(emulated);
            case FORCED_EMULATION -> onOff(forced);
            case DB_GATE -> dbGate;
        };
    }

    /** Returns why a switch cannot be used on this scenario, or null when it can. */
    public String unavailableBecause(Switch s) {
        if (value(s) != null) return null;
        return switch (s) {
            case HYPERVISOR -> xapic ? "the scenario uses the xAPIC page (apic mode: xapic), which is modelled on bare metal "
                    + "only; under KVM it would be an APIC-access exit that KVM emulates"
                    : hostNeedsKvm ? "the host reacts to KVM_RUN returning to userspace (on_exit), which bare metal does not "
                    + "have; remove those actions in the text first"
                    : "hypervisor kind '" + hypervisor + "' is not one the switch sets; edit it in the text";
            case REINJECT_DB_SETS_BS, EMULATED_DB_SETS_BS, FORCED_EMULATION -> hypervisor.equals("kvm-vmx")
                    ? "its value in the text is not true or false"
                    : "a KVM setting: turn the hypervisor to kvm-vmx first";
            case DB_GATE -> "the idt has no handler for vector 1 (#DB); add one, e.g. 1: db_handler";
        };
    }

    private static String onOff(Boolean b) {
        return b == null ? null : b ? "on" : "off";
    }

    private static Boolean bool(Optional<Node> node, boolean absent) {
        if (node.isEmpty()) return absent;
        return switch (YamlTree.scalar(node.get()).orElse("").toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String dbGate(MappingNode root) {
        Optional<NodeTuple> entry = dbEntry(root);
        if (entry.isEmpty()) return null;
        Node value = entry.get().getValueNode();
        if (value instanceof ScalarNode) return "interrupt";
        if (value instanceof MappingNode m) {
            String gate = YamlTree.find(m, "gate").flatMap(YamlTree::scalar).orElse("interrupt");
            return gate.equals("trap") || gate.equals("interrupt") ? gate : null;
        }
        return null;
    }

    /** Returns the idt entry for vector 1, however its key is written (1, 0x1, 0x01). */
    static Optional<NodeTuple> dbEntry(MappingNode root) {
        Optional<Node> idt = YamlTree.find(root, "idt");
        if (idt.isEmpty() || !(idt.get() instanceof MappingNode map)) return Optional.empty();
        return YamlTree.entries(map).stream()
                .filter(t -> YamlTree.scalar(t.getKeyNode()).map(SwitchState::isOne).orElse(false))
                .findFirst();
    }

    private static boolean isOne(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT).replace("_", "");
        try {
            return (k.startsWith("0x") ? Long.parseLong(k.substring(2), 16) : Long.parseLong(k)) == 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
