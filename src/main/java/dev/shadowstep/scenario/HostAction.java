package dev.shadowstep.scenario;

/**
 * One thing the host does: a trigger and an effect; path and line say where it was written, {@code note} (or null)
 * is the author's line for the step's why, e.g. the selftest line the action stands for.
 */
public record HostAction(Trigger trigger, Effect effect, String path, int line, String note) {

    /** An action without a note. */
    public HostAction(Trigger trigger, Effect effect, String path, int line) {
        this(trigger, effect, path, line, null);
    }

    /** When the action fires. */
    public sealed interface Trigger {}

    /** At the boundary before the instruction at this address. */
    public record At(Address address) implements Trigger {}

    /** At the boundary before this step (0-based). */
    public record AtStep(int step) implements Trigger {}

    /** When the guest halts with nothing else to wake it. */
    public record WhenHalted() implements Trigger {}

    /**
     * After the {@code nth} (from 1) return of KVM_RUN to userspace with {@code exit} ({@code KVM_EXIT_DEBUG},
     * {@code KVM_EXIT_IO}; null: any), before the next KVM_RUN.
     */
    public record OnExit(String exit, int nth) implements Trigger {}

    /** What the action does. */
    public sealed interface Effect {}

    /** Sets the vector's IRR bit. */
    public record RaiseIrq(int vector) implements Effect {}

    /** Makes an NMI pending. */
    public record RaiseNmi() implements Effect {}

    /**
     * Sets registers, as KVM_SET_REGS (vcpu_regs_set) does, or as a debugger pokes them on bare metal.
     *
     * @param rip        the new RIP, or null to keep it (then {@code ripAdd} is added)
     * @param ripAdd     added to RIP when {@code rip} is null: {@code vcpu_skip_insn(vcpu, -7)} is -7
     * @param rflags     the new RFLAGS, or null to keep it; then {@code setFlags} are set and {@code clearFlags} cleared
     * @param regs       general registers by number (RAX = 0 ... R15 = 15) and their new values
     */
    public record SetRegs(Address rip, long ripAdd, Long rflags, long setFlags, long clearFlags,
                          java.util.Map<Integer, Long> regs) implements Effect {
        public SetRegs {
            regs = java.util.Map.copyOf(regs);
        }
    }

    /**
     * KVM_SET_GUEST_DEBUG between two KVM_RUNs.
     *
     * @param flags the control flags; empty turns guest debugging off
     * @param dr    debugreg[0..3] (used with USE_HW_BP)
     * @param dr7   debugreg[7]
     */
    public record SetGuestDebug(java.util.Set<Hypervisor.GuestDebugFlag> flags, java.util.List<Address> dr, long dr7)
            implements Effect {
        public SetGuestDebug {
            flags = java.util.Set.copyOf(flags);
            dr = java.util.List.copyOf(dr);
        }
    }

    /** Userspace does not call KVM_RUN again: the run ends. */
    public record Stop() implements Effect {}

    /**
     * Sets debug registers, as KVM_SET_DEBUGREGS does, or a debugger on bare metal.
     *
     * @param dr  DR0..DR3, each null when left as it is
     * @param dr6 the new DR6, or null
     * @param dr7 the new DR7, or null
     */
    public record SetDebugRegs(java.util.List<Address> dr, Long dr6, Long dr7) implements Effect {
        public SetDebugRegs {
            dr = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dr));
            if (dr.size() != 4) throw new IllegalArgumentException("SetDebugRegs needs DR0..DR3 (null when unchanged)");
        }
    }
}
