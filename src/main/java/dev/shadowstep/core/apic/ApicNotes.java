package dev.shadowstep.core.apic;

import java.util.ArrayList;
import java.util.List;

/** Sentences for the trace: what a write to an APIC register changed, read from the APIC before and after it. */
public final class ApicNotes {
    private ApicNotes() {}

    /** Returns the name of the xAPIC register at {@code offset} (SDM Vol. 3A Table 11-1). */
    public static String registerName(int offset) {
        if (offset >= Registers.ISR0 && offset < Registers.ISR0 + 0x80) return "ISR bits " + bits(offset - Registers.ISR0);
        if (offset >= Registers.IRR0 && offset < Registers.IRR0 + 0x80) return "IRR bits " + bits(offset - Registers.IRR0);
        return switch (offset) {
            case Registers.ID -> "APIC ID";
            case Registers.VERSION -> "APIC version";
            case Registers.TPR -> "TPR";
            case Registers.PPR -> "PPR";
            case Registers.EOI -> "EOI";
            case Registers.SVR -> "spurious-interrupt vector register";
            case Registers.ICR_LOW -> "ICR low";
            case Registers.ICR_HIGH -> "ICR high";
            case Registers.LVT_TIMER -> "LVT timer";
            case Registers.INITIAL_COUNT -> "timer initial count";
            case Registers.CURRENT_COUNT -> "timer current count";
            case Registers.DIVIDE_CONFIG -> "timer divide configuration";
            default -> String.format("register at offset 0x%x", offset);
        };
    }

    private static String bits(int rel) {
        int n = rel >>> 4;
        return (32 * n + 31) + ":" + (32 * n);
    }

    /** Returns what changed between {@code b} and {@code a} (EOI, TPR, a self-IPI or NMI, ICR high, the timer), in sentences. */
    public static String change(Apic b, Apic a, boolean nmiRaised) {
        List<String> parts = new ArrayList<>(2);
        int retired = b.isr().highest();
        if (retired >= 0 && !a.isr().contains(retired)) {
            parts.add("EOI retires vector 0x" + Integer.toHexString(retired) + " from the ISR (SDM 11.8.5).");
        }
        if (a.tpr() != b.tpr()) {
            parts.add(String.format("TPR = 0x%x: priority class %d (SDM 11.8.3.1).", a.tpr(), a.tpr() >>> 4));
        }
        for (int v : a.irr().toList()) {
            if (!b.irr().contains(v)) parts.add("The self-IPI sets IRR bit 0x" + Integer.toHexString(v) + " (SDM 11.6.1).");
        }
        if (nmiRaised) parts.add("The self-IPI with delivery mode NMI makes an NMI pending (SDM 11.6.1).");
        if (a.icrHigh() != b.icrHigh()) {
            parts.add(String.format("ICR high = 0x%x: destination APIC ID %d for the next ICR write (SDM 11.6.1).",
                    a.icrHigh(), (a.icrHigh() >>> 24) & 0xFF));
        }
        if (a.x2apic() != b.x2apic()) parts.add("The APIC is now in x2APIC mode (SDM 11.12.5).");
        if (!a.timer().equals(b.timer())) parts.add(timer(b.timer(), a.timer()));
        return parts.isEmpty() ? "nothing in the APIC changes (an EOI with nothing in service, or a register this model keeps fixed)."
                : String.join(" ", parts);
    }

    /** Returns what a timer register write changed. */
    public static String timer(ApicTimer b, ApicTimer a) {
        List<String> parts = new ArrayList<>(3);
        if (a.lvt() != b.lvt()) {
            parts.add(String.format("LVT timer = 0x%x: vector 0x%x, %s, %s (SDM 11.5.1)%s.", a.lvt(), a.vector(),
                    a.mode().wireName(), a.masked() ? "masked: it counts but raises no interrupt" : "not masked",
                    a.mode() != b.mode() ? "; the timer mode changed, so the timer stops" : ""));
        }
        if (a.divide() != b.divide()) {
            parts.add(String.format("Divide configuration 0x%x: divide by %d, one count is now %s (SDM 11.5.4, "
                    + "Figure 11-10).", a.divide(), a.divisor(), instructions(a.divisor())));
        }
        if (a.initialCount() != b.initialCount() || a.expiry() != b.expiry()) {
            if (a.expiry() < 0) {
                parts.add("Initial count 0: the timer stops (SDM 11.5.4).");
            } else if (a.initialCount() != b.initialCount() || b.expiry() < 0) {
                parts.add(String.format("Initial count %d: the current count starts at it and drops by one per %s; "
                        + "it reaches 0 at TSC %d (SDM 11.5.4).", a.initialCount(), instructions(a.divisor()), a.expiry()));
            } else {
                parts.add(String.format("The count left now runs at the new rate: 0 at TSC %d.", a.expiry()));
            }
        }
        if (a.deadline() != b.deadline()) {
            parts.add(a.deadline() == 0 ? "IA32_TSC_DEADLINE = 0 disarms the timer (SDM 11.5.4.1)."
                    : String.format("IA32_TSC_DEADLINE = %d: the timer fires when the TSC (instructions retired) reaches it, "
                    + "at once if it already has (SDM 11.5.4.1).", a.deadline()));
        }
        return parts.isEmpty() ? "The timer registers keep their values (SDM 11.5.4)." : String.join(" ", parts);
    }

    private static String instructions(long n) {
        return n == 1 ? "instruction retired" : n + " instructions retired";
    }

    /** Returns the sentence of a timer write that changed nothing: ignored in the mode it is in, or the same value. */
    public static String timerUnchanged(ApicTimer t, boolean deadlineWrite, boolean initialCountWrite) {
        if (deadlineWrite && t.mode() != ApicTimer.Mode.TSC_DEADLINE) {
            return "IA32_TSC_DEADLINE is written outside TSC-deadline mode: the write is ignored (SDM 11.5.4.1).";
        }
        if (initialCountWrite && t.mode() == ApicTimer.Mode.TSC_DEADLINE) {
            return "In TSC-deadline mode a write to the initial count is ignored (SDM 11.5.4.1).";
        }
        return "The timer registers keep their values (SDM 11.5.4).";
    }
}
