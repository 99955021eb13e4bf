package dev.shadowstep.core.apic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

/** {@link ApicTimer}: the counting rules of SDM Vol. 3A 11.5.4 and 11.5.4.1, with one count = divisor instructions retired. */
class ApicTimerTest {

    /** LVT timer mode bits 18:17 (SDM Figure 11-8). */
    static final int ONE_SHOT = 0, PERIODIC = 1 << 17, TSC_DEADLINE = 2 << 17;
    /** Divide configuration 1011b: divide by 1 (SDM Figure 11-10). */
    static final int BY_1 = 0b1011;

    static ApicTimer timer(int lvt, int divide) {
        return ApicTimer.RESET.withLvt(lvt, 0).withDivide(divide, 0);
    }

    @Test
    void afterResetTheEntryIsMaskedAndTheTimerIdle() {
        // SDM 11.5.1: the mask bit is set after reset; the initial count is 0, so the timer is not counting
        assertThat(ApicTimer.RESET.masked()).isTrue();
        assertThat(ApicTimer.RESET.armed()).isFalse();
        assertThat(ApicTimer.RESET.currentCount(1000)).isZero();
    }

    /** SDM Figure 11-10: bits 3, 1:0 of the divide configuration register. */
    record DivideCase(int register, long divisor) {}

    @TestFactory
    Stream<DynamicTest> theDivideConfigurationSelectsTheDivisorOfFigure11_10() {
        return Stream.of(new DivideCase(0b0000, 2), new DivideCase(0b0001, 4), new DivideCase(0b0010, 8),
                        new DivideCase(0b0011, 16), new DivideCase(0b1000, 32), new DivideCase(0b1001, 64),
                        new DivideCase(0b1010, 128), new DivideCase(0b1011, 1))
                .map(c -> DynamicTest.dynamicTest("0b" + Integer.toBinaryString(c.register()) + " divides by " + c.divisor(), () -> {
                    ApicTimer t = ApicTimer.RESET.withDivide(c.register(), 0).withLvt(0x40, 0).withInitialCount(10, 100);
                    assertThat(t.divisor()).isEqualTo(c.divisor());
                    // one count is `divisor` instructions: 10 counts written at TSC 100 reach 0 at 100 + 10 * divisor
                    assertThat(t.nextExpiry()).isEqualTo(100 + 10 * c.divisor());
                }));
    }

    @Nested
    class OneShot {
        @Test
        void theCurrentCountDropsOnePerDivisorInstructionsAndStopsAtZero() {
            ApicTimer t = timer(0x40 | ONE_SHOT, 0b0000).withInitialCount(3, 10);   // divide by 2
            assertThat(t.currentCount(10)).isEqualTo(3);
            assertThat(t.currentCount(11)).isEqualTo(3);   // half a count gone: still 3
            assertThat(t.currentCount(12)).isEqualTo(2);
            assertThat(t.currentCount(15)).isEqualTo(1);
            assertThat(t.currentCount(16)).isZero();
            assertThat(t.nextExpiry()).isEqualTo(16);
        }

        @Test
        void expiringRequestsTheVectorAndLeavesTheTimerStopped() {
            Apic a = Apic.RESET.withTimer(timer(0x40 | ONE_SHOT, BY_1).withInitialCount(5, 0));
            Apic after = a.timerExpired(5);
            assertThat(after.irr().contains(0x40)).isTrue();
            assertThat(after.timer().armed()).isFalse();
            assertThat(after.timer().currentCount(6)).isZero();
            assertThat(after.timer().initialCount()).isEqualTo(5);   // the register keeps its value (SDM 11.5.4)
        }

        @Test
        void aWriteOfZeroToTheInitialCountStopsIt() {
            ApicTimer t = timer(0x40, BY_1).withInitialCount(100, 0).withInitialCount(0, 10);
            assertThat(t.armed()).isFalse();
            assertThat(t.currentCount(10)).isZero();
        }
    }

    @Nested
    class Periodic {
        @Test
        void expiringReloadsTheInitialCount() {
            ApicTimer t = timer(0x40 | PERIODIC, BY_1).withInitialCount(4, 0);
            assertThat(t.nextExpiry()).isEqualTo(4);
            ApicTimer next = t.expired(4);
            assertThat(next.nextExpiry()).isEqualTo(8);
            assertThat(next.currentCount(5)).isEqualTo(3);
            assertThat(next.expired(8).nextExpiry()).isEqualTo(12);
        }

        @Test
        void periodsThatPassedWhileHaltedAreSkippedWithoutDrift() {
            // fired late at TSC 11 (whole periods 4..8..12): the next expiry stays on the period grid
            ApicTimer t = timer(0x40 | PERIODIC, BY_1).withInitialCount(4, 0);
            assertThat(t.expired(11).nextExpiry()).isEqualTo(12);
        }
    }

    @Nested
    class TscDeadline {
        @Test
        void aDeadlineArmsTheTimerAndExpiringDisarmsIt() {
            ApicTimer t = timer(0x40 | TSC_DEADLINE, BY_1).withDeadline(500);
            assertThat(t.nextExpiry()).isEqualTo(500);
            assertThat(t.deadlineRead()).isEqualTo(500);
            ApicTimer after = t.expired(500);
            // SDM 11.5.4.1: the MSR reads 0 after the timer fired; the timer is disarmed
            assertThat(after.deadlineRead()).isZero();
            assertThat(after.armed()).isFalse();
        }

        @Test
        void aWriteOfZeroDisarms() {
            ApicTimer t = timer(0x40 | TSC_DEADLINE, BY_1).withDeadline(500).withDeadline(0);
            assertThat(t.armed()).isFalse();
            assertThat(t.nextExpiry()).isEqualTo(-1);
        }

        @Test
        void theCurrentCountReadsZeroAndTheInitialCountIsIgnored() {
            ApicTimer t = timer(0x40 | TSC_DEADLINE, BY_1).withInitialCount(100, 0);
            assertThat(t.initialCount()).isZero();
            assertThat(t.armed()).isFalse();
            assertThat(t.currentCount(0)).isZero();
        }

        @Test
        void outsideTscDeadlineModeTheMsrWriteIsIgnoredAndReadsZero() {
            ApicTimer t = timer(0x40 | ONE_SHOT, BY_1).withDeadline(500);
            assertThat(t.deadline()).isZero();
            assertThat(t.deadlineRead()).isZero();
            assertThat(t.armed()).isFalse();
        }

        @Test
        void changingTheModeStopsTheTimer() {
            ApicTimer counting = timer(0x40 | ONE_SHOT, BY_1).withInitialCount(100, 0);
            ApicTimer t = counting.withLvt(0x40 | TSC_DEADLINE, 10);
            assertThat(t.armed()).isFalse();
            assertThat(t.initialCount()).isZero();
        }
    }

    @Test
    void aMaskedEntryCountsButRequestsNothing() {
        Apic a = Apic.RESET.withTimer(timer(0x40 | ApicTimer.MASKED | PERIODIC, BY_1).withInitialCount(4, 0));
        Apic after = a.timerExpired(4);
        assertThat(after.irr().isEmpty()).isTrue();
        assertThat(after.timer().nextExpiry()).isEqualTo(8);   // still counting, periodic reload
    }

    @Test
    void anIllegalVectorBelow16IsNotRequested() {
        // SDM 11.5.3: vectors 0-15 are illegal; the APIC reports an error and does not deliver
        Apic after = Apic.RESET.withTimer(timer(0x05, BY_1).withInitialCount(1, 0)).timerExpired(1);
        assertThat(after.irr().isEmpty()).isTrue();
    }

    @Test
    void changingTheDivideKeepsTheCountsLeft() {
        ApicTimer t = timer(0x40, BY_1).withInitialCount(10, 0);     // 0 at TSC 10
        ApicTimer slower = t.withDivide(0b0000, 4);                   // 6 counts left at TSC 4, now 2 instructions each
        assertThat(slower.currentCount(4)).isEqualTo(6);
        assertThat(slower.nextExpiry()).isEqualTo(4 + 6 * 2);
    }
}
