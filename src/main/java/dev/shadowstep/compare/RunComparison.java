package dev.shadowstep.compare;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Two runs compared step by step on their {@link Alignment}: every aligned pair whose state, why
 * or events differ, and every span only one run takes, in order. A span of host steps (VM exits,
 * KVM's handlers, VM entries) only one run takes is host work, not a difference, when the other
 * run has no hypervisor: bare metal against KVM lines up on the guest, with KVM's work between.
 *
 * @param nameA      run A in words ({@code as written})
 * @param nameB      run B in words ({@code with emulated_db_sets_bs off})
 * @param alignment  how the steps line up
 * @param hostWork   for each span of the alignment, whether it is host work (not a difference)
 * @param differences the differences in step order, at most {@link #MAX_LISTED}
 * @param total      how many differences there are (more than listed when the list is full)
 */
public record RunComparison(String nameA, String nameB, Alignment alignment, List<Boolean> hostWork,
                            List<Difference> differences, int total) {

    /** The list of differences stops here; {@link #total} still counts them all. */
    public static final int MAX_LISTED = 1000;

    private static final Pattern SENTENCE = Pattern.compile("(?<=[.)])\\s+(?=[A-Z(])");

    public RunComparison {
        hostWork = List.copyOf(hostWork);
        differences = List.copyOf(differences);
    }

    /** Returns the first difference, or empty when the runs take the same steps with the same states, whys, events and outcome. */
    public Optional<Difference> first() {
        return differences.isEmpty() ? Optional.empty() : Optional.of(differences.getFirst());
    }

    /** Returns the comparison of two runs. */
    public static RunComparison of(Trace a, Trace b, String nameA, String nameB) {
        int[][] keys = StepKeys.of(a, b);
        Alignment alignment = Alignment.of(keys[0], keys[1]);
        return new Comparer(a, b, nameA, nameB).compare(alignment);
    }

    /** The pass over the alignment. */
    private static final class Comparer {
        final Trace a, b;
        final String nameA, nameB;
        final TreeMap<Long, String> symbolsA, symbolsB;
        final Map<Integer, List<Event>> eventsA, eventsB;
        final boolean hostA, hostB;
        final List<Difference> out = new ArrayList<>();
        int total;

        Comparer(Trace a, Trace b, String nameA, String nameB) {
            this.a = a;
            this.b = b;
            this.nameA = nameA;
            this.nameB = nameB;
            this.symbolsA = StepKeys.symbols(a);
            this.symbolsB = StepKeys.symbols(b);
            this.eventsA = byStep(a.events());
            this.eventsB = byStep(b.events());
            this.hostA = hasHost(a.steps());
            this.hostB = hasHost(b.steps());
        }

        RunComparison compare(Alignment alignment) {
            List<Boolean> hostWork = new ArrayList<>();
            for (Alignment.Span span : alignment.spans()) {
                switch (span.op()) {
                    case MATCH -> {
                        hostWork.add(false);
                        for (int i = 0; i < span.length(); i++) pair(span.a() + i, span.b() + i);
                    }
                    case ONLY_A -> {
                        boolean host = !hostB && allHost(a.steps(), span.a(), span.length());
                        hostWork.add(host);
                        if (!host) gap(Difference.Kind.ONLY_A, span);
                    }
                    case ONLY_B -> {
                        boolean host = !hostA && allHost(b.steps(), span.b(), span.length());
                        hostWork.add(host);
                        if (!host) gap(Difference.Kind.ONLY_B, span);
                    }
                }
            }
            if (total == 0 && a.outcome().status() != b.outcome().status()) {
                int lastA = Math.max(0, a.steps().size() - 1), lastB = Math.max(0, b.steps().size() - 1);
                String sa = a.outcome().status().wireName(), sb = b.outcome().status().wireName();
                add(new Difference(Difference.Kind.OUTCOME, lastA, lastB, 1, List.of(new Difference.Field("outcome", sa, sb)),
                        "outcome " + sa + " vs " + sb, "Every aligned step is the same, but the runs end differently: "
                        + nameA + " " + sa + " (" + a.outcome().message() + "), " + nameB + " " + sb + " ("
                        + b.outcome().message() + ")."));
            }
            return new RunComparison(nameA, nameB, alignment, hostWork, out, total);
        }

        private void add(Difference d) {
            total++;
            if (out.size() < MAX_LISTED) out.add(d);
        }

        private void pair(int i, int j) {
            Step sa = a.steps().get(i), sb = b.steps().get(j);
            List<Difference.Field> fields = new ArrayList<>();
            Map<String, String> fa = StateFields.of(sa.state(), rip -> StepKeys.where(symbolsA, rip));
            Map<String, String> fb = StateFields.of(sb.state(), rip -> StepKeys.where(symbolsB, rip));
            for (var e : fa.entrySet()) {
                String other = fb.get(e.getKey());
                if (other != null && !other.equals(e.getValue())) fields.add(new Difference.Field(e.getKey(), e.getValue(), other));
            }
            String ea = events(eventsA.get(i)), eb = events(eventsB.get(j));
            if (!ea.equals(eb)) fields.add(new Difference.Field("events", ea, eb));
            if (!Objects.equals(sa.why(), sb.why())) fields.add(new Difference.Field("why", sa.why(), sb.why()));
            if (fields.isEmpty()) return;
            String at = sa.text() + " at " + StepKeys.where(symbolsA, sa.rip());
            add(new Difference(Difference.Kind.PAIR, i, j, 1, fields, summary(fields), sentence(i, j, at, fields)));
        }

        private String sentence(int i, int j, String at, List<Difference.Field> fields) {
            String steps = i == j ? "step " + i + " of both runs" : "step " + i + " of A and step " + j + " of B";
            List<String> values = new ArrayList<>();
            for (Difference.Field f : fields) {
                if (f.name().equals("why")) continue;
                if (f.name().equals("events")) {
                    values.add("the events are " + f.a() + " in " + nameA + " and " + f.b() + " in " + nameB);
                } else {
                    values.add(f.name() + " is " + f.a() + " in " + nameA + " and " + f.b() + " in " + nameB);
                }
            }
            String what = values.isEmpty() ? "the same state, but a different reason (why)" : String.join("; ", values);
            return "Both runs take " + at + " (" + steps + "), but " + what + ".";
        }

        private void gap(Difference.Kind kind, Alignment.Span span) {
            boolean inA = kind == Difference.Kind.ONLY_A;
            Trace t = inA ? a : b;
            int start = inA ? span.a() : span.b();
            Step first = t.steps().get(start);
            String where = first.text() + " at " + StepKeys.where(inA ? symbolsA : symbolsB, first.rip());
            String name = inA ? nameA : nameB, other = inA ? nameB : nameA;
            String range = span.length() == 1 ? "step " + start : "steps " + start + "-" + (start + span.length() - 1);
            String summary = "only " + (inA ? "A" : "B") + ": " + range + " (" + where
                    + (span.length() > 1 ? ", ..." : "") + ")";
            String sentence = capital(name) + " takes " + range + ", starting with " + where + ", which " + other
                    + " does not take" + (span.length() == 1 ? "" : " (" + span.length() + " steps)") + ".";
            add(new Difference(kind, span.a(), span.b(), span.length(), List.of(), summary, sentence));
        }
    }

    /** Returns {@code vmcs.pending_dbg 0x4000 vs 0x0; why: ... vs ...}, the why reduced to the sentences that differ. */
    static String summary(List<Difference.Field> fields) {
        List<String> parts = new ArrayList<>();
        for (Difference.Field f : fields) {
            if (f.name().equals("why")) {
                String[] w = differingSentences(f.a(), f.b());
                parts.add("why: " + clip(w[0]) + " vs " + clip(w[1]));
            } else {
                parts.add(f.name() + " " + f.a() + " vs " + f.b());
            }
        }
        return String.join("; ", parts);
    }

    /** Returns the parts of two texts that differ, whole sentences, the sentences both share at the start and end left out. */
    public static String[] differingSentences(String a, String b) {
        List<String> sa = List.of(SENTENCE.split(a == null ? "" : a.strip()));
        List<String> sb = List.of(SENTENCE.split(b == null ? "" : b.strip()));
        int head = 0;
        while (head < sa.size() && head < sb.size() && sa.get(head).equals(sb.get(head))) head++;
        int tail = 0;
        while (tail < sa.size() - head && tail < sb.size() - head
                && sa.get(sa.size() - 1 - tail).equals(sb.get(sb.size() - 1 - tail))) tail++;
        String da = String.join(" ", sa.subList(head, sa.size() - tail));
        String db = String.join(" ", sb.subList(head, sb.size() - tail));
        return new String[] {da.isEmpty() ? "(nothing more)" : da, db.isEmpty() ? "(nothing more)" : db};
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    private static String events(List<Event> events) {
        if (events == null || events.isEmpty()) return "none";
        List<String> parts = new ArrayList<>();
        for (Event e : events) {
            StringBuilder s = new StringBuilder(e.name());
            if (e.label() != null) s.append(" at ").append(e.label());
            if (e.via() != null) s.append(" via ").append(e.via());
            if (e.dr6() != null) s.append(" dr6=").append(StateFields.hex(e.dr6()));
            if (e.cause() != null && !e.cause().isEmpty()) s.append(" cause=").append(String.join("|", e.cause()));
            if (e.qualification() != null) s.append(" qualification=").append(StateFields.hex(e.qualification()));
            if (e.check() != null) s.append(" check=").append(e.check());
            if (e.exception() != null) s.append(" exception=").append(e.exception());
            parts.add(s.toString());
        }
        return String.join("; ", parts);
    }

    private static Map<Integer, List<Event>> byStep(List<Event> events) {
        Map<Integer, List<Event>> map = new HashMap<>();
        for (Event e : events) map.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
        return map;
    }

    private static boolean hasHost(Steps steps) {
        for (int i = 0; i < steps.size(); i++) if (steps.kind(i) != Step.Kind.INSN && steps.kind(i) != Step.Kind.DELIVER) return true;
        return false;
    }

    private static boolean allHost(Steps steps, int from, int length) {
        for (int i = from; i < from + length; i++) if (steps.kind(i) == Step.Kind.INSN || steps.kind(i) == Step.Kind.DELIVER) return false;
        return true;
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
