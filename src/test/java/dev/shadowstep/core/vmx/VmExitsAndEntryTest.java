package dev.shadowstep.core.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.cpu.VmExit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a VM exit saves (SDM 27.3.4, semantics.md 4.5) and what a VM entry loads (SDM 26.6, 26.7; semantics.md 4.4). */
class VmExitsAndEntryTest {

    static final CpuState GUEST = CpuState.reset(0x401000, 0x800000);
    static final VmExit DB_EXIT = new VmExit(0, Dr6.BS, InterruptionInfo.encode(InterruptionInfo.Type.HARDWARE_EXCEPTION, 1,
            false), 0, 0);
    static final VmExit CPUID_EXIT = VmExit.instruction(ExitReason.CPUID.code(), 0, 2);

    @Nested
    class Exit {
        @Test
        void anInterceptedDbInAnStiShadowSavesStiBlockingAndNoPendingDebugExceptions() {
            CpuState g = GUEST.withRflags(0x302).withShadow(Shadow.STI).withPendingDb(Dr6.BS);
            VmExits.Saved s = VmExits.save(Vmcs.EMPTY, g, DB_EXIT);
            assertThat(s.vmcs().interruptibility()).isEqualTo(Vmcs.INTR_STI);
            assertThat(s.vmcs().pendingDbg()).isZero();
            assertThat(s.vmcs().exitQualification()).isEqualTo(Dr6.BS);
            assertThat(s.guest().pendingDb()).isZero();
        }

        @Test
        void anExitNotCausedByDbInAMovSsShadowSavesTheHeldTraps() {
            CpuState g = GUEST.withShadow(Shadow.MOV_SS).withPendingDb(Dr6.BS | Dr6.B1);
            VmExits.Saved s = VmExits.save(Vmcs.EMPTY, g, CPUID_EXIT);
            assertThat(s.vmcs().interruptibility()).isEqualTo(Vmcs.INTR_MOV_SS);
            assertThat(s.vmcs().pendingDbg()).isEqualTo(Vmcs.PENDING_BS | Vmcs.PENDING_ENABLED_BP | Dr6.B1);
        }

        @Test
        void anExitOutsideAMovSsShadowSavesPendingDebugExceptionsAsZero() {
            CpuState g = GUEST.withShadow(Shadow.STI).withPendingDb(Dr6.BS);
            assertThat(VmExits.save(Vmcs.EMPTY, g, CPUID_EXIT).vmcs().pendingDbg()).isZero();
        }

        @Test
        void everyExitClearsTheValidBitOfTheEntryInjectionAndRecordsNmiBlockingAndHlt() {
            Vmcs v = Vmcs.EMPTY.withEntryIntrInfo(0x80000301L);
            VmExits.Saved s = VmExits.save(v, GUEST.withNmiBlocked(true).withActivity(Activity.HLT), CPUID_EXIT);
            assertThat(s.vmcs().entryIntrInfo()).isEqualTo(0x301);
            assertThat(s.vmcs().interruptibility()).isEqualTo(Vmcs.INTR_NMI);
            assertThat(s.vmcs().activityState()).isEqualTo(Vmcs.HLT);
            assertThat(s.vmcs().exitReason()).isEqualTo(10);
        }
    }

    @Nested
    class Entry {
        @Test
        void aFailedCheckLoadsNothingAndReportsExitReason0x80000021() {
            Vmcs v = Vmcs.guestState(Vmcs.INTR_STI, 0, 0, 0);
            VmEntry.Result r = VmEntry.enter(v, GUEST.withRflags(0x302));
            assertThat(r).isInstanceOf(VmEntry.Failed.class);
            VmEntry.Failed f = (VmEntry.Failed) r;
            assertThat(f.vmcs().exitReason()).isEqualTo(0x80000021L);
            assertThat(f.failure().check()).contains("BS must be 1");
        }

        @Test
        void pendingBsBecomesAPendingTrapAndTheShadowIsRearmed() {
            Vmcs v = Vmcs.guestState(Vmcs.INTR_STI, Vmcs.PENDING_BS, 0, 0);
            VmEntry.Entered e = (VmEntry.Entered) VmEntry.enter(v, GUEST.withRflags(0x302));
            assertThat(e.guest().shadow()).isEqualTo(Shadow.STI);
            assertThat(e.guest().pendingDb()).isEqualTo(Dr6.BS);
            assertThat(e.injected()).isNull();
        }

        @Test
        void breakpointBitsArePendingOnlyWithBit12() {
            VmEntry.Entered without = (VmEntry.Entered) VmEntry.enter(Vmcs.guestState(0, 0x3, 0, 0), GUEST);
            VmEntry.Entered with = (VmEntry.Entered) VmEntry.enter(Vmcs.guestState(0, 0x1003, 0, 0), GUEST);
            assertThat(without.guest().pendingDb()).isZero();
            assertThat(with.guest().pendingDb()).isEqualTo(0x3);
        }

        @Test
        void aVectoringEntryDoesNotUsePendingDebugExceptions() {
            Vmcs v = Vmcs.guestState(Vmcs.INTR_STI, Vmcs.PENDING_BS, 0, 0x80000301L);
            VmEntry.Entered e = (VmEntry.Entered) VmEntry.enter(v, GUEST.withRflags(0x302));
            assertThat(e.guest().pendingDb()).isZero();
            assertThat(e.injected().vector()).isEqualTo(1);
            assertThat(e.injected().type()).isEqualTo(InterruptionInfo.Type.HARDWARE_EXCEPTION);
        }

        @Test
        void movSsBlockingAndNmiBlockingAreLoaded() {
            VmEntry.Entered e = (VmEntry.Entered) VmEntry.enter(Vmcs.guestState(Vmcs.INTR_MOV_SS | Vmcs.INTR_NMI, 0, 0, 0), GUEST);
            assertThat(e.guest().shadow()).isEqualTo(Shadow.MOV_SS);
            assertThat(e.guest().nmiBlocked()).isTrue();
        }
    }
}
