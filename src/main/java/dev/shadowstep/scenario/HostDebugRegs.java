package dev.shadowstep.scenario;

import java.util.Collections;
import java.util.List;

/** Host-owned DR0..DR3 and DR7 that KVM loads with KVM_GUESTDBG_USE_HW_BP (kvm_guest_debug_arch.debugreg). */
public record HostDebugRegs(List<Address> dr, long dr7) {

    public static final HostDebugRegs DEFAULT =
            new HostDebugRegs(Collections.nCopies(4, new Address.Absolute(0)), CpuSetup.DEFAULT_DR7);

    public HostDebugRegs {
        dr = List.copyOf(dr);
        if (dr.size() != 4) throw new IllegalArgumentException("HostDebugRegs needs 4 breakpoint addresses");
    }
}
