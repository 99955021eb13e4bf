package dev.shadowstep.core.event;

/**
 * The VMCS fields the timeline shows (trace {@code state.vmcs}): guest interruptibility, pending
 * debug exceptions, activity state, VM-entry interruption information, exit reason and qualification.
 */
public record VmcsFields(long interruptibility, long pendingDbg, long activityState, long entryIntrInfo,
                         long exitReason, long exitQualification) {}
