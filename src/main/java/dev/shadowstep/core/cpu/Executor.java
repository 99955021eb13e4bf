package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;

/**
 * The step function: executes one decoded instruction on a state. Pure apart from guest
 * memory. Exit-prone instructions go through the {@link Platform}.
 */
public final class Executor {
    private Executor() {}

    /** Returns what executing {@code i} at {@code s.rip()} does. */
    public static ExecResult execute(CpuState s, Instruction i, Memory m, Platform p) {
        return execute(s, i, m, p, CpuStateBuilder.scratch());
    }

    /** The same, working in {@code scratch} (reloaded from {@code s}) so that a run loop allocates one builder only. */
    public static ExecResult execute(CpuState s, Instruction i, Memory m, Platform p, CpuStateBuilder scratch) {
        return run(s, i, m, p, scratch, true);
    }

    /**
     * Returns what {@code i} does before the {@link Retirement} rules (single-step trap, data
     * breakpoints, RF, shadow): a {@code Retired} result holds the raw next state and the shadow the
     * instruction would start. For a software emulator (KVM's), which applies its own rules.
     */
    public static ExecResult executeWithoutRetirement(CpuState s, Instruction i, Memory m, Platform p) {
        return run(s, i, m, p, CpuStateBuilder.scratch(), false);
    }

    private static ExecResult run(CpuState s, Instruction i, Memory m, Platform p, CpuStateBuilder scratch, boolean retire) {
        long next = s.rip() + i.length();
        try {
            CpuStateBuilder b = scratch.load(s);
            // Each family returns its own rule for the step (null when it has none): see InstructionRule.
            InstructionRule own = null;
            switch (i.op()) {
                case NOP, PAUSE -> b.rip(next);
                case MOV, LEA, PUSH, POP, MOV_FROM_SEG, MOV_TO_SEG -> own = DataTransfer.execute(b, i, m, next);
                case ADD, SUB, CMP, AND, OR, XOR, TEST, INC, DEC -> {
                    Arithmetic.execute(b, i, m, next);
                    own = Arithmetic.rule(i);
                }
                case JMP, JCC, CALL, RET, LOOP, IRET -> own = ControlTransfer.execute(b, i, m, next);
                case CLI, STI, PUSHF, POPF, STC, CLC, CMC, CLD, STD, LAHF, SAHF -> own = FlagControl.execute(b, i, m, next);
                case ROL, ROR, RCL, RCR, SHL, SHR, SAR -> ShiftRotate.execute(b, i, m, next);
                case XCHG, CMPXCHG -> own = Exchange.execute(b, i, m, next);
                case BT, BTS, BTR, BTC -> own = BitTest.execute(b, i, m, next);
                case DIV, IDIV -> own = Divide.execute(b, i, m, next);
                case MOVZB, MOVZW, MOVSB, MOVSW, MOVSL -> own = Extension.execute(b, i, m, next);
                case RDTSC, RDTSCP -> {
                    // EDX:EAX = TSC, upper halves cleared; RDTSCP also ECX = IA32_TSC_AUX, 0 here (SDM RDTSC, RDTSCP).
                    // CR4.TSD=1 makes them privileged: #GP(0) at CPL 3 (SDM RDTSC, RDTSCP).
                    if (s.cpl() != 0 && (s.cr4() & ControlRegisters.CR4_TSD) != 0) {
                        throw CpuFault.gp(i.op() + " at CPL 3 with CR4.TSD=1 is #GP(0): TSD restricts the time-stamp counter to "
                                + "CPL 0 (SDM Vol. 3A 2.5).");
                    }
                    long tsc = m.tsc();
                    b.reg(Regs.RAX, tsc & 0xFFFFFFFFL).reg(Regs.RDX, tsc >>> 32);
                    if (i.op() == Op.RDTSCP) b.reg(Regs.RCX, 0);
                    b.rip(next);
                    own = InstructionRule.RDTSC_READS_COUNT;
                }
                case WBINVD, INVD -> {
                    requireCpl0(s, i.op().name());
                    b.rip(next);                        // no cache is modelled: nothing to write back or invalidate
                    own = InstructionRule.CACHE_NOT_MODELLED;
                }
                case INTO -> throw CpuFault.ud("INTO is invalid in 64-bit mode: #UD (SDM Vol. 2, INTO).");
                case MOV_FROM_DR, MOV_TO_DR -> {
                    ExecResult exit = DebugRegisterAccess.exitFirst(s, i, p);
                    if (exit != null) return exit;
                    own = DebugRegisterAccess.execute(b, s, i, next);
                }
                case MOV_FROM_CR, MOV_TO_CR -> {
                    ExecResult exit = ControlRegisterAccess.exitFirst(s, i, p);
                    if (exit != null) return exit;
                    own = ControlRegisterAccess.execute(b, s, i, next);
                }
                case INT -> {
                    return new ExecResult.SoftwareInterrupt(ExecResult.SoftwareInterruptKind.INT_N,
                            (int) (((Operand.Imm) i.dst()).value() & 0xFF), next);
                }
                case INT3 -> {
                    return new ExecResult.SoftwareInterrupt(ExecResult.SoftwareInterruptKind.INT3, CpuFault.BP, next);
                }
                case INT1 -> {
                    return new ExecResult.SoftwareInterrupt(ExecResult.SoftwareInterruptKind.ICEBP, CpuFault.DB, next);
                }
                default -> {
                    return platform(s, i, m, p, b, retire);
                }
            }
            if (own == null && !s.apic().x2apic()) own = ApicMmio.rule(s, i, next);
            return retire ? retired(s, i, b, own, m) : new ExecResult.Retired(b.build(), own);
        } catch (CpuFault f) {
            // IRET unblocks NMIs as it begins: "even if the instruction causes a fault" (SDM 6.7.1).
            CpuState from = i.op() == Op.IRET && s.nmiBlocked() ? s.withNmiBlocked(false) : null;
            return new ExecResult.Fault(f.atCpl(s.cpl()), from);
        }
    }

    /** Privilege checks that precede any VM exit, then the platform; {@code b} is the scratch builder, still holding {@code s}. */
    private static ExecResult platform(CpuState s, Instruction i, Memory m, Platform p, CpuStateBuilder b, boolean retire) {
        ExecResult r = switch (i.op()) {
            case HLT -> {
                requireCpl0(s, "HLT");
                yield p.hlt(s, i);
            }
            case RDMSR -> {
                requireCpl0(s, "RDMSR");
                yield p.rdmsr(s, i, m.tsc());
            }
            case WRMSR -> {
                requireCpl0(s, "WRMSR");
                yield p.wrmsr(s, i, m.tsc());
            }
            case IN -> {
                requireIoPrivilege(s, "IN");
                yield p.in(s, i, port(s, i.src()));
            }
            case OUT -> {
                requireIoPrivilege(s, "OUT");
                long v = Operands.readReg(b, (Operand.Reg) i.src(), i.size());
                yield p.out(s, i, port(s, i.dst()), v);
            }
            case CPUID -> p.cpuid(s, i);
            case VMCALL -> p.vmcall(s, i);
            case VMLAUNCH, VMRESUME, VMREAD, VMWRITE, VMXON, VMXOFF, VMCLEAR, VMPTRLD, VMPTRST -> p.vmxInstruction(s, i);
            case UD2 -> p.invalidOpcode(s, i, "UD2 raises #UD by definition (SDM UD).");
            default -> throw new IllegalStateException("no handler for " + i.op());
        };
        if (retire && r instanceof ExecResult.Retired(CpuState next, var creates, InstructionRule own)) {
            return retired(s, i, b.load(next), own, m);
        }
        return r;
    }

    /** Applies the {@link Retirement} rules to what {@code i} did in {@code b}; the result carries the step's rule. */
    private static ExecResult.Retired retired(CpuState s, Instruction i, CpuStateBuilder b, InstructionRule own, Memory m) {
        Shadow creates = own == null ? Shadow.NONE : own.starts();
        CpuState after = Retirement.complete(s, i, b, creates, m.log());
        return new ExecResult.Retired(after, creates, Retirement.rule(s, i, after, own));
    }

    private static int port(CpuState s, Operand op) {
        return op instanceof Operand.Imm imm ? (int) (imm.value() & 0xFF) : (int) (s.reg(Regs.RDX) & 0xFFFF);
    }

    private static void requireCpl0(CpuState s, String mnemonic) {
        if (s.cpl() != 0) throw CpuFault.gp(mnemonic + " at CPL 3 is #GP(0): it is a privileged instruction (SDM " + mnemonic + ").");
    }

    private static void requireIoPrivilege(CpuState s, String mnemonic) {
        int iopl = Rflags.iopl(s.rflags());
        if (s.cpl() > iopl) {
            throw CpuFault.gp(mnemonic + " at CPL 3 with IOPL " + iopl + " is #GP(0): there is no I/O permission "
                    + "bitmap, so I/O needs CPL <= IOPL (SDM 19.5).");
        }
    }
}
