package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Host phases under KVM: userspace reacts to exits to userspace only as the on_exit actions say, with the
 * ioctls' own rules (arch/x86/kvm/x86.c kvm_arch_vcpu_ioctl_set_guest_debug, __set_regs, __kvm_set_rflags,
 * kvm_vcpu_ioctl_x86_set_debugregs, complete_fast_pio_in), and every step knows its KVM_RUN call.
 */
class HostPhasesKvmTest {

    private static Trace run(String yaml) {
        Trace trace = ScenarioRunner.run(ScenarioLoader.load(yaml), null);
        assertThat(trace.expectations()).as("%s", trace.expectations()).allMatch(ExpectationResult::ok);
        return trace;
    }

    private static List<Step> steps(Trace trace, String text) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < trace.steps().size(); i++) {
            if (trace.steps().get(i).text().equals(text)) out.add(trace.steps().get(i));
        }
        return out;
    }

    private static Step last(Trace trace) {
        return trace.steps().get(trace.steps().size() - 1);
    }

    /**
     * With an on_exit action written, userspace moves no RIP by itself: KVM reports #BP with pc = the int3 (the
     * VM exit saves the RIP of a software exception's instruction, SDM Vol. 3C 27.1), so KVM_RUN 2 runs the
     * int3 again and exits again; the stop after the second exit ends the run in phase 2.
     */
    @Test
    void withoutASkipTheInt3ExitsAgainAndStopEndsTheRun() {
        Trace trace = run("""
                format: 1
                title: int3 twice
                idt: {3: bp_handler}
                hypervisor: {kind: kvm-vmx, guest_debug: [ENABLE, USE_SW_BP]}
                host:
                  - on_exit: {reason: debug, nth: 2}
                    stop: true
                    note: "kvm_vm_free(vm)"
                program: |
                  sw_bp: int3
                  cli
                  hlt
                  bp_handler: ud2
                expect:
                  - exit_to_host: {exit: KVM_EXIT_DEBUG, exception: 3, pc: sw_bp}
                  - exit_to_host: {exit: KVM_EXIT_DEBUG, exception: 3, pc: sw_bp}
                  - exit_to_host: {count: 2}
                  - bp: {count: 0}
                  - outcome: completed
                """);
        List<Step> exits = steps(trace, "KVM_EXIT_DEBUG");
        assertThat(exits).extracting(Step::phase).containsExactly(1, 2);
        assertThat(exits.get(0).why()).contains("KVM_RUN 1 returns").contains("from handle_exception_nmi")
                .contains("No host action reacts");
        assertThat(exits.get(1).why()).contains("host[0], line 6: kvm_vm_free(vm)");
        assertThat(steps(trace, "KVM_RUN")).singleElement().extracting(Step::phase).isEqualTo(2);
        assertThat(last(trace).text()).isEqualTo("userspace stops");
        assertThat(last(trace).phase()).isEqualTo(2);
        assertThat(last(trace).rule()).isEqualTo("USERSPACE_STOPS");
        assertThat(trace.outcome().message()).contains("Userspace stopped");
        assertThat(trace.steps().get(0).phase()).isEqualTo(1);
    }

    /**
     * KVM_SET_GUEST_DEBUG without SINGLESTEP after a single-step exit: kvm_get_rflags hides the TF KVM set, and
     * kvm_set_rflags writes RFLAGS back without it, so the guest runs on with no #DB of its own.
     */
    @Test
    void turningSingleStepOffDropsTheTfKvmSet() {
        Trace trace = run("""
                format: 1
                title: single-step off
                idt: {1: db_handler}
                hypervisor: {kind: kvm-vmx, guest_debug: [ENABLE, SINGLESTEP]}
                host:
                  - on_exit: {reason: debug, nth: 1}
                    set_guest_debug: {flags: []}
                program: |
                  start: nop
                  second: nop
                  nop
                  cli
                  hlt
                  db_handler: ud2
                expect:
                  - exit_to_host: {exit: KVM_EXIT_DEBUG, exception: 1, pc: second, dr6: 0xffff4ff0}
                  - exit_to_host: {count: 1}
                  - db: {count: 0}
                  - outcome: completed
                """);
        assertThat(last(trace).state().tf()).isFalse();
        assertThat(steps(trace, "KVM_SET_GUEST_DEBUG").getLast().why()).contains("control = 0").contains("without the TF");
    }

    /**
     * KVM_SET_REGS at a RIP other than singlestep_rip: __kvm_set_rflags sets TF again only at singlestep_rip, and
     * the RFLAGS userspace read (kvm_get_rflags) had TF hidden, so TF is gone although SINGLESTEP is still set.
     */
    @Test
    void setRegsAwayFromSinglestepRipDropsTf() {
        Trace trace = run("""
                format: 1
                title: set regs under single-step
                hypervisor: {kind: kvm-vmx, guest_debug: [ENABLE, SINGLESTEP]}
                host:
                  - on_exit: {reason: debug, nth: 1}
                    set_regs: {rax: 5}
                program: |
                  start: nop
                  second: nop
                  nop
                  cli
                  hlt
                expect:
                  - exit_to_host: {exit: KVM_EXIT_DEBUG, pc: second}
                  - exit_to_host: {count: 1}
                  - outcome: completed
                """);
        Step set = steps(trace, "KVM_SET_REGS").getFirst();
        assertThat(set.state().tf()).isFalse();
        assertThat(set.state().regs()[0]).isEqualTo(5);
        assertThat(set.rule()).isEqualTo("KVM_SET_REGS");
    }

    /**
     * USE_HW_BP: the host's DR1/DR7 are in the hardware and report the breakpoint on `other` (DR7 = GUEST_DR7 =
     * 0x404, handle_exception_nmi). KVM_SET_DEBUGREGS then writes the guest's own DR0/DR7 (vcpu->arch.db, dr7),
     * not the hardware's; turning guest debugging off gives the hardware the guest's values, and the guest's own
     * instruction breakpoint on `target` is an ordinary #DB for its handler, with DR6.B0 (SDM Vol. 3B 18.2.3).
     */
    @Test
    void debugRegistersGoToTheGuestWhileTheHostOwnsTheHardware() {
        Trace trace = run("""
                format: 1
                title: host and guest breakpoints
                idt: {1: db_handler}
                hypervisor:
                  kind: kvm-vmx
                  guest_debug: [ENABLE, USE_HW_BP]
                  debugregs: {dr1: other, dr7: 0x404}
                host:
                  - on_exit: {reason: debug, nth: 1}
                    set_debugregs: {dr0: target, dr7: 0x401}
                  - on_exit: {reason: debug, nth: 1}
                    set_guest_debug: {flags: []}
                program: |
                  nop
                  other: nop
                  target: nop
                  cli
                  hlt
                  db_handler:
                  orq $X86_EFLAGS_RF, 16(%rsp)
                  iretq
                expect:
                  - exit_to_host: {exit: KVM_EXIT_DEBUG, exception: 1, pc: other, dr6: 0xffff0ff2, dr7: 0x404}
                  - db: {at: target, dr6: 0xffff0ff1}
                  - db: {count: 1}
                  - exit_to_host: {count: 1}
                  - outcome: completed
                """);
        Step set = steps(trace, "KVM_SET_DEBUGREGS").getFirst();
        assertThat(set.state().dr7()).as("the hardware keeps the host's DR7").isEqualTo(0x404);
        assertThat(steps(trace, "KVM_SET_GUEST_DEBUG").getLast().state().dr7()).isEqualTo(0x401);
    }

    /** In and out to ports no in-kernel device claims exit with KVM_EXIT_IO; the next KVM_RUN completes them. */
    @Test
    void ioInstructionsExitToUserspaceWithTheirPortAndData() {
        Trace trace = run("""
                format: 1
                title: io exits
                hypervisor: {kind: kvm-vmx}
                program: |
                  mov $0x41, %al
                  out_at: outb %al, $0x80
                  mov $0x1000, %dx
                  in_at: inb %dx, %al
                  after: cli
                  hlt
                expect:
                  - exit_to_host: {exit: KVM_EXIT_IO, port: 0x80, io: out, value: 0x41, at: out_at}
                  - exit_to_host: {exit: KVM_EXIT_IO, port: 0x1000, io: in, at: in_at}
                  - exit_to_host: {count: 2}
                  - outcome: completed
                """);
        List<Event> exits = trace.events().stream().filter(e -> e.type() == Event.Type.EXIT_TO_HOST).toList();
        assertThat(exits).extracting(Event::size).containsExactly(1, 1);
        assertThat(exits.get(1).value()).isNull();
        assertThat(steps(trace, "complete_fast_pio_in")).singleElement()
                .satisfies(s -> assertThat(s.state().rip()).isEqualTo(trace.symbols().get("after")));
        assertThat(steps(trace, "KVM_EXIT_IO")).extracting(Step::phase).containsExactly(1, 2);
    }

    /**
     * complete_fast_pio_in does nothing when userspace moved RIP during the exit (kvm_is_linear_rip): the IN is not
     * completed, AL keeps its value. An on_exit without reason counts every exit; with reason io, only I/O exits.
     */
    @Test
    void movingRipDuringAnIoExitLeavesTheInstructionUndone() {
        Trace trace = run("""
                format: 1
                title: skip the in
                hypervisor: {kind: kvm-vmx, guest_debug: [ENABLE, USE_SW_BP]}
                host:
                  - on_exit: {nth: 1}
                    set_regs: {rip_add: 1}
                  - on_exit: {reason: io, nth: 1}
                    set_regs: {rip: skip_to}
                  - on_exit: {nth: 3}
                    stop: true
                program: |
                  int3
                  mov $0x1000, %dx
                  in %dx, %al
                  ud2
                  skip_to: cli
                  hlt
                expect:
                  - exit_to_host: {exit: KVM_EXIT_DEBUG, exception: 3}
                  - exit_to_host: {exit: KVM_EXIT_IO, port: 0x1000, io: in}
                  - exit_to_host: {count: 2}
                  - exception: {count: 0}
                  - outcome: completed
                """);
        Step pio = steps(trace, "complete_fast_pio_in").getFirst();
        assertThat(pio.why()).contains("does not complete");
        assertThat(last(trace).state().regs()[0] & 0xff).isZero();
        assertThat(steps(trace, "userspace stops")).isEmpty();
    }

    /** The phase and the new event fields are written to the trace JSON and read back (trace-format.md). */
    @Test
    void phasesAndExitFieldsSurviveTheJsonRoundTrip() {
        Trace trace = run("""
                format: 1
                title: round trip
                hypervisor: {kind: kvm-vmx, guest_debug: [ENABLE, USE_HW_BP], debugregs: {dr0: bp, dr7: 0x401}}
                host:
                  - on_exit: {reason: debug, nth: 1}
                    set_guest_debug: {flags: []}
                program: |
                  bp: nop
                  outb %al, $0x80
                  cli
                  hlt
                expect:
                  - exit_to_host: {exit: KVM_EXIT_DEBUG, dr7: 0x401}
                  - exit_to_host: {exit: KVM_EXIT_IO, port: 0x80, io: out, value: 0}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceJson.write(trace, out);
        Trace back = TraceJson.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.events()).isEqualTo(trace.events());
        for (int i = 0; i < trace.steps().size(); i++) {
            assertThat(back.steps().get(i).phase()).isEqualTo(trace.steps().get(i).phase()).isNotNull();
        }
        assertThat(back.outcome().status()).isEqualTo(Outcome.Status.COMPLETED);
    }

    /** Bare metal has no KVM_RUN: no step has a phase. */
    @Test
    void bareMetalStepsHaveNoPhase() {
        Trace trace = run("format: 1\ntitle: bare\nprogram: |\n  nop\n  cli\n  hlt\n");
        for (int i = 0; i < trace.steps().size(); i++) assertThat(trace.steps().get(i).phase()).isNull();
    }
}
