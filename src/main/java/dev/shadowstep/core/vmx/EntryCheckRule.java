package dev.shadowstep.core.vmx;

import dev.shadowstep.core.cpu.Rule;

/**
 * The VM-entry checks on the guest's non-register state, one per {@link GuestStateChecks} method (same
 * name, upper snake case), and the VM entry and exit steps themselves. A failed check names its rule.
 */
public enum EntryCheckRule implements Rule {
    ACTIVITY_STATE_IS_SUPPORTED("The activity-state field must hold a supported value (0 active, 1 HLT, 2 shutdown, 3 wait-for-SIPI)."),
    HLT_NEEDS_SS_DPL0("The activity state must not be HLT when SS.DPL is not 0."),
    STI_OR_MOV_SS_BLOCKING_NEEDS_ACTIVE_STATE("The activity state must be active when the interruptibility state shows "
            + "blocking by STI or MOV SS."),
    INJECTION_FITS_ACTIVITY_STATE("An injected event must be one the activity state allows: HLT takes external interrupts, "
            + "NMIs, #DB, #MC and MTF; shutdown NMIs and #MC; wait-for-SIPI nothing."),
    INTERRUPTIBILITY_RESERVED_BITS_ARE_ZERO("Interruptibility-state bits 31:5 are reserved and must be 0."),
    NOT_BOTH_STI_AND_MOV_SS_BLOCKING("Blocking by STI and blocking by MOV SS cannot both be set."),
    STI_BLOCKING_NEEDS_IF("Blocking by STI must be 0 when RFLAGS.IF=0."),
    NO_STI_OR_MOV_SS_BLOCKING_WHEN_INJECTING_AN_INTERRUPT("Blocking by STI and by MOV SS must both be 0 when injecting an "
            + "external interrupt."),
    NO_MOV_SS_BLOCKING_WHEN_INJECTING_AN_NMI("Blocking by MOV SS must be 0 when injecting an NMI."),
    NO_SMI_BLOCKING_OUTSIDE_SMM("Blocking by SMI must be 0 when the processor is not in SMM."),
    NO_NMI_BLOCKING_WHEN_INJECTING_A_VIRTUAL_NMI("With virtual NMIs, blocking by NMI must be 0 when injecting an NMI."),
    ENCLAVE_INTERRUPTION_NEEDS_SGX("Enclave interruption (bit 4) needs blocking by MOV SS = 0 and a CPU with SGX."),
    PENDING_DEBUG_RESERVED_BITS_ARE_ZERO("Pending-debug-exceptions bits 11:4, 13, 15 and 63:17 are reserved and must be 0."),
    BS_SET_WHEN_SINGLE_STEPPING_IN_A_SHADOW_OR_HLT("Pending debug exceptions BS must be 1 when RFLAGS.TF=1, "
            + "IA32_DEBUGCTL.BTF=0 and the guest is in an STI or MOV SS shadow or in HLT."),
    BS_CLEAR_WHEN_NOT_SINGLE_STEPPING_IN_A_SHADOW_OR_HLT("Pending debug exceptions BS must be 0 when RFLAGS.TF=0 or "
            + "IA32_DEBUGCTL.BTF=1 and the guest is in an STI or MOV SS shadow or in HLT."),
    RTM_BIT_NEEDS_RTM("Pending debug exceptions RTM (bit 16) needs a CPU with RTM."),
    // The steps around the checks
    VM_ENTRY("VM entry loads the guest state from the VMCS and runs the guest; an event in the VM-entry "
            + "interruption-information field is injected as the entry completes.",
            "SDM Vol. 3C 26 (VM Entries), 26.6 (Event Injection)"),
    VM_EXIT("The guest exits to the VMM: the exit reason and qualification say why, and the guest state is saved in the VMCS.",
            "SDM Vol. 3C 27 (VM Exits), 27.2 (Recording VM-Exit Information)");

    private static final String CHECKS = "SDM Vol. 3C 26.3.1.5 (Checks on Guest Non-Register State)";
    private final Text text;

    EntryCheckRule(String sentence) {
        this(sentence, CHECKS);
    }

    EntryCheckRule(String sentence, String source) {
        this.text = new Text(sentence, source);
    }

    @Override public Text text() { return text; }
}
