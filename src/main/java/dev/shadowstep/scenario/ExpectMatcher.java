package dev.shadowstep.scenario;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a run against a scenario's {@code expect} list. Items without {@code count} must match
 * events in order, each after the event the previous such item matched (others may come
 * between); {@code count: N} items need exactly N matching events in the whole run and do not
 * move that cursor; {@code outcome} compares the run's status.
 */
public final class ExpectMatcher {

    private ExpectMatcher() {}

    /** Returns one result per item, in item order. */
    public static List<ExpectationResult> match(List<ExpectItem> items, List<Event> events, Outcome outcome,
                                                Map<String, Long> symbols) {
        List<ExpectationResult> results = new ArrayList<>();
        Cursor cursor = new Cursor();
        for (ExpectItem item : items) {
            results.add(switch (item) {
                case ExpectItem.OutcomeExpect o -> outcome(o, outcome);
                case ExpectItem.EventExpect e -> event(e, events, symbols, cursor);
            });
        }
        return results;
    }

    /** Where in-order matching resumes: the index after the last matched event, and that event's step. */
    private static final class Cursor {
        int next;
        Integer step;
    }

    private static ExpectationResult outcome(ExpectItem.OutcomeExpect item, Outcome outcome) {
        if (outcome == null) return new ExpectationResult(item.describe(), false, null, "the run has no outcome");
        if (outcome.status() == item.status()) {
            return new ExpectationResult(item.describe(), true, outcome.step(), null);
        }
        String why = outcome.message() == null || outcome.message().isBlank() ? "" : ": " + outcome.message();
        return new ExpectationResult(item.describe(), false, null, "the run ended with "
                + outcome.status().wireName() + " at step " + outcome.step() + why);
    }

    private static ExpectationResult event(ExpectItem.EventExpect item, List<Event> events, Map<String, Long> symbols,
                                           Cursor cursor) {
        EventDiff diff;
        try {
            diff = EventDiff.resolve(item.pattern(), symbols);
        } catch (ScenarioException e) {
            return new ExpectationResult(item.describe(), false, null, e.errors().getFirst().message());
        }
        if (item.count() != null) return counted(item, diff, events);
        for (int i = cursor.next; i < events.size(); i++) {
            Event event = events.get(i);
            if (EventDiff.sameType(event, item.type()) && diff.matches(event)) {
                cursor.next = i + 1;
                cursor.step = event.step();
                return new ExpectationResult(item.describe(), true, event.step(), null);
            }
        }
        return new ExpectationResult(item.describe(), false, null, FailureText.notFound(item, diff, events, cursor.next,
                cursor.step));
    }

    private static ExpectationResult counted(ExpectItem.EventExpect item, EventDiff diff, List<Event> events) {
        List<Event> matching = events.stream()
                .filter(e -> EventDiff.sameType(e, item.type()) && diff.matches(e))
                .toList();
        Integer first = matching.isEmpty() ? null : matching.getFirst().step();
        if (matching.size() == item.count()) return new ExpectationResult(item.describe(), true, first, null);
        String steps = matching.isEmpty() ? "" : " (" + (matching.size() == 1 ? "step " : "steps ")
                + matching.stream().limit(10).map(e -> String.valueOf(e.step())).collect(Collectors.joining(", "))
                + (matching.size() > 10 ? ", ..." : "") + ")";
        return new ExpectationResult(item.describe(), false, first, "expected exactly " + item.count() + " matching "
                + item.type().wireName() + " event" + (item.count() == 1 ? "" : "s") + ", found " + matching.size()
                + steps);
    }

    /** Builds the message for an in-order item that found no match. */
    static final class FailureText {
        private FailureText() {}

        static String notFound(ExpectItem.EventExpect item, EventDiff diff, List<Event> events, int from,
                               Integer afterStep) {
            String kind = item.type().wireName();
            String after = afterStep == null ? "" : " after step " + afterStep + " (the previous item's match)";
            List<Event> later = ofType(events.subList(from, events.size()), item);
            List<Event> earlier = ofType(events.subList(0, from), item);
            if (!later.isEmpty()) {
                Event nearest = nearest(later, diff);
                return "no " + kind + " event" + after + " matches; the nearest is " + diff.describe(nearest)
                        + ", which has " + String.join(", ", diff.differences(nearest));
            }
            Event earlierMatch = earlier.stream().filter(diff::matches).findFirst().orElse(null);
            if (earlierMatch != null) {
                return "the matching " + kind + " is at step " + earlierMatch.step() + ", before the previous "
                        + "item's match at step " + afterStep + ": the events came in another order";
            }
            if (!earlier.isEmpty()) {
                Event nearest = nearest(earlier, diff);
                return "no " + kind + " event" + after + "; the nearest earlier one is " + diff.describe(nearest)
                        + ", which has " + String.join(", ", diff.differences(nearest));
            }
            return "no " + kind + " event in the run" + seen(events, diff);
        }

        private static List<Event> ofType(List<Event> events, ExpectItem.EventExpect item) {
            return events.stream().filter(e -> EventDiff.sameType(e, item.type())).toList();
        }

        /** The candidate with the fewest differing fields; the earliest among equals. */
        private static Event nearest(List<Event> candidates, EventDiff diff) {
            return candidates.stream().min(Comparator.comparingInt(e -> diff.differences(e).size())).orElseThrow();
        }

        private static String seen(List<Event> events, EventDiff diff) {
            if (events.isEmpty()) return " (the run had no events)";
            return "; events seen: " + events.stream().limit(6).map(diff::describe).collect(Collectors.joining(", "))
                    + (events.size() > 6 ? ", ..." : "");
        }
    }
}
