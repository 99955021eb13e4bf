package dev.shadowstep.core.apic;

/**
 * The xAPIC interface: the 4 KiB page at the APIC base (IA32_APIC_BASE bits 51:12, 0xfee00000
 * here) whose loads and stores go to the APIC, not memory (SDM Vol. 3A 11.4.1). Registers sit at
 * 16-byte aligned offsets and are accessed with aligned 32-bit loads and stores (SDM 11.4.1: "All
 * registers should be accessed using 128-bit aligned 32-bit loads or stores"); other accesses are
 * undefined on hardware, and this model refuses them (#GP with the reason). In x2APIC mode the
 * page is not decoded (SDM 11.12.1.2): accesses go to memory, of which shadowstep has none there.
 */
public final class XApicPage {
    private XApicPage() {}

    /** The APIC base (IA32_APIC_BASE bits 51:12); relocating it is not modelled. */
    public static final long BASE = 0xFEE00000L;
    /** The size of the page. */
    public static final int SIZE = 4096;

    /** Returns whether a {@code size}-byte access at {@code address} touches the xAPIC page of {@code apic}. */
    public static boolean claims(Apic apic, long address, int size) {
        return !apic.x2apic() && address + size > BASE && address < BASE + SIZE;
    }

    /** What a load from the page read: the value, or the #GP reason. */
    public record Read(long value, String gpReason) {}

    /** Returns the 32-bit load of {@code address} at TSC {@code now}. */
    public static Read read(Apic apic, long address, int size, long now) {
        String bad = accessProblem(address, size);
        if (bad != null) return new Read(0, bad);
        int offset = (int) (address - BASE);
        if (offset >= Registers.ISR0 && offset < Registers.ISR0 + 0x80) {
            return new Read(Registers.word(apic.isr(), (offset - Registers.ISR0) >>> 4), null);
        }
        if (offset >= Registers.IRR0 && offset < Registers.IRR0 + 0x80) {
            return new Read(Registers.word(apic.irr(), (offset - Registers.IRR0) >>> 4), null);
        }
        ApicTimer t = apic.timer();
        long v = switch (offset) {
            case Registers.ID -> 0;                                   // APIC ID 0 in bits 31:24
            case Registers.VERSION -> Registers.VERSION_VALUE;
            case Registers.TPR -> apic.tpr();
            case Registers.PPR -> apic.processorPriority();
            case Registers.SVR -> Registers.SVR_VALUE;
            case Registers.ICR_LOW -> 0;                              // delivery status (bit 12) idle: the IPI is sent at once
            case Registers.ICR_HIGH -> apic.icrHigh() & 0xFFFFFFFFL;
            case Registers.LVT_TIMER -> t.lvt();
            case Registers.INITIAL_COUNT -> t.initialCount();
            case Registers.CURRENT_COUNT -> t.currentCount(now);
            case Registers.DIVIDE_CONFIG -> t.divide();
            default -> 0;                                             // EOI and the registers not modelled read 0
        };
        return new Read(v, null);
    }

    /** Returns the effect of a 32-bit store of {@code value} to {@code address} at TSC {@code now}. */
    public static X2Apic.Write write(Apic apic, long address, int size, long value, long now) {
        String bad = accessProblem(address, size);
        if (bad != null) return X2Apic.Write.gp(apic, bad);
        int offset = (int) (address - BASE);
        int v = (int) value;
        return switch (offset) {
            // xAPIC EOI: "a write of any value" retires the highest in-service vector (SDM 11.8.5)
            case Registers.EOI -> X2Apic.Write.ok(apic.endOfInterrupt(), Registers.eoiNote(apic));
            case Registers.TPR -> X2Apic.Write.ok(apic.withTpr(v & 0xFF), String.format(
                    "TPR = 0x%x: priority class %d (SDM 11.8.3.1; bits 31:8 are reserved).", v & 0xFF, (v & 0xFF) >>> 4));
            case Registers.ICR_HIGH -> X2Apic.Write.ok(apic.withIcrHigh(v & 0xFF000000),
                    String.format("ICR high = 0x%x: destination APIC ID %d for the next ICR write (SDM 11.6.1).",
                            v & 0xFF000000, (v >>> 24) & 0xFF));
            // writing the low doubleword of the ICR sends the IPI (SDM 11.6.1)
            case Registers.ICR_LOW -> Registers.interruptCommand(apic, v, (apic.icrHigh() >>> 24) & 0xFF);
            case Registers.LVT_TIMER, Registers.INITIAL_COUNT, Registers.DIVIDE_CONFIG -> Registers.timerWrite(apic, offset, v, now);
            case Registers.SVR -> X2Apic.Write.ok(apic, "The spurious-interrupt vector register is kept software-enabled "
                    + "(SVR writes are not modelled).");
            default -> X2Apic.Write.ok(apic, String.format("xAPIC register at offset 0x%x is read-only or not modelled: "
                    + "the write has no effect.", offset));
        };
    }

    /** Returns why an access is refused, or null for an aligned 32-bit access inside the page. */
    private static String accessProblem(long address, int size) {
        if (size != 4 || (address & 0xF) != 0 || address < BASE || address + size > BASE + SIZE) {
            return String.format("a %d-byte access at 0x%x in the xAPIC page: registers are accessed with 16-byte aligned "
                    + "32-bit loads and stores (SDM 11.4.1); other accesses are undefined, and this model refuses them "
                    + "with #GP(0)", size, address);
        }
        return null;
    }
}
