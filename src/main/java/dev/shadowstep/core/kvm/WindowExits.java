package dev.shadowstep.core.kvm;

import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.Vmcs;

/** Exits that only bring KVM back to inject: interrupt and NMI windows, the preemption timer, host interrupts. */
final class WindowExits {
    private WindowExits() {}

    /** handle_interrupt_window: clears interrupt-window exiting and raises KVM_REQ_EVENT. */
    static Handled handleInterruptWindow(VmmContext host, Vcpu v) {
        v.vmcs = v.vmcs.withControl(Vmcs.INTERRUPT_WINDOW_EXITING, false);
        v.step(host, "handle_interrupt_window", "handle_interrupt_window: the guest can take an interrupt now (IF=1, no "
                + "shadow); KVM clears interrupt-window exiting and raises KVM_REQ_EVENT to inject.", host.state());
        return Handled.RESUME;
    }

    /** handle_nmi_window: clears NMI-window exiting and raises KVM_REQ_EVENT. */
    static Handled handleNmiWindow(VmmContext host, Vcpu v) {
        v.vmcs = v.vmcs.withControl(Vmcs.NMI_WINDOW_EXITING, false);
        v.step(host, "handle_nmi_window", "handle_nmi_window: NMIs are unblocked; KVM clears NMI-window exiting and "
                + "raises KVM_REQ_EVENT to inject the NMI.", host.state());
        return Handled.RESUME;
    }

    /** handle_fastpath_preemption_timer: the timer fired because KVM forced an immediate exit; nothing else to do. */
    static Handled handleFastpathPreemptionTimer(VmmContext host, Vcpu v) {
        v.step(host, "handle_fastpath_preemption_timer", "handle_fastpath_preemption_timer: the timer expired because KVM "
                + "armed it with 0 to force an immediate exit; KVM goes back to kvm_check_and_inject_events for the event "
                + "it could not inject before.", host.state());
        return Handled.RESUME;
    }

    /** handle_external_interrupt: a host interrupt (the IPI that kicked the vCPU); KVM_REQ_EVENT is pending. */
    static Handled handleExternalInterrupt(VmmContext host, Vcpu v) {
        v.step(host, "handle_external_interrupt", "handle_external_interrupt: the host handles its IPI (kvm_vcpu_kick "
                + "sent it so that KVM looks at the new event, KVM_REQ_EVENT).", host.state());
        return Handled.RESUME;
    }
}
