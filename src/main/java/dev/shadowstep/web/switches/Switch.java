package dev.shadowstep.web.switches;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The common settings the editor offers as switches, by the names used in URLs and forms. */
public enum Switch {
    /** Bare metal (no {@code hypervisor} section) or KVM on Intel VMX. */
    HYPERVISOR("hypervisor", "Hypervisor", List.of("bare-metal", "kvm-vmx")),
    /** KVM's 2022 fix: PENDING_DBG.BS set when an intercepted #DB is re-injected in a shadow. */
    REINJECT_DB_SETS_BS("reinject_db_sets_bs", "KVM fix reinject_db_sets_bs", List.of("on", "off")),
    /** KVM's 2026 fix: PENDING_DBG.BS refreshed on every #DB KVM injects. */
    EMULATED_DB_SETS_BS("emulated_db_sets_bs", "KVM fix emulated_db_sets_bs", List.of("on", "off")),
    /** The KVM_FEP prefix makes KVM emulate the next instruction. */
    FORCED_EMULATION("forced_emulation", "Forced emulation", List.of("on", "off")),
    /** The gate type of the #DB handler (IDT vector 1). */
    DB_GATE("db_gate", "#DB handler gate", List.of("interrupt", "trap"));

    private final String wireName;
    private final String label;
    private final List<String> values;

    Switch(String wireName, String label, List<String> values) {
        this.wireName = wireName;
        this.label = label;
        this.values = values;
    }

    /** Returns the name in URLs and forms, e.g. {@code reinject_db_sets_bs}. */
    public String wireName() {
        return wireName;
    }

    /** Returns the name shown to people. */
    public String label() {
        return label;
    }

    /**
     * Returns a setting in words, the one phrase the editor's "Compare with" list, the compare page's
     * A and B choices and its side titles all use: {@code under KVM (kvm-vmx)}, {@code on bare metal},
     * {@code reinject_db_sets_bs off}, {@code forced emulation on}, {@code a trap gate for #DB}.
     */
    public String phrase(String value) {
        return switch (this) {
            case HYPERVISOR -> value.equals("kvm-vmx") ? "under KVM (kvm-vmx)" : "on bare metal";
            case REINJECT_DB_SETS_BS, EMULATED_DB_SETS_BS -> wireName + " " + value;
            case FORCED_EMULATION -> "forced emulation " + value;
            case DB_GATE -> (value.equals("interrupt") ? "an " : "a ") + value + " gate for #DB";
        };
    }

    /** Returns the values it takes, e.g. {@code on, off}. */
    public List<String> choices() {
        return values;
    }

    /** Returns whether the switch is an on/off one. */
    public boolean isOnOff() {
        return values.equals(List.of("on", "off"));
    }

    /** Returns the other value of this two-way switch. */
    public String opposite(String value) {
        return values.get(0).equals(value) ? values.get(1) : values.get(0);
    }

    /** Returns the value in its canonical spelling ({@code true} reads as {@code on}), or empty when not one of its values. */
    public Optional<String> normalize(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (isOnOff()) {
            v = switch (v) {
                case "true", "yes", "1" -> "on";
                case "false", "no", "0" -> "off";
                default -> v;
            };
        }
        if (this == HYPERVISOR && (v.equals("bare") || v.equals("none") || v.equals("off"))) v = "bare-metal";
        return values.contains(v) ? Optional.of(v) : Optional.empty();
    }

    /** Returns the switch with this wire name. */
    public static Optional<Switch> named(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    /** Returns every wire name, for messages that list what is allowed. */
    public static String allNames() {
        return String.join(", ", Arrays.stream(values()).map(Switch::wireName).toList());
    }
}
