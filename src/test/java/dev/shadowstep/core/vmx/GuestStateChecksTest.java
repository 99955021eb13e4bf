package dev.shadowstep.core.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Msr;
import dev.shadowstep.core.cpu.Selectors;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Each VM-entry check of SDM 26.3.1.5 with VMCS values that pass it and values that fail it. */
class GuestStateChecksTest {

    static final long TF = 0x100, IF = 0x200;
    static final long EXT_INT_0X30 = 0x80000030L, NMI = 0x80000202L, DB = 0x80000301L, GP = 0x80000b0dL;
    static final long MC = 0x80000312L, MTF = 0x80000700L;

    /**
     * One row: a check, the VMCS fields and guest registers it reads, and whether it must pass.
     *
     * @param check the method name in {@link GuestStateChecks}
     */
    record Case(String check, GuestStateChecks.Check method, Vmcs vmcs, CpuState guest, boolean passes, String what) {
        @Override public String toString() {
            return check + (passes ? " passes " : " fails ") + what;
        }
    }

    static CpuState guest(long rflags) {
        return CpuState.reset(0x401000, 0x800000).withRflags(0x2 | rflags);
    }

    static Vmcs vmcs(long interruptibility, long pendingDbg, long activity, long entryIntrInfo) {
        return Vmcs.guestState(interruptibility, pendingDbg, activity, entryIntrInfo);
    }

    static Case pass(String check, GuestStateChecks.Check m, Vmcs v, CpuState g, String what) {
        return new Case(check, m, v, g, true, what);
    }

    static Case fail(String check, GuestStateChecks.Check m, Vmcs v, CpuState g, String what) {
        return new Case(check, m, v, g, false, what);
    }

    static final CpuState PLAIN = guest(0);
    static final CpuState USER = guest(0).withCpl(3).toBuilder().ss(Selectors.USER_SS).build();

    static final List<Case> CASES = List.of(
            pass("activityStateIsSupported", GuestStateChecks::activityStateIsSupported, vmcs(0, 0, 3, 0), PLAIN, "with wait-for-SIPI (3)"),
            fail("activityStateIsSupported", GuestStateChecks::activityStateIsSupported, vmcs(0, 0, 4, 0), PLAIN, "with activity 4"),
            pass("hltNeedsSsDpl0", GuestStateChecks::hltNeedsSsDpl0, vmcs(0, 0, 1, 0), PLAIN, "with HLT at CPL 0"),
            pass("hltNeedsSsDpl0", GuestStateChecks::hltNeedsSsDpl0, vmcs(0, 0, 0, 0), USER, "active at CPL 3"),
            fail("hltNeedsSsDpl0", GuestStateChecks::hltNeedsSsDpl0, vmcs(0, 0, 1, 0), USER, "with HLT and SS.DPL 3"),
            pass("stiOrMovSsBlockingNeedsActiveState", GuestStateChecks::stiOrMovSsBlockingNeedsActiveState,
                    vmcs(1, 0, 0, 0), guest(IF), "with STI blocking, active"),
            pass("stiOrMovSsBlockingNeedsActiveState", GuestStateChecks::stiOrMovSsBlockingNeedsActiveState,
                    vmcs(0, 0, 1, 0), PLAIN, "in HLT without blocking"),
            fail("stiOrMovSsBlockingNeedsActiveState", GuestStateChecks::stiOrMovSsBlockingNeedsActiveState,
                    vmcs(2, 0, 1, 0), PLAIN, "with MOV SS blocking in HLT"),
            pass("injectionFitsActivityState", GuestStateChecks::injectionFitsActivityState, vmcs(0, 0, 1, DB), PLAIN,
                    "injecting #DB into HLT"),
            pass("injectionFitsActivityState", GuestStateChecks::injectionFitsActivityState, vmcs(0, 0, 1, EXT_INT_0X30),
                    PLAIN, "injecting an interrupt into HLT"),
            pass("injectionFitsActivityState", GuestStateChecks::injectionFitsActivityState, vmcs(0, 0, 1, MTF), PLAIN,
                    "injecting MTF into HLT"),
            pass("injectionFitsActivityState", GuestStateChecks::injectionFitsActivityState, vmcs(0, 0, 2, MC), PLAIN,
                    "injecting #MC into shutdown"),
            pass("injectionFitsActivityState", GuestStateChecks::injectionFitsActivityState, vmcs(0, 0, 0, GP), PLAIN,
                    "injecting #GP while active"),
            fail("injectionFitsActivityState", GuestStateChecks::injectionFitsActivityState, vmcs(0, 0, 1, GP), PLAIN,
                    "injecting #GP into HLT"),
            fail("injectionFitsActivityState", GuestStateChecks::injectionFitsActivityState, vmcs(0, 0, 2, DB), PLAIN,
                    "injecting #DB into shutdown"),
            fail("injectionFitsActivityState", GuestStateChecks::injectionFitsActivityState, vmcs(0, 0, 3, NMI), PLAIN,
                    "injecting an NMI into wait-for-SIPI"),
            pass("interruptibilityReservedBitsAreZero", GuestStateChecks::interruptibilityReservedBitsAreZero,
                    vmcs(0x1F, 0, 0, 0), PLAIN, "with bits 4:0 only"),
            fail("interruptibilityReservedBitsAreZero", GuestStateChecks::interruptibilityReservedBitsAreZero,
                    vmcs(0x20, 0, 0, 0), PLAIN, "with bit 5"),
            pass("notBothStiAndMovSsBlocking", GuestStateChecks::notBothStiAndMovSsBlocking, vmcs(2, 0, 0, 0), PLAIN,
                    "with MOV SS blocking alone"),
            fail("notBothStiAndMovSsBlocking", GuestStateChecks::notBothStiAndMovSsBlocking, vmcs(3, 0, 0, 0), guest(IF),
                    "with both"),
            pass("stiBlockingNeedsIf", GuestStateChecks::stiBlockingNeedsIf, vmcs(1, 0, 0, 0), guest(IF), "with IF=1"),
            pass("stiBlockingNeedsIf", GuestStateChecks::stiBlockingNeedsIf, vmcs(2, 0, 0, 0), PLAIN,
                    "with MOV SS blocking and IF=0"),
            fail("stiBlockingNeedsIf", GuestStateChecks::stiBlockingNeedsIf, vmcs(1, 0, 0, 0), PLAIN, "with IF=0"),
            pass("noStiOrMovSsBlockingWhenInjectingAnInterrupt", GuestStateChecks::noStiOrMovSsBlockingWhenInjectingAnInterrupt,
                    vmcs(0, 0, 0, EXT_INT_0X30), guest(IF), "without blocking"),
            pass("noStiOrMovSsBlockingWhenInjectingAnInterrupt", GuestStateChecks::noStiOrMovSsBlockingWhenInjectingAnInterrupt,
                    vmcs(1, 0, 0, DB), guest(IF), "injecting #DB in an STI shadow"),
            fail("noStiOrMovSsBlockingWhenInjectingAnInterrupt", GuestStateChecks::noStiOrMovSsBlockingWhenInjectingAnInterrupt,
                    vmcs(1, 0, 0, EXT_INT_0X30), guest(IF), "in an STI shadow"),
            fail("noStiOrMovSsBlockingWhenInjectingAnInterrupt", GuestStateChecks::noStiOrMovSsBlockingWhenInjectingAnInterrupt,
                    vmcs(2, 0, 0, EXT_INT_0X30), guest(IF), "in a MOV SS shadow"),
            pass("noMovSsBlockingWhenInjectingAnNmi", GuestStateChecks::noMovSsBlockingWhenInjectingAnNmi,
                    vmcs(1, 0, 0, NMI), guest(IF), "in an STI shadow (this CPU allows it)"),
            fail("noMovSsBlockingWhenInjectingAnNmi", GuestStateChecks::noMovSsBlockingWhenInjectingAnNmi,
                    vmcs(2, 0, 0, NMI), PLAIN, "in a MOV SS shadow"),
            pass("noSmiBlockingOutsideSmm", GuestStateChecks::noSmiBlockingOutsideSmm, vmcs(8, 0, 0, 0), PLAIN,
                    "with NMI blocking only"),
            fail("noSmiBlockingOutsideSmm", GuestStateChecks::noSmiBlockingOutsideSmm, vmcs(4, 0, 0, 0), PLAIN,
                    "with SMI blocking"),
            pass("noNmiBlockingWhenInjectingAVirtualNmi", GuestStateChecks::noNmiBlockingWhenInjectingAVirtualNmi,
                    vmcs(8, 0, 0, DB), PLAIN, "injecting #DB with NMI blocking"),
            fail("noNmiBlockingWhenInjectingAVirtualNmi", GuestStateChecks::noNmiBlockingWhenInjectingAVirtualNmi,
                    vmcs(8, 0, 0, NMI), PLAIN, "injecting an NMI with NMI blocking"),
            pass("enclaveInterruptionNeedsSgx", GuestStateChecks::enclaveInterruptionNeedsSgx, vmcs(0xF, 0, 0, 0), PLAIN,
                    "without bit 4"),
            fail("enclaveInterruptionNeedsSgx", GuestStateChecks::enclaveInterruptionNeedsSgx, vmcs(0x10, 0, 0, 0), PLAIN,
                    "with bit 4"),
            pass("pendingDebugReservedBitsAreZero", GuestStateChecks::pendingDebugReservedBitsAreZero,
                    vmcs(0, 0x1500F, 0, 0), PLAIN, "with B0-B3, bit 12, BS and RTM"),
            fail("pendingDebugReservedBitsAreZero", GuestStateChecks::pendingDebugReservedBitsAreZero,
                    vmcs(0, 0x2000, 0, 0), PLAIN, "with bit 13"),
            fail("pendingDebugReservedBitsAreZero", GuestStateChecks::pendingDebugReservedBitsAreZero,
                    vmcs(0, 1L << 17, 0, 0), PLAIN, "with bit 17"),
            pass("bsSetWhenSingleSteppingInAShadowOrHlt", GuestStateChecks::bsSetWhenSingleSteppingInAShadowOrHlt,
                    vmcs(1, 0x4000, 0, 0), guest(TF | IF), "with TF=1, STI blocking and BS=1 (case 33)"),
            pass("bsSetWhenSingleSteppingInAShadowOrHlt", GuestStateChecks::bsSetWhenSingleSteppingInAShadowOrHlt,
                    vmcs(0, 0, 0, 0), guest(TF), "with TF=1 and no shadow"),
            pass("bsSetWhenSingleSteppingInAShadowOrHlt", GuestStateChecks::bsSetWhenSingleSteppingInAShadowOrHlt,
                    vmcs(1, 0, 0, 0), guest(TF | IF).withDebugctl(Msr.DEBUGCTL_BTF), "with TF=1 and BTF=1"),
            fail("bsSetWhenSingleSteppingInAShadowOrHlt", GuestStateChecks::bsSetWhenSingleSteppingInAShadowOrHlt,
                    vmcs(1, 0, 0, 0), guest(TF | IF), "with TF=1, STI blocking and BS=0 (case 32)"),
            fail("bsSetWhenSingleSteppingInAShadowOrHlt", GuestStateChecks::bsSetWhenSingleSteppingInAShadowOrHlt,
                    vmcs(2, 0, 0, 0), guest(TF), "with TF=1, MOV SS blocking and BS=0"),
            fail("bsSetWhenSingleSteppingInAShadowOrHlt", GuestStateChecks::bsSetWhenSingleSteppingInAShadowOrHlt,
                    vmcs(0, 0, 1, 0), guest(TF), "with TF=1 in HLT and BS=0"),
            fail("bsSetWhenSingleSteppingInAShadowOrHlt", GuestStateChecks::bsSetWhenSingleSteppingInAShadowOrHlt,
                    vmcs(1, 0x1001, 0, 0), guest(TF | IF), "with TF=1, STI blocking and only B0 pending"),
            pass("bsClearWhenNotSingleSteppingInAShadowOrHlt", GuestStateChecks::bsClearWhenNotSingleSteppingInAShadowOrHlt,
                    vmcs(0, 0x4000, 0, 0), PLAIN, "with BS=1 outside a shadow"),
            pass("bsClearWhenNotSingleSteppingInAShadowOrHlt", GuestStateChecks::bsClearWhenNotSingleSteppingInAShadowOrHlt,
                    vmcs(1, 0, 0, 0), guest(IF), "with TF=0, STI blocking and BS=0"),
            fail("bsClearWhenNotSingleSteppingInAShadowOrHlt", GuestStateChecks::bsClearWhenNotSingleSteppingInAShadowOrHlt,
                    vmcs(1, 0x4000, 0, 0), guest(IF), "with TF=0, STI blocking and BS=1 (case 34)"),
            fail("bsClearWhenNotSingleSteppingInAShadowOrHlt", GuestStateChecks::bsClearWhenNotSingleSteppingInAShadowOrHlt,
                    vmcs(1, 0x4000, 0, 0), guest(TF | IF).withDebugctl(Msr.DEBUGCTL_BTF), "with TF=1, BTF=1 and BS=1"),
            pass("rtmBitNeedsRtm", GuestStateChecks::rtmBitNeedsRtm, vmcs(0, 0x1000, 0, 0), PLAIN, "with bit 12 alone"),
            fail("rtmBitNeedsRtm", GuestStateChecks::rtmBitNeedsRtm, vmcs(0, 0x11000, 0, 0), PLAIN, "with RTM and bit 12"));

    @TestFactory
    Stream<DynamicTest> eachCaseGivesItsVerdict() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Optional<CheckFailure> f = c.method().check(c.vmcs(), c.guest());
            assertThat(f.isEmpty()).as(f.map(CheckFailure::check).orElse("passed")).isEqualTo(c.passes());
            f.ifPresent(failure -> assertThat(failure.check()).contains("(SDM 26.3.1.5)"));
        }));
    }

    /** The public static methods returning a check failure: the checks themselves. */
    static List<String> checkMethods() {
        return Arrays.stream(GuestStateChecks.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == Optional.class && !m.getName().equals("firstFailure"))
                .map(Method::getName).sorted().toList();
    }

    @Test
    void everyCheckHasAPassingAndAFailingCase() {
        Set<String> passing = CASES.stream().filter(Case::passes).map(Case::check).collect(Collectors.toSet());
        Set<String> failing = CASES.stream().filter(c -> !c.passes()).map(Case::check).collect(Collectors.toSet());
        assertThat(checkMethods()).hasSize(16);
        for (String check : checkMethods()) {
            assertThat(passing).as("a passing case for " + check).contains(check);
            assertThat(failing).as("a failing case for " + check).contains(check);
        }
        assertThat(CASES).extracting(Case::check).allMatch(checkMethods()::contains);
    }

    @Test
    void theOrderListsEveryCheckOnce() {
        assertThat(GuestStateChecks.ORDER).hasSize(checkMethods().size()).doesNotHaveDuplicates();
    }

    @Test
    void theFirstFailureInSdmOrderIsReported() {
        // Reserved interruptibility bits come before the BS rule.
        Optional<CheckFailure> f = GuestStateChecks.firstFailure(vmcs(0x21, 0, 0, 0), guest(TF | IF));
        assertThat(f).map(CheckFailure::check).hasValueSatisfying(c -> assertThat(c).startsWith("interruptibility state: reserved"));
        assertThat(GuestStateChecks.firstFailure(vmcs(1, 0x4000, 0, DB), guest(TF | IF))).isEmpty();
    }

    @Test
    void eachFailureNamesItsCheckInWords() {
        assertThat(GuestStateChecks.bsSetWhenSingleSteppingInAShadowOrHlt(vmcs(1, 0, 0, 0), guest(TF | IF)))
                .map(CheckFailure::check)
                .hasValue("pending debug exceptions: BS must be 1 when RFLAGS.TF=1, IA32_DEBUGCTL.BTF=0 and the guest is in "
                        + "an STI or MOV SS shadow or in HLT (SDM 26.3.1.5)");
    }
}
