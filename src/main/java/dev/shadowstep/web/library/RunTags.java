package dev.shadowstep.web.library;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives a scenario's tags from what its run does: the events it delivers and the rules its
 * steps and held lines name (the rule ids of trace-format.md). Nobody tags a scenario by hand, so
 * two scenarios that do the same thing carry the same tags.
 */
public final class RunTags {

    /** The tags in the order a card shows them. */
    public static final List<String> ALL = List.of("STI shadow", "MOV SS", "single-step", "DR6", "instruction breakpoint",
            "data breakpoint", "GD", "ICEBP", "INT3", "exception", "IRQ", "NMI", "HLT", "VM exit", "VM entry check",
            "pending debug exceptions", "VMX", "KVM", "forced emulation", "guest debug");

    /** How many steps are read: library runs are short, and a tag is decided by the first use of a rule. */
    static final int STEPS_READ = 20_000;

    private RunTags() {}

    /** Returns the tags of one run, in {@link #ALL} order. */
    public static List<String> of(Trace trace) {
        Set<String> rules = new HashSet<>();
        Set<State.Shadow> shadows = new HashSet<>();
        Steps steps = trace.steps();
        int n = Math.min(steps.size(), STEPS_READ);
        boolean haltedBeforeTheEnd = false;
        boolean vmEntries = false;
        boolean pendingDbg = false;
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            if (s.rule() != null) rules.add(s.rule());
            rules.addAll(s.rules());
            shadows.add(s.state().shadow());
            vmEntries |= s.kind() == Step.Kind.VMENTRY;
            pendingDbg |= s.state().vmcs() != null && s.state().vmcs().pendingDbg() != 0;
            if ("HLT_HALTS".equals(s.rule()) && i < n - 1) haltedBeforeTheEnd = true;
        }
        Set<Event.Type> events = new HashSet<>();
        Set<String> causes = new HashSet<>();
        boolean dataHit = false;
        boolean codeHit = false;
        for (Event e : trace.events()) {
            events.add(e.type());
            if (e.cause() == null) continue;
            causes.addAll(e.cause());
            for (int b = 0; b < 4; b++) {
                if (!e.cause().contains("B" + b) || e.step() >= steps.size()) continue;
                // DR7 R/W field of breakpoint b: 00 is an instruction breakpoint (SDM Vol. 3B 18.2.4)
                long rw = (steps.state(e.step()).dr7() >> (16 + 4 * b)) & 3;
                if (rw == 0) codeHit = true;
                else dataHit = true;
            }
        }
        Set<String> tags = new LinkedHashSet<>();
        if (shadows.contains(State.Shadow.STI) || any(rules, "STI_SHADOW_STARTED", "ROW6_IRQ_HELD_STI_SHADOW",
                "STI_BLOCKING_NEEDS_IF", "NOT_BOTH_STI_AND_MOV_SS_BLOCKING")) tags.add("STI shadow");
        if (shadows.contains(State.Shadow.MOV_SS) || rules.stream().anyMatch(r -> r.contains("MOV_SS"))) tags.add("MOV SS");
        if (causes.contains("BS") || any(rules, "SINGLE_STEP_TRAP_PENDING", "POPF_CLEARS_TF")) tags.add("single-step");
        if (events.contains(Event.Type.DB) || any(rules, "MOV_TO_DR6", "DR_ALIAS")) tags.add("DR6");
        if (any(rules, "ROW7_CODE_BREAKPOINT_DELIVERED", "ROW7_BREAKPOINT_SUPPRESSED_RF",
                "ROW7_BREAKPOINT_SUPPRESSED_MOV_SS", "KVM_VCPU_CHECK_CODE_BREAKPOINT") || codeHit) {
            tags.add("instruction breakpoint");
        }
        if (dataHit || any(rules, "DATA_BREAKPOINT_HIT")) tags.add("data breakpoint");
        if (causes.contains("BD") || any(rules, "GENERAL_DETECT_DELIVERED")) tags.add("GD");
        if (any(rules, "ICEBP_DELIVERED")) tags.add("ICEBP");
        if (events.contains(Event.Type.BP) || any(rules, "INT3_DELIVERED")) tags.add("INT3");
        if (events.contains(Event.Type.EXCEPTION)) tags.add("exception");
        if (events.contains(Event.Type.IRQ) || rules.stream().anyMatch(r -> r.startsWith("ROW6_") || r.contains("_IRQ_")
                || r.equals("KVM_HOLDS_IRQ"))) tags.add("IRQ");
        if (events.contains(Event.Type.NMI) || rules.stream().anyMatch(r -> r.startsWith("ROW5_") || r.contains("NMI_HELD")
                || r.equals("KVM_HOLDS_NMI"))) tags.add("NMI");
        if (haltedBeforeTheEnd || rules.stream().anyMatch(r -> r.startsWith("HALTED_") || r.equals("STAYS_HALTED")
                || r.equals("KVM_EMULATE_HALT") || r.equals("INJECTION_FITS_ACTIVITY_STATE"))) tags.add("HLT");
        if (events.contains(Event.Type.VMEXIT)) tags.add("VM exit");
        if (events.contains(Event.Type.VMENTRY_FAILED)) tags.add("VM entry check");
        if (pendingDbg || rules.stream().anyMatch(r -> r.startsWith("BS_") || r.equals("PENDING_DEBUG_RESERVED_BITS_ARE_ZERO"))) {
            tags.add("pending debug exceptions");
        }
        boolean kvm = rules.stream().anyMatch(RunTags::isKvm);
        if (vmEntries && !kvm) tags.add("VMX");  // VM entries the scenario writes itself (kind: vmx)
        if (kvm) tags.add("KVM");
        if (any(rules, "X86_EMULATE_INSTRUCTION", "KVM_EMULATES")) tags.add("forced emulation");
        if (any(rules, "KVM_SET_GUEST_DEBUG", "KVM_EXIT_DEBUG")) tags.add("guest debug");
        return ALL.stream().filter(tags::contains).toList();
    }

    private static boolean isKvm(String rule) {
        return rule.startsWith("KVM_") && !rule.equals("KVM_HOLDS_IRQ") && !rule.equals("KVM_HOLDS_NMI")
                || rule.startsWith("HANDLE_") || rule.equals("VMX_VCPU_RUN") || rule.equals("X86_EMULATE_INSTRUCTION");
    }

    private static boolean any(Set<String> rules, String... ids) {
        for (String id : ids) {
            if (rules.contains(id)) return true;
        }
        return false;
    }
}
