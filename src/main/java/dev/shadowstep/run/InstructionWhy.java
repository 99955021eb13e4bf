package dev.shadowstep.run;

import dev.shadowstep.core.apic.X2Apic;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.DebugRegisterAccess;
import dev.shadowstep.core.cpu.InstructionRule;
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
 * The rule a retired instruction followed ({@link #classify}, on the recording hot path: no
 * allocation) and its why, built from that rule ({@link #explain}): the instruction's own rule,
 * then the debug and shadow rules of its retirement.
 */
final class InstructionWhy {
    private InstructionWhy() {}

    /** Returns the rule of the step: the instruction's own, else the first retirement rule that applied, else PLAIN. */
    static InstructionRule classify(CpuState b, Instruction i, CpuState a) {
        InstructionRule own = i == null ? null : own(b, i, a);
        if (own != null) return own;
        if (singleStepPending(b, i, a)) return InstructionRule.SINGLE_STEP_TRAP_PENDING;
        if (newDataBreakpoints(b, a) != 0) return InstructionRule.DATA_BREAKPOINT_HIT;
        if (movSsTrapsMerge(b)) return InstructionRule.MOV_SS_TRAPS_MERGE;
        if (shadowEnds(b, i, a)) return InstructionRule.SHADOW_ENDS;
        if (rfCleared(b, a)) return InstructionRule.RF_CLEARED;
        return i != null && PlainEffect.isFrameEdit(i) ? InstructionRule.FRAME_RFLAGS_EDIT : InstructionRule.PLAIN;
    }

    /** Returns the why of {@code i}, whose rule is {@code rule}; {@code nativeInterrupts} is false under KVM. */
    static String explain(InstructionRule rule, CpuState b, Instruction i, CpuState a, boolean nativeInterrupts) {
        List<String> parts = new ArrayList<>(3);
        if (rule.own()) parts.add(ownText(rule, b, i, a, nativeInterrupts));
        if (singleStepPending(b, i, a)) {
            parts.add(InstructionRule.SINGLE_STEP_TRAP_PENDING.sentence());
            if (i != null && i.op() == Op.HLT) parts.add("While halted the trap waits; it is delivered first after the wake-up, with RIP after HLT.");
        }
        long newData = newDataBreakpoints(b, a);
        if (newData != 0) parts.add(InstructionRule.DATA_BREAKPOINT_HIT.fill("breakpoint", Dr6.describe(newData)));
        if (movSsTrapsMerge(b)) parts.add(InstructionRule.MOV_SS_TRAPS_MERGE.fill("traps", Dr6.describe(b.pendingDb())));
        if (shadowEnds(b, i, a)) {
            parts.add(InstructionRule.SHADOW_ENDS.fill("shadow", b.shadow() == Shadow.STI ? "STI" : "MOV SS"));
        }
        if (rfCleared(b, a)) parts.add(InstructionRule.RF_CLEARED.sentence());
        return parts.isEmpty() ? PlainEffect.explain(b, i, a) : String.join(" ", parts);
    }

    private static boolean singleStepPending(CpuState b, Instruction i, CpuState a) {
        boolean tfCleared = b.flag(Rflags.TF) && !a.flag(Rflags.TF) && i != null && i.op() == Op.POPF;
        return b.flag(Rflags.TF) && (a.pendingDb() & Dr6.BS) != 0 && !tfCleared;
    }

    private static long newDataBreakpoints(CpuState b, CpuState a) {
        return a.pendingDb() & ~b.pendingDb() & Dr6.B_MASK;
    }

    private static boolean movSsTrapsMerge(CpuState b) {
        return b.shadow() == Shadow.MOV_SS && b.pendingDb() != 0;
    }

    private static boolean shadowEnds(CpuState b, Instruction i, CpuState a) {
        return b.shadow() != Shadow.NONE && a.shadow() == Shadow.NONE && !(i != null && i.op() == Op.MOV_TO_SEG);
    }

    private static boolean rfCleared(CpuState b, CpuState a) {
        return b.flag(Rflags.RF) && !a.flag(Rflags.RF);
    }

    /** Returns the instruction's own rule, or null when it has none (the executor families' rules). */
    private static InstructionRule own(CpuState b, Instruction i, CpuState a) {
        return switch (i.op()) {
            case STI -> b.flag(Rflags.IF) ? InstructionRule.STI_IF_ALREADY_SET : InstructionRule.STI_SHADOW_STARTED;
            case CLI -> InstructionRule.CLI_CLEARS_IF;
            case POPF -> !b.flag(Rflags.TF) && a.flag(Rflags.TF) ? InstructionRule.POPF_SETS_TF
                    : b.flag(Rflags.TF) && !a.flag(Rflags.TF) ? InstructionRule.POPF_CLEARS_TF : InstructionRule.POPF_LOADS_RFLAGS;
            case PUSHF -> InstructionRule.PUSHF_STORES_RFLAGS;
            case IRET -> InstructionRule.IRET_NO_SHADOW;
            case MOV_TO_SEG -> ((Operand.SegReg) i.dst()).n() != Operand.SegReg.SS ? null
                    : a.shadow() == Shadow.MOV_SS ? InstructionRule.MOV_SS_SHADOW_STARTED : InstructionRule.MOV_SS_AFTER_MOV_SS;
            case HLT -> InstructionRule.HLT_HALTS;
            case MOV_TO_DR -> switch (DebugRegisterAccess.aliased(((Operand.DebugReg) i.dst()).n())) {
                case 6 -> InstructionRule.MOV_TO_DR6;
                case 7 -> InstructionRule.MOV_TO_DR7;
                default -> null;
            };
            case MOV_FROM_DR -> DebugRegisterAccess.isAlias(((Operand.DebugReg) i.src()).n()) ? InstructionRule.DR_ALIAS : null;
            case WRMSR -> switch ((int) b.reg(Regs.RCX)) {
                case X2Apic.EOI, X2Apic.TPR, X2Apic.ICR -> InstructionRule.WRMSR_APIC;
                case Msr.DEBUGCTL -> InstructionRule.WRMSR_DEBUGCTL;
                default -> InstructionRule.WRMSR_OTHER;
            };
            case IN -> InstructionRule.IN_NO_DEVICE;
            case OUT -> InstructionRule.OUT_NO_DEVICE;
            case CPUID -> InstructionRule.CPUID_FIXED;
            case XCHG -> InstructionRule.XCHG_SWAPS;
            case CMPXCHG -> a.flag(Rflags.ZF) ? InstructionRule.CMPXCHG_EQUAL : InstructionRule.CMPXCHG_DIFFERENT;
            case BT, BTS, BTR, BTC -> InstructionRule.BIT_TEST;
            case DIV, IDIV -> InstructionRule.DIVIDES;
            case MOVZB, MOVZW, MOVSB, MOVSW, MOVSL -> InstructionRule.EXTENDS;
            case WBINVD, INVD -> InstructionRule.CACHE_NOT_MODELLED;
            case RDTSC, RDTSCP -> InstructionRule.RDTSC_READS_COUNT;
            default -> null;
        };
    }

    /** Returns the sentence of an instruction's own rule, with the step's values filled in. */
    private static String ownText(InstructionRule rule, CpuState b, Instruction i, CpuState a, boolean nativeInterrupts) {
        return switch (rule) {
            case POPF_SETS_TF, POPF_CLEARS_TF, POPF_LOADS_RFLAGS -> popf(rule, b, a);
            case IRET_NO_SHADOW -> iret(b, a, nativeInterrupts);
            case MOV_TO_DR6, MOV_TO_DR7 -> movToDr(rule, i, a);
            case DR_ALIAS -> {
                int n = ((Operand.DebugReg) i.src()).n();
                yield rule.fill("n", String.valueOf(n), "reg", String.valueOf(DebugRegisterAccess.aliased(n)));
            }
            case WRMSR_APIC -> rule.fill("note", apicWrite(b, a));
            case WRMSR_DEBUGCTL -> ((b.reg(Regs.RAX) & Msr.DEBUGCTL_BTF) != 0)
                    ? rule.fill("btf", "1", "effect", "with TF=1, single-step traps now come only after taken branches (SDM 18.4.3).")
                    : rule.fill("btf", "0", "effect", "TF single-steps every instruction.");
            case WRMSR_OTHER -> rule.fill("msr", "0x" + Integer.toHexString((int) b.reg(Regs.RCX)));
            case BIT_TEST, DIVIDES, EXTENDS, CACHE_NOT_MODELLED, RDTSC_READS_COUNT -> NewInstructionWhy.fill(rule, b, i, a);
            default -> rule.sentence();
        };
    }

    private static String popf(InstructionRule rule, CpuState b, CpuState a) {
        String s = rule.sentence();
        if (b.flag(Rflags.IF) != a.flag(Rflags.IF)) {
            s += a.flag(Rflags.IF) ? " It set IF without a shadow (only STI and MOV SS create one)." : " It cleared IF.";
        }
        if (b.cpl() > Rflags.iopl(b.rflags())) s += " At CPL 3 with IOPL < 3 it cannot change IF (SDM POPF).";
        return s;
    }

    private static String iret(CpuState b, CpuState a, boolean nativeInterrupts) {
        StringBuilder s = new StringBuilder();
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
        return InstructionRule.IRET_NO_SHADOW.fill("tf", bit(a, Rflags.TF), "if", bit(a, Rflags.IF), "rf", bit(a, Rflags.RF),
                "more", s.toString());
    }

    private static String movToDr(InstructionRule rule, Instruction i, CpuState a) {
        int n = ((Operand.DebugReg) i.dst()).n();
        int reg = DebugRegisterAccess.aliased(n);
        String alias = reg != n ? " (DR" + n + " aliases DR" + reg + " because CR4.DE=0, SDM 18.2.2)" : "";
        if (rule == InstructionRule.MOV_TO_DR6) return rule.fill("value", "0x" + Long.toHexString(a.dr6()), "alias", alias);
        return rule.fill("value", "0x" + Long.toHexString(a.dr7()), "alias", alias, "gd",
                (a.dr7() & 0x2000) != 0 ? "; GD=1: the next MOV to or from a debug register raises #DB (SDM 18.2.4)" : "");
    }

    /** Returns what an x2APIC write (EOI, TPR, self-IPI) did. */
    private static String apicWrite(CpuState b, CpuState a) {
        int msr = (int) b.reg(Regs.RCX);
        long value = (b.reg(Regs.RDX) << 32) | (b.reg(Regs.RAX) & 0xFFFFFFFFL);
        String note = X2Apic.write(b.apic(), msr, value).note();
        if (note != null) return note;
        if (msr == X2Apic.TPR) return "TPR = 0x" + Long.toHexString(value) + " (SDM 11.8.3.1).";
        if (!b.nmiPending() && a.nmiPending()) return "Self-IPI with delivery mode NMI: an NMI is now pending (SDM 11.12.9).";
        return "Self-IPI: vector 0x" + Integer.toHexString((int) (value & 0xFF)) + " is set in the IRR (x2APIC ICR, SDM 11.12.9).";
    }

    private static String bit(CpuState s, long flag) {
        return s.flag(flag) ? "1" : "0";
    }
}
