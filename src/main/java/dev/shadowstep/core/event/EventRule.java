package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.Rule;

/**
 * The rules of the instruction boundary ({@link BoundaryArbiter}, row by row as in SDM Vol. 3A
 * Table 6-2), of delivery through the IDT ({@link IdtDelivery}) and of host actions: what was
 * delivered, and why each event that was not delivered waits (one per {@code held} line).
 */
public enum EventRule implements Rule {
    // Row 4: traps on the previous instruction
    ROW4_DEBUG_TRAP_DELIVERED("{the pending debug traps are delivered as #DB}{; an instruction breakpoint on the next instruction is reported in the same #DB}"
            + "{; the STI shadow does not block #DB, so #DB is delivered} before {the next instruction}.", "SDM Vol. 3A Table 6-2 (Priority Among Simultaneous "
            + "Exceptions and Interrupts), row 4; 6.8.3; Vol. 3B 18.3.1.4 (Single-Step Exception Condition); kvm-unit-tests "
            + "x86/debug.c (STI blocking doesn't suppress #DBs)"),
    ROW4_TRAP_HELD_MOV_SS("{trap} held: MOV SS shadow (MOV SS blocks debug traps until after the next instruction, then they "
            + "merge into one #DB; SDM 6.8.3)", "SDM Vol. 3A 6.8.3 (Masking Exceptions and Interrupts When Switching Stacks)"),
    // Row 5: NMI
    ROW5_NMI_DELIVERED("The NMI is delivered: no shadow and no NMI blocking; further NMIs are blocked until the next IRET "
            + "(SDM 6.7.1).", "SDM Vol. 3A Table 6-2, row 5; 6.7.1 (Handling Multiple NMIs)"),
    ROW5_NMI_HELD_BLOCKED("NMI held: NMIs stay blocked from the last NMI delivery until the next IRET (SDM 6.7.1)",
            "SDM Vol. 3A 6.7.1 (Handling Multiple NMIs)"),
    ROW5_NMI_HELD_SHADOW("NMI held: {shadow} (shadowstep follows Bochs: NMI is blocked in both shadows; the SDM leaves STI + "
            + "NMI to the implementation)", "SDM Vol. 3A 6.8.3; Vol. 3C 24.4.2 (Guest Non-Register State, blocking by STI); "
            + "Bochs handleAsyncEvent"),
    ROW5_NMI_HELD_PRIORITY("NMI held: lower priority than the {event} (SDM Table 6-2, row 5 after row 4)",
            "SDM Vol. 3A Table 6-2 (Priority Among Simultaneous Exceptions and Interrupts)"),
    // Row 6: maskable hardware interrupts
    ROW6_IRQ_DELIVERED("{irq} is delivered: IF=1, no interrupt shadow, and its priority class {class} is above the processor "
            + "priority class {ppr} (SDM 6.8.1, 11.8.3.1).", "SDM Vol. 3A Table 6-2, row 6; 6.8.1 (Masking Maskable "
            + "Hardware Interrupts); 11.8.3.1 (Task and Processor Priorities)"),
    ROW6_IRQ_HELD_IF("{irq} held: IF=0", "SDM Vol. 3A 6.8.1 (Masking Maskable Hardware Interrupts)"),
    ROW6_IRQ_HELD_STI_SHADOW("{irq} held: STI shadow (blocking by STI lasts one instruction, SDM STI)",
            "SDM Vol. 2B STI (Set Interrupt Flag); Vol. 3A 6.8.3"),
    ROW6_IRQ_HELD_MOV_SS_SHADOW("{irq} held: MOV SS shadow (blocks interrupts for one instruction, SDM 6.8.3)",
            "SDM Vol. 3A 6.8.3 (Masking Exceptions and Interrupts When Switching Stacks)"),
    ROW6_IRQ_HELD_PRIORITY_CLASS("{irq} held: its priority class {class} is not above the processor priority class {ppr} "
            + "(TPR and ISR, SDM 11.8.3.1)", "SDM Vol. 3A 11.8.3.1 (Task and Processor Priorities)"),
    ROW6_IRQ_HELD_LOWER_PRIORITY("{irq} held: lower priority than the {event} (SDM Table 6-2, row 6)",
            "SDM Vol. 3A Table 6-2 (Priority Among Simultaneous Exceptions and Interrupts)"),
    // Row 7: code breakpoint fault
    ROW7_CODE_BREAKPOINT_DELIVERED("Instruction breakpoint {breakpoint} matches {next}: #DB is delivered before it executes "
            + "(fault-like, the pushed RIP is the instruction, RF=0; SDM 18.2.5). A handler steps over it by setting RF in "
            + "the saved RFLAGS.", "SDM Vol. 3A Table 6-2, row 7; Vol. 3B 18.2.5 (Breakpoint Field Recognition), "
            + "18.3.1.1 (Instruction-Breakpoint Exception Condition)"),
    ROW7_BREAKPOINT_SUPPRESSED_RF("instruction breakpoint {breakpoint} suppressed: RF=1 (SDM 18.3.1.1)",
            "SDM Vol. 3B 18.3.1.1 (Instruction-Breakpoint Exception Condition)"),
    ROW7_BREAKPOINT_SUPPRESSED_MOV_SS("instruction breakpoint {breakpoint} suppressed: MOV SS shadow (Intel ignores "
            + "instruction breakpoints right after MOV SS, SDM MOV)", "SDM Vol. 2B MOV (Move), operation notes on MOV SS"),
    // Halted (SDM HLT; Bochs handleWaitForEvent)
    STAYS_HALTED("The CPU stays halted: nothing pending can wake it (HLT ends only on an unmasked interrupt or NMI, SDM HLT).",
            "SDM Vol. 2A HLT (Halt)"),
    HALTED_TRAP_HELD("{trap} held: the CPU is halted; the trap is delivered after an interrupt or NMI wakes it (Bochs "
            + "handleAsyncEvent)", "SDM Vol. 2A HLT; Bochs cpu/event.cc handleAsyncEvent"),
    HALTED_NMI_HELD("NMI held: NMIs stay blocked until the next IRET (SDM 6.7.1)", "SDM Vol. 3A 6.7.1 (Handling Multiple NMIs)"),
    HALTED_IRQ_HELD_IF("{irq} held: IF=0, so it cannot wake HLT", "SDM Vol. 2A HLT (Halt)"),
    HALTED_IRQ_HELD_PRIORITY("{irq} held: its priority class {class} is not above the processor priority class {ppr} "
            + "(SDM 11.8.3.1)", "SDM Vol. 3A 11.8.3.1 (Task and Processor Priorities)"),
    // Rows 5 and 6 under KVM without APICv: KVM holds them and injects them on VM entry
    KVM_HOLDS_NMI("NMI pending in KVM (vcpu->arch.nmi_pending): KVM injects it on a VM entry when the guest can take it "
            + "(kvm_check_and_inject_events)", "KVM arch/x86/kvm/x86.c kvm_check_and_inject_events()"),
    KVM_HOLDS_IRQ("{irq} held in KVM's emulated local APIC (no APICv): only KVM injects it, on a VM entry when IF=1 and no "
            + "shadow ({now}; kvm_check_and_inject_events)", "KVM arch/x86/kvm/x86.c kvm_check_and_inject_events(); "
            + "arch/x86/kvm/lapic.c"),
    // Rows 8-10 and software events: raised by the instruction, delivered through the IDT
    FAULT_DELIVERED("The instruction faults: the exception is delivered with the faulting instruction's RIP.",
            "SDM Vol. 3A 6.5 (Exception Classifications), 6.15 (Exception and Interrupt Reference)"),
    GENERAL_DETECT_DELIVERED("MOV to or from a debug register with DR7.GD=1 raises a fault-like #DB with DR6.BD.",
            "SDM Vol. 3B 18.2.4 (Debug Control Register (DR7)), 18.3.1.3 (General-Detect Exception Condition)"),
    INT_N_DELIVERED("INT n delivers the vector through the IDT as a software interrupt.",
            "SDM Vol. 2A INT n/INTO/INT3/INT1 (Call to Interrupt Procedure)"),
    INT3_DELIVERED("INT3 raises #BP, a trap: the pushed RIP is the next instruction.",
            "SDM Vol. 2A INT n/INTO/INT3/INT1 (Call to Interrupt Procedure); Vol. 3A 6.15 (Interrupt 3)"),
    ICEBP_DELIVERED("ICEBP (INT1) raises a trap-like #DB with no DR6 cause bit.",
            "SDM Vol. 2A INT n/INTO/INT3/INT1 (Call to Interrupt Procedure)"),
    INJECTED_EVENT_DELIVERED("VM entry delivers the event the VMM injected, as it prepared it, before any guest instruction.",
            "SDM Vol. 3C 26.6 (Event Injection)"),
    // The local APIC timer (core.apic.ApicTimer): an expiry is a step of its own, at a boundary, before the arbiter
    APIC_TIMER_EXPIRED("The APIC timer expires at TSC {tsc} ({mode}){halted}: {effect} (SDM 11.5.4{deadline}).",
            "SDM Vol. 3A 11.5.4 (APIC Timer), 11.5.4.1 (TSC-Deadline Mode), 11.5.1 (Local Vector Table: the mask bit)"),
    KVM_LAPIC_TIMER_EXPIRED("KVM's emulated APIC timer expires at guest TSC {tsc} ({mode}){halted}: apic_timer_expired, "
            + "then kvm_apic_local_deliver for APIC_LVTT: {effect}; kvm_vcpu_kick makes a running vCPU exit so that the IRQ is "
            + "injected on the next VM entry (no APICv: the timer is KVM's hrtimer, not the CPU's).",
            "KVM arch/x86/kvm/lapic.c apic_timer_expired(), kvm_apic_inject_pending_timer_irqs(), kvm_apic_local_deliver(); "
            + "SDM Vol. 3A 11.5.4"),
    // Host actions of the scenario
    HOST_ACTION("The scenario's host action fires.", "shadowstep scenario format, host actions (docs/scenario-format.md)");

    private final Text text;

    EventRule(String sentence, String source) {
        this.text = new Text(sentence, source);
    }

    @Override public Text text() { return text; }

    /** Returns the rule a delivery followed: the arbiter row that chose it, what raised it, or the VM entry that injected it. */
    public static EventRule delivered(Interruption e) {
        if (e.injected()) return INJECTED_EVENT_DELIVERED;
        return switch (e.source()) {
            case DEBUG_TRAP -> ROW4_DEBUG_TRAP_DELIVERED;
            case NMI -> ROW5_NMI_DELIVERED;
            case IRQ -> ROW6_IRQ_DELIVERED;
            case CODE_BREAKPOINT -> ROW7_CODE_BREAKPOINT_DELIVERED;
            case GENERAL_DETECT -> GENERAL_DETECT_DELIVERED;
            case ICEBP -> ICEBP_DELIVERED;
            case INT3 -> INT3_DELIVERED;
            case INT_N -> INT_N_DELIVERED;
            case FAULT -> FAULT_DELIVERED;
        };
    }
}
