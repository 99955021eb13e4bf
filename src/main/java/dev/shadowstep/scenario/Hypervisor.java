package dev.shadowstep.scenario;

import java.util.Set;

/**
 * The VMM the guest runs under.
 *
 * @param forcedEmulation the KVM_FEP prefix makes KVM emulate the next instruction
 * @param guestDebug      KVM_SET_GUEST_DEBUG flags
 * @param debugregs       host-owned debug registers used with USE_HW_BP
 * @param vmcs            guest-state fields for {@code kind: vmx}; null under KVM
 */
public record Hypervisor(Kind kind, boolean forcedEmulation, KvmFixes fixes, Set<GuestDebugFlag> guestDebug,
                         HostDebugRegs debugregs, VmcsSetup vmcs) {

    public Hypervisor {
        guestDebug = Set.copyOf(guestDebug);
    }

    /** Which VMM: KVM on Intel VMX without APICv, or bare VMX where the scenario writes the VMCS. */
    public enum Kind {
        KVM_VMX("kvm-vmx"), VMX("vmx");

        private final String wireName;

        Kind(String wireName) { this.wireName = wireName; }

        /** Returns the name used in scenario files. */
        public String wireName() { return wireName; }
    }

    /** The KVM_GUESTDBG_* flags of KVM_SET_GUEST_DEBUG, by their short names. */
    public enum GuestDebugFlag { ENABLE, SINGLESTEP, USE_SW_BP, USE_HW_BP, BLOCKIRQ }

    /**
     * KVM behaviours that changed over time; all default to the fixed behaviour.
     *
     * @param reinjectDbSetsBs 2022: PENDING_DBG.BS is set when KVM re-injects an intercepted #DB in an STI/MOV SS shadow
     * @param emulatedDbSetsBs 2026: PENDING_DBG.BS is refreshed on every #DB KVM injects
     */
    public record KvmFixes(boolean reinjectDbSetsBs, boolean emulatedDbSetsBs) {
        public static final KvmFixes DEFAULT = new KvmFixes(true, true);
    }
}
