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
 * @param timer  the APIC timer at start ({@code timer}), {@link Timer#RESET} when absent
 */
public record ApicSetup(List<Integer> irr, List<Integer> isr, int tpr, boolean x2apic, Timer timer) {

    public static final ApicSetup DEFAULT = new ApicSetup(List.of(), List.of(), 0, true, Timer.RESET);

    /** An APIC setup in x2APIC mode with the timer at reset. */
    public ApicSetup(List<Integer> irr, List<Integer> isr, int tpr) {
        this(irr, isr, tpr, true, Timer.RESET);
    }

    /** An APIC setup with the timer at reset. */
    public ApicSetup(List<Integer> irr, List<Integer> isr, int tpr, boolean x2apic) {
        this(irr, isr, tpr, x2apic, Timer.RESET);
    }

    /**
     * The timer registers at start, as if written at TSC 0 (SDM Vol. 3A 11.5.4): a non-zero initial
     * count is counting from TSC 0, a non-zero deadline in TSC-deadline mode is armed.
     *
     * @param lvt          the LVT timer register (reset: 0x10000, masked)
     * @param divide       the divide configuration (reset: 0, divide by 2)
     * @param initialCount the initial count (0: not counting)
     * @param deadline     IA32_TSC_DEADLINE (0: disarmed)
     */
    public record Timer(int lvt, int divide, long initialCount, long deadline) {
        public static final Timer RESET = new Timer(1 << 16, 0, 0, 0);
    }

    public ApicSetup {
        irr = List.copyOf(irr);
        isr = List.copyOf(isr);
    }
}
