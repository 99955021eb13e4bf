package dev.shadowstep.web.editor;

import dev.shadowstep.web.switches.SwitchChoice;
import dev.shadowstep.web.switches.SwitchState;
import java.util.List;

/**
 * One "compare with ..." choice in the editor: the scenario against itself with one switch flipped.
 *
 * @param spec  the variant as a URL writes it, e.g. {@code reinject_db_sets_bs=off}
 * @param label what the choice says, e.g. {@code reinject_db_sets_bs off}
 */
public record CompareOption(String spec, String label) {

    /** Returns a choice for every switch that applies, each flipped from its current value ({@link SwitchChoice}). */
    static List<CompareOption> of(SwitchState state) {
        return SwitchChoice.flipped(state).stream().map(c -> new CompareOption(c.spec(), c.label())).toList();
    }
}
