package dev.shadowstep.trace;

import java.util.Locale;
import java.util.Objects;

/**
 * Something a reviewer would flag in a run: a handler that returns without EOI, an {@code expect}
 * item that matched nothing, a #DB in an interrupt shadow worth a teaching note.
 *
 * @param step    the step where it shows, or null when it is about the whole run (no {@code expect}
 *                block, a handler that never ran)
 * @param kind    what was found; its wire name is stable within trace format 1
 * @param message one line saying what and why, naming the rule's source
 */
public record Finding(Integer step, Kind kind, Severity severity, String message) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** What a finding is about; the wire names are part of the trace format. */
    public enum Kind {
        /** An IRQ handler returned (IRET) with its vector still in service: no EOI. */
        MISSING_EOI,
        /** Vectors still in service in the local APIC when the run ended. */
        IN_SERVICE_AT_END,
        /** A vector with an {@code idt} entry that was never delivered. */
        HANDLER_NEVER_RAN,
        /** An {@code expect} item that matched nothing, or matched a different count. */
        EXPECT_UNMATCHED,
        /** A #DB shows a sticky DR6 bit (BD, BS, BT) that none of its own causes set: nobody cleared DR6. */
        DR6_NOT_CLEARED,
        /** A single-step #DB delivered inside an STI or MOV SS shadow. */
        DB_IN_SHADOW,
        /** An IRQ taken right after the IRET of a handler whose #DB was delivered in a shadow. */
        IRQ_AFTER_IRET_SHADOW,
        /** A VM entry that succeeds only because a KVM fix is on (kvm-vmx runs). */
        ENTRY_NEEDS_FIX,
        /** The scenario has no {@code expect} block, so a run checks nothing. */
        NO_EXPECT,
        /** The program is pasted C: the C lines skipped and the C effects the scenario must model itself. */
        PASTED_C;

        /** Returns the name in the trace format: {@code missing_eoi}, ... */
        public String wireName() { return name().toLowerCase(Locale.ROOT); }
    }

    /** How much a finding matters: a likely mistake, or a note worth reading. */
    public enum Severity {
        WARNING, INFO;

        /** Returns the name in the trace format: {@code warning} or {@code info}. */
        public String wireName() { return name().toLowerCase(Locale.ROOT); }
    }
}
