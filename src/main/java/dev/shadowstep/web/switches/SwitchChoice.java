package dev.shadowstep.web.switches;

import java.util.ArrayList;
import java.util.List;

/**
 * One switch flipped from the value a scenario has: the choices of the editor's "Compare with",
 * the scenario page's "Compare with..." and "What if..." menus.
 *
 * @param spec  the setting as a URL writes it, e.g. {@code reinject_db_sets_bs=off}
 * @param label the setting in words ({@link Switch#phrase})
 */
public record SwitchChoice(String spec, String label) {

    /** Returns every switch that applies, each flipped, the KVM fixes first (the question people come with). */
    public static List<SwitchChoice> flipped(SwitchState state) {
        List<SwitchChoice> out = new ArrayList<>();
        if (state == null) return out;
        for (Switch sw : Switch.values()) {
            String value = state.value(sw);
            if (value == null) continue;
            String other = sw.opposite(value);
            out.add(new SwitchChoice(sw.wireName() + "=" + other, sw.phrase(other)));
        }
        out.sort((a, b) -> Boolean.compare(!a.spec().contains("_db_sets_bs"), !b.spec().contains("_db_sets_bs")));
        return out;
    }

    /** Returns the choices for a scenario text, none when it is not readable yet. */
    public static List<SwitchChoice> flipped(String text) {
        try {
            return flipped(SwitchState.read(dev.shadowstep.web.yaml.YamlTree.parse(text)));
        } catch (RuntimeException e) { // not YAML yet, or a section of an unexpected shape: no switches
            return List.of();
        }
    }
}
