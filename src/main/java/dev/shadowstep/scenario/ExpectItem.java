package dev.shadowstep.scenario;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Outcome;

/** One item of {@code expect}: an event that must appear in the trace, or the outcome of the run. */
public sealed interface ExpectItem {

    /** Returns the key path of the item, e.g. {@code expect[2]}. */
    String path();

    /** Returns the file line of the item. */
    int line();

    /** Returns the item in words, e.g. {@code db at fep_sti_start dr6=0xffff4ff0}. */
    String describe();

    /**
     * An event of a type whose given fields match.
     *
     * @param count null: matched in order after the previous item; N: exactly N such events in the whole run
     */
    record EventExpect(Event.Type type, EventPattern pattern, Integer count, String path, int line)
            implements ExpectItem {
        @Override public String describe() {
            String words = pattern.describe();
            String text = words.isEmpty() ? type.wireName() : type.wireName() + " " + words;
            return count == null ? text : text + " count=" + count;
        }
    }

    /** The status the run must end with. */
    record OutcomeExpect(Outcome.Status status, String path, int line) implements ExpectItem {
        @Override public String describe() { return "outcome " + status.wireName(); }
    }
}
