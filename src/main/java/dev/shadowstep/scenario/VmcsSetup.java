package dev.shadowstep.scenario;

/**
 * VMCS guest-state fields a {@code kind: vmx} scenario sets before its first VM entry.
 *
 * @param interruptibility guest interruptibility state (SDM 25.4.2)
 * @param pendingDbg       guest pending debug exceptions
 * @param activity         guest activity state: 0 active, 1 HLT, 2 shutdown, 3 wait-for-SIPI
 * @param entryIntrInfo    VM-entry interruption-information field (SDM 25.8.3)
 */
public record VmcsSetup(long interruptibility, long pendingDbg, long activity, long entryIntrInfo) {

    public static final VmcsSetup DEFAULT = new VmcsSetup(0, 0, 0, 0);
}
