package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;

/** MOV to and from DR0-DR7 (SDM MOV—Move to/from Debug Registers). */
public final class DebugRegisterAccess {
    private DebugRegisterAccess() {}

    /**
     * Returns the VM exit the platform takes for this MOV DR ("MOV-DR exiting"), or null to run it
     * here. #UD for DR4/DR5 with CR4.DE=1 and #GP at CPL 3 have priority over the exit (SDM 26.1.1);
     * the exit has priority over a general-detect #DB (KVM handle_dr: "the vm-exit takes precedence
     * over the debug trap").
     */
    static ExecResult exitFirst(CpuState s, Instruction i, Platform p) {
        ExecResult exit = p.movDr(s, i);
        if (exit == null) return null;
        int n = drNumber(i);
        if (isAlias(n) && s.cr4De()) {
            throw CpuFault.ud("DR" + n + " with CR4.DE=1 is #UD (SDM 18.2.2); the #UD comes before any VM exit (SDM 26.1.1).");
        }
        if (s.cpl() != 0) throw CpuFault.gp("MOV DR at CPL 3 is #GP(0), before any VM exit (SDM 26.1.1).");
        return exit;
    }

    /** Returns whether DR{@code n} is DR4 or DR5, the names that alias DR6 and DR7 when CR4.DE=0 (SDM 18.2.2). */
    public static boolean isAlias(int n) {
        return n == 4 || n == 5;
    }

    /** Returns the register MOV DR{@code n} accesses when CR4.DE=0: DR4 and DR5 alias DR6 and DR7 (SDM 18.2.2). */
    public static int aliased(int n) {
        return isAlias(n) ? n + 2 : n;
    }

    /** Returns the debug register number a MOV DR names. */
    public static int drNumber(Instruction i) {
        return ((Operand.DebugReg) (i.op() == Op.MOV_TO_DR ? i.dst() : i.src())).n();
    }

    /**
     * Executes {@code i}. Checks in Bochs's order (crregs.cc): DR4/DR5 with CR4.DE=1 #UD, then
     * DR7.GD #DB (fault, DR6.BD), then CPL != 0 #GP(0). The hardware order of GD and #GP at
     * CPL 3 is not confirmed by any stored test. Returns the rule of a write to DR6 or DR7 and of a
     * read through a DR4/DR5 alias, else null.
     */
    static InstructionRule execute(CpuStateBuilder b, CpuState s, Instruction i, long next) {
        boolean toDr = i.op() == Op.MOV_TO_DR;
        int n = drNumber(i);
        Operand.Reg gpr = (Operand.Reg) (toDr ? i.src() : i.dst());
        if (isAlias(n) && s.cr4De()) {
            throw CpuFault.ud("DR" + n + " with CR4.DE=1 is #UD; with CR4.DE=0 it would alias DR" + (n + 2) + " (SDM 18.2.2).");
        }
        if (n > 7) throw CpuFault.ud("DR" + n + " does not exist: #UD.");
        if ((s.dr7() & Dr7.GD) != 0) {
            throw new CpuFault(CpuFault.DB, -1, 0, "DR7.GD=1, so MOV " + (toDr ? "to " : "from ") + "DR" + n
                    + " raises a general-detect #DB before it executes (fault, DR6.BD; SDM 18.2.4); "
                    + "the CPU clears GD on delivery so the handler can use the debug registers.");
        }
        if (s.cpl() != 0) throw CpuFault.gp("MOV " + (toDr ? "to " : "from ") + "DR" + n + " at CPL 3 is #GP(0) (SDM MOV DR).");
        int reg = aliased(n);
        if (toDr) {
            long v = b.reg(gpr.num());
            if (reg >= 6 && (v >>> 32) != 0) {
                throw CpuFault.gp(String.format("Writing 0x%x to DR%d sets bits 63:32, which is #GP(0) (SDM MOV DR).", v, n));
            }
            switch (reg) {
                case 6 -> b.dr6(Dr6.write(v));
                case 7 -> b.dr7(Dr7.write(v));
                default -> b.dr(reg, v);
            }
            b.rip(next);
            return reg == 6 ? InstructionRule.MOV_TO_DR6 : reg == 7 ? InstructionRule.MOV_TO_DR7 : null;
        } else {
            long v = switch (reg) {
                case 6 -> s.dr6();
                case 7 -> s.dr7();
                default -> s.dr(reg);
            };
            b.reg(gpr.num(), v);
            b.rip(next);
            return isAlias(n) ? InstructionRule.DR_ALIAS : null;
        }
    }
}
