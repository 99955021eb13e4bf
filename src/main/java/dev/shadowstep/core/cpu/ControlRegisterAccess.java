package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;

/**
 * MOV to and from CR0, CR2, CR3, CR4 and CR8 (SDM Vol. 2B MOV—Move to/from Control Registers; Vol. 3A
 * 2.5). The order of the checks: CR1, CR5-CR7 and CR9-CR15 are #UD (a decode-time fault, SDM Vol. 3A
 * Table 6-2), then CPL &gt; 0 is #GP(0), both before any VM exit (SDM Vol. 3C 25.1.1); then the
 * platform may exit (CR-access exiting); then the value is checked: a reserved bit or a combination
 * that would leave IA-32e mode is #GP(0) and nothing is written.
 */
public final class ControlRegisterAccess {
    private ControlRegisterAccess() {}

    /** Returns the control register a MOV CR names (0-15). */
    public static int crNumber(Instruction i) {
        return ((Operand.ControlReg) (i.op() == Op.MOV_TO_CR ? i.dst() : i.src())).n();
    }

    /** Returns the general register a MOV CR reads or writes. */
    public static int gprNumber(Instruction i) {
        return ((Operand.Reg) (i.op() == Op.MOV_TO_CR ? i.src() : i.dst())).num();
    }

    /** Returns whether CR{@code n} exists: CR0, CR2, CR3, CR4 and (in 64-bit mode) CR8. */
    public static boolean exists(int n) {
        return n == 0 || n == 2 || n == 3 || n == 4 || n == 8;
    }

    /**
     * Returns the VM exit the platform takes for this MOV CR, or null to run it here. #UD for a CR
     * that does not exist and #GP(0) at CPL 3 come first (SDM Vol. 3C 25.1.1).
     */
    static ExecResult exitFirst(CpuState s, Instruction i, Platform p) {
        checkAccess(s, i);
        return p.movCr(s, i);
    }

    private static void checkAccess(CpuState s, Instruction i) {
        int n = crNumber(i);
        if (!exists(n)) {
            throw CpuFault.ud("CR" + n + " does not exist: MOV " + (i.op() == Op.MOV_TO_CR ? "to" : "from") + " CR" + n
                    + " is #UD (only CR0, CR2, CR3, CR4 and CR8 exist in 64-bit mode; SDM Vol. 2B MOV CR).");
        }
        if (s.cpl() != 0) {
            throw CpuFault.gp("MOV " + (i.op() == Op.MOV_TO_CR ? "to" : "from") + " CR" + n
                    + " at CPL 3 is #GP(0): control registers are privileged (SDM Vol. 2B MOV CR).");
        }
    }

    /** Returns CR{@code n} as MOV from CR reads it; CR8 is TPR[7:4] (SDM Vol. 3A 11.8.6). */
    public static long read(CpuState s, int n) {
        return switch (n) {
            case 0 -> s.cr0();
            case 2 -> s.cr2();
            case 3 -> s.cr3();
            case 4 -> s.cr4();
            case 8 -> s.cr8();
            default -> throw new IllegalArgumentException("CR" + n + " does not exist");
        };
    }

    /**
     * Returns why writing {@code v} to CR{@code n} of {@code s} is #GP(0), or null when the write is
     * allowed: CR0 bits 63:32, PG without PE, NW without CD, PG cleared (leaving IA-32e mode); CR3
     * bits at or above MAXPHYADDR (bit 63 is the no-flush hint when CR4.PCIDE=1); a reserved CR4 bit
     * of the modelled CPU, PAE cleared, PCIDE set while CR3[11:0] != 0; CR8 bits 63:4
     * (SDM Vol. 2B MOV CR, Protected Mode and 64-Bit Mode Exceptions).
     */
    public static String writeFault(CpuState s, int n, long v) {
        return switch (n) {
            case 0 -> ControlRegisters.cr0Problem(v);
            case 2 -> null;
            case 3 -> ControlRegisters.cr3Problem(cr3Value(s, v));
            case 4 -> {
                String problem = ControlRegisters.cr4Problem(v);
                if (problem == null && (v & ControlRegisters.CR4_PCIDE) != 0 && !s.cr().cr4Pcide() && (s.cr3() & 0xFFF) != 0) {
                    problem = String.format("CR4 0x%x sets PCIDE while CR3[11:0] = 0x%x is not 0 (SDM MOV CR)", v,
                            s.cr3() & 0xFFF);
                }
                yield problem;
            }
            case 8 -> (v & ControlRegisters.CR8_RESERVED) != 0
                    ? String.format("CR8 0x%x sets bits 63:4, which are reserved (SDM Vol. 3A 2.5)", v) : null;
            default -> throw new IllegalArgumentException("CR" + n + " does not exist");
        };
    }

    /** Returns the CR3 a write of {@code v} holds: with CR4.PCIDE=1 bit 63 is a hint and is not written (SDM Vol. 2B MOV CR). */
    private static long cr3Value(CpuState s, long v) {
        return s.cr().cr4Pcide() ? v & ~(1L << 63) : v;
    }

    /**
     * Writes {@code v}, already checked by {@link #writeFault}, to CR{@code n} in {@code b}: CR0 keeps
     * its defined bits with ET forced to 1 (writes to the reserved bits of 31:0 are ignored), CR8
     * sets TPR[7:4] and clears TPR[3:0].
     */
    public static void write(CpuStateBuilder b, CpuState s, int n, long v) {
        switch (n) {
            case 0 -> b.cr(s.cr().withCr0((v & ControlRegisters.CR0_DEFINED) | ControlRegisters.CR0_ET));
            case 2 -> b.cr2(v);
            case 3 -> b.cr(s.cr().withCr3(cr3Value(s, v)));
            case 4 -> b.cr(s.cr().withCr4(v));
            case 8 -> b.apic(s.apic().withTpr(ControlRegisters.tprFromCr8(v)));
            default -> throw new IllegalArgumentException("CR" + n + " does not exist");
        }
    }

    /** Executes {@code i} on the CPU (no VM exit); returns the step's rule. */
    static InstructionRule execute(CpuStateBuilder b, CpuState s, Instruction i, long next) {
        checkAccess(s, i);
        int n = crNumber(i);
        int gpr = gprNumber(i);
        if (i.op() == Op.MOV_FROM_CR) {
            b.reg(gpr, read(s, n));
            b.rip(next);
            return InstructionRule.MOV_FROM_CR;
        }
        long v = b.reg(gpr);
        String problem = writeFault(s, n, v);
        if (problem != null) {
            throw CpuFault.gp(String.format("MOV to CR%d of 0x%x is #GP(0) and writes nothing: %s.", n, v, problem));
        }
        write(b, s, n, v);
        b.rip(next);
        return switch (n) {
            case 0 -> InstructionRule.MOV_TO_CR0;
            case 2 -> InstructionRule.MOV_TO_CR2;
            case 3 -> InstructionRule.MOV_TO_CR3;
            case 4 -> InstructionRule.MOV_TO_CR4;
            default -> InstructionRule.MOV_TO_CR8;
        };
    }
}
