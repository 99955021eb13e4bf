package dev.shadowstep.web.editor;

import dev.shadowstep.web.switches.Switch;
import dev.shadowstep.web.switches.SwitchState;
import java.util.ArrayList;
import java.util.List;

/**
 * One "compare with ..." choice in the editor: the scenario against itself with one switch flipped.
 *
 * @param spec  the variant as a URL writes it, e.g. {@code reinject_db_sets_bs=off}
 * @param label what the choice says, e.g. {@code reinject_db_sets_bs off}
 */
public record CompareOption(String spec, String label) {

    /** Returns a choice for every switch that applies, each flipped from its current value. */
    static List<CompareOption> of(SwitchState state) {
        List<CompareOption> options = new ArrayList<>();
        for (Switch sw : Switch.values()) {
            String value = state.value(sw);
            if (value == null) continue;
            String other = sw.opposite(value);
            String label = sw.phrase(other);
            options.add(new CompareOption(sw.wireName() + "=" + other, label));
        }
        // the question people come with: what does this KVM fix change?
        options.sort((a, b) -> Boolean.compare(!a.spec().contains("_db_sets_bs"), !b.spec().contains("_db_sets_bs")));
        return options;
    }
}
