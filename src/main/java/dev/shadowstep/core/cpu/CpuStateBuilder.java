package dev.shadowstep.core.cpu;

import dev.shadowstep.core.apic.Apic;

/**
 * A mutable copy of a {@link CpuState}, used by instruction handlers so that one instruction
 * makes one new state. Registers are copied on the first write only.
 */
public final class CpuStateBuilder {
    private long rip, rflags;
    private Regs regs;
    private long[] regsCopy;
    private int cpl, ss;
    private Shadow shadow;
    private long dr0, dr1, dr2, dr3, dr6, dr7, debugctl, cr2, pendingDb;
    private boolean nmiPending, nmiBlocked;
    private ControlRegisters cr;
    private Activity activity;
    private Apic apic;

    CpuStateBuilder(CpuState s) {
        load(s);
    }

    /** Returns a builder to be {@link #load loaded} later; lets a run loop reuse one builder per step. */
    public static CpuStateBuilder scratch() {
        return new CpuStateBuilder(CpuState.reset(0, 0));
    }

    /** Replaces everything in this builder with {@code s}; returns this builder. */
    public CpuStateBuilder load(CpuState s) {
        regsCopy = null;
        rip = s.rip(); rflags = s.rflags(); regs = s.regs(); cpl = s.cpl(); ss = s.ss(); shadow = s.shadow();
        dr0 = s.dr0(); dr1 = s.dr1(); dr2 = s.dr2(); dr3 = s.dr3(); dr6 = s.dr6(); dr7 = s.dr7();
        debugctl = s.debugctl(); cr = s.cr(); cr2 = s.cr2(); pendingDb = s.pendingDb();
        nmiPending = s.nmiPending(); nmiBlocked = s.nmiBlocked(); activity = s.activity(); apic = s.apic();
        return this;
    }

    /** Returns the state built so far. */
    public CpuState build() {
        Regs r = regsCopy == null ? regs : Regs.adopt(regsCopy);
        regsCopy = null;
        regs = r;
        return new CpuState(rip, rflags, r, cpl, ss, shadow, dr0, dr1, dr2, dr3, dr6, dr7,
                debugctl, cr, cr2, pendingDb, nmiPending, nmiBlocked, activity, apic);
    }

    public long rip() { return rip; }
    public long rflags() { return rflags; }
    public int cpl() { return cpl; }
    public int ss() { return ss; }
    public Shadow shadow() { return shadow; }
    public long pendingDb() { return pendingDb; }
    public long debugctl() { return debugctl; }
    public long dr7() { return dr7; }
    public long dr6() { return dr6; }
    public Apic apic() { return apic; }
    public ControlRegisters cr() { return cr; }

    /** Returns general register n as written so far. */
    public long reg(int n) {
        return regsCopy != null ? regsCopy[n] : regs.get(n);
    }

    public CpuStateBuilder reg(int n, long v) {
        if (regsCopy == null) regsCopy = regs.copyForWrite();
        regsCopy[n] = v;
        return this;
    }

    public CpuStateBuilder rip(long v) { rip = v; return this; }
    public CpuStateBuilder rflags(long v) { rflags = v; return this; }
    public CpuStateBuilder cpl(int v) { cpl = v; return this; }
    public CpuStateBuilder ss(int v) { ss = v; return this; }
    public CpuStateBuilder shadow(Shadow v) { shadow = v; return this; }
    public CpuStateBuilder dr6(long v) { dr6 = v; return this; }
    public CpuStateBuilder dr7(long v) { dr7 = v; return this; }
    public CpuStateBuilder debugctl(long v) { debugctl = v; return this; }
    /** Sets or clears CR4.DE, keeping the other control-register bits. */
    public CpuStateBuilder cr4De(boolean v) { cr = cr.withCr4De(v); return this; }
    public CpuStateBuilder cr(ControlRegisters v) { cr = v; return this; }
    public CpuStateBuilder cr2(long v) { cr2 = v; return this; }
    public CpuStateBuilder pendingDb(long v) { pendingDb = v; return this; }
    public CpuStateBuilder nmiPending(boolean v) { nmiPending = v; return this; }
    public CpuStateBuilder nmiBlocked(boolean v) { nmiBlocked = v; return this; }
    public CpuStateBuilder activity(Activity v) { activity = v; return this; }
    public CpuStateBuilder apic(Apic v) { apic = v; return this; }

    public CpuStateBuilder dr(int n, long v) {
        switch (n) {
            case 0 -> dr0 = v;
            case 1 -> dr1 = v;
            case 2 -> dr2 = v;
            case 3 -> dr3 = v;
            default -> throw new IllegalArgumentException("DR" + n + " is not a breakpoint address register");
        }
        return this;
    }
}
