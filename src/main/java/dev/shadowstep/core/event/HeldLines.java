package dev.shadowstep.core.event;

import java.util.ArrayList;
import java.util.List;

/** The held lines of one boundary as the arbiter writes them: each line with the rule that holds its event. */
final class HeldLines {
    final List<String> lines = new ArrayList<>();
    final List<EventRule> rules = new ArrayList<>();

    /** Adds the line {@code rule} says, with its values filled in. */
    void add(EventRule rule, String... namesAndValues) {
        lines.add(rule.fill(namesAndValues));
        rules.add(rule);
    }
}
