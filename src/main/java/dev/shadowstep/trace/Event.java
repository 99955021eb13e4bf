package dev.shadowstep.trace;

import java.util.List;

/**
 * A delivery or exit, flattened; what {@code expect} matches against. Fields that do not
 * apply to a type are null and are left out of the JSON.
 *
 * @param at    the RIP pushed on the stack, or reported to the host
 * @param dr6   DR6 as the handler would read it (db), or run->debug.arch.dr6 (exit_to_host)
 * @param cause DR6 cause names: B0..B3, BD, BS, BT
 * @param via   native or injected, for guest events
 */
public record Event(int step, Type type, Integer vector, Long at, String label, Long dr6,
                    List<String> cause, String via,
                    String reason, Long qualification, String check,
                    String exit, Integer exception, Long pc) {

    public enum Type {
        DB, BP, EXCEPTION, IRQ, NMI, VMEXIT, VMENTRY_FAILED, EXIT_TO_HOST;

        /** The name in the trace format and in {@code expect}: db, vmentry_failed, ... */
        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
