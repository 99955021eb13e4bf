package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import org.junit.jupiter.api.Test;

/**
 * set_regs and set_debugregs with the positional triggers, on bare metal: the host writes registers at a
 * boundary, and what the CPU does next follows the SDM for the new values.
 */
class HostRegisterPokesTest {

    private static Trace run(String yaml) {
        return ScenarioRunner.run(ScenarioLoader.load(yaml), null);
    }

    private static void assertAllMet(Trace trace) {
        assertThat(trace.expectations()).as("%s", trace.expectations()).allMatch(ExpectationResult::ok);
    }

    /** TF set before an instruction: it traps after it with DR6.BS (SDM Vol. 3B 18.3.1.4), RIP = the next instruction. */
    @Test
    void tfSetAtABoundaryMakesTheNextInstructionTrap() {
        Trace trace = run("""
                format: 1
                title: host sets TF
                idt: {1: db_handler}
                host:
                  - at: stepped
                    set_regs: {rflags_set: [TF]}
                program: |
                  nop
                  stepped: nop
                  after: nop
                  cli
                  hlt
                  db_handler:
                  andq $~X86_EFLAGS_TF, 16(%rsp)
                  iretq
                expect:
                  - db: {at: after, dr6: 0xffff4ff0}
                  - db: {count: 1}
                  - outcome: completed
                """);
        assertAllMet(trace);
        Step host = null;
        for (int i = 0; i < trace.steps().size() && host == null; i++) {
            if (trace.steps().kind(i) == Step.Kind.HOST) host = trace.steps().get(i);
        }
        assertThat(host).isNotNull();
        assertThat(host.text()).isEqualTo("host sets registers");
        assertThat(host.why()).contains("sets TF").contains("KVM_SET_REGS");
        assertThat(host.rule()).isEqualTo("HOST_ACTION");
    }

    /** DR0 = target with DR7.L0 and R/W0 = 00: an instruction breakpoint, a fault with DR6.B0 (SDM Vol. 3B 18.2.4, 18.3.1.1). */
    @Test
    void debugRegistersSetAtAStepArmAnInstructionBreakpoint() {
        Trace trace = run("""
                format: 1
                title: host arms DR0
                idt: {1: db_handler}
                host:
                  - at_step: 1
                    set_debugregs: {dr0: target, dr7: 0x401}
                program: |
                  nop
                  nop
                  target: nop
                  cli
                  hlt
                  db_handler:
                  orq $X86_EFLAGS_RF, 16(%rsp)
                  iretq
                expect:
                  - db: {at: target, dr6: 0xffff0ff1}
                  - db: {count: 1}
                  - outcome: completed
                """);
        assertAllMet(trace);
    }

    /**
     * debug_regs.c's write_data rewind (vcpu_skip_insn(vcpu, -7)) on bare metal: the 7-byte store runs again
     * and its data breakpoint (DR7 = 0x400 | G0 | 0xd0000, the selftest's value for DR0) traps twice. The host
     * action fires at the boundary before the trap is delivered, so the first #DB frame already holds the
     * rewound RIP (the store); the second holds write_data.
     */
    @Test
    void aRipRewindRunsTheStoreAgain() {
        Trace trace = run("""
                format: 1
                title: rewind the store
                data: {guest_value: 0}
                cpu: {dr0: guest_value, dr7: 0xd0402}
                idt: {1: db_handler}
                host:
                  - at: write_data
                    set_regs: {rip_add: -7}
                program: |
                  mov $1234, %rax
                  store: mov %rax, guest_value(%rip)
                  write_data: cli
                  hlt
                  db_handler:
                  iretq
                expect:
                  - db: {at: store, dr6: 0xffff0ff1}
                  - db: {at: write_data, dr6: 0xffff0ff1}
                  - db: {count: 2}
                  - outcome: completed
                """);
        assertAllMet(trace);
    }

    /** An absolute RIP jumps over the ud2; DR6/DR7 written with reserved bits clear read back with them fixed. */
    @Test
    void anAbsoluteRipSkipsAnInstructionAndDebugRegistersKeepTheirFixedBits() {
        Trace trace = run("""
                format: 1
                title: skip the ud2
                host:
                  - at: skipped
                    set_regs: {rip: landing, rax: 7}
                  - at: landing
                    set_debugregs: {dr6: 0x4000, dr7: 0}
                program: |
                  nop
                  skipped: ud2
                  landing: cli
                  hlt
                expect:
                  - exception: {count: 0}
                  - outcome: completed
                """);
        assertAllMet(trace);
        assertThat(trace.outcome().status()).isEqualTo(Outcome.Status.COMPLETED);
        var last = trace.steps().get(trace.steps().size() - 1).state();
        assertThat(last.regs()[0]).isEqualTo(7L);
        assertThat(last.dr6()).isEqualTo(0xffff4ff0L);
        assertThat(last.dr7()).isEqualTo(0x400L);
    }
}
