package dev.shadowstep.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.apic.VectorSet;
import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.event.Interruption.Source;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BoundaryArbiterTest {
    static final long RIP = 0x401010;
    static final CpuState BASE = CpuState.reset(RIP, 0x800000);
    static final CpuState IF1 = BASE.withRflags(Rflags.RESET | Rflags.IF);

    static CpuState withIrq(CpuState s, int vector) {
        return s.withApic(s.apic().request(vector));
    }

    /** DR0 = RIP as an enabled instruction breakpoint (L0, RW=00, LEN=00). */
    static CpuState withCodeBreakpoint(CpuState s) {
        return s.withDr(0, RIP).withDr7(0x401);
    }

    static Decision decide(CpuState s) {
        Decision fast = BoundaryArbiter.resolve(s);
        Decision explained = BoundaryArbiter.explain(s, "cli");
        assertThat(explained.verdict()).as("explaining never changes the decision").isEqualTo(fast.verdict());
        if (fast.delivers()) assertThat(explained.delivery().source()).isEqualTo(fast.delivery().source());
        return explained;
    }

    @Test
    void aQuietBoundaryProceedsToTheNextInstruction() {
        assertThat(decide(BASE).verdict()).isEqualTo(Decision.Verdict.PROCEED);
    }

    @Nested
    class Row4TrapsOnThePreviousInstruction {
        @Test
        void aPendingSingleStepTrapIsDeliveredWithRipOfTheNextInstruction() {
            Decision d = decide(BASE.withPendingDb(Dr6.BS));
            assertThat(d.delivery().source()).isEqualTo(Source.DEBUG_TRAP);
            assertThat(d.delivery().dbCauses()).isEqualTo(Dr6.BS);
            assertThat(d.delivery().pushedRip()).isEqualTo(RIP);
        }

        @Test
        void theStiShadowDoesNotHoldTheTrapButHoldsTheIrq() {
            Decision d = decide(withIrq(IF1, 0xaa).withShadow(Shadow.STI).withPendingDb(Dr6.BS));
            assertThat(d.delivery().source()).isEqualTo(Source.DEBUG_TRAP);
            assertThat(d.why()).contains("STI shadow does not block #DB").contains("before cli");
            assertThat(d.held()).containsExactly("IRQ 0xaa held: STI shadow (blocking by STI lasts one instruction, SDM STI)");
        }

        @Test
        void theMovSsShadowHoldsTheTrap() {
            Decision d = decide(BASE.withShadow(Shadow.MOV_SS).withPendingDb(Dr6.BS | Dr6.B0));
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROCEED);
            assertThat(d.held()).singleElement().asString().startsWith("debug traps (B0|BS) held: MOV SS shadow");
        }

        @Test
        void aCodeBreakpointOnTheNextInstructionMergesIntoTheTrap() {
            Decision d = decide(withCodeBreakpoint(BASE).withPendingDb(Dr6.BS));
            assertThat(d.delivery().source()).isEqualTo(Source.DEBUG_TRAP);
            assertThat(d.delivery().dbCauses()).isEqualTo(Dr6.BS | Dr6.B0);
        }

        @Test
        void theTrapBeatsAnNmiAndAnIrq() {
            Decision d = decide(withIrq(IF1, 0xaa).withNmiPending(true).withPendingDb(Dr6.BS));
            assertThat(d.delivery().source()).isEqualTo(Source.DEBUG_TRAP);
            assertThat(d.held()).containsExactly(
                    "NMI held: lower priority than the #DB (SDM Table 6-2, row 5 after row 4)",
                    "IRQ 0xaa held: lower priority than the #DB (SDM Table 6-2, row 6)");
        }
    }

    @Nested
    class Row5Nmi {
        @Test
        void anNmiBeatsAnIrq() {
            Decision d = decide(withIrq(IF1, 0xaa).withNmiPending(true));
            assertThat(d.delivery().source()).isEqualTo(Source.NMI);
            assertThat(d.delivery().vector()).isEqualTo(2);
        }

        @Test
        void anNmiIsHeldWhileNmisAreBlockedUntilIret() {
            Decision d = decide(BASE.withNmiPending(true).withNmiBlocked(true));
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROCEED);
            assertThat(d.held()).singleElement().asString().contains("until the next IRET");
        }

        @Test
        void anNmiIsHeldInTheStiShadowAsInBochs() {
            Decision d = decide(IF1.withNmiPending(true).withShadow(Shadow.STI));
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROCEED);
            assertThat(d.held()).singleElement().asString().startsWith("NMI held: STI shadow");
        }

        @Test
        void anNmiIsTakenWithIfClear() {
            assertThat(decide(BASE.withNmiPending(true)).delivery().source()).isEqualTo(Source.NMI);
        }
    }

    @Nested
    class Row6MaskableInterrupts {
        @Test
        void anIrqIsDeliveredWhenIfIsSetAndNothingBlocksIt() {
            Decision d = decide(withIrq(IF1, 0xaa));
            assertThat(d.delivery().source()).isEqualTo(Source.IRQ);
            assertThat(d.delivery().vector()).isEqualTo(0xaa);
        }

        @Test
        void anIrqIsHeldWithIfClear() {
            Decision d = decide(withIrq(BASE, 0xaa));
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROCEED);
            assertThat(d.held()).containsExactly("IRQ 0xaa held: IF=0");
        }

        @Test
        void anIrqIsHeldInTheMovSsShadow() {
            Decision d = decide(withIrq(IF1, 0xaa).withShadow(Shadow.MOV_SS));
            assertThat(d.held()).singleElement().asString().startsWith("IRQ 0xaa held: MOV SS shadow");
        }

        @Test
        void theHighestVectorAboveTheProcessorPriorityIsDelivered() {
            CpuState s = IF1.withApic(new Apic(VectorSet.of(0x31, 0xaa), VectorSet.EMPTY, 0));
            assertThat(decide(s).delivery().vector()).isEqualTo(0xaa);
        }

        @Test
        void anIrqWhoseClassIsNotAboveTheTprIsHeld() {
            CpuState s = IF1.withApic(new Apic(VectorSet.of(0xaa), VectorSet.EMPTY, 0xa0));
            Decision d = decide(s);
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROCEED);
            assertThat(d.held()).singleElement().asString().contains("processor priority class 10");
        }

        @Test
        void anIrqBelowTheInServiceVectorWaitsForEoi() {
            CpuState s = IF1.withApic(new Apic(VectorSet.of(0x41), VectorSet.of(0xaa), 0));
            assertThat(decide(s).verdict()).isEqualTo(Decision.Verdict.PROCEED);
        }
    }

    @Nested
    class Row7CodeBreakpointFault {
        @Test
        void anEnabledInstructionBreakpointFaultsBeforeTheInstruction() {
            Decision d = decide(withCodeBreakpoint(BASE));
            assertThat(d.delivery().source()).isEqualTo(Source.CODE_BREAKPOINT);
            assertThat(d.delivery().dbCauses()).isEqualTo(Dr6.B0);
            assertThat(d.delivery().pushedRip()).isEqualTo(RIP);
        }

        @Test
        void rfSuppressesTheInstructionBreakpoint() {
            Decision d = decide(withCodeBreakpoint(BASE).withRflags(Rflags.RESET | Rflags.RF));
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROCEED);
            assertThat(d.held()).singleElement().asString().contains("suppressed: RF=1");
        }

        @Test
        void theMovSsShadowSuppressesTheInstructionBreakpoint() {
            Decision d = decide(withCodeBreakpoint(BASE).withShadow(Shadow.MOV_SS));
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROCEED);
            assertThat(d.held()).singleElement().asString().contains("suppressed: MOV SS shadow");
        }

        @Test
        void anIrqBeatsTheCodeBreakpoint() {
            assertThat(decide(withIrq(withCodeBreakpoint(IF1), 0xaa)).delivery().source()).isEqualTo(Source.IRQ);
        }

        @Test
        void theStiShadowDoesNotSuppressTheInstructionBreakpoint() {
            Decision d = decide(withCodeBreakpoint(IF1).withShadow(Shadow.STI));
            assertThat(d.delivery().source()).isEqualTo(Source.CODE_BREAKPOINT);
        }
    }

    @Nested
    class HltWakeUp {
        final CpuState halted = IF1.withActivity(Activity.HLT);

        @Test
        void aHaltedCpuWithNothingPendingStaysHalted() {
            assertThat(decide(halted).verdict()).isEqualTo(Decision.Verdict.STAY_HALTED);
        }

        @Test
        void anIrqWithIfClearDoesNotWakeHlt() {
            Decision d = decide(withIrq(BASE.withActivity(Activity.HLT), 0xaa));
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.STAY_HALTED);
            assertThat(d.held()).containsExactly("IRQ 0xaa held: IF=0, so it cannot wake HLT");
        }

        @Test
        void aPendingSingleStepTrapAloneDoesNotWakeHlt() {
            assertThat(decide(halted.withPendingDb(Dr6.BS)).verdict()).isEqualTo(Decision.Verdict.STAY_HALTED);
        }

        @Test
        void anIrqWakesHltButTheSingleStepTrapOfHltIsDeliveredFirst() {
            Decision d = decide(withIrq(halted.withPendingDb(Dr6.BS), 0xaa));
            assertThat(d.wakes()).isTrue();
            assertThat(d.delivery().source()).isEqualTo(Source.DEBUG_TRAP);
            assertThat(d.why()).startsWith("HLT woke up for IRQ 0xaa");
            assertThat(d.held()).containsExactly("IRQ 0xaa held: lower priority than the #DB (SDM Table 6-2, row 6)");
        }

        @Test
        void anNmiWakesHltEvenWithIfClear() {
            Decision d = decide(BASE.withActivity(Activity.HLT).withNmiPending(true));
            assertThat(d.wakes()).isTrue();
            assertThat(d.delivery().source()).isEqualTo(Source.NMI);
        }
    }

    /**
     * VMX non-root operation: the exits a VMM armed are taken below row 4 and only without a shadow
     * (SDM Vol. 3C 26.7.4 preemption timer, 26.7.5 interrupt window "if RFLAGS.IF = 1 and there is no
     * blocking of events by STI or by MOV SS", 26.7.6 NMI window "if there is no virtual-NMI blocking").
     */
    @Nested
    class VmExitsBelowRow4 {
        static final int ALL = BoundaryExit.PREEMPTION_TIMER.bit() | BoundaryExit.NMI_WINDOW.bit()
                | BoundaryExit.INTERRUPT_WINDOW.bit() | BoundaryExit.EXTERNAL_INTERRUPT.bit();

        static BoundaryExit exit(CpuState s, int armed) {
            Decision d = BoundaryArbiter.resolve(s, false, armed);
            return d.verdict() == Decision.Verdict.VM_EXIT ? d.exit() : null;
        }

        @Test
        void theInterruptWindowOpensWhenIfIsSet() {
            assertThat(exit(IF1, BoundaryExit.INTERRUPT_WINDOW.bit())).isEqualTo(BoundaryExit.INTERRUPT_WINDOW);
            assertThat(exit(BASE, BoundaryExit.INTERRUPT_WINDOW.bit())).as("IF=0").isNull();
        }

        @Test
        void aShadowBlocksEveryArmedExit() {
            assertThat(exit(IF1.withShadow(Shadow.STI), ALL)).isNull();
            assertThat(exit(IF1.withShadow(Shadow.MOV_SS), ALL)).isNull();
        }

        @Test
        void theNmiWindowWaitsForNmiBlockingToEnd() {
            assertThat(exit(BASE.withNmiBlocked(true), BoundaryExit.NMI_WINDOW.bit())).isNull();
            assertThat(exit(BASE, BoundaryExit.NMI_WINDOW.bit())).isEqualTo(BoundaryExit.NMI_WINDOW);
        }

        @Test
        void theTimerComesFirstThenTheNmiWindowThenTheInterruptWindowThenTheHostInterrupt() {
            assertThat(exit(IF1, ALL)).isEqualTo(BoundaryExit.PREEMPTION_TIMER);
            assertThat(exit(IF1, ALL & ~BoundaryExit.PREEMPTION_TIMER.bit())).isEqualTo(BoundaryExit.NMI_WINDOW);
            assertThat(exit(IF1, BoundaryExit.INTERRUPT_WINDOW.bit() | BoundaryExit.EXTERNAL_INTERRUPT.bit()))
                    .isEqualTo(BoundaryExit.INTERRUPT_WINDOW);
            assertThat(exit(BASE, BoundaryExit.EXTERNAL_INTERRUPT.bit())).isEqualTo(BoundaryExit.EXTERNAL_INTERRUPT);
        }

        @Test
        void aTrapOfThePreviousInstructionRanksAboveThem() {
            Decision d = BoundaryArbiter.resolve(IF1.withPendingDb(Dr6.BS), false, ALL);
            assertThat(d.verdict()).isEqualTo(Decision.Verdict.DELIVER);
            assertThat(d.delivery().source()).isEqualTo(Source.DEBUG_TRAP);
        }

        @Test
        void explainingTakesNoExit() {
            assertThat(decide(IF1).verdict()).isEqualTo(Decision.Verdict.PROCEED);
            assertThat(BoundaryArbiter.resolve(IF1, false, 0)).isSameAs(Decision.PROCEED);
        }
    }
}
