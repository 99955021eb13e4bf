package dev.shadowstep.web.compare;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.run.RunPageView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where two runs of one scenario first part: the first step whose kind, RIP or events differ,
 * or where one run ends and the other goes on.
 *
 * @param step     the first step that differs
 * @param reason   what differs there
 * @param sentence what differs, in words, naming both runs
 */
public record Divergence(int step, Reason reason, String sentence) {

    /** What differs at the step, checked in this order. */
    public enum Reason {
        /** One run ends before this step, the other goes on. */
        LENGTH,
        /** An instruction in one run, a delivery or VM exit or entry in the other. */
        KIND,
        /** The same kind of step at different addresses. */
        RIP,
        /** The same step, but different deliveries, exits or failed entries. */
        EVENTS,
        /** Every step is the same, but the runs end differently. */
        OUTCOME
    }

    /**
     * Returns the first difference between two runs, or empty when they take the same steps,
     * with the same events and outcome.
     *
     * @param nameA how the sentence names the first run, e.g. {@code as written}
     * @param nameB how it names the second, e.g. {@code with reinject_db_sets_bs off}
     */
    public static Optional<Divergence> find(Trace a, Trace b, String nameA, String nameB) {
        Steps sa = a.steps();
        Steps sb = b.steps();
        Map<Integer, List<Event>> eventsA = byStep(a.events());
        Map<Integer, List<Event>> eventsB = byStep(b.events());
        int common = Math.min(sa.size(), sb.size());
        for (int i = 0; i < common; i++) {
            Reason reason = sa.kind(i) != sb.kind(i) ? Reason.KIND
                    : sa.rip(i) != sb.rip(i) ? Reason.RIP
                    : !sameEvents(eventsA.get(i), eventsB.get(i)) ? Reason.EVENTS : null;
            if (reason != null) {
                return Optional.of(new Divergence(i, reason, "Step " + i + " is the first that differs (" + words(reason)
                        + "). " + capital(nameA) + ": " + describe(a, eventsA, i) + ". " + capital(nameB) + ": "
                        + describe(b, eventsB, i) + "."));
            }
        }
        if (sa.size() != sb.size()) {
            boolean aShorter = sa.size() < sb.size();
            Trace shorter = aShorter ? a : b;
            String ends = capital(aShorter ? nameA : nameB) + " ends after step " + (common - 1) + " ("
                    + shorter.outcome().status().wireName() + ": " + shorter.outcome().message() + ")";
            String goes = (aShorter ? nameB : nameA) + " goes on to step " + (Math.max(sa.size(), sb.size()) - 1);
            return Optional.of(new Divergence(common, Reason.LENGTH, "Step " + common + " is the first that differs. "
                    + ends + "; " + goes + ", starting with " + describe(aShorter ? b : a, aShorter ? eventsB : eventsA,
                    common) + "."));
        }
        if (a.outcome().status() != b.outcome().status()) {
            int last = Math.max(0, common - 1);
            return Optional.of(new Divergence(last, Reason.OUTCOME, "Every step is the same, but the runs end "
                    + "differently: " + nameA + " with " + a.outcome().status().wireName() + ", " + nameB + " with "
                    + b.outcome().status().wireName() + "."));
        }
        return Optional.empty();
    }

    private static String words(Reason reason) {
        return switch (reason) {
            case KIND -> "a different kind of step";
            case RIP -> "a different RIP";
            case EVENTS -> "different events";
            case LENGTH, OUTCOME -> "";
        };
    }

    private static Map<Integer, List<Event>> byStep(List<Event> events) {
        Map<Integer, List<Event>> map = new HashMap<>();
        for (Event e : events) map.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
        return map;
    }

    private static boolean sameEvents(List<Event> a, List<Event> b) {
        return Objects.equals(a == null ? List.of() : a, b == null ? List.of() : b);
    }

    /** Returns one run's step in words: its events when it has any, else what the step did and where. */
    static String describe(Trace trace, Map<Integer, List<Event>> events, int index) {
        List<Event> here = events.getOrDefault(index, List.of());
        if (!here.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Event e : here) {
                RunPageView.EventRow row = RunPageView.event(e);
                parts.add(row.detail().isEmpty() ? row.title() : row.title() + " (" + row.detail() + ")");
            }
            return String.join("; ", parts);
        }
        Step step = trace.steps().get(index);
        String label = step.label() == null || step.label().isEmpty() || step.label().startsWith("0x") ? "" : " (" + step.label() + ")";
        String where = RunPageView.hex(step.rip()) + label;
        return switch (step.kind()) {
            case INSN -> "runs " + step.text() + " at " + where;
            case DELIVER -> step.text() + " at " + where;
            case VMEXIT, VMENTRY -> step.text();
            case HOST -> "in the host, " + step.text();
        };
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
