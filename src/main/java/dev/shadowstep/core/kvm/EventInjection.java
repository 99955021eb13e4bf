package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.event.Vectors;
import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.InterruptionInfo;
import dev.shadowstep.core.vmx.Vmcs;
import java.util.ArrayList;
import java.util.List;

/** kvm_check_and_inject_events (x86.c) and the VMX injection hooks it calls (vmx.c), before each VM entry. */
final class EventInjection {
    private EventInjection() {}

    /**
     * The queued exception first (with its #DB payload and, per the fixes, PENDING_DBG.BS); then, unless
     * KVM_GUESTDBG_BLOCKIRQ, an NMI and an IRQ if the guest can take them now, else the NMI- or
     * interrupt-window exiting that brings KVM back when it can; with an event already injected
     * ({@code can_inject} false) a pending NMI or IRQ makes KVM force an immediate exit instead.
     * Records one host step when it changed anything.
     */
    static void kvmCheckAndInjectEvents(VmmContext host, Vcpu v) {
        CpuState g = host.state();
        List<String> did = new ArrayList<>();
        boolean canInject = true;
        if (v.exception != null) {
            g = injectException(v, g, did);
            canInject = false;
        }
        boolean nmi = g.nmiPending();
        int irq = g.apic().deliverable();
        if (v.config.has(GuestDebug.BLOCKIRQ)) {
            if (nmi || irq >= 0) {
                did.add("KVM_GUESTDBG_BLOCKIRQ is set, so KVM injects no interrupt or NMI and asks for no window"
                        + (irq >= 0 ? ": IRQ 0x" + Integer.toHexString(irq) + " stays in the IRR" : "") + ".");
            }
        } else {
            g = interrupts(v, g, canInject, nmi, irq, did);
        }
        if (!did.isEmpty()) v.step(host, "kvm_check_and_inject_events", String.join(" ", did), g);
    }

    private static CpuState injectException(Vcpu v, CpuState g, List<String> did) {
        QueuedException e = v.exception;
        v.exception = null;
        String name = Vectors.mnemonic(e.vector());
        did.add("KVM injects the queued " + name + " (" + e.why() + ").");
        if (isFaultClass(e.vector())) {
            g = g.withRflags(g.rflags() | Rflags.RF);
            did.add(name + " is a fault, so KVM sets RF in the guest RFLAGS for the pushed frame.");
        }
        if (e.vector() == CpuFault.PF) {
            g = g.toBuilder().cr2(e.payload()).build();
            did.add(String.format("kvm_deliver_exception_payload: CR2 = 0x%x.", e.payload()));
        }
        if (e.vector() == CpuFault.DB) {
            long dr6 = Dr6.onDebugException(g.dr6(), e.payload());
            g = g.withDr6(dr6);
            did.add(String.format("kvm_deliver_exception_payload: DR6 = 0x%x (B0-B3 replaced by the payload %s, BD/BS/BT "
                    + "kept; the CPU does not touch DR6 for an injected #DB).", dr6, Dr6.describe(e.payload())));
            if ((v.guestDr7(g) & Dr7.GD) != 0) {
                if (v.hostOwnsDebugRegs()) {
                    v.guestDr7 &= ~Dr7.GD;
                } else {
                    g = g.withDr7(g.dr7() & ~Dr7.GD);
                }
                did.add("DR7.GD is cleared, as the CPU would on a #DB.");
            }
        }
        long info = InterruptionInfo.encode(InterruptionInfo.Type.HARDWARE_EXCEPTION, e.vector(), e.errorCode() >= 0);
        v.vmcs = v.vmcs.withInjection(info, Math.max(0, e.errorCode()), 0);
        v.injected = e;
        did.add(String.format("vmx_inject_exception: VM-entry interruption information = 0x%x.", info));
        if (e.vector() == CpuFault.DB && e.origin() == QueuedException.Origin.EMULATED) {
            did.add(refreshPendingDbg(v, g));
        }
        return g;
    }

    /**
     * The 2026 fix ("KVM: VMX: Refresh GUEST_PENDING_DBG_EXCEPTIONS.BS on all injected #DBs", v3 commit 7):
     * for a #DB KVM raised itself, set PENDING_DBG.BS when RFLAGS.TF=1 and STI or MOV SS blocking is active,
     * as the VM-entry check demands (KVM commit c5bad4fa2d5d; the v3 diff is not stored, the condition is v2's).
     */
    private static String refreshPendingDbg(Vcpu v, CpuState g) {
        boolean needed = g.flag(Rflags.TF) && v.inShadow();
        if (!needed) return "TF=0 or no STI/MOV SS blocking, so PENDING_DBG.BS needs no refresh.";
        String shadow = Vcpu.blockingName(v.shadow());
        if (v.config.emulatedDbSetsBs()) {
            v.vmcs = v.vmcs.withPendingDbg(v.vmcs.pendingDbg() | Vmcs.PENDING_BS);
            return "TF=1 in the " + shadow + " shadow: KVM sets PENDING_DBG.BS (fix of 2026, \"Refresh "
                    + "GUEST_PENDING_DBG_EXCEPTIONS.BS on all injected #DBs\"), as the VM-entry check requires.";
        }
        return "TF=1 in the " + shadow + " shadow, but without the 2026 fix (fixes.emulated_db_sets_bs: false) KVM leaves "
                + "PENDING_DBG.BS = 0, as the VM exit saved it: the VM entry will fail its BS check.";
    }

    private static CpuState interrupts(Vcpu v, CpuState g, boolean canInject, boolean nmi, int irq, List<String> did) {
        if (nmi) {
            if (!canInject) return immediateExit(v, g, "an NMI", did);
            if (nmiAllowed(v, g)) {
                g = g.withNmiPending(false);
                v.vmcs = v.vmcs.withInjection(InterruptionInfo.encode(InterruptionInfo.Type.NMI, 2, false), 0, 0);
                v.injected = new QueuedException(2, -1, 0, QueuedException.Origin.INTERCEPTED, "an NMI");
                did.add("vmx_inject_nmi: the pending NMI is injected (VM-entry interruption information 0x80000202).");
                canInject = false;
            } else if (v.shadow() == Shadow.STI) {
                // vmx_enable_nmi_window: some CPUs block NMIs in an STI shadow and could take the NMI-window exit
                // inside it, where injecting the NMI would fail VM entry, so KVM waits for an interrupt window.
                if (!v.vmcs.control(Vmcs.INTERRUPT_WINDOW_EXITING)) {
                    v.vmcs = v.vmcs.withControl(Vmcs.INTERRUPT_WINDOW_EXITING, true);
                    did.add("An NMI is pending but STI blocking holds it: vmx_enable_nmi_window sets interrupt-window exiting "
                            + "instead of NMI-window exiting (STI blocking), so the NMI waits until IF=1 with no shadow, "
                            + "or until another exit lets KVM inject it.");
                }
            } else if (!v.vmcs.control(Vmcs.NMI_WINDOW_EXITING)) {
                v.vmcs = v.vmcs.withControl(Vmcs.NMI_WINDOW_EXITING, true);
                did.add("An NMI is pending but NMIs or the shadow block it: vmx_enable_nmi_window sets NMI-window exiting.");
            }
        }
        if (irq < 0) return g;
        String name = "IRQ 0x" + Integer.toHexString(irq);
        if (!canInject) return immediateExit(v, g, name, did);
        if (interruptAllowed(v, g)) {
            g = g.withApic(g.apic().accept(irq));
            long info = InterruptionInfo.encode(InterruptionInfo.Type.EXTERNAL_INTERRUPT, irq, false);
            v.vmcs = v.vmcs.withInjection(info, 0, 0);
            v.injected = new QueuedException(irq, -1, 0, QueuedException.Origin.INTERCEPTED, name);
            did.add(String.format("IF=1 and no shadow: kvm_cpu_get_interrupt moves %s from IRR to ISR in KVM's APIC and "
                    + "vmx_inject_irq injects it (VM-entry interruption information 0x%x).", name, info));
        }
        if (g.apic().deliverable() >= 0 && !v.vmcs.control(Vmcs.INTERRUPT_WINDOW_EXITING)) {
            v.vmcs = v.vmcs.withControl(Vmcs.INTERRUPT_WINDOW_EXITING, true);
            did.add(name + " is pending but the guest cannot take it now (" + (g.flag(Rflags.IF) ? "shadow" : "IF=0")
                    + "): vmx_enable_irq_window sets interrupt-window exiting, so the CPU exits as soon as IF=1 and no "
                    + "shadow.");
        }
        return g;
    }

    private static CpuState immediateExit(Vcpu v, CpuState g, String what, List<String> did) {
        v.immediateExit = true;
        did.add(what + " is pending, but an event is already being injected (can_inject is false): KVM requests an "
                + "immediate exit after the injection, to come back for it.");
        return g;
    }

    /** vmx_nmi_allowed: no NMI blocking and no STI or MOV SS blocking. */
    static boolean nmiAllowed(Vcpu v, CpuState g) {
        return !g.nmiBlocked() && !v.inShadow();
    }

    /** vmx_interrupt_allowed: RFLAGS.IF=1 and no STI or MOV SS blocking in the VMCS. */
    static boolean interruptAllowed(Vcpu v, CpuState g) {
        return g.flag(Rflags.IF) && !v.inShadow();
    }

    /** exception_type: #DB, #BP and #OF are traps, #DF and #MC aborts, everything else faults (x86.c). */
    static boolean isFaultClass(int vector) {
        return vector != 1 && vector != 3 && vector != 4 && vector != 8 && vector != 18;
    }
}
