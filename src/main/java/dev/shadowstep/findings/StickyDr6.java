package dev.shadowstep.findings;

import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code dr6_not_cleared}: a #DB whose DR6 shows a sticky bit (BD, BS, BT) that none of its
 * own causes set. The processor never clears those bits (SDM Vol. 3B 18.2.3), so the bit
 * is left from an earlier #DB whose handler did not clear DR6 with MOV to DR6, or from a value
 * software wrote; a handler that tests DR6.BS would mistake this #DB for a single step. Reads the
 * events only.
 */
final class StickyDr6 {
    /** The sticky DR6 bits, by cause name. */
    private static final List<String> NAMES = List.of("BD", "BS", "BT");
    private static final long[] BITS = {Dr6.BD, Dr6.BS, Dr6.BT};

    private StickyDr6() {}

    static void check(List<Event> events, FindingSink sink) {
        Event[] setBy = new Event[NAMES.size()];
        for (Event e : events) {
            if (e.type() != Event.Type.DB || e.dr6() == null || e.cause() == null) continue;
            List<String> stale = new ArrayList<>();
            Event setter = null;
            for (int n = 0; n < BITS.length; n++) {
                if ((e.dr6() & BITS[n]) == 0 || e.cause().contains(NAMES.get(n))) continue;
                stale.add(NAMES.get(n));
                if (setter == null) setter = setBy[n];
            }
            if (!stale.isEmpty()) report(e, setter, stale, sink);
            for (int n = 0; n < BITS.length; n++) {
                if (e.cause().contains(NAMES.get(n))) setBy[n] = e;
            }
        }
    }

    /** Reports {@code e}; {@code setter} is the last #DB that had a stale bit as its own cause, or null. */
    private static void report(Event e, Event setter, List<String> stale, FindingSink sink) {
        String bits = String.join(" and ", stale);
        String causes = e.cause().isEmpty() ? "it has no cause bit of its own (ICEBP)"
                : "its own cause is " + String.join("|", e.cause());
        String source = setter != null
                ? "left from the #DB at step " + setter.step() + ", whose handler did not clear DR6 (MOV to DR6)"
                : "set before (the initial DR6 or a value software wrote) and not cleared since";
        sink.add(e.step(), Finding.Kind.DR6_NOT_CLEARED, Finding.Severity.INFO, e.at() == null ? -1 : e.at(), () ->
                "DR6 at this #DB shows " + bits + " although " + causes + ": " + bits + (stale.size() == 1 ? " is" : " are")
                        + " sticky (the processor never clears BD, BS or BT; SDM Vol. 3B 18.2.3) and was "
                        + source + ". A handler that tests DR6 would misread this #DB.");
    }
}
