package dev.shadowstep.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The findings about handlers: EOI, vectors in service, handlers that never ran, the seed's shadow notes. */
class HandlerFindingsTest {

    @Nested
    class MissingEoi {
        @Test
        void theDebugRegsScenarioWithoutEoiShowsItAtTheIrqHandlersIret() {
            Trace trace = Runs.run(Runs.library("debug-regs-sti-bare-metal-no-eoi.yaml"));
            Finding f = Runs.of(trace, Finding.Kind.MISSING_EOI).getFirst();
            assertThat(Runs.of(trace, Finding.Kind.MISSING_EOI)).hasSize(1);
            Step iret = trace.steps().get(f.step());
            assertThat(iret.kind()).isEqualTo(Step.Kind.INSN);
            assertThat(iret.text()).isEqualTo("iretq");
            assertThat(iret.rip()).isEqualTo(trace.symbols().get("irq_handler"));
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("IRQ 0xaa handler").contains("(IRET at irq_handler)")
                    .contains("no EOI").contains("SDM Vol. 3A 11.8.5");
        }

        @Test
        void theDebugRegsScenarioWithEoiDoesNotShowIt() {
            Trace trace = Runs.run(Runs.library("debug-regs-sti-bare-metal.yaml"));
            assertThat(Runs.of(trace, Finding.Kind.MISSING_EOI)).isEmpty();
            assertThat(Runs.of(trace, Finding.Kind.IN_SERVICE_AT_END)).isEmpty();
        }

        @Test
        void theIretOfAnExceptionHandlerNeedsNoEoi() {
            Trace trace = Runs.run("""
                    format: 1
                    title: ud
                    idt: {6: ud_handler}
                    program: |
                      ud2
                      after: cli
                      hlt
                      ud_handler:
                      addq $2, (%rsp)
                      iretq
                    """);
            assertThat(trace.events()).hasSize(1);
            assertThat(Runs.of(trace, Finding.Kind.MISSING_EOI)).isEmpty();
        }

        @Test
        void aHandlerThatMissesEoiInALoopIsReportedOnceWithItsCount() {
            Trace trace = Runs.run("""
                    format: 1
                    title: loop
                    apic: {tpr: 0}
                    idt: {0x40: irq_handler}
                    program: |
                      mov $3, %ebx
                      again:
                      movl $0x830, %ecx
                      movl $0x40040, %eax
                      xor %edx, %edx
                      wrmsr
                      sti
                      nop
                      cli
                      movl $0x80b, %ecx
                      xor %eax, %eax
                      wrmsr
                      dec %ebx
                      jnz again
                      hlt
                      irq_handler:
                      iretq
                    """);
            assertThat(trace.events()).hasSize(3);
            assertThat(Runs.of(trace, Finding.Kind.MISSING_EOI)).singleElement()
                    .satisfies(f -> assertThat(f.message()).endsWith("(3 times in this run; the first is shown.)"));
        }
    }

    @Nested
    class InServiceAtEnd {
        @Test
        void theVectorLeftInServiceIsNamedAtTheLastStep() {
            Trace trace = Runs.run(Runs.withoutEoi(Runs.SEED));
            Finding f = Runs.of(trace, Finding.Kind.IN_SERVICE_AT_END).getFirst();
            assertThat(f.step()).isEqualTo(trace.outcome().step()).isEqualTo(trace.steps().size() - 1);
            assertThat(f.message()).startsWith("The run ends with 0xaa still in service");
        }

        @Test
        void aVectorInServiceFromTheStartCountsToo() {
            Trace trace = Runs.run("""
                    format: 1
                    title: isr
                    apic: {isr: [0x50, 0x31]}
                    program: |
                      hlt
                    """);
            assertThat(Runs.of(trace, Finding.Kind.IN_SERVICE_AT_END)).singleElement().satisfies(f ->
                    assertThat(f.message()).contains("0x31, 0x50 still in service").contains("class 0x5 or lower"));
        }

        @Test
        void anEoiBeforeTheEndLeavesNothingToReport() {
            assertThat(Runs.of(Runs.run(Runs.SEED), Finding.Kind.IN_SERVICE_AT_END)).isEmpty();
        }
    }

    @Nested
    class HandlerNeverRan {
        static final String UNUSED_GP = Runs.SEED.replace("  0xAA: irq_handler\n", "  0xAA: irq_handler\n  13: gp_handler\n")
                .replace("  iretq\nexpect:", "  iretq\n  gp_handler:\n  hlt\nexpect:");

        @Test
        void anIdtVectorNothingDeliveredIsReportedForTheWholeRun() {
            Trace trace = Runs.run(UNUSED_GP);
            Finding f = Runs.of(trace, Finding.Kind.HANDLER_NEVER_RAN).getFirst();
            assertThat(Runs.of(trace, Finding.Kind.HANDLER_NEVER_RAN)).hasSize(1);
            assertThat(f.step()).isNull();
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("vector 0xd (gp_handler) never ran").contains("no #GP was delivered")
                    .contains("'- exception: {vector: 0xd, count: 0}'");
        }

        @Test
        void aVectorPinnedAtCountZeroIsMeantNotToRun() {
            Trace trace = Runs.run(UNUSED_GP + "  - exception: {vector: 13, count: 0}\n");
            assertThat(trace.expectations()).allMatch(r -> r.ok());
            assertThat(Runs.of(trace, Finding.Kind.HANDLER_NEVER_RAN)).isEmpty();
        }

        @Test
        void everyHandlerOfTheSeedRan() {
            assertThat(Runs.of(Runs.run(Runs.SEED), Finding.Kind.HANDLER_NEVER_RAN)).isEmpty();
        }
    }

    @Nested
    class ShadowNotes {
        @Test
        void theSeedsFirstDbIsDeliveredInTheStiShadow() {
            Trace trace = Runs.run(Runs.SEED);
            Finding f = Runs.of(trace, Finding.Kind.DB_IN_SHADOW).getFirst();
            assertThat(f.step()).isEqualTo(trace.events().getFirst().step());
            assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
            assertThat(f.message()).startsWith("Teaching note: this single-step #DB is delivered at fep_sti_start "
                    + "inside the STI shadow").contains("SDM Vol. 3A 6.8.3").contains("debug_regs.c, commit b8284279b732");
            assertThat(Runs.of(trace, Finding.Kind.DB_IN_SHADOW).get(1).message())
                    .isEqualTo("Another single-step #DB in an STI shadow at fep_sti_end: the note at step "
                            + f.step() + " applies.");
        }

        @Test
        void theSeedsIrqComesRightAfterTheShadowDbsIret() {
            Trace trace = Runs.run(Runs.SEED);
            Finding f = Runs.of(trace, Finding.Kind.IRQ_AFTER_IRET_SHADOW).getFirst();
            assertThat(Runs.of(trace, Finding.Kind.IRQ_AFTER_IRET_SHADOW)).hasSize(1);
            assertThat(f.step()).isEqualTo(trace.events().get(1).step());
            assertThat(trace.steps().get(f.step() - 1).text()).isEqualTo("iretq");
            assertThat(f.message()).contains("IRQ 0xaa is taken at fep_sti_start right after the #DB handler's IRET")
                    .contains("debug_regs.c, commit b8284279b732");
        }

        @Test
        void singleSteppingWithoutAShadowNeedsNoNote() {
            Trace trace = Runs.run(Runs.library("kut-13-singlestep-basic.yaml"));
            assertThat(trace.events()).isNotEmpty();
            assertThat(Runs.of(trace, Finding.Kind.DB_IN_SHADOW)).isEmpty();
        }

        @Test
        void anIrqAfterTheIretOfAnotherHandlerNeedsNoNote() {
            Trace trace = Runs.run(Runs.library("sti-shadow-exception-not-blocked.yaml"));
            assertThat(trace.events()).extracting(e -> e.type().wireName()).contains("irq");
            assertThat(Runs.of(trace, Finding.Kind.IRQ_AFTER_IRET_SHADOW)).isEmpty();
        }

        @Test
        void anIrqTakenBeforeTheHandlerRunsIsNotAfterItsIret() {
            Trace trace = Runs.run(Runs.library("db-trap-gate-irq-before-handler.yaml"));
            assertThat(Runs.of(trace, Finding.Kind.DB_IN_SHADOW)).hasSize(1);
            assertThat(Runs.of(trace, Finding.Kind.IRQ_AFTER_IRET_SHADOW)).isEmpty();
        }
    }
}
