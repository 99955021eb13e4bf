package dev.shadowstep.core.vmx;

import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.Msr;
import dev.shadowstep.core.cpu.Rflags;

/**
 * The checks on the guest register state that the model's VMCS fields reach (SDM Vol. 3C 26.3.1.1, 26.3.1.4):
 * RFLAGS reserved bits (63:22, 15, 5, 3 zero, bit 1 one), DR7 bits 63:32 zero, IA32_DEBUGCTL reserved bits
 * (here: any bit but LBR and BTF, the ones modelled). A failure fails the VM entry with invalid guest state.
 */
final class GuestRegisterChecks {
    private GuestRegisterChecks() {}

    private static final long RFLAGS_RESERVED = ~0x3FFFFFL | 1L << 15 | 1L << 5 | 1L << 3;

    /** Returns the failed check in words, or null. */
    static String problem(VmcsRegion r) {
        long rflags = r.get(VmcsField.GUEST_RFLAGS);
        if ((rflags & RFLAGS_RESERVED) != 0 || (rflags & Rflags.FIXED_1) == 0) {
            return String.format("guest RFLAGS 0x%x: reserved bits 63:22, 15, 5 and 3 must be 0 and bit 1 must be 1 "
                    + "(SDM 26.3.1.4)", rflags);
        }
        long dr7 = r.get(VmcsField.GUEST_DR7);
        if (dr7 >>> 32 != 0 || !Dr7.isValid(dr7)) {
            return String.format("guest DR7 0x%x: bits 63:32 must be 0 (SDM 26.3.1.1), and this model needs bit 10 set and "
                    + "bits 15:14 and 12:11 clear", dr7);
        }
        long debugctl = r.get(VmcsField.GUEST_DEBUGCTL);
        if ((debugctl & ~Msr.DEBUGCTL_SUPPORTED) != 0) {
            return String.format("guest IA32_DEBUGCTL 0x%x: only LBR (bit 0) and BTF (bit 1) are modelled (SDM 26.3.1.1)",
                    debugctl);
        }
        return null;
    }
}
