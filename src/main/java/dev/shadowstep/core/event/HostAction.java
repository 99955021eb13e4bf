package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Something the host does to the machine once, when its trigger comes: raise an IRQ or an NMI, set registers. */
public record HostAction(Trigger trigger, Effect effect, String origin) {

    public HostAction {
        if (trigger == null || effect == null) throw new IllegalArgumentException("a host action needs a trigger and an effect");
    }

    /** An action without an origin in a scenario file. */
    public HostAction(Trigger trigger, Effect effect) {
        this(trigger, effect, null);
    }

    /** When an action fires. */
    public sealed interface Trigger {
        /** At the boundary before the instruction at {@code address}. */
        record AtAddress(long address) implements Trigger {}

        /** At the boundary before step {@code step} (0-based). */
        record AtStep(int step) implements Trigger {}

        /** When the guest halts with nothing else to wake it. */
        record WhenHalted() implements Trigger {}

        /**
         * After the {@code nth} (from 1) return of KVM_RUN to userspace with {@code exit} ({@code KVM_EXIT_DEBUG},
         * {@code KVM_EXIT_IO}; null: any exit), before the next KVM_RUN: the code between two vcpu_run calls.
         */
        record OnExit(String exit, int nth) implements Trigger {
            public OnExit {
                if (nth < 1) throw new IllegalArgumentException("exits are counted from 1, got " + nth);
            }
        }
    }

    /** What an action does. */
    public sealed interface Effect {
        /** Sets the vector's IRR bit, as a device interrupt or IPI would. */
        record RaiseIrq(int vector) implements Effect {
            public RaiseIrq {
                if (vector < 16 || vector > 255) {
                    throw new IllegalArgumentException("IRQ vector " + vector + " is out of range: use 16-255 (0-15 are reserved)");
                }
            }
        }

        /** Makes an NMI pending. */
        record RaiseNmi() implements Effect {}

        /**
         * Sets registers (KVM_SET_REGS; on bare metal, a debugger at this boundary).
         *
         * @param rip        the new RIP, or null to add {@code ripAdd} to it
         * @param rflags     the new RFLAGS, or null to keep it; then {@code setFlags} are set and {@code clearFlags} cleared
         * @param regs       general registers by number and their values
         */
        record SetRegs(Long rip, long ripAdd, Long rflags, long setFlags, long clearFlags, Map<Integer, Long> regs)
                implements Effect {
            public SetRegs {
                regs = Map.copyOf(regs);
                if ((setFlags & clearFlags) != 0) throw new IllegalArgumentException("a flag cannot be both set and cleared");
            }
        }

        /**
         * Sets debug registers (KVM_SET_DEBUGREGS; on bare metal, a debugger at this boundary). Reserved bits
         * read as the CPU fixes them, as after a MOV to DR6/DR7.
         *
         * @param dr DR0..DR3, null where unchanged
         */
        record SetDebugRegs(List<Long> dr, Long dr6, Long dr7) implements Effect {
            public SetDebugRegs {
                dr = Collections.unmodifiableList(new ArrayList<>(dr));
                if (dr.size() != 4) throw new IllegalArgumentException("SetDebugRegs needs DR0..DR3 (null when unchanged)");
            }
        }

        /**
         * KVM_SET_GUEST_DEBUG between two KVM_RUNs: the new {@code kvm_guest_debug.control} and debugreg[0..3], [7].
         * Only a VMM applies it; the CPU state alone does not change.
         *
         * @param control the KVM_GUESTDBG_* bits (0: guest debugging off)
         */
        record SetGuestDebug(int control, List<Long> debugreg, long dr7) implements Effect {
            public SetGuestDebug {
                debugreg = List.copyOf(debugreg);
                if (debugreg.size() != 4) throw new IllegalArgumentException("SetGuestDebug needs debugreg[0..3]");
            }
        }

        /** Userspace does not call KVM_RUN again (the selftest checks its last exit and frees the VM): the run ends. */
        record Stop() implements Effect {}
    }

    /** Returns the state after the effect. */
    public CpuState apply(CpuState s) {
        return switch (effect) {
            case Effect.RaiseIrq(int vector) -> s.withApic(s.apic().request(vector));
            case Effect.RaiseNmi() -> s.withNmiPending(true);
            case Effect.SetRegs r -> RegisterPokes.setRegs(s, r);
            case Effect.SetDebugRegs d -> RegisterPokes.setDebugRegs(s, d);
            case Effect.SetGuestDebug g -> s;
            case Effect.Stop() -> s;
        };
    }

    /** Returns a sentence for the trace. */
    public String why() {
        String what = switch (effect) {
            case Effect.RaiseIrq(int vector) -> "raises IRQ 0x" + Integer.toHexString(vector) + ": its IRR bit is set";
            case Effect.RaiseNmi() -> "raises an NMI: it is pending until the CPU can take it";
            case Effect.SetRegs r -> RegisterPokes.describe(r);
            case Effect.SetDebugRegs d -> RegisterPokes.describe(d);
            case Effect.SetGuestDebug g -> "calls KVM_SET_GUEST_DEBUG";
            case Effect.Stop() -> "stops: it does not call KVM_RUN again";
        };
        String when = switch (trigger) {
            case Trigger.AtAddress(long address) -> String.format("at the boundary before 0x%x", address);
            case Trigger.AtStep(int step) -> "at the boundary before step " + step;
            case Trigger.WhenHalted() -> "because the guest halted with nothing else to wake it";
            case Trigger.OnExit(String exit, int nth) -> "after exit to userspace " + nth
                    + (exit == null ? "" : " with " + exit);
        };
        return "The host " + what + " (host action, " + when + ").";
    }

    /** Returns a short title for the trace. */
    public String title() {
        return switch (effect) {
            case Effect.RaiseIrq(int vector) -> "host raises IRQ 0x" + Integer.toHexString(vector);
            case Effect.RaiseNmi() -> "host raises NMI";
            case Effect.SetRegs r -> "host sets registers";
            case Effect.SetDebugRegs d -> "host sets debug registers";
            case Effect.SetGuestDebug g -> "KVM_SET_GUEST_DEBUG";
            case Effect.Stop() -> "userspace stops";
        };
    }
}
