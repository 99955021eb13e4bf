package dev.shadowstep.core.apic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link XApicPage}: the xAPIC registers at their SDM Vol. 3A Table 11-1 offsets from 0xfee00000. */
class XApicPageTest {
    static final long BASE = 0xFEE00000L;
    static final Apic XAPIC = Apic.RESET.withX2apic(false);

    static X2Apic.Write store(Apic a, int offset, long value) {
        return XApicPage.write(a, BASE + offset, 4, value, 0);
    }

    static long load(Apic a, int offset) {
        XApicPage.Read r = XApicPage.read(a, BASE + offset, 4, 0);
        assertThat(r.gpReason()).isNull();
        return r.value();
    }

    @Test
    void thePageIsDecodedOnlyInXapicMode() {
        assertThat(XApicPage.claims(XAPIC, BASE + 0xB0, 4)).isTrue();
        // SDM 11.12.1.2: in x2APIC mode the memory-mapped interface is not available
        assertThat(XApicPage.claims(Apic.RESET, BASE + 0xB0, 4)).isFalse();
        assertThat(XApicPage.claims(XAPIC, BASE + 4096, 4)).isFalse();
        assertThat(XApicPage.claims(XAPIC, BASE - 2, 4)).isTrue();   // straddles the page: refused below
    }

    @Test
    void anEoiStoreRetiresTheHighestInServiceVector() {
        Apic a = new Apic(VectorSet.EMPTY, VectorSet.of(0x31, 0xEE), 0).withX2apic(false);
        // SDM 11.8.5: the EOI write retires the highest-priority ISR bit; the value written does not matter
        Apic after = store(a, 0xB0, 0x1234).apic();
        assertThat(after.isr().toList()).containsExactly(0x31);
    }

    @Test
    void tprStoresAndPprReadsFollowSdm11_8_3_1() {
        Apic a = store(new Apic(VectorSet.EMPTY, VectorSet.of(0x51), 0).withX2apic(false), 0x80, 0x43).apic();
        assertThat(load(a, 0x80)).isEqualTo(0x43);
        // TPR class 4 < ISRV class 5: PPR[7:4] = 5, PPR[3:0] = 0
        assertThat(load(a, 0xA0)).isEqualTo(0x50);
        Apic higher = store(a, 0x80, 0x6A).apic();
        // TPR class 6 >= ISRV class 5: PPR = TPR
        assertThat(load(higher, 0xA0)).isEqualTo(0x6A);
    }

    @Test
    void isrAndIrrReadAsEight32BitWords() {
        Apic a = new Apic(VectorSet.of(0x20, 0xFF), VectorSet.of(0x41), 0).withX2apic(false);
        assertThat(load(a, 0x200 + 0x10)).isEqualTo(1L);            // IRR bits 63:32: vector 0x20
        assertThat(load(a, 0x200 + 0x70)).isEqualTo(0x80000000L);   // IRR bits 255:224: vector 0xff
        assertThat(load(a, 0x100 + 0x20)).isEqualTo(2L);            // ISR bits 95:64: vector 0x41
    }

    @Nested
    class InterruptCommand {
        @Test
        void aFixedIpiWithTheSelfShorthandSetsTheVectorsIrrBit() {
            // ICR low: shorthand 01 (self) in bits 19:18, fixed delivery, vector 0xAA (SDM 11.6.1)
            Apic after = store(XAPIC, 0x300, 1 << 18 | 0xAA).apic();
            assertThat(after.irr().toList()).containsExactly(0xAA);
        }

        @Test
        void aPhysicalIpiToApicIdZeroIsASelfIpi() {
            Apic a = store(XAPIC, 0x310, 0).apic();                 // ICR high: destination 0 (bits 31:24)
            assertThat(store(a, 0x300, 0x61).apic().irr().toList()).containsExactly(0x61);
        }

        @Test
        void anIpiToAnotherApicIdGoesNowhere() {
            Apic a = store(XAPIC, 0x310, 1 << 24).apic();           // destination APIC ID 1
            assertThat(load(a, 0x310)).isEqualTo(1L << 24);
            assertThat(store(a, 0x300, 0x61).apic().irr().isEmpty()).isTrue();
        }

        @Test
        void aSelfNmiMakesAnNmiPending() {
            assertThat(store(XAPIC, 0x300, 1 << 18 | 4 << 8).raiseNmi()).isTrue();
        }
    }

    @Test
    void theTimerRegistersAreTheOnesOf11_5_4() {
        Apic a = store(XAPIC, 0x320, 0xEE).apic();                 // LVT timer: vector 0xee, one-shot, not masked
        a = store(a, 0x3E0, 0xB).apic();                           // divide by 1
        X2Apic.Write w = XApicPage.write(a, BASE + 0x380, 4, 100, 50);   // initial count 100 at TSC 50
        assertThat(w.apic().timer().nextExpiry()).isEqualTo(150);
        assertThat(XApicPage.read(w.apic(), BASE + 0x390, 4, 120).value()).isEqualTo(30);   // current count
        assertThat(load(w.apic(), 0x320)).isEqualTo(0xEE);
    }

    @Test
    void aNon32BitOrMisalignedAccessIsRefused() {
        // SDM 11.4.1: registers are accessed with 128-bit aligned 32-bit loads and stores
        assertThat(XApicPage.read(XAPIC, BASE + 0xB0, 8, 0).gpReason()).contains("16-byte aligned");
        assertThat(XApicPage.write(XAPIC, BASE + 0xB4, 4, 0, 0).gpReason()).contains("16-byte aligned");
    }
}
