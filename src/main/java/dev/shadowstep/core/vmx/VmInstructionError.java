package dev.shadowstep.core.vmx;

/**
 * The VM-instruction error numbers the model reports with VMfailValid (SDM Vol. 3C 30.4, Table 30-1
 * "VM-Instruction Error Numbers"; kvm-unit-tests x86/vmx.h enum vm_instruction_error_number).
 */
public enum VmInstructionError {
    VMCALL_IN_VMX_ROOT(1, "VMCALL executed in VMX root operation"),
    VMCLEAR_INVALID_ADDRESS(2, "VMCLEAR with invalid physical address"),
    VMCLEAR_VMXON_POINTER(3, "VMCLEAR with VMXON pointer"),
    VMLAUNCH_NONCLEAR_VMCS(4, "VMLAUNCH with non-clear VMCS"),
    VMRESUME_NONLAUNCHED_VMCS(5, "VMRESUME with non-launched VMCS"),
    ENTRY_INVALID_CONTROL_FIELD(7, "VM entry with invalid control field(s)"),
    ENTRY_INVALID_HOST_STATE_FIELD(8, "VM entry with invalid host-state field(s)"),
    VMPTRLD_INVALID_ADDRESS(9, "VMPTRLD with invalid physical address"),
    VMPTRLD_VMXON_POINTER(10, "VMPTRLD with VMXON pointer"),
    VMPTRLD_INCORRECT_REVISION(11, "VMPTRLD with incorrect VMCS revision identifier"),
    UNSUPPORTED_COMPONENT(12, "VMREAD/VMWRITE from/to unsupported VMCS component"),
    VMWRITE_READ_ONLY(13, "VMWRITE to read-only VMCS component"),
    VMXON_IN_VMX_ROOT(15, "VMXON executed in VMX root operation"),
    ENTRY_EVENTS_BLOCKED_BY_MOV_SS(26, "VM entry with events blocked by MOV SS");

    private final int number;
    private final String words;

    VmInstructionError(int number, String words) {
        this.number = number;
        this.words = words;
    }

    public int number() { return number; }

    public String words() { return words; }
}
