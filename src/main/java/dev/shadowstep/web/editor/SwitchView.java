package dev.shadowstep.web.editor;

import dev.shadowstep.web.switches.Switch;
import dev.shadowstep.web.switches.SwitchState;
import java.util.ArrayList;
import java.util.List;

/**
 * One switch as the editor shows it: a pair of radio buttons or a checkbox, with its value
 * read from the text, or disabled with the reason.
 *
 * @param name    the form field and wire name
 * @param value   the current value, or null when the switch does not apply
 * @param options the choices, for radio buttons
 * @param note    why it is disabled, or null
 */
public record SwitchView(String name, String label, String hint, boolean checkbox, String value, List<Option> options,
                  String note) {

    /** One choice of a radio switch. */
    public record Option(String value, String label) {}

    /** Returns whether the switch can be used. */
    public boolean enabled() {
        return note == null;
    }

    /** Returns whether a checkbox is on. */
    public boolean on() {
        return "on".equals(value);
    }

    /**
     * The switches as the page groups them: where the guest runs, KVM's own settings (one note
     * when they do not apply), and the #DB gate.
     */
    public record Group(SwitchView hypervisor, List<SwitchView> kvm, String kvmNote, SwitchView gate) {}

    /** Returns the switches for a scenario's state; all disabled, with one reason, when the text cannot be read. */
    static Group of(SwitchState state, String unreadable) {
        List<SwitchView> views = new ArrayList<>();
        for (Switch sw : Switch.values()) {
            String note = unreadable != null ? unreadable : state.unavailableBecause(sw);
            String value = unreadable != null ? null : state.value(sw);
            views.add(new SwitchView(sw.wireName(), label(sw), hint(sw), sw.isOnOff(), value, options(sw), note));
        }
        List<SwitchView> kvm = views.subList(1, 4);
        String kvmNote = unreadable == null && !state.hypervisor().equals("kvm-vmx")
                ? "These apply under KVM: choose KVM on VMX above." : null;
        return new Group(views.get(0), List.copyOf(kvm), kvmNote, views.get(4));
    }

    private static String label(Switch sw) {
        return switch (sw) {
            case HYPERVISOR -> "Runs on";
            case REINJECT_DB_SETS_BS -> "reinject_db_sets_bs";
            case EMULATED_DB_SETS_BS -> "emulated_db_sets_bs";
            case FORCED_EMULATION -> "forced_emulation";
            case DB_GATE -> "#DB handler gate";
        };
    }

    private static String hint(Switch sw) {
        return switch (sw) {
            case HYPERVISOR -> "the hypervisor section: none, or kind: kvm-vmx";
            case REINJECT_DB_SETS_BS -> "KVM fix (2022): BS set when an intercepted #DB is re-injected in a shadow";
            case EMULATED_DB_SETS_BS -> "KVM fix (2026): BS refreshed on every #DB KVM injects";
            case FORCED_EMULATION -> "KVM_FEP makes KVM emulate the next instruction";
            case DB_GATE -> "idt entry for vector 1";
        };
    }

    private static List<Option> options(Switch sw) {
        return switch (sw) {
            case HYPERVISOR -> List.of(new Option("bare-metal", "bare metal"), new Option("kvm-vmx", "KVM on VMX"));
            case DB_GATE -> List.of(new Option("interrupt", "interrupt"), new Option("trap", "trap"));
            default -> List.of();
        };
    }
}
