package dev.shadowstep.scenario;

/** One thing the host does: a trigger and an effect; path and line say where it was written. */
public record HostAction(Trigger trigger, Effect effect, String path, int line) {

    /** When the action fires. */
    public sealed interface Trigger {}

    /** At the boundary before the instruction at this address. */
    public record At(Address address) implements Trigger {}

    /** At the boundary before this step (0-based). */
    public record AtStep(int step) implements Trigger {}

    /** When the guest halts with nothing else to wake it. */
    public record WhenHalted() implements Trigger {}

    /** What the action does. */
    public sealed interface Effect {}

    /** Sets the vector's IRR bit. */
    public record RaiseIrq(int vector) implements Effect {}

    /** Makes an NMI pending. */
    public record RaiseNmi() implements Effect {}
}
