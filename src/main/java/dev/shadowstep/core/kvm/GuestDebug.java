package dev.shadowstep.core.kvm;

/** The KVM_SET_GUEST_DEBUG control flags the model knows (arch/x86/include/uapi/asm/kvm.h). */
public enum GuestDebug {
    /** KVM_GUESTDBG_ENABLE: guest debugging is on; without it KVM ignores the other flags. */
    ENABLE(0x1),
    /** KVM_GUESTDBG_SINGLESTEP: KVM sets RFLAGS.TF behind the guest's back and reports each step. */
    SINGLESTEP(0x2),
    /** KVM_GUESTDBG_USE_SW_BP: #BP (INT3) exits to userspace. */
    USE_SW_BP(0x10000),
    /** KVM_GUESTDBG_USE_HW_BP: the host owns DR0-DR3 and DR7; their #DBs exit to userspace. */
    USE_HW_BP(0x20000),
    /** KVM_GUESTDBG_BLOCKIRQ: KVM injects no interrupts or NMIs at all. */
    BLOCKIRQ(0x100000);

    private final int value;

    GuestDebug(int value) {
        this.value = value;
    }

    /** Returns the flag's value in {@code kvm_guest_debug.control}. */
    public int value() { return value; }
}
