package dev.shadowstep.run;

import dev.shadowstep.core.apic.X2Apic;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.DebugRegisterAccess;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Msr;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.event.BoundaryArbiter;
import java.util.ArrayList;
import java.util.List;

/**
 * The why of a retired instruction, worked out from the states before and after it: the rule
 * the instruction itself follows, then the debug and shadow rules of its retirement.
 */
final class InstructionWhy {
    private InstructionWhy() {}

    /** Returns the why of {@code i}; {@code nativeInterrupts} is false under KVM, where the CPU never takes an IRQ itself. */
    static String explain(CpuState b, Instruction i, CpuState a, boolean nativeInterrupts) {
        List<String> parts = new ArrayList<>(3);
        String own = i == null ? null : own(b, i, a, nativeInterrupts);
        if (own != null) parts.add(own);
        boolean tfCleared = b.flag(Rflags.TF) && !a.flag(Rflags.TF) && i != null && i.op() == Op.POPF;
        if (b.flag(Rflags.TF) && (a.pendingDb() & Dr6.BS) != 0 && !tfCleared) {
            parts.add("It began with TF=1, so a single-step trap (DR6.BS) is pending after it (SDM 18.3.1.4).");
            if (i != null && i.op() == Op.HLT) parts.add("While halted the trap waits; it is delivered first after the wake-up, with RIP after HLT.");
        }
        long newData = a.pendingDb() & ~b.pendingDb() & Dr6.B_MASK;
        if (newData != 0) {
            parts.add("Its memory access hit data breakpoint " + Dr6.describe(newData)
                    + ": a trap #DB is pending, delivered after the instruction (SDM 18.2.5).");
        }
        if (b.shadow() == Shadow.MOV_SS && b.pendingDb() != 0) {
            parts.add("The " + Dr6.describe(b.pendingDb()) + " trap held by the MOV SS shadow stays pending and merges with "
                    + "this instruction's traps into one #DB (SDM 6.8.3).");
        }
        if (b.shadow() != Shadow.NONE && a.shadow() == Shadow.NONE && !(i != null && i.op() == Op.MOV_TO_SEG)) {
            parts.add("The " + (b.shadow() == Shadow.STI ? "STI" : "MOV SS") + " shadow ends with this instruction.");
        }
        if (b.flag(Rflags.RF) && !a.flag(Rflags.RF)) {
            parts.add("RF is cleared because the instruction completed (SDM 18.3.1.1).");
        }
        return parts.isEmpty() ? PlainEffect.explain(b, i, a) : String.join(" ", parts);
    }

    private static String own(CpuState b, Instruction i, CpuState a, boolean nativeInterrupts) {
        return switch (i.op()) {
            case STI -> b.flag(Rflags.IF)
                    ? "IF was already 1, so STI starts no shadow (only STI that sets IF blocks interrupts, SDM STI)."
                    : "STI set IF and starts the STI shadow: maskable interrupts (and, as in Bochs, NMI) stay blocked at the "
                    + "next boundary only; #DB is not blocked (SDM STI, 6.8.3).";
            case CLI -> "CLI clears IF: maskable interrupts are held until IF is set again (SDM CLI).";
            case POPF -> popf(b, a);
            case PUSHF -> "PUSHF stores RFLAGS with RF and VM cleared (SDM PUSHF).";
            case IRET -> iret(b, a, nativeInterrupts);
            case MOV_TO_SEG -> ((Operand.SegReg) i.dst()).n() != Operand.SegReg.SS ? null
                    : a.shadow() == Shadow.MOV_SS
                    ? "MOV to SS starts the MOV SS shadow: interrupts, NMI and debug traps are held until after the next "
                    + "instruction, and an instruction breakpoint on it is ignored (SDM MOV, 6.8.3)."
                    : "A MOV SS right after a MOV SS does not start a new shadow (SDM 6.8.3 footnote; Bochs).";
            case HLT -> "HLT halts the CPU until an unmasked interrupt or NMI (SDM HLT).";
            case MOV_TO_DR -> movToDr(i, a);
            case MOV_FROM_DR -> {
                int n = ((Operand.DebugReg) i.src()).n();
                yield DebugRegisterAccess.isAlias(n) ? "DR" + n + " aliases DR" + DebugRegisterAccess.aliased(n) + " because CR4.DE=0 (SDM 18.2.2)." : null;
            }
            case WRMSR -> wrmsr(b, a);
            case IN -> "IN reads all ones: no device answers on this machine.";
            case OUT -> "OUT goes nowhere: no device listens on this machine.";
            case CPUID -> "CPUID returns this model's fixed values (GenuineIntel, x2APIC).";
            default -> null;
        };
    }

    private static String popf(CpuState b, CpuState a) {
        boolean tfBefore = b.flag(Rflags.TF), tfAfter = a.flag(Rflags.TF);
        String s;
        if (!tfBefore && tfAfter) {
            s = "POPF set TF; the first single-step #DB comes after the next instruction, because TF is sampled when an "
                    + "instruction starts (SDM 18.3.1.4).";
        } else if (tfBefore && !tfAfter) {
            s = "POPF cleared TF, but it began with TF=1, so its own single-step trap is still pending (SDM 18.3.1.4).";
        } else {
            s = "POPF loaded RFLAGS from the stack.";
        }
        if (b.flag(Rflags.IF) != a.flag(Rflags.IF)) {
            s += a.flag(Rflags.IF) ? " It set IF without a shadow (only STI and MOV SS create one)." : " It cleared IF.";
        }
        if (b.cpl() > Rflags.iopl(b.rflags())) s += " At CPL 3 with IOPL < 3 it cannot change IF (SDM POPF).";
        return s;
    }

    private static String iret(CpuState b, CpuState a, boolean nativeInterrupts) {
        StringBuilder s = new StringBuilder(String.format("IRET restored RFLAGS from the frame (TF=%d, IF=%d, RF=%d) and created no shadow",
                bit(a, Rflags.TF), bit(a, Rflags.IF), bit(a, Rflags.RF)));
        if (a.cpl() != b.cpl()) s.append("; it returns to CPL ").append(a.cpl());
        if (b.nmiBlocked()) s.append("; NMI blocking ends (SDM 6.7.1)");
        if (a.flag(Rflags.TF)) s.append("; TF set by IRET traps only after the next instruction (SDM 18.3.1.4)");
        if (a.flag(Rflags.RF)) s.append("; RF=1 suppresses instruction breakpoints for the next instruction (SDM 18.3.1.1)");
        var next = BoundaryArbiter.resolve(a);
        if (!nativeInterrupts && a.flag(Rflags.IF) && !b.flag(Rflags.IF) && a.apic().deliverable() >= 0) {
            s.append("; IRQ 0x").append(Integer.toHexString(a.apic().deliverable()))
                    .append(" waits in KVM's APIC: with IF=1 and no shadow, interrupt-window exiting makes the CPU exit "
                            + "so that KVM injects it");
        } else if (nativeInterrupts && next.delivers() && next.delivery().source() == dev.shadowstep.core.event.Interruption.Source.IRQ) {
            s.append("; the pending IRQ 0x").append(Integer.toHexString(next.delivery().vector()))
                    .append(" is taken at once (SDM 6.12.1.3)");
        }
        return s.append('.').toString();
    }

    private static String movToDr(Instruction i, CpuState a) {
        int n = ((Operand.DebugReg) i.dst()).n();
        int reg = DebugRegisterAccess.aliased(n);
        String alias = reg != n ? " (DR" + n + " aliases DR" + reg + " because CR4.DE=0, SDM 18.2.2)" : "";
        return switch (reg) {
            case 6 -> String.format("DR6 = 0x%x: only B0-B3, BD, BS and BT are writable; the other bits are fixed%s.", a.dr6(), alias);
            case 7 -> String.format("DR7 = 0x%x%s%s.", a.dr7(), alias,
                    (a.dr7() & 0x2000) != 0 ? "; GD=1: the next MOV to or from a debug register raises #DB (SDM 18.2.4)" : "");
            default -> null;
        };
    }

    private static String wrmsr(CpuState b, CpuState a) {
        int msr = (int) b.reg(Regs.RCX);
        long value = (b.reg(Regs.RDX) << 32) | (b.reg(Regs.RAX) & 0xFFFFFFFFL);
        return switch (msr) {
            case X2Apic.EOI, X2Apic.TPR, X2Apic.ICR -> {
                String note = X2Apic.write(b.apic(), msr, value).note();
                if (note != null) yield note;
                if (msr == X2Apic.TPR) yield "TPR = 0x" + Long.toHexString(value) + " (SDM 11.8.3.1).";
                if (!b.nmiPending() && a.nmiPending()) yield "Self-IPI with delivery mode NMI: an NMI is now pending (SDM 11.12.9).";
                yield "Self-IPI: vector 0x" + Integer.toHexString((int) (value & 0xFF))
                        + " is set in the IRR (x2APIC ICR, SDM 11.12.9).";
            }
            case Msr.DEBUGCTL -> (value & Msr.DEBUGCTL_BTF) != 0
                    ? "IA32_DEBUGCTL.BTF=1: with TF=1, single-step traps now come only after taken branches (SDM 18.4.3)."
                    : "IA32_DEBUGCTL.BTF=0: TF single-steps every instruction.";
            default -> String.format("WRMSR 0x%x accepted; this model keeps no further state for it.", msr);
        };
    }

    private static int bit(CpuState s, long flag) {
        return s.flag(flag) ? 1 : 0;
    }
}
