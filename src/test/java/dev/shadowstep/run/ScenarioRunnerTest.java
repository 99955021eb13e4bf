package dev.shadowstep.run;

import dev.shadowstep.testing.Seed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {

    /** The example of scenario-format.md on bare metal: a plain sti instead of KVM_FEP sti, no hypervisor. */
    static final String STI_TEST = Seed.SCENARIO;

    @Test
    void theBareMetalStiScenarioMeetsEveryExpectation() {
        Trace trace = ScenarioRunner.run(ScenarioLoader.load(STI_TEST), "abc");
        assertThat(trace.expectations()).hasSize(5).allMatch(ExpectationResult::ok);
        assertThat(trace.outcome().status()).isEqualTo(Outcome.Status.COMPLETED);
        assertThat(trace.scenario()).isEqualTo(new Trace.ScenarioRef("Single-step #DB in an STI shadow, bare metal", "abc"));
        assertThat(trace.listing()).isNotEmpty();
        assertThat(trace.symbols()).containsKey("fep_sti_start");
    }

    @Test
    void aFailedExpectationIsReportedNotThrown() {
        Trace trace = ScenarioRunner.run(ScenarioLoader.load(STI_TEST.replace("irq: {count: 1}", "irq: {count: 2}")), null);
        assertThat(trace.expectations().get(3).ok()).isFalse();
    }

    @Test
    void hostActionsAndCpl3SetupRunFromTheScenario() {
        Trace trace = ScenarioRunner.run(ScenarioLoader.load("""
                format: 1
                title: user mode
                cpu: {cpl: 3, rflags: 0x3202}
                idt: {0xec: irq, 13: gp}
                host:
                  - at: spot
                    raise_irq: 0xec
                program: |
                  nop
                  spot: nop
                  cli
                  hlt
                  irq: iretq
                  gp: hlt
                expect:
                  - irq: {vector: 0xec, at: spot}
                  - exception: {vector: 13}
                """), null);
        assertThat(trace.expectations()).allMatch(ExpectationResult::ok);
        assertThat(trace.steps().get(1).kind().name()).isEqualTo("HOST");
    }

    @Test
    void anAssemblyErrorIsLocatedInTheScenarioFile() {
        assertThatThrownBy(() -> ScenarioRunner.run(ScenarioLoader.load("""
                format: 1
                title: bad
                program: |
                  nop
                  frobnicate %rax
                """), null))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("5:")
                .hasMessageContaining("program line 2");
    }
}
