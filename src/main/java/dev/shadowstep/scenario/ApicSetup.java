package dev.shadowstep.scenario;

import java.util.List;

/**
 * The local APIC at start.
 *
 * @param irr vectors pending at start (16..255), as if a self-IPI had been sent
 * @param isr vectors in service at start (0..255)
 * @param tpr the APIC task-priority register, 0..255; its priority class is bits 7:4
 * @param x2apic the APIC starts in x2APIC mode ({@code mode: x2apic}, the default: registers are MSRs); false is
 *               {@code mode: xapic} (registers are the MMIO page at 0xfee00000)
 */
public record ApicSetup(List<Integer> irr, List<Integer> isr, int tpr, boolean x2apic) {

    public static final ApicSetup DEFAULT = new ApicSetup(List.of(), List.of(), 0, true);

    /** An APIC setup in x2APIC mode. */
    public ApicSetup(List<Integer> irr, List<Integer> isr, int tpr) {
        this(irr, isr, tpr, true);
    }

    public ApicSetup {
        irr = List.copyOf(irr);
        isr = List.copyOf(isr);
    }
}
