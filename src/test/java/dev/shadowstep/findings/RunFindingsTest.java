package dev.shadowstep.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The findings about the experiment as a whole: its expect block, DR6 hygiene, and the cost of looking. */
class RunFindingsTest {

    @Nested
    class ExpectUnmatched {
        @Test
        void anItemThatMatchedNothingIsAWarningNamingItsLine() {
            Trace trace = Runs.run(Runs.SEED.replace("db: {at: fep_sti_end}", "db: {at: fep_sti_end, dr6: 0xffff0ff0}"));
            Finding f = Runs.of(trace, Finding.Kind.EXPECT_UNMATCHED).getFirst();
            assertThat(Runs.of(trace, Finding.Kind.EXPECT_UNMATCHED)).hasSize(1);
            assertThat(f.step()).isNull();
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).startsWith("The expect item expect[2] (line 33) 'db at fep_sti_end dr6=0xffff0ff0' "
                    + "matched nothing: ").contains("dr6");
        }

        @Test
        void aCountThatDiffersPointsAtTheFirstMatch() {
            Trace trace = Runs.run(Runs.SEED + "  - db: {count: 3}\n");
            Finding f = Runs.of(trace, Finding.Kind.EXPECT_UNMATCHED).getFirst();
            assertThat(f.step()).isEqualTo(trace.events().getFirst().step());
            assertThat(f.message()).contains("'db count=3' matched a different count: expected exactly 3");
        }

        @Test
        void aWrongOutcomeShowsAtTheLastStep() {
            Trace trace = Runs.run(Runs.SEED.replace("outcome: completed", "outcome: step_limit"));
            assertThat(Runs.of(trace, Finding.Kind.EXPECT_UNMATCHED)).singleElement()
                    .satisfies(f -> assertThat(f.step()).isEqualTo(trace.outcome().step()));
        }

        @Test
        void aPassingExpectBlockGivesNoneAndNoNoExpectNote() {
            Trace trace = Runs.run(Runs.SEED);
            assertThat(Runs.of(trace, Finding.Kind.EXPECT_UNMATCHED)).isEmpty();
            assertThat(Runs.of(trace, Finding.Kind.NO_EXPECT)).isEmpty();
        }
    }

    @Nested
    class NoExpect {
        @Test
        void aScenarioWithoutExpectGetsANoteAboutTheWholeRun() {
            Trace trace = Runs.run(Runs.SEED.substring(0, Runs.SEED.indexOf("expect:")));
            assertThat(Runs.of(trace, Finding.Kind.NO_EXPECT)).singleElement().satisfies(f -> {
                assertThat(f.step()).isNull();
                assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
                assertThat(f.message()).contains("checks nothing").contains("check --suggest");
            });
            assertThat(trace.findings().getLast().kind()).as("whole-run findings come last").isEqualTo(Finding.Kind.NO_EXPECT);
        }
    }

    @Nested
    class PastedC {
        @Test
        void aPastedCFunctionGetsOneNoticeListingTheSkippedC() {
            Trace trace = Runs.run("""
                    format: 1
                    title: pasted
                    program: |
                      static void guest_code(void)
                      {
                      \tasm volatile("hw_bp: nop");
                      \tGUEST_DONE();
                      \tasm volatile("hlt");
                      }
                    """);
            assertThat(Runs.of(trace, Finding.Kind.PASTED_C)).singleElement().satisfies(f -> {
                assertThat(f.step()).isNull();
                assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
                assertThat(f.message()).contains("line 1 `static void guest_code(void)`").contains("line 4 `GUEST_DONE();`");
            });
        }

        @Test
        void plainAssemblerGetsNone() {
            assertThat(Runs.of(Runs.run(Runs.SEED), Finding.Kind.PASTED_C)).isEmpty();
        }
    }

    @Nested
    class Dr6NotCleared {
        @Test
        void bsLeftByASingleStepShowsAtTheLaterDataBreakpoint() {
            Trace trace = Runs.run(Runs.library("dr6-bs-sticky-across-dbs.yaml"));
            Finding f = Runs.of(trace, Finding.Kind.DR6_NOT_CLEARED).getFirst();
            assertThat(Runs.of(trace, Finding.Kind.DR6_NOT_CLEARED)).hasSize(1);
            assertThat(f.step()).isEqualTo(trace.events().get(1).step());
            assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
            assertThat(f.message()).startsWith("DR6 at this #DB shows BS although its own cause is B1")
                    .contains("left from the #DB at step " + trace.events().getFirst().step());
        }

        @Test
        void aHandlerThatClearsDr6LeavesNothingSticky() {
            Trace trace = Runs.run(Runs.library("dr6-bs-sticky-across-dbs.yaml")
                    .replace("  iretq\n", "  mov $0, %rax\n  mov %rax, %dr6\n  iretq\n")
                    .replace("dr6: 0xffff4ff2", "dr6: 0xffff0ff2"));
            assertThat(trace.expectations()).allMatch(r -> r.ok());
            assertThat(Runs.of(trace, Finding.Kind.DR6_NOT_CLEARED)).isEmpty();
        }

        @Test
        void bsThatSoftwareWroteIsNamedAsSetBefore() {
            Trace trace = Runs.run(Runs.library("kut-20-hw-wp-keeps-bs.yaml"));
            assertThat(Runs.of(trace, Finding.Kind.DR6_NOT_CLEARED)).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("set before (the initial DR6 or a value software wrote)"));
        }
    }

    @Nested
    class Cost {
        /** A million-step loop that takes an IRQ and a single-step #DB in an STI shadow on every pass. */
        static final String BUSY_LOOP = """
                format: 1
                title: busy
                idt:
                  1: db_handler
                  0x40: irq_handler
                limits: {max_steps: 1000000}
                program: |
                  again:
                  movl $0x830, %ecx
                  movl $0x40040, %eax
                  xor %edx, %edx
                  wrmsr
                  pushf
                  orq $X86_EFLAGS_TF, (%rsp)
                  popf
                  sti
                  cli
                  jmp again
                  db_handler:
                  andq $~X86_EFLAGS_TF, 16(%rsp)
                  iretq
                  irq_handler:
                  movl $0x80b, %ecx
                  xor %eax, %eax
                  wrmsr
                  iretq
                """;

        @Test
        void aLongRunIsReviewedFromItsColumnsWithoutBuildingASingleStep() {
            Scenario scenario = Runs.scenario(BUSY_LOOP);
            Trace trace = ScenarioRunner.runWithoutFindings(scenario, null);
            assertThat(trace.steps().size()).isEqualTo(1_000_000);
            AtomicInteger built = new AtomicInteger(), states = new AtomicInteger();
            Steps counting = new Steps() {
                @Override public int size() { return trace.steps().size(); }
                @Override public Step get(int i) { built.incrementAndGet(); return trace.steps().get(i); }
                @Override public Step.Kind kind(int i) { return trace.steps().kind(i); }
                @Override public long rip(int i) { return trace.steps().rip(i); }
                @Override public State state(int i) { states.incrementAndGet(); return trace.steps().state(i); }
            };
            Trace watched = new Trace(trace.format(), trace.engine(), trace.scenario(), trace.symbols(),
                    trace.listing(), counting, trace.events(), trace.outcome(), trace.expectations(), trace.findings());

            var findings = Findings.of(scenario, watched);

            assertThat(built.get()).as("steps built with their texts").isZero();
            long irqs = trace.events().stream().filter(e -> e.type().wireName().equals("irq")).count();
            long dbs = trace.events().size() - irqs;
            assertThat(irqs).isGreaterThan(50_000);
            assertThat(states.get()).as("states built: one per shadow #DB and IRQ return, one at the end")
                    .isLessThanOrEqualTo((int) (irqs + dbs + 1));
            assertThat(findings).extracting(Finding::kind).containsExactly(Finding.Kind.DB_IN_SHADOW,
                    Finding.Kind.IRQ_AFTER_IRET_SHADOW, Finding.Kind.NO_EXPECT);
            assertThat(findings.getFirst().message()).contains(dbs + " times in this run");
        }
    }
}
