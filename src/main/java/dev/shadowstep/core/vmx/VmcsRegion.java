package dev.shadowstep.core.vmx;

import java.util.EnumMap;
import java.util.Map;

/**
 * One VMCS the program made known with VMPTRLD or VMCLEAR: its launch state and field values. The
 * region in guest memory holds the revision identifier (bytes 0-3), which VMPTRLD checks; the rest of
 * its format is implementation-specific (SDM Vol. 3C 24.2), and this model keeps the field data in the
 * CPU, as a processor caching the VMCS would, and never writes it back to the region.
 */
final class VmcsRegion {
    private final Map<VmcsField, Long> values = new EnumMap<>(VmcsField.class);
    /** The launch state: false "clear", true "launched" (SDM 24.1). */
    boolean launched;

    long get(VmcsField f) {
        return values.getOrDefault(f, 0L);
    }

    void put(VmcsField f, long v) {
        values.put(f, f.truncate(v));
    }

    /** Returns the fields the core's VM-entry checks and VM-exit saving read, as a {@link Vmcs}. */
    Vmcs toVmcs() {
        return Vmcs.EMPTY.withInterruptibility(get(VmcsField.GUEST_INTERRUPTIBILITY))
                .withPendingDbg(get(VmcsField.GUEST_PENDING_DBG))
                .withActivityState(get(VmcsField.GUEST_ACTIVITY_STATE))
                .withInjection(get(VmcsField.ENTRY_INTR_INFO), (int) get(VmcsField.ENTRY_EXCEPTION_ERROR_CODE),
                        (int) get(VmcsField.ENTRY_INSTRUCTION_LENGTH))
                .withExit(get(VmcsField.EXIT_REASON), get(VmcsField.EXIT_QUALIFICATION), get(VmcsField.EXIT_INTR_INFO),
                        (int) get(VmcsField.EXIT_INSTRUCTION_LENGTH))
                .withExceptionBitmap(get(VmcsField.EXCEPTION_BITMAP))
                .withProcControls(get(VmcsField.PROC_CONTROLS));
    }

    /** Stores what a VM exit saved in {@code v} (guest non-register state and exit information). */
    void store(Vmcs v) {
        put(VmcsField.GUEST_INTERRUPTIBILITY, v.interruptibility());
        put(VmcsField.GUEST_PENDING_DBG, v.pendingDbg());
        put(VmcsField.GUEST_ACTIVITY_STATE, v.activityState());
        put(VmcsField.ENTRY_INTR_INFO, v.entryIntrInfo());
        put(VmcsField.EXIT_REASON, v.exitReason());
        put(VmcsField.EXIT_QUALIFICATION, v.exitQualification());
        put(VmcsField.EXIT_INTR_INFO, v.exitIntrInfo());
        put(VmcsField.EXIT_INSTRUCTION_LENGTH, v.exitInstructionLength());
    }
}
