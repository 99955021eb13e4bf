package dev.shadowstep.run;

import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.Rule;
import dev.shadowstep.core.event.EventRule;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.kvm.KvmRule;
import dev.shadowstep.core.vmx.EntryCheckRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every rule of the model, numbered for the recorder's byte column: the instruction rules first
 * (so an instruction step's number is its rule's ordinal), then the boundary and IDT rules, the
 * VM-entry checks and KVM's functions.
 */
public final class Rules {
    private static final int EVENT = InstructionRule.values().length;
    private static final int ENTRY = EVENT + EventRule.values().length;
    private static final int KVM = ENTRY + EntryCheckRule.values().length;

    /** All rules in number order. */
    public static final List<Rule> ALL;

    static {
        List<Rule> all = new ArrayList<>();
        all.addAll(Arrays.asList(InstructionRule.values()));
        all.addAll(Arrays.asList(EventRule.values()));
        all.addAll(Arrays.asList(EntryCheckRule.values()));
        all.addAll(Arrays.asList(KvmRule.values()));
        if (all.size() > 256) throw new IllegalStateException("more rules than a byte column can number: " + all.size());
        ALL = List.copyOf(all);
    }

    private Rules() {}

    /** Returns the rule's number in {@link #ALL}, as the recorder stores it. */
    static byte number(Rule rule) {
        return (byte) switch (rule) {
            case InstructionRule r -> r.ordinal();
            case EventRule r -> EVENT + r.ordinal();
            case EntryCheckRule r -> ENTRY + r.ordinal();
            case KvmRule r -> KVM + r.ordinal();
            default -> throw new IllegalArgumentException("not a rule of the model: " + rule);
        };
    }

    /** Returns the rule numbered {@code number}. */
    static Rule of(byte number) {
        return ALL.get(number & 0xFF);
    }

    /** Returns the rule of a VMM step: its own, else the plain VM exit, VM entry or KVM work of its kind. */
    static Rule of(HostStep step) {
        if (step.rule() != null) return step.rule();
        return switch (step.kind()) {
            case VMEXIT -> EntryCheckRule.VM_EXIT;
            case VMENTRY -> EntryCheckRule.VM_ENTRY;
            case HOST -> KvmRule.KVM_WORK;
        };
    }

    /** Returns the rule whose id is {@code id} ({@code STI_SHADOW_STARTED}). */
    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.name().equals(id)).findFirst();
    }

    /** Returns the ids of {@code rules}. */
    static List<String> ids(List<? extends Rule> rules) {
        return rules.stream().map(Rule::name).toList();
    }
}
