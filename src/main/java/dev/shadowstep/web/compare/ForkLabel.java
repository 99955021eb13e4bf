package dev.shadowstep.web.compare;

import dev.shadowstep.web.switches.Switch;
import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.yaml.YamlTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names run B of two runs of nearly one scenario by what its text changes: the switches set
 * differently ({@code emulated_db_sets_bs off}) and the lines it adds ({@code + {at_step: 3,
 * raise_irq: 0xaa}}), so a what-if's compare says what the fork is without being told.
 */
final class ForkLabel {

    /** At most this many added lines are named as written; more are counted. */
    static final int MAX_LINES_NAMED = 2;
    /** A named line longer than this is cut with "…". */
    static final int MAX_LINE = 60;

    private ForkLabel() {}

    /** Returns what {@code b} changes from {@code a}, or null when neither switches nor added lines tell. */
    static String of(String a, String b) {
        if (a == null || b == null) return null;
        List<String> parts = new ArrayList<>();
        SwitchState sa = state(a), sb = state(b);
        if (sa != null && sb != null) {
            for (Switch sw : Switch.values()) {
                String vb = sb.value(sw);
                if (vb != null && !vb.equals(sa.value(sw))) parts.add(sw.phrase(vb));
            }
        }
        Map<String, Integer> count = new HashMap<>();
        a.lines().forEach(l -> count.merge(l.strip(), 1, Integer::sum));
        List<String> added = new ArrayList<>();
        for (String line : b.lines().toList()) {
            String l = line.strip();
            if (count.getOrDefault(l, 0) > 0) {
                count.merge(l, -1, Integer::sum);
            } else if (!l.isEmpty() && !l.equals("host:") && !l.startsWith("#")) {
                if (parts.stream().noneMatch(p -> p.contains(l))) added.add(l.startsWith("- ") ? l.substring(2) : l);
            }
        }
        // a fork adds a line or two, named as written; two scenarios that differ more are named by
        // how many lines B adds, so a name stays one line on the page and in the sentences
        if (added.size() <= MAX_LINES_NAMED) {
            for (String l : added) parts.add("+ " + (l.length() > MAX_LINE ? l.substring(0, MAX_LINE - 1) + "…" : l));
        } else {
            parts.add(added.size() + " lines of its own");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static SwitchState state(String text) {
        try {
            return SwitchState.read(YamlTree.parse(text));
        } catch (RuntimeException e) { // YamlTreeException, or a section of an unexpected shape
            return null;
        }
    }
}
