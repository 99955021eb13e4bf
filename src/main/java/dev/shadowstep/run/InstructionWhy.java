package dev.shadowstep.run;

import dev.shadowstep.core.apic.ApicNotes;
import dev.shadowstep.core.apic.X2Apic;
import dev.shadowstep.core.cpu.ApicMmio;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.DebugRegisterAccess;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Msr;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Retirement;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.event.BoundaryArbiter;
import java.util.ArrayList;
import java.util.List;

/**
 * The why of a retired instruction, built from its rule (recorded from the executor family and
 * {@link Retirement}, which decided it): the sentence of the instruction's own rule with the step's
 * values filled in, then the sentences of the retirement rules that applied ({@link Retirement#applied}).
 */
final class InstructionWhy {
    private InstructionWhy() {}

    /** Returns the why of {@code i}, whose rule is {@code rule}; {@code nativeInterrupts} is false under KVM. */
    static String explain(InstructionRule rule, CpuState b, Instruction i, CpuState a, boolean nativeInterrupts) {
        List<String> parts = new ArrayList<>(3);
        if (rule.own()) parts.add(ownText(rule, b, i, a, nativeInterrupts));
        for (InstructionRule r : Retirement.applied(b, i, a)) parts.add(retirementText(r, b, i, a));
        return parts.isEmpty() ? PlainEffect.explain(rule, b, i, a) : String.join(" ", parts);
    }

    /** Returns the sentence of a retirement rule, with the step's values filled in. */
    private static String retirementText(InstructionRule rule, CpuState b, Instruction i, CpuState a) {
        return switch (rule) {
            case SINGLE_STEP_TRAP_PENDING -> i.op() == Op.HLT ? rule.sentence()
                    + " While halted the trap waits; it is delivered first after the wake-up, with RIP after HLT." : rule.sentence();
            case DATA_BREAKPOINT_HIT -> rule.fill("breakpoint", Dr6.describe(Retirement.newDataBreakpoints(b, a)));
            case MOV_SS_TRAPS_MERGE -> rule.fill("traps", Dr6.describe(b.pendingDb()));
            case SHADOW_ENDS -> rule.fill("shadow", b.shadow() == Shadow.STI ? "STI" : "MOV SS");
            default -> rule.sentence();
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
            case WRMSR_APIC_TIMER -> rule.fill("note", a.apic().timer().equals(b.apic().timer())
                    ? ApicNotes.timerUnchanged(b.apic().timer(), b.reg(Regs.RCX) == Msr.TSC_DEADLINE,
                            b.reg(Regs.RCX) == X2Apic.INITIAL_COUNT)
                    : ApicNotes.timer(b.apic().timer(), a.apic().timer()));
            case XAPIC_MMIO_WRITE -> rule.fill("note", String.format("a write to the %s (offset 0x%x). %s",
                    ApicNotes.registerName(ApicMmio.offset(b, i)), ApicMmio.offset(b, i),
                    ApicNotes.change(b.apic(), a.apic(), !b.nmiPending() && a.nmiPending())));
            case XAPIC_MMIO_READ -> rule.fill("note", String.format("it reads the %s (offset 0x%x)%s.",
                    ApicNotes.registerName(ApicMmio.offset(b, i)), ApicMmio.offset(b, i), readValue(b, i, a)));
            case WRMSR_DEBUGCTL -> ((b.reg(Regs.RAX) & Msr.DEBUGCTL_BTF) != 0)
                    ? rule.fill("btf", "1", "effect", "with TF=1, single-step traps now come only after taken branches (SDM 18.4.3).")
                    : rule.fill("btf", "0", "effect", "TF single-steps every instruction.");
            case WRMSR_OTHER -> rule.fill("msr", "0x" + Integer.toHexString((int) b.reg(Regs.RCX)));
            case BIT_TEST, DIVIDES, EXTENDS, CACHE_NOT_MODELLED, RDTSC_READS_COUNT -> NewInstructionWhy.fill(rule, b, i, a);
            case MOV_TO_CR0, MOV_TO_CR2, MOV_TO_CR3, MOV_TO_CR4, MOV_TO_CR8, MOV_FROM_CR -> ControlRegisterWhy.fill(rule, b, i, a);
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

    /** Returns ", now REG = value" for a load into a register. */
    private static String readValue(CpuState b, Instruction i, CpuState a) {
        if (!(i.dst() instanceof Operand.Reg r)) return "";
        return String.format(": %s = 0x%x", dev.shadowstep.trace.State.REG_NAMES.get(r.num()), a.reg(r.num()));
    }

    private static String bit(CpuState s, long flag) {
        return s.flag(flag) ? "1" : "0";
    }
}
