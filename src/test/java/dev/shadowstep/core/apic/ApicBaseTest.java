package dev.shadowstep.core.apic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ApicBase}: IA32_APIC_BASE and the xAPIC to x2APIC transition (SDM Vol. 3A 11.12.5). */
class ApicBaseTest {

    @Test
    void readsTheBaseWithEnAndBspAndExtdInX2apicMode() {
        assertThat(ApicBase.read(Apic.RESET)).isEqualTo(0xFEE00D00L);
        assertThat(ApicBase.read(Apic.RESET.withX2apic(false))).isEqualTo(0xFEE00900L);
    }

    @Test
    void settingExtdEntersX2apicMode() {
        // lib/x86/apic.c enable_x2apic: rdmsr, a |= 1 << 10, wrmsr
        X2Apic.Write w = ApicBase.write(Apic.RESET.withX2apic(false), 0xFEE00900L | 1 << 10);
        assertThat(w.gpReason()).isNull();
        assertThat(w.apic().x2apic()).isTrue();
    }

    @Test
    void leavingX2apicModeForXapicModeIsGp() {
        assertThat(ApicBase.write(Apic.RESET, 0xFEE00900L).gpReason()).contains("11.12.5");
    }

    @Test
    void reservedBitsAreGp() {
        assertThat(ApicBase.write(Apic.RESET, 0xFEE00D00L | 1 << 9).gpReason()).contains("reserved");
    }
}
