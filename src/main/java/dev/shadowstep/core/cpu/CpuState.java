package dev.shadowstep.core.cpu;

import dev.shadowstep.core.apic.Apic;

/**
 * The architectural state of the one CPU at an instruction boundary (memory aside).
 *
 * @param rip        the next instruction
 * @param rflags     RFLAGS ({@link Rflags})
 * @param regs       general registers
 * @param cpl        current privilege level, 0 or 3 (CS is {@link Selectors#codeFor})
 * @param ss         SS selector
 * @param shadow     interrupt shadow left by the previous instruction
 * @param dr6        DR6 ({@link Dr6}); dr7 likewise ({@link Dr7})
 * @param debugctl   IA32_DEBUGCTL ({@link Msr#DEBUGCTL_BTF})
 * @param cr         CR0, CR3 and CR4 ({@link ControlRegisters}); CR8 is the APIC's TPR, see {@link #cr8()}
 * @param cr2        the linear address of the last #PF
 * @param pendingDb  DR6-style bits (B0-B3, BD, BS, BT) of debug traps recognised but not yet delivered
 * @param nmiPending an NMI was raised and not yet delivered
 * @param nmiBlocked NMIs are blocked from an NMI delivery until the next IRET (SDM 6.7.1)
 * @param activity   running or halted
 * @param apic       local APIC interrupt state
 */
public record CpuState(long rip, long rflags, Regs regs, int cpl, int ss, Shadow shadow,
                       long dr0, long dr1, long dr2, long dr3, long dr6, long dr7,
                       long debugctl, ControlRegisters cr, long cr2,
                       long pendingDb, boolean nmiPending, boolean nmiBlocked,
                       Activity activity, Apic apic) {

    public CpuState {
        String flagsProblem = Rflags.problem(rflags);
        if (flagsProblem != null) throw new IllegalArgumentException(flagsProblem);
        if (regs == null || shadow == null || activity == null || apic == null || cr == null) {
            throw new IllegalArgumentException("regs, shadow, activity, apic and cr must not be null");
        }
        if (cpl != 0 && cpl != 3) {
            throw new IllegalArgumentException("CPL " + cpl + " is not modelled: use 0 or 3");
        }
        if (!Dr6.isValid(dr6)) {
            throw new IllegalArgumentException(String.format(
                    "DR6 0x%x has reserved bits wrong: only 0xe00f is writable, the rest reads 0xffff0ff0", dr6));
        }
        if (!Dr7.isValid(dr7)) {
            throw new IllegalArgumentException(String.format(
                    "DR7 0x%x has reserved bits wrong: writable mask 0xffff2bff, bit 10 reads 1", dr7));
        }
        if ((pendingDb & ~Dr6.WRITABLE) != 0) {
            throw new IllegalArgumentException(String.format(
                    "pending debug bits 0x%x: only B0-B3, BD, BS, BT (0xe00f) exist", pendingDb));
        }
        if ((debugctl & ~Msr.DEBUGCTL_SUPPORTED) != 0) {
            throw new IllegalArgumentException(String.format(
                    "IA32_DEBUGCTL 0x%x: only LBR (bit 0) and BTF (bit 1) are modelled", debugctl));
        }
    }

    /** Returns the state after reset at {@code rip} with stack pointer {@code rsp}, CPL 0. */
    public static CpuState reset(long rip, long rsp) {
        return new CpuState(rip, Rflags.RESET, Regs.ZERO.with(Regs.RSP, rsp), 0, Selectors.KERNEL_SS, Shadow.NONE,
                0, 0, 0, 0, Dr6.INIT, Dr7.INIT, 0, ControlRegisters.RESET, 0, 0, false, false, Activity.ACTIVE, Apic.RESET);
    }

    /** Returns general register n. */
    public long reg(int n) {
        return regs.get(n);
    }

    /** Returns the CS selector. */
    public int cs() {
        return Selectors.codeFor(cpl);
    }

    /** Returns whether RFLAGS has {@code flag}. */
    public boolean flag(long flag) {
        return (rflags & flag) != 0;
    }

    /** Returns DR0-DR3 by number. */
    public long dr(int n) {
        return switch (n) {
            case 0 -> dr0;
            case 1 -> dr1;
            case 2 -> dr2;
            case 3 -> dr3;
            default -> throw new IllegalArgumentException("DR" + n + " is not a breakpoint address register");
        };
    }

    /** Returns whether CR4.DE is set: DR4/DR5 are #UD instead of aliasing DR6/DR7 (SDM Vol. 3B 18.2.2). */
    public boolean cr4De() {
        return cr.cr4De();
    }

    /** Returns whether CR4.VMXE is set (SDM Vol. 3C 24.7). */
    public boolean cr4Vmxe() {
        return cr.cr4Vmxe();
    }

    /** Returns CR0. */
    public long cr0() { return cr.cr0(); }

    /** Returns CR3. */
    public long cr3() { return cr.cr3(); }

    /** Returns CR4. */
    public long cr4() { return cr.cr4(); }

    /** Returns CR8, the view of the APIC's TPR: CR8[3:0] = TPR[7:4] (SDM Vol. 3A 11.8.6). */
    public long cr8() {
        return ControlRegisters.cr8FromTpr(apic.tpr());
    }

    /** Returns a builder holding this state. */
    public CpuStateBuilder toBuilder() {
        return new CpuStateBuilder(this);
    }

    public CpuState withRip(long v) { return toBuilder().rip(v).build(); }
    public CpuState withRflags(long v) { return toBuilder().rflags(v).build(); }
    public CpuState withReg(int n, long v) { return toBuilder().reg(n, v).build(); }
    public CpuState withCpl(int v) { return toBuilder().cpl(v).build(); }
    public CpuState withShadow(Shadow v) { return toBuilder().shadow(v).build(); }
    public CpuState withDr(int n, long v) { return toBuilder().dr(n, v).build(); }
    public CpuState withDr6(long v) { return toBuilder().dr6(v).build(); }
    public CpuState withDr7(long v) { return toBuilder().dr7(v).build(); }
    public CpuState withDebugctl(long v) { return toBuilder().debugctl(v).build(); }
    public CpuState withPendingDb(long v) { return toBuilder().pendingDb(v).build(); }
    public CpuState withNmiPending(boolean v) { return toBuilder().nmiPending(v).build(); }
    public CpuState withNmiBlocked(boolean v) { return toBuilder().nmiBlocked(v).build(); }
    public CpuState withActivity(Activity v) { return toBuilder().activity(v).build(); }
    public CpuState withApic(Apic v) { return toBuilder().apic(v).build(); }
    public CpuState withCr(ControlRegisters v) { return toBuilder().cr(v).build(); }
}
