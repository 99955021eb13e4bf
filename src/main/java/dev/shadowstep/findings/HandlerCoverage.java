package dev.shadowstep.findings;

import dev.shadowstep.scenario.ExpectItem;
import dev.shadowstep.scenario.IdtEntry;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Finding;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Finds {@code handler_never_ran}: an {@code idt} vector that no event delivered. The reviewer's
 * question of debug_regs.c: if the #DB or the IRQ were dropped, a guest that does not count them
 * runs on to the end and passes. A vector the {@code expect} block pins at {@code count: 0} is
 * meant not to run and is not reported.
 */
final class HandlerCoverage {
    private HandlerCoverage() {}

    static void check(Scenario scenario, List<Event> events, FindingSink sink) {
        BitSet delivered = new BitSet(256);
        for (Event e : events) {
            if (e.vector() != null && e.type() != Event.Type.VMEXIT && e.type() != Event.Type.EXIT_TO_HOST) {
                delivered.set(e.vector());
            }
        }
        for (Map.Entry<Integer, IdtEntry> entry : scenario.idt().entrySet()) {
            int vector = entry.getKey();
            if (delivered.get(vector) || pinnedAtZero(scenario.expect(), vector)) continue;
            String handler = entry.getValue().handler().toString();
            sink.add(null, Finding.Kind.HANDLER_NEVER_RAN, Finding.Severity.WARNING, vector, () ->
                    "The idt entry for vector " + Labels.hex(vector) + " (" + handler + ") never ran: no "
                            + VectorNames.of(vector) + " was delivered in this run. If the test needs it, "
                            + "the expect item '- " + needed(vector) + "' makes a dropped event fail the run; if "
                            + "it must not happen, '- " + never(vector) + "' says so.");
        }
    }

    /** Returns the expect item that needs an event of the vector: {@code irq: {vector: 0xaa}}, {@code db:}. */
    private static String needed(int vector) {
        Event.Type type = typeOf(vector);
        return type.wireName() + (hasVector(type) ? ": {vector: " + Labels.hex(vector) + "}" : ":");
    }

    /** Returns the expect item that forbids events of the vector: {@code irq: {vector: 0xaa, count: 0}}. */
    private static String never(int vector) {
        Event.Type type = typeOf(vector);
        return type.wireName() + ": {" + (hasVector(type) ? "vector: " + Labels.hex(vector) + ", " : "") + "count: 0}";
    }

    private static boolean hasVector(Event.Type type) {
        return type == Event.Type.EXCEPTION || type == Event.Type.IRQ;
    }

    /** Returns the event type a delivery of {@code vector} shows as in the trace. */
    static Event.Type typeOf(int vector) {
        return switch (vector) {
            case 1 -> Event.Type.DB;
            case 2 -> Event.Type.NMI;
            case 3 -> Event.Type.BP;
            default -> vector < VectorNames.FIRST_IRQ ? Event.Type.EXCEPTION : Event.Type.IRQ;
        };
    }

    private static boolean pinnedAtZero(List<ExpectItem> expect, int vector) {
        Event.Type type = typeOf(vector);
        for (ExpectItem item : expect) {
            if (item instanceof ExpectItem.EventExpect e && e.count() != null && e.count() == 0 && e.type() == type
                    && (e.pattern().vector() == null || e.pattern().vector() == vector)) {
                return true;
            }
        }
        return false;
    }
}
