package dev.shadowstep.core.kvm;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How KVM is set up for a run.
 *
 * @param forcedEmulation  the {@code force_emulation_prefix} module parameter: KVM_FEP makes KVM emulate
 * @param reinjectDbSetsBs the 2022 fix (b9bed78e2fa9): handle_exception_nmi sets PENDING_DBG.BS when it
 *                         re-injects an intercepted #DB with TF=1 in an STI or MOV SS shadow
 * @param emulatedDbSetsBs the 2026 fix (v3 commit 7): PENDING_DBG.BS is refreshed when KVM injects a #DB it
 *                         raised itself while emulating (emulated STI / MOV SS with TF=1)
 * @param guestDebug       KVM_SET_GUEST_DEBUG flags, empty when guest debugging is off
 * @param hostDr           the host-owned DR0..DR3 loaded with USE_HW_BP (kvm_guest_debug_arch.debugreg[0..3])
 * @param hostDr7          the host-owned DR7 loaded with USE_HW_BP
 */
public record KvmConfig(boolean forcedEmulation, boolean reinjectDbSetsBs, boolean emulatedDbSetsBs,
                        Set<GuestDebug> guestDebug, List<Long> hostDr, long hostDr7) {

    /** KVM with both fixes, forced emulation on, no guest debugging. */
    public static final KvmConfig DEFAULT = new KvmConfig(true, true, true, Set.of(), List.of(0L, 0L, 0L, 0L), 0x400);

    public KvmConfig {
        guestDebug = guestDebug.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(guestDebug));
        hostDr = List.copyOf(hostDr);
        if (hostDr.size() != 4) throw new IllegalArgumentException("hostDr needs DR0..DR3");
        if (!guestDebug.isEmpty() && !guestDebug.contains(GuestDebug.ENABLE)) {
            throw new IllegalArgumentException("guest debug flags need ENABLE: KVM ignores them without it");
        }
    }

    /** Returns this configuration after KVM_SET_GUEST_DEBUG with {@code flags} (empty: off) and the host's debugreg[]. */
    public KvmConfig withGuestDebug(Set<GuestDebug> flags, List<Long> dr, long dr7) {
        return new KvmConfig(forcedEmulation, reinjectDbSetsBs, emulatedDbSetsBs, flags, dr, dr7);
    }

    /** Returns the flags of a {@code kvm_guest_debug.control} value; KVM clears them all without ENABLE. */
    public static Set<GuestDebug> flagsOf(int control) {
        Set<GuestDebug> flags = EnumSet.noneOf(GuestDebug.class);
        if ((control & GuestDebug.ENABLE.value()) == 0) return flags;
        for (GuestDebug f : GuestDebug.values()) {
            if ((control & f.value()) != 0) flags.add(f);
        }
        return flags;
    }

    /** Returns whether guest-debug flag {@code f} is set. */
    public boolean has(GuestDebug f) {
        return guestDebug.contains(f);
    }
}
