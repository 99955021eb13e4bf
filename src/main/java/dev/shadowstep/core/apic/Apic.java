package dev.shadowstep.core.apic;

/**
 * The local APIC's interrupt state (SDM Vol. 3 11.8): IRR (requests), ISR (in service) and
 * TPR. The processor priority is the higher of the task priority class and the class of the
 * highest in-service vector; a request is delivered only when its class is above it
 * (SDM 11.8.3.1).
 */
public record Apic(VectorSet irr, VectorSet isr, int tpr) {

    public static final Apic RESET = new Apic(VectorSet.EMPTY, VectorSet.EMPTY, 0);

    public Apic {
        if (irr == null || isr == null) {
            throw new IllegalArgumentException("IRR and ISR must be given (use VectorSet.EMPTY)");
        }
        if (tpr < 0 || tpr > 255) {
            throw new IllegalArgumentException("TPR " + tpr + " is out of range: TPR is 0-255 (bits 31:8 are reserved)");
        }
    }

    /** Returns the processor-priority class (0-15): max(TPR[7:4], class of the highest ISR vector). */
    public int processorPriorityClass() {
        int isrClass = isr.isEmpty() ? 0 : isr.highest() >>> 4;
        return Math.max(tpr >>> 4, isrClass);
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
        return new Apic(irr.without(vector), isr.with(vector), tpr);
    }

    /** Returns the APIC with {@code vector} requested (IRR bit set). */
    public Apic request(int vector) {
        return new Apic(irr.with(vector), isr, tpr);
    }

    /** Returns the APIC after an EOI: the highest in-service vector is retired (SDM 11.8.5). */
    public Apic endOfInterrupt() {
        int v = isr.highest();
        return v < 0 ? this : new Apic(irr, isr.without(v), tpr);
    }

    /** Returns the APIC with a new task priority. */
    public Apic withTpr(int value) {
        return new Apic(irr, isr, value);
    }
}
