package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;

/** Something the host does to the machine once, when its trigger comes: raise an IRQ or an NMI. */
public record HostAction(Trigger trigger, Effect effect) {

    public HostAction {
        if (trigger == null || effect == null) throw new IllegalArgumentException("a host action needs a trigger and an effect");
    }

    /** When an action fires. */
    public sealed interface Trigger {
        /** At the boundary before the instruction at {@code address}. */
        record AtAddress(long address) implements Trigger {}

        /** At the boundary before step {@code step} (0-based). */
        record AtStep(int step) implements Trigger {}

        /** When the guest halts with nothing else to wake it. */
        record WhenHalted() implements Trigger {}
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
    }

    /** Returns the state after the effect. */
    public CpuState apply(CpuState s) {
        return switch (effect) {
            case Effect.RaiseIrq(int vector) -> s.withApic(s.apic().request(vector));
            case Effect.RaiseNmi() -> s.withNmiPending(true);
        };
    }

    /** Returns a sentence for the trace. */
    public String why() {
        String what = switch (effect) {
            case Effect.RaiseIrq(int vector) -> "raises IRQ 0x" + Integer.toHexString(vector) + ": its IRR bit is set";
            case Effect.RaiseNmi() -> "raises an NMI: it is pending until the CPU can take it";
        };
        String when = switch (trigger) {
            case Trigger.AtAddress(long address) -> String.format("at the boundary before 0x%x", address);
            case Trigger.AtStep(int step) -> "at the boundary before step " + step;
            case Trigger.WhenHalted() -> "because the guest halted with nothing else to wake it";
        };
        return "The host " + what + " (host action, " + when + ").";
    }

    /** Returns a short title for the trace. */
    public String title() {
        return switch (effect) {
            case Effect.RaiseIrq(int vector) -> "host raises IRQ 0x" + Integer.toHexString(vector);
            case Effect.RaiseNmi() -> "host raises NMI";
        };
    }
}
