package dev.shadowstep.web.compare;

import dev.shadowstep.web.switches.Switch;
import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.switches.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * One choice in the compare page's A and B lists.
 *
 * @param spec  the variant as the URL writes it (empty: as written)
 * @param label the choice in words
 */
public record VariantOption(String spec, String label) {

    /** Returns "as written" and every single switch the scenario can take, plus the current choices when they are not among them. */
    static List<VariantOption> of(SwitchState state, Variant... current) {
        List<VariantOption> options = new ArrayList<>();
        options.add(new VariantOption("", "as written"));
        if (state != null) {
            for (Switch sw : Switch.values()) {
                if (state.value(sw) == null) continue;
                for (String value : sw.choices()) {
                    options.add(new VariantOption(sw.wireName() + "=" + value, sw.phrase(value)
                            + (value.equals(state.value(sw)) ? " (as written)" : "")));
                }
            }
        }
        for (Variant v : current) {
            if (options.stream().noneMatch(o -> o.spec().equals(v.spec()))) {
                options.add(new VariantOption(v.spec(), v.describe()));
            }
        }
        return options;
    }
}
