package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import java.util.List;

/** The sentences the arbiter gives for its decisions: what happened and the rule, with its source. */
final class Explanations {
    private Explanations() {}

    static final String STAYS_HALTED = "The CPU stays halted: nothing pending can wake it "
            + "(HLT ends only on an unmasked interrupt or NMI, SDM HLT).";

    static String shadowName(Shadow s) {
        return s == Shadow.STI ? "STI shadow" : "MOV SS shadow";
    }

    static String trapName(long pending) {
        if (pending == Dr6.BS) return "single-step trap";
        if ((pending & Dr6.BS) == 0) return "data breakpoint trap (" + Dr6.describe(pending) + ")";
        return "debug traps (" + Dr6.describe(pending) + ")";
    }

    static String trapWhy(CpuState b, long code, String next, String wake) {
        StringBuilder w = new StringBuilder();
        if (wake != null) {
            w.append("HLT woke up for ").append(wake).append("; the trap pending from HLT comes first "
                    + "(row 4 beats rows 5 and 6, SDM Table 6-2), with RIP after HLT. ");
        }
        long p = b.pendingDb();
        if (p == Dr6.BS) {
            w.append("The previous instruction began with TF=1, so its single-step trap is delivered now (DR6.BS, SDM 18.3.1.4)");
        } else if ((p & Dr6.BS) == 0) {
            w.append("The data breakpoint hit by the last memory writes or reads (").append(Dr6.describe(p))
                    .append(": the previous instruction's, or the frame pushes of the event just delivered) is delivered "
                    + "as a trap #DB (SDM 18.2.5)");
        } else {
            w.append("The pending debug traps (").append(Dr6.describe(p)).append(") are delivered as one #DB (SDM 18.3.1.4, 18.2.5)");
        }
        if (code != 0) {
            w.append("; the instruction breakpoint on the next instruction (").append(Dr6.describe(code))
                    .append(") is reported in the same #DB, as hardware does (SDM Table 6-2 note; KVM list, singlestep_with_code_db)");
        }
        if (b.shadow() == Shadow.STI) {
            return w.append("; the STI shadow does not block #DB (SDM 6.8.3; kvm-unit-tests: STI blocking doesn't suppress #DBs), "
                    + "so #DB is delivered before ").append(next).append('.').toString();
        }
        return w.append(", before ").append(next).append('.').toString();
    }

    static String nmiWhy(String wake) {
        return (wake != null ? "HLT woke up for an NMI. " : "")
                + "The NMI is delivered: no shadow and no NMI blocking; further NMIs are blocked until the next IRET (SDM 6.7.1).";
    }

    static String irqWhy(CpuState b, int vector, String wake) {
        return (wake != null ? "HLT woke up for it. " : "")
                + "IRQ 0x" + Integer.toHexString(vector) + " is delivered: IF=1, no interrupt shadow, and its priority class "
                + (vector >>> 4) + " is above the processor priority class " + b.apic().processorPriorityClass()
                + " (SDM 6.8.1, 11.8.3.1).";
    }

    static String codeBreakpointWhy(long code, String next) {
        return "Instruction breakpoint " + Dr6.describe(code) + " matches " + next
                + ": #DB is delivered before it executes (fault-like, the pushed RIP is the instruction, RF=0; SDM 18.2.5). "
                + "A handler steps over it by setting RF in the saved RFLAGS.";
    }

    /** Held lines for NMIs and IRQs that live in KVM (no APICv): they reach the guest only by injection. */
    static void heldByKvm(CpuState s, List<String> held) {
        String now = !s.flag(Rflags.IF) ? "IF=0 now" : s.shadow() != Shadow.NONE ? "the " + shadowName(s.shadow()) + " blocks it now"
                : "the guest could take it now; interrupt-window exiting brings KVM back to inject it, unless "
                + "userspace set KVM_GUESTDBG_BLOCKIRQ";
        if (s.nmiPending()) {
            held.add("NMI pending in KVM (vcpu->arch.nmi_pending): KVM injects it on a VM entry when the guest can take it "
                    + "(kvm_check_and_inject_events)");
        }
        int v = s.apic().highestRequest();
        if (v >= 0) {
            held.add("IRQ 0x" + Integer.toHexString(v) + " held in KVM's emulated local APIC (no APICv): only KVM injects "
                    + "it, on a VM entry when IF=1 and no shadow (" + now + "; kvm_check_and_inject_events)");
        }
    }

    static void heldWhileHalted(CpuState s, List<String> held) {
        if (s.pendingDb() != 0) {
            held.add(trapName(s.pendingDb()) + " held: the CPU is halted; the trap is delivered after an interrupt or NMI "
                    + "wakes it (Bochs handleAsyncEvent)");
        }
        if (s.nmiPending()) held.add("NMI held: NMIs stay blocked until the next IRET (SDM 6.7.1)");
        int v = s.apic().highestRequest();
        if (v >= 0) {
            String irq = "IRQ 0x" + Integer.toHexString(v) + " held: ";
            held.add(irq + (!s.flag(Rflags.IF) ? "IF=0, so it cannot wake HLT"
                    : "its priority class " + (v >>> 4) + " is not above the processor priority class "
                    + s.apic().processorPriorityClass() + " (SDM 11.8.3.1)"));
        }
    }
}
