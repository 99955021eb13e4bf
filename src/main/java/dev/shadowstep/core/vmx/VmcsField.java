package dev.shadowstep.core.vmx;

/**
 * The VMCS fields a program may VMREAD and VMWRITE under {@link VmxOperation}, by their encodings (SDM Vol. 3D
 * Appendix B, Field Encoding in VMCS). Any other encoding is an "unsupported VMCS component" (VM-instruction
 * error 12). The width comes from encoding bits 14:13 and the field type from bits 11:10 (SDM 24.11.2):
 * type 1 ("VM-exit information") is read-only, because this model's IA32_VMX_MISC bit 29 is 0 (error 13).
 */
public enum VmcsField {
    PIN_CONTROLS(0x4000, "pin-based VM-execution controls"),
    PROC_CONTROLS(0x4002, "primary processor-based VM-execution controls"),
    EXCEPTION_BITMAP(0x4004, "exception bitmap"),
    EXIT_CONTROLS(0x400C, "VM-exit controls"),
    ENTRY_CONTROLS(0x4012, "VM-entry controls"),
    ENTRY_INTR_INFO(0x4016, "VM-entry interruption information"),
    ENTRY_EXCEPTION_ERROR_CODE(0x4018, "VM-entry exception error code"),
    ENTRY_INSTRUCTION_LENGTH(0x401A, "VM-entry instruction length"),
    VM_INSTRUCTION_ERROR(0x4400, "VM-instruction error"),
    EXIT_REASON(0x4402, "exit reason"),
    EXIT_INTR_INFO(0x4404, "VM-exit interruption information"),
    EXIT_INTR_ERROR_CODE(0x4406, "VM-exit interruption error code"),
    EXIT_INSTRUCTION_LENGTH(0x440C, "VM-exit instruction length"),
    EXIT_QUALIFICATION(0x6400, "exit qualification"),
    GUEST_DEBUGCTL(0x2802, "guest IA32_DEBUGCTL"),
    GUEST_INTERRUPTIBILITY(0x4824, "guest interruptibility state"),
    GUEST_ACTIVITY_STATE(0x4826, "guest activity state"),
    GUEST_DR7(0x681A, "guest DR7"),
    GUEST_RSP(0x681C, "guest RSP"),
    GUEST_RIP(0x681E, "guest RIP"),
    GUEST_RFLAGS(0x6820, "guest RFLAGS"),
    GUEST_PENDING_DBG(0x6822, "guest pending debug exceptions"),
    HOST_RSP(0x6C14, "host RSP"),
    HOST_RIP(0x6C16, "host RIP");

    private final int encoding;
    private final String words;

    VmcsField(int encoding, String words) {
        this.encoding = encoding;
        this.words = words;
    }

    public int encoding() { return encoding; }

    /** Returns the field in words, e.g. {@code exit qualification}. */
    public String words() { return words; }

    /** Returns whether VMWRITE may not write it: a VM-exit information field (type 1, SDM 24.11.2). */
    public boolean readOnly() {
        return (encoding >>> 10 & 3) == 1;
    }

    /** Returns {@code value} cut to the field's width: 16, 64, 32 bits or natural width (64) by bits 14:13. */
    public long truncate(long value) {
        return switch (encoding >>> 13 & 3) {
            case 0 -> value & 0xFFFF;
            case 2 -> value & 0xFFFFFFFFL;
            default -> value;
        };
    }

    /** Returns the field with this encoding, or null when the model does not support it. */
    public static VmcsField of(long encoding) {
        for (VmcsField f : values()) {
            if (f.encoding == encoding) return f;
        }
        return null;
    }
}
