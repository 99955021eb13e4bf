package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.Rule;

/**
 * A step on the host lane: a VM exit, work the VMM does, a VM entry, or an exit to userspace.
 *
 * @param kind   which kind of step
 * @param title  a short title, e.g. {@code VM exit: exception #DB} or {@code handle_exception_nmi}
 * @param why    what happened and the rule or the VMM function behind it
 * @param vmcs   the VMCS fields after the step
 * @param event  the event this step produces for the trace, or null
 * @param rule   the rule or KVM function behind the step, or null for the plain VM exit or entry of its kind
 */
public record HostStep(Kind kind, String title, String why, VmcsFields vmcs, HostEvent event, Rule rule) {

    public enum Kind { VMEXIT, VMENTRY, HOST }

    public HostStep {
        if (kind == null || title == null || why == null || vmcs == null) {
            throw new IllegalArgumentException("a host step needs a kind, a title, a why and the VMCS fields");
        }
    }

    /** A step whose rule is the plain VM exit, VM entry or VMM work of its kind. */
    public HostStep(Kind kind, String title, String why, VmcsFields vmcs, HostEvent event) {
        this(kind, title, why, vmcs, event, null);
    }
}
