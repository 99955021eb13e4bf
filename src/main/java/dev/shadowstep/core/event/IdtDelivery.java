package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.Breakpoints;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.Memory;
import dev.shadowstep.core.cpu.Msr;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;

/** Delivers an event through a 64-bit IDT gate (SDM Vol. 3 6.14, 6.12.1). */
public final class IdtDelivery {
    private IdtDelivery() {}

    /** RSP0 of the TSS: the kernel stack used when an event arrives at CPL 3. */
    public static final long RSP0 = Memory.STACK_TOP;

    /**
     * Returns the state on entry to the handler of {@code e}.
     * <ul>
     * <li>The frame is SS, RSP, RFLAGS, CS, RIP (and the error code), always all five in 64-bit
     *     mode, on a stack aligned to 16 bytes; from CPL 3 the stack is RSP0 and SS becomes null.</li>
     * <li>Faults other than #DB push RFLAGS with RF=1; #DBs and interrupts push RF as it is (SDM 6.12.1.3; KVM, Bochs).</li>
     * <li>TF, RF, NT and VM are cleared; an interrupt gate also clears IF.</li>
     * <li>A #DB updates DR6 (B0-B3 replaced, BD/BS/BT sticky), clears DR7.GD (SDM 18.2.3-4) and clears
     *     IA32_DEBUGCTL.BTF and LBR (SDM 18.4.1, 18.4.3).</li>
     * <li>The shadow ends, pending traps are discarded, except that INT n/INT3 keep traps held by a
     *     MOV SS shadow, which then arrive before the handler's first instruction (SDM 6.8.3; KUT debug.c
     *     "MOV SS + watchpoint + INT3").</li>
     * <li>The frame pushes are data writes: a data breakpoint they hit is a trap pending for the boundary
     *     before the handler's first instruction (Bochs pushes through access_write_linear, which calls
     *     hwbreakpoint_match after interrupt() discarded the old traps; Linux blocks data breakpoints on
     *     its entry stacks because one "near the top of an IST stack will cause unrecoverable recursion").</li>
     * <li>An IRQ moves from IRR to ISR; an NMI blocks further NMIs until IRET.</li>
     * <li>An event injected on VM entry is delivered as the VMM prepared it: RFLAGS are pushed as they
     *     are (a VMM sets RF for faults itself), DR6 and DR7 are not touched (KVM writes the #DB payload
     *     into DR6 before entry), the APIC is not touched (KVM's emulated APIC moved the vector to ISR);
     *     pending debug exceptions are not used by a vectoring entry, except those VM entry kept for a
     *     software interrupt or #BP/#OF in a MOV SS shadow (SDM 26.6.3).</li>
     * </ul>
     */
    public static DeliveryResult deliver(CpuState s, Memory m, Idt idt, Interruption e) {
        Idt.Gate gate = idt.gate(e.vector());
        if (gate == null) {
            return new DeliveryResult.Unhandled(String.format("%s (vector 0x%x) at RIP 0x%x has no IDT entry; "
                    + "a real CPU would escalate to #DF or shut down.", e.title(), e.vector(), e.pushedRip()));
        }
        long pushedFlags = e.source() == Interruption.Source.FAULT && !e.injected() ? s.rflags() | Rflags.RF : s.rflags();
        boolean fromUser = s.cpl() == 3;
        long rsp = (fromUser ? RSP0 : s.reg(Regs.RSP)) & ~0xFL;
        long[] frame = {s.ss(), s.reg(Regs.RSP), pushedFlags, s.cs(), e.pushedRip()};
        // The frame pushes are data writes: they can hit data breakpoints (Bochs access_write_linear).
        m.log().reset(Dr7.anyDataBreakpoint(s.dr7()));
        try {
            for (long v : frame) {
                rsp -= 8;
                m.write(rsp, 8, v);
            }
            if (e.errorCode() >= 0) {
                rsp -= 8;
                m.write(rsp, 8, e.errorCode());
            }
        } catch (CpuFault f) {
            return new DeliveryResult.Unhandled(String.format("Delivering %s: pushing the frame at 0x%x faults (#PF); "
                    + "a real CPU would raise #DF or shut down, which is not modelled.", e.title(), f.address()));
        }
        long hits = m.log().count() > 0 ? Breakpoints.dataMatch(s, m.log()) : 0;
        // Traps held by a MOV SS shadow survive INT n / INT3; for an injected one, VM entry already
        // dropped them unless SDM 26.6.3 keeps them.
        long held = e.source().isSoftware() ? s.pendingDb() : 0;
        long cleared = Rflags.TF | Rflags.RF | Rflags.NT | Rflags.VM
                | (gate.type() == Idt.GateType.INTERRUPT ? Rflags.IF : 0);
        CpuStateBuilder b = s.toBuilder()
                .rip(gate.handler())
                .rflags(s.rflags() & ~cleared)
                .reg(Regs.RSP, rsp)
                .cpl(0)
                .ss(fromUser ? 0 : s.ss())
                .shadow(Shadow.NONE)
                .activity(Activity.ACTIVE)
                .pendingDb(held | hits);
        if (e.injected()) {
            if (e.source() == Interruption.Source.NMI) b.nmiBlocked(true);
            if (e.source() == Interruption.Source.FAULT && e.vector() == CpuFault.PF) b.cr2(e.cr2());
            return new DeliveryResult.Delivered(b.build());
        }
        switch (e.source()) {
            case IRQ -> b.apic(s.apic().accept(e.vector()));
            case NMI -> b.nmiPending(false).nmiBlocked(true);
            case FAULT -> {
                if (e.vector() == CpuFault.PF) b.cr2(e.cr2());
            }
            default -> {
                if (e.source().isDebugException()) {
                    // A #DB also clears IA32_DEBUGCTL.BTF and LBR (SDM 18.4.3: "The processor clears the BTF
                    // flag when it generates a debug exception"; 18.4.1 for LBR).
                    b.dr6(Dr6.onDebugException(s.dr6(), e.dbCauses())).dr7(s.dr7() & ~Dr7.GD)
                            .debugctl(s.debugctl() & ~(Msr.DEBUGCTL_BTF | Msr.DEBUGCTL_LBR));
                }
            }
        }
        return new DeliveryResult.Delivered(b.build());
    }

}
