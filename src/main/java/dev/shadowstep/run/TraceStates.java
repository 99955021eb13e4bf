package dev.shadowstep.run;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.apic.ApicTimer;
import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.event.VmcsFields;
import dev.shadowstep.trace.State;
import java.util.ArrayList;
import java.util.List;

/** Converts core states to the public trace {@link State} and names what changed between two of them. */
public final class TraceStates {
    private TraceStates() {}

    /** Returns the trace view of {@code s} (bare metal: no VMCS). */
    public static State of(CpuState s) {
        return of(s, null);
    }

    /** Returns the trace view of {@code s} with the VMCS fields, or none when {@code vmcs} is null. */
    public static State of(CpuState s, VmcsFields vmcs) {
        return of(s, vmcs, 0);
    }

    /** Returns the trace view of {@code s} at TSC {@code tsc}, with the VMCS fields, or none when {@code vmcs} is null. */
    public static State of(CpuState s, VmcsFields vmcs, long tsc) {
        return new State(s.rip(), s.rflags(), State.Shadow.valueOf(s.shadow().name()), s.regs().toArray(),
                s.dr0(), s.dr1(), s.dr2(), s.dr3(), s.dr6(), s.dr7(), s.pendingDb(),
                s.apic().irr().toList(), s.apic().isr().toList(), s.nmiBlocked(),
                s.activity() == Activity.HLT ? State.Activity.HLT : State.Activity.ACTIVE,
                vmcs == null ? null : new State.Vmcs(vmcs.interruptibility(), vmcs.pendingDbg(), vmcs.activityState(),
                        vmcs.entryIntrInfo(), vmcs.exitReason(), vmcs.exitQualification()), apicView(s.apic(), tsc));
    }

    /** Returns the APIC's mode and timer for the trace, or null while both are as at reset (nothing new to show). */
    static State.ApicView apicView(Apic a, long tsc) {
        ApicTimer t = a.timer();
        if (a.x2apic() && t.equals(ApicTimer.RESET)) return null;
        return new State.ApicView(!a.x2apic(), tsc, t.mode().wireName(), t.lvt(), t.armed(), t.initialCount(),
                t.currentCount(tsc), t.divisor(), t.deadline(), t.nextExpiry());
    }

    /** Returns the changed fields, with {@code vmcs} when the VMCS fields differ. */
    public static List<String> changed(CpuState b, CpuState a, VmcsFields vb, VmcsFields va) {
        List<String> names = changed(b, a);
        if (va == null || va.equals(vb)) return names;
        List<String> all = new ArrayList<>(names);
        all.add("vmcs");
        return List.copyOf(all);
    }

    /** Returns the trace-format names of the fields that differ: rip, rflags, tf, if, rf, shadow, dr0..dr7, pending_db, irr, isr, nmi_blocked, activity, rax... */
    public static List<String> changed(CpuState b, CpuState a) {
        List<String> names = new ArrayList<>(4);
        if (b.rip() != a.rip()) names.add("rip");
        if (b.rflags() != a.rflags()) {
            names.add("rflags");
            if (b.flag(Rflags.TF) != a.flag(Rflags.TF)) names.add("tf");
            if (b.flag(Rflags.IF) != a.flag(Rflags.IF)) names.add("if");
            if (b.flag(Rflags.RF) != a.flag(Rflags.RF)) names.add("rf");
        }
        if (b.shadow() != a.shadow()) names.add("shadow");
        if (b.dr0() != a.dr0()) names.add("dr0");
        if (b.dr1() != a.dr1()) names.add("dr1");
        if (b.dr2() != a.dr2()) names.add("dr2");
        if (b.dr3() != a.dr3()) names.add("dr3");
        if (b.dr6() != a.dr6()) names.add("dr6");
        if (b.dr7() != a.dr7()) names.add("dr7");
        if (b.pendingDb() != a.pendingDb()) names.add("pending_db");
        if (!b.apic().irr().equals(a.apic().irr())) names.add("irr");
        if (!b.apic().isr().equals(a.apic().isr())) names.add("isr");
        if (b.nmiBlocked() != a.nmiBlocked()) names.add("nmi_blocked");
        if (b.activity() != a.activity()) names.add("activity");
        if (!b.apic().timer().equals(a.apic().timer()) || b.apic().x2apic() != a.apic().x2apic()) names.add("apic");
        for (int r = 0; r < 16; r++) {
            if (b.reg(r) != a.reg(r)) names.add(State.REG_NAMES.get(r));
        }
        return List.copyOf(names);
    }
}
