package dev.shadowstep.core.cpu;

import dev.shadowstep.core.apic.ApicBase;
import dev.shadowstep.core.apic.X2Apic;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Operand;

/** The CPU running without a hypervisor: the platform instructions act directly. */
public final class BareMetal implements Platform {

    /** CPUID.1:ECX bit 21: x2APIC. */
    private static final long CPUID1_ECX = 1L << 21;
    /** CPUID.1:EDX: FPU (0), DE (2), TSC (4), MSR (5), APIC (9). */
    private static final long CPUID1_EDX = 1L | 1L << 2 | 1L << 4 | 1L << 5 | 1L << 9;

    @Override
    public ExecResult cpuid(CpuState s, Instruction i) {
        int leaf = (int) s.reg(Regs.RAX);
        long[] v = switch (leaf) {
            // "GenuineIntel", maximum basic leaf 1
            case 0 -> new long[] {1, 0x756e6547L, 0x6c65746eL, 0x49656e69L};
            // family 6 model 0x9e stepping 10, APIC ID 0
            case 1 -> new long[] {0x000906EAL, 0x00010800L, CPUID1_ECX, CPUID1_EDX};
            default -> new long[] {0, 0, 0, 0};
        };
        CpuStateBuilder b = s.toBuilder()
                .reg(Regs.RAX, v[0]).reg(Regs.RBX, v[1]).reg(Regs.RCX, v[2]).reg(Regs.RDX, v[3]);
        return retired(b, s, i, InstructionRule.CPUID_FIXED);
    }

    /** RDMSR at TSC 0: for callers without a clock; the run loop's executor passes the TSC ({@link #rdmsr(CpuState, Instruction, long)}). */
    @Override
    public ExecResult rdmsr(CpuState s, Instruction i) {
        return rdmsr(s, i, 0);
    }

    /** RDMSR with the time-stamp counter {@code tsc} (instructions retired before this one): the timer registers read it. */
    @Override
    public ExecResult rdmsr(CpuState s, Instruction i, long tsc) {
        int msr = (int) s.reg(Regs.RCX);
        if (X2Apic.handles(msr) && !s.apic().x2apic()) return fault(CpuFault.gp(xapicMode("RDMSR from", msr)));
        Long value = switch (msr) {
            case Msr.APIC_BASE -> ApicBase.read(s.apic());
            case Msr.DEBUGCTL -> s.debugctl();
            case Msr.TSC_DEADLINE -> s.apic().timer().deadlineRead();
            default -> X2Apic.handles(msr) ? X2Apic.read(s.apic(), msr, tsc) : null;
        };
        if (value == null) return fault(CpuFault.gp(unknownMsr("RDMSR from", msr)));
        CpuStateBuilder b = s.toBuilder().reg(Regs.RAX, value & 0xFFFFFFFFL).reg(Regs.RDX, value >>> 32);
        return retired(b, s, i, null);
    }

    /** WRMSR at TSC 0: for callers without a clock; the run loop's executor passes the TSC. */
    @Override
    public ExecResult wrmsr(CpuState s, Instruction i) {
        return wrmsr(s, i, 0);
    }

    /** WRMSR with the time-stamp counter {@code tsc} (instructions retired before this one): a timer write starts counting from it. */
    @Override
    public ExecResult wrmsr(CpuState s, Instruction i, long tsc) {
        int msr = (int) s.reg(Regs.RCX);
        long value = (s.reg(Regs.RDX) << 32) | (s.reg(Regs.RAX) & 0xFFFFFFFFL);
        CpuStateBuilder b = s.toBuilder();
        switch (msr) {
            case Msr.TSC_DEADLINE -> b.apic(s.apic().withTimer(s.apic().timer().withDeadline(value)));
            case Msr.APIC_BASE -> {
                X2Apic.Write w = ApicBase.write(s.apic(), value);
                if (w.gpReason() != null) return fault(CpuFault.gp("WRMSR to IA32_APIC_BASE: " + w.gpReason() + "."));
                b.apic(w.apic());
            }
            case Msr.DEBUGCTL -> {
                if ((value & ~Msr.DEBUGCTL_SUPPORTED) != 0) {
                    return fault(CpuFault.gp(String.format("IA32_DEBUGCTL bits 0x%x are not modelled: #GP(0).",
                            value & ~Msr.DEBUGCTL_SUPPORTED)));
                }
                b.debugctl(value);
            }
            default -> {
                if (!X2Apic.handles(msr)) return fault(CpuFault.gp(unknownMsr("WRMSR to", msr)));
                if (!s.apic().x2apic()) return fault(CpuFault.gp(xapicMode("WRMSR to", msr)));
                X2Apic.Write w = X2Apic.write(s.apic(), msr, value, tsc);
                if (w.gpReason() != null) return fault(CpuFault.gp(w.gpReason()));
                b.apic(w.apic());
                if (w.raiseNmi()) b.nmiPending(true);
            }
        }
        return retired(b, s, i, switch (msr) {
            case X2Apic.EOI, X2Apic.TPR, X2Apic.ICR -> InstructionRule.WRMSR_APIC;
            case X2Apic.LVT_TIMER, X2Apic.INITIAL_COUNT, X2Apic.DIVIDE_CONFIG, Msr.TSC_DEADLINE -> InstructionRule.WRMSR_APIC_TIMER;
            case Msr.DEBUGCTL -> InstructionRule.WRMSR_DEBUGCTL;
            default -> InstructionRule.WRMSR_OTHER;
        });
    }

    @Override
    public ExecResult hlt(CpuState s, Instruction i) {
        return retired(s.toBuilder().activity(Activity.HLT), s, i, InstructionRule.HLT_HALTS);
    }

    @Override
    public ExecResult in(CpuState s, Instruction i, int port) {
        // No device answers: the bus floats and reads all ones.
        CpuStateBuilder b = s.toBuilder();
        Operands.writeReg(b, (Operand.Reg) i.dst(), i.size(), -1L);
        return retired(b, s, i, InstructionRule.IN_NO_DEVICE);
    }

    @Override
    public ExecResult out(CpuState s, Instruction i, int port, long value) {
        return retired(s.toBuilder(), s, i, InstructionRule.OUT_NO_DEVICE);
    }

    @Override
    public ExecResult vmcall(CpuState s, Instruction i) {
        return fault(CpuFault.ud("VMCALL outside VMX non-root operation is #UD (SDM VMCALL)."));
    }

    @Override
    public ExecResult invalidOpcode(CpuState s, Instruction i, String reason) {
        return fault(CpuFault.ud(reason));
    }

    private static ExecResult retired(CpuStateBuilder b, CpuState s, Instruction i, InstructionRule rule) {
        return new ExecResult.Retired(b.rip(s.rip() + i.length()).build(), rule);
    }

    private static ExecResult fault(CpuFault f) {
        return new ExecResult.Fault(f);
    }

    private static String xapicMode(String what, int msr) {
        return String.format("%s x2APIC MSR 0x%x in xAPIC mode is #GP(0): the x2APIC MSRs exist only in x2APIC mode "
                + "(SDM 11.12.1.2); this APIC is in xAPIC mode, its registers are the MMIO page at 0xfee00000.", what, msr);
    }

    private static String unknownMsr(String what, int msr) {
        return String.format("%s MSR 0x%x, which this machine does not have, is #GP(0) (SDM RDMSR/WRMSR).", what, msr);
    }
}
