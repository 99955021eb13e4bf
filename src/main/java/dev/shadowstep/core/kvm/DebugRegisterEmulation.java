package dev.shadowstep.core.kvm;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.DebugRegisterAccess;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.Shadow;

/**
 * MOV to and from a debug register as KVM emulates it, for the emulator (em_dr_read / em_dr_write
 * with check_dr_read / check_dr_write) and for MOV-DR exits (handle_dr): the guest sees its own
 * DR0-DR3 and DR7 (vcpu->arch.db, vcpu->arch.dr7) even while the host owns the hardware ones.
 */
final class DebugRegisterEmulation {
    private DebugRegisterEmulation() {}

    /**
     * Returns the effect of the MOV DR {@code insn} on {@code s}. Checks in the emulator's order
     * (x86_emulate_insn): CPL != 0 #GP (the "Priv" flag, checked before any instruction-specific check),
     * then check_dr_read / check_dr_write: DR4/DR5 with CR4.DE=1 #UD, then DR7.GD of the effective DR7:
     * the host's with KVM_GUESTDBG_USE_HW_BP (v3 patch 3), else the guest's. A GD hit is
     * kvm_inject_emulated_db(DR6_BD): KVM_EXIT_DEBUG with USE_HW_BP, else a fault-like #DB.
     */
    static Emulator.Executed movDr(Vcpu v, CpuState s, Instruction insn) {
        boolean toDr = insn.op() == Op.MOV_TO_DR;
        int n = DebugRegisterAccess.drNumber(insn);
        if (s.cpl() != 0) return Emulator.Executed.fault(CpuFault.gp("MOV DR at CPL 3 is #GP(0) (SDM MOV DR; KVM's emulator "
                + "checks the Priv flag before the DR4/DR5 and DR7.GD checks)."));
        if (DebugRegisterAccess.isAlias(n) && s.cr4De()) {
            return Emulator.Executed.fault(CpuFault.ud("DR" + n + " with CR4.DE=1 is #UD (SDM 18.2.2)."));
        }
        long effectiveDr7 = v.hostOwnsDebugRegs() ? s.dr7() : v.guestDr7(s);
        if ((effectiveDr7 & Dr7.GD) != 0) {
            String whose = v.hostOwnsDebugRegs() ? "the host's DR7 (KVM_GUESTDBG_USE_HW_BP)" : "the guest's DR7";
            Skip.Injected i = Skip.injectEmulatedDb(v, s, Dr6.BD, "GD is set in " + whose);
            return new Emulator.Executed(null, null, null, i.next(), "check_dr_read/check_dr_write: MOV "
                    + (toDr ? "to" : "from") + " DR" + n + " with DR7.GD=1 in " + whose + " is a general-detect #DB before "
                    + "it executes (fault-like, RIP stays at the MOV). " + i.why());
        }
        int reg = DebugRegisterAccess.aliased(n);
        Operand.Reg gpr = (Operand.Reg) (toDr ? insn.src() : insn.dst());
        CpuState next;
        String why;
        if (toDr) {
            long value = s.reg(gpr.num());
            if (reg >= 6 && (value >>> 32) != 0) {
                return Emulator.Executed.fault(CpuFault.gp(String.format("Writing 0x%x to DR%d sets bits 63:32: #GP(0).",
                        value, n)));
            }
            next = write(v, s, reg, value);
            why = String.format("kvm_set_dr(%d, 0x%x).", reg, value);
        } else {
            long value = read(v, s, reg);
            next = s.withReg(gpr.num(), value);
            why = String.format("kvm_get_dr(%d) = 0x%x%s.", reg, value,
                    v.hostOwnsDebugRegs() && reg != 6 ? " (the guest's own value, not the host's)" : "");
        }
        return Emulator.Executed.ok(next.withRip(s.rip() + insn.length()), Shadow.NONE, why);
    }

    /** kvm_get_dr: the guest's view of a debug register. */
    static long read(Vcpu v, CpuState s, int reg) {
        return switch (reg) {
            case 6 -> s.dr6();
            case 7 -> v.guestDr7(s);
            default -> v.guestDr(s, reg);
        };
    }

    /** kvm_set_dr: writes the guest's register; the hardware one too unless the host owns it. */
    static CpuState write(Vcpu v, CpuState s, int reg, long value) {
        if (reg == 6) return s.withDr6(Dr6.write(value));
        if (v.hostOwnsDebugRegs()) {
            if (reg == 7) {
                v.guestDr7 = Dr7.write(value);
            } else {
                v.guestDb[reg] = value;
            }
            return s;
        }
        return reg == 7 ? s.withDr7(Dr7.write(value)) : s.withDr(reg, value);
    }
}
