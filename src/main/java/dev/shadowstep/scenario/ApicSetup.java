package dev.shadowstep.scenario;

import java.util.List;

/**
 * The local APIC at start.
 *
 * @param irr vectors pending at start (16..255), as if a self-IPI had been sent
 * @param isr vectors in service at start (0..255)
 * @param tpr task priority (0..15)
 */
public record ApicSetup(List<Integer> irr, List<Integer> isr, int tpr) {

    public static final ApicSetup DEFAULT = new ApicSetup(List.of(), List.of(), 0);

    public ApicSetup {
        irr = List.copyOf(irr);
        isr = List.copyOf(isr);
    }
}
