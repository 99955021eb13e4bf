package dev.shadowstep.core.event;

import dev.shadowstep.core.apic.ApicTimer;

/**
 * The local APIC timer expired at an instruction boundary ({@link Machine}): its LVT vector is now
 * requested in the IRR unless the entry is masked, and the {@link BoundaryArbiter} delivers it like
 * any other IRQ.
 *
 * @param tsc     the TSC (instructions retired) at the expiry
 * @param from    the TSC before: less than {@code tsc} when the CPU was halted and time jumped to the expiry
 * @param timer   the timer as it was when it expired
 * @param byKvm   the timer is KVM's emulated one (no APICv), not the CPU's
 */
public record TimerExpiry(long tsc, long from, ApicTimer timer, boolean byKvm) {

    /** Returns the rule of the step. */
    public EventRule rule() {
        return byKvm ? EventRule.KVM_LAPIC_TIMER_EXPIRED : EventRule.APIC_TIMER_EXPIRED;
    }

    /** Returns a short title for the trace. */
    public String title() {
        return "APIC timer expires" + (timer.masked() ? " (masked)" : ", IRQ 0x" + Integer.toHexString(timer.vector()));
    }

    /** Returns the why of the step. */
    public String why() {
        String effect;
        if (timer.masked()) {
            effect = "the LVT timer entry is masked, so no interrupt is requested";
        } else if (timer.vector() < 16) {
            effect = "vector 0x" + Integer.toHexString(timer.vector()) + " is illegal (below 16), so the APIC does not deliver it (SDM 11.5.3)";
        } else if (byKvm) {
            effect = "IRR bit 0x" + Integer.toHexString(timer.vector()) + " is set in KVM's APIC; KVM injects the interrupt on a "
                    + "VM entry when the guest can take it (kvm_check_and_inject_events)";
        } else {
            effect = "IRR bit 0x" + Integer.toHexString(timer.vector()) + " is set; the interrupt is delivered like any other "
                    + "(SDM Table 6-2 row 6)";
        }
        effect += switch (timer.mode()) {
            case ONE_SHOT -> "; one-shot: the current count stays 0";
            case PERIODIC -> String.format("; periodic: the count reloads with %d", timer.initialCount());
            case TSC_DEADLINE -> "; TSC-deadline: IA32_TSC_DEADLINE is now 0, disarmed";
            case RESERVED -> "";
        };
        String halted = tsc <= from ? "" : byKvm
                ? String.format("; the vCPU was halted in KVM (kvm_vcpu_block), so time jumps %d instructions to the expiry, and "
                        + "the timer can wake it", tsc - from)
                : String.format("; the CPU was halted, so time jumps %d instructions to the expiry, and HLT can wake on the "
                        + "timer", tsc - from);
        return rule().fill("tsc", String.valueOf(tsc), "mode", timer.mode().wireName(), "halted", halted, "effect", effect,
                "deadline", timer.mode() == ApicTimer.Mode.TSC_DEADLINE ? ".1" : "");
    }
}
