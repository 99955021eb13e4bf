package dev.shadowstep.core.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.vmx.Vmcs;
import dev.shadowstep.testing.Seed;
import org.junit.jupiter.api.Test;

/** The STI sub-test of debug_regs.c under KVM (semantics.md 2.1, cases 7-9) with and without each fix. */
class KvmStiTest {

    /** The seed with the selftest's {@code KVM_FEP sti} for its second STI: KVM emulates that one. */
    static final String PROGRAM = Seed.PROGRAM.replace("sti\nfep_sti_end:", "KVM_FEP sti\nfep_sti_end:");

    static KvmGuest seed() {
        return KvmGuest.program(PROGRAM).idt(1, "db_handler").idt(0xaa, "irq_handler").irr(0xaa);
    }

    @Test
    void withBothFixesTheGuestSeesTheSameThreeDeliveriesAsOnBareMetal() {
        KvmGuest.Run run = seed().run();

        assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
        assertThat(run.deliveries).extracting(KvmGuest.Delivered::source, KvmGuest.Delivered::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Interruption.Source.DEBUG_TRAP, "fep_sti_start"),
                        org.assertj.core.groups.Tuple.tuple(Interruption.Source.IRQ, "fep_sti_start"),
                        org.assertj.core.groups.Tuple.tuple(Interruption.Source.DEBUG_TRAP, "fep_sti_end"));
        assertThat(run.deliveries).allMatch(KvmGuest.Delivered::injected);
        assertThat(run.deliveries.get(0).dr6()).isEqualTo(0xffff4ff0L);
        assertThat(run.deliveries.get(2).dr6()).isEqualTo(0xffff4ff0L);
    }

    @Test
    void theHostLaneShowsTheDbExitTheWindowExitTheUdExitAndTheHalt() {
        KvmGuest.Run run = seed().run();

        assertThat(run.exitReasons()).containsExactly("exception", "preemption_timer", "interrupt_window", "msr_write",
                "exception", "hlt");
        assertThat(run.titles(HostStep.Kind.HOST)).containsSubsequence("handle_exception_nmi", "kvm_check_and_inject_events",
                "handle_interrupt_window", "kvm_check_and_inject_events", "kvm_emulate_wrmsr", "handle_ud",
                "KVM emulates sti", "kvm_check_and_inject_events", "kvm_emulate_halt");
    }

    @Test
    void reinjectingTheDbInTheStiShadowSetsPendingDbgBs() {
        KvmGuest.Run run = seed().run();

        assertThat(run.vmcsAfter("handle_exception_nmi").pendingDbg()).isEqualTo(Vmcs.PENDING_BS);
        assertThat(run.vmcsAfter("handle_exception_nmi").interruptibility()).isEqualTo(Vmcs.INTR_STI);
        assertThat(run.step("handle_exception_nmi").why()).contains("fix of 2022");
    }

    @Test
    void theEmulatedStiLeavesStiBlockingAndTheInjectedDbRefreshesBs() {
        KvmGuest.Run run = seed().run();

        assertThat(run.vmcsAfter("KVM emulates sti").interruptibility()).isEqualTo(Vmcs.INTR_STI);
        assertThat(run.vmcsAfter("KVM emulates sti").pendingDbg()).isZero();
        HostStep inject = run.hostSteps.stream().filter(s -> s.title().equals("kvm_check_and_inject_events"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(inject.vmcs().pendingDbg()).isEqualTo(Vmcs.PENDING_BS);
        assertThat(inject.vmcs().entryIntrInfo()).isEqualTo(0x80000301L);
        assertThat(inject.why()).contains("fix of 2026");
    }

    @Test
    void withoutTheEmulatedDbFixTheEntryAfterTheEmulatedStiFailsTheBsCheck() {
        KvmGuest.Run run = seed().withoutEmulatedFix().run();

        assertThat(run.end.status()).isEqualTo(RunEnd.Status.VMENTRY_FAILED);
        assertThat(run.deliveries).hasSize(2);
        HostEvent.EntryFailed failed = run.events.stream().filter(e -> e instanceof HostEvent.EntryFailed)
                .map(e -> (HostEvent.EntryFailed) e).findFirst().orElseThrow();
        assertThat(failed.rip()).isEqualTo(seed().addr("fep_sti_end"));
        assertThat(failed.reason()).isEqualTo("0x80000021");
        assertThat(failed.check()).startsWith("pending debug exceptions: BS must be 1 when RFLAGS.TF=1");
        assertThat(run.exitsToHost()).singleElement().satisfies(x -> {
            assertThat(x.exit()).isEqualTo("KVM_EXIT_FAIL_ENTRY");
            assertThat(x.reason()).isEqualTo("0x80000021");
        });
    }

    @Test
    void withoutTheReinjectFixTheFirstReinjectionFails() {
        KvmGuest.Run run = seed().withoutReinjectFix().run();

        assertThat(run.end.status()).isEqualTo(RunEnd.Status.VMENTRY_FAILED);
        assertThat(run.deliveries).isEmpty();
        assertThat(run.end.state().rip()).isEqualTo(seed().addr("fep_sti_start"));
        assertThat(run.end.message()).contains("BS must be 1");
    }

    @Test
    void theFirstEntryAsksForAnInterruptWindowBecauseIfIsZero() {
        KvmGuest.Run run = seed().run();

        assertThat(run.hostSteps.get(0).title()).isEqualTo("kvm_check_and_inject_events");
        assertThat(run.hostSteps.get(1).kind()).isEqualTo(HostStep.Kind.VMENTRY);
        assertThat(run.step("kvm_check_and_inject_events").why()).contains("interrupt-window exiting");
        assertThat(run.deliveries.get(0).after().dr6() & Dr6.BS).isNotZero();
    }
}
