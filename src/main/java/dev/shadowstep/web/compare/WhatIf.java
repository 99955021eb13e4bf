package dev.shadowstep.web.compare;

import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.switches.HostActionEditor;
import dev.shadowstep.web.switches.Variant;
import java.util.Locale;

/**
 * A what-if fork of a run at one step: the same scenario with one change, derived by text-preserving
 * edits so the fork is an ordinary scenario (it can be edited, shared and compared again). A raised
 * IRQ or NMI is a {@code host} action {@code at_step: N} (it fires at the boundary before step N,
 * scenario-format.md); a flipped switch is the editor's switch edit.
 *
 * @param what   {@code irq}, {@code nmi} or {@code switch}
 * @param step   the step the change is made at (for a switch, where the compare opens)
 * @param vector the IRQ vector (16-255), for {@code irq}
 * @param spec   the switch setting, {@code name=value}, for {@code switch}
 */
public record WhatIf(String what, int step, Integer vector, String spec) {

    /** Returns the fork of {@code text}. @throws BadRequestException saying what is missing or wrong */
    public String apply(String text) {
        if (step < 0) throw new BadRequestException("A what-if needs a step of 0 or more, not " + step + ".");
        return switch (what == null ? "" : what.strip().toLowerCase(Locale.ROOT)) {
            case "irq" -> {
                if (vector == null || vector < 16 || vector > 255) {
                    throw new BadRequestException("Raise which IRQ? Give a vector from 16 to 255 (0x10-0xff), e.g. 0xaa.");
                }
                yield HostActionEditor.add(text, "at_step: " + step + ", raise_irq: 0x" + Integer.toHexString(vector));
            }
            case "nmi" -> HostActionEditor.add(text, "at_step: " + step + ", raise_nmi: true");
            case "switch" -> Variant.parse(spec).apply(text);
            default -> throw new BadRequestException("What if what? Choose irq (raise an IRQ), nmi (raise an NMI) or "
                    + "switch (flip a setting), not '" + what + "'.");
        };
    }

    /** Returns the fork in words: {@code IRQ 0xaa raised at step 3}, {@code emulated_db_sets_bs off}. */
    public String describe() {
        return switch (what.strip().toLowerCase(Locale.ROOT)) {
            case "irq" -> "IRQ 0x" + Integer.toHexString(vector) + " raised at step " + step;
            case "nmi" -> "NMI raised at step " + step;
            default -> Variant.parse(spec).describe();
        };
    }
}
