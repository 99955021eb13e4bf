package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;

/** The result of delivering an event through the IDT. */
public sealed interface DeliveryResult {
    /** The handler is entered in state {@code after}. */
    record Delivered(CpuState after) implements DeliveryResult {}

    /** The event cannot be delivered (no IDT entry, or the frame cannot be pushed); the run ends. */
    record Unhandled(String message) implements DeliveryResult {}
}
