package dev.shadowstep.core.event;

/**
 * A step on the host lane: a VM exit, work the VMM does, a VM entry, or an exit to userspace.
 *
 * @param kind   which kind of step
 * @param title  a short title, e.g. {@code VM exit: exception #DB} or {@code handle_exception_nmi}
 * @param why    what happened and the rule or the VMM function behind it
 * @param vmcs   the VMCS fields after the step
 * @param event  the event this step produces for the trace, or null
 */
public record HostStep(Kind kind, String title, String why, VmcsFields vmcs, HostEvent event) {

    public enum Kind { VMEXIT, VMENTRY, HOST }

    public HostStep {
        if (kind == null || title == null || why == null || vmcs == null) {
            throw new IllegalArgumentException("a host step needs a kind, a title, a why and the VMCS fields");
        }
    }
}
