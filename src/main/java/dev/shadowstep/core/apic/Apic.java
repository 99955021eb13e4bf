package dev.shadowstep.core.apic;

/**
 * The local APIC (SDM Vol. 3A chapter 11; chapter 12 in newer editions): IRR (requests), ISR (in
 * service) and TPR (SDM 11.8); which interface software uses, xAPIC (the MMIO page at
 * IA32_APIC_BASE, SDM 11.4.1) or x2APIC (MSRs, SDM 11.12); ICR bits 63:32 as the xAPIC
 * interface last wrote them (SDM 11.6.1); and the {@link ApicTimer}. The processor priority is
 * the higher of the task priority class and the class of the highest in-service vector; a
 * request is delivered only when its class is above it (SDM 11.8.3.1).
 *
 * @param x2apic whether the APIC is in x2APIC mode (IA32_APIC_BASE.EXTD = 1); false is xAPIC mode
 * @param icrHigh the xAPIC ICR high word (offset 0x310): the destination in bits 31:24
 */
public record Apic(VectorSet irr, VectorSet isr, int tpr, boolean x2apic, int icrHigh, ApicTimer timer) {

    /**
     * The APIC a run starts with: x2APIC mode, as kvm-unit-tests' start64 leaves it before main
     * (enable_x2apic, x86/cstart64.S), timer at reset.
     */
    public static final Apic RESET = new Apic(VectorSet.EMPTY, VectorSet.EMPTY, 0, true, 0, ApicTimer.RESET);

    public Apic {
        if (irr == null || isr == null || timer == null) {
            throw new IllegalArgumentException("IRR, ISR and the timer must be given (use VectorSet.EMPTY, ApicTimer.RESET)");
        }
        if (tpr < 0 || tpr > 255) {
            throw new IllegalArgumentException("TPR " + tpr + " is out of range: TPR is 0-255 (bits 31:8 are reserved)");
        }
    }

    /** An APIC in x2APIC mode with a timer at reset. */
    public Apic(VectorSet irr, VectorSet isr, int tpr) {
        this(irr, isr, tpr, true, 0, ApicTimer.RESET);
    }

    /** Returns the processor-priority class (0-15): max(TPR[7:4], class of the highest ISR vector). */
    public int processorPriorityClass() {
        int isrClass = isr.isEmpty() ? 0 : isr.highest() >>> 4;
        return Math.max(tpr >>> 4, isrClass);
    }

    /**
     * Returns the processor-priority register (SDM 11.8.3.1): PPR[7:4] is the priority class; PPR[3:0]
     * is TPR[3:0] when TPR[7:4] >= ISRV[7:4], else 0.
     */
    public int processorPriority() {
        int isrv = isr.isEmpty() ? 0 : isr.highest();
        return (tpr >>> 4) >= (isrv >>> 4) ? tpr : isrv & 0xF0;
    }

    /** Returns the highest requested vector, or -1. */
    public int highestRequest() {
        return irr.highest();
    }

    /** Returns the vector the APIC would present to the CPU now, or -1 when none is above the processor priority. */
    public int deliverable() {
        int v = irr.highest();
        return v >= 0 && (v >>> 4) > processorPriorityClass() ? v : -1;
    }

    /** Returns the APIC after the CPU accepted {@code vector}: IRR bit moved to ISR. */
    public Apic accept(int vector) {
        return new Apic(irr.without(vector), isr.with(vector), tpr, x2apic, icrHigh, timer);
    }

    /** Returns the APIC with {@code vector} requested (IRR bit set). */
    public Apic request(int vector) {
        return new Apic(irr.with(vector), isr, tpr, x2apic, icrHigh, timer);
    }

    /** Returns the APIC after an EOI: the highest in-service vector is retired (SDM 11.8.5). */
    public Apic endOfInterrupt() {
        int v = isr.highest();
        return v < 0 ? this : new Apic(irr, isr.without(v), tpr, x2apic, icrHigh, timer);
    }

    /** Returns the APIC with a new task priority. */
    public Apic withTpr(int value) {
        return new Apic(irr, isr, value, x2apic, icrHigh, timer);
    }

    /** Returns the APIC in x2APIC mode ({@code true}) or xAPIC mode. */
    public Apic withX2apic(boolean value) {
        return new Apic(irr, isr, tpr, value, icrHigh, timer);
    }

    /** Returns the APIC with a new xAPIC ICR high word. */
    public Apic withIcrHigh(int value) {
        return new Apic(irr, isr, tpr, x2apic, value, timer);
    }

    /** Returns the APIC with a new timer state. */
    public Apic withTimer(ApicTimer value) {
        return new Apic(irr, isr, tpr, x2apic, icrHigh, value);
    }

    /**
     * Returns the APIC after its timer fired at TSC {@code now}: the timer moves on ({@link
     * ApicTimer#expired}) and, unless the LVT entry is masked, the LVT vector's IRR bit is set (SDM
     * 11.5.4, 11.5.1: a masked entry inhibits the interrupt; a vector below 16 is an illegal vector,
     * which the APIC does not deliver, SDM 11.5.3).
     */
    public Apic timerExpired(long now) {
        Apic a = withTimer(timer.expired(now));
        return timer.masked() || timer.vector() < 16 ? a : a.request(timer.vector());
    }
}
