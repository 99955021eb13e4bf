package dev.shadowstep.web.compare;

import static dev.shadowstep.web.TraceBuilder.resetState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.TraceBuilder;
import dev.shadowstep.web.switches.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class DivergenceTest {

    static String library(String slug) throws IOException {
        return new ClassPathResource("scenarios/" + slug + ".yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    static Trace run(String text) {
        return ScenarioRunner.runWithoutFindings(ScenarioLoader.load(text), null);
    }

    static Trace run(String text, String variant) {
        return run(Variant.parse(variant).apply(text));
    }

    /** A straight run of nops from 0x401000, stopping with the given outcome. */
    static Trace nops(int count, Outcome.Status status) {
        TraceBuilder b = new TraceBuilder(resetState(0x401000));
        for (int i = 0; i < count; i++) {
            b.insn(i == 0 ? "start" : "start+" + i, "nop", TraceBuilder.at(0x401001L + i), "nothing");
        }
        return b.build("nops", new Outcome(status, count - 1, status.wireName()), List.of());
    }

    @Test
    void theKvmStiTestWithoutThe2022FixPartsWhereTheVmEntryFails() throws IOException {
        String kvm = library("debug-regs-sti-kvm");
        Divergence d = Divergence.find(run(kvm), run(kvm, "reinject_db_sets_bs=off"), "as written",
                "with reinject_db_sets_bs off").orElseThrow();
        assertThat(d.step()).isEqualTo(9);
        assertThat(d.reason()).isEqualTo(Divergence.Reason.EVENTS);
        assertThat(d.sentence()).startsWith("Step 9 is the first that differs (different events). As written: VM entry")
                .contains("With reinject_db_sets_bs off: VM entry failed (at 0x40100b (fep_sti_start), pending debug "
                        + "exceptions: BS must be 1");
    }

    @Test
    void withoutThe2026FixTheRunsPartLaterAtTheEmulatedSti() throws IOException {
        String kvm = library("debug-regs-sti-kvm");
        Divergence d = Divergence.find(run(kvm), run(kvm, "emulated_db_sets_bs=off"), "as written", "without it")
                .orElseThrow();
        assertThat(d.step()).isEqualTo(36);
        assertThat(d.sentence()).contains("VM entry failed (at 0x40101c (fep_sti_end)");
    }

    @Test
    void aTrapGateLetsTheIrqInBeforeTheHandlersFirstInstruction() throws IOException {
        String bare = library("debug-regs-sti-bare-metal");
        Divergence d = Divergence.find(run(bare), run(bare, "db_gate=trap"), "interrupt gate", "trap gate").orElseThrow();
        assertThat(d.step()).isEqualTo(5);
        assertThat(d.reason()).isEqualTo(Divergence.Reason.KIND);
        assertThat(d.sentence()).isEqualTo("Step 5 is the first that differs (a different kind of step). Interrupt gate: "
                + "runs andq $~X86_EFLAGS_TF, 16(%rsp) at 0x401019 (db_handler). Trap gate: IRQ 0xaa delivered "
                + "(at 0x401019 (db_handler), native).");
    }

    @Test
    void theSameScenarioTwiceDoesNotDiverge() throws IOException {
        String bare = library("debug-regs-sti-bare-metal");
        assertThat(Divergence.find(run(bare), run(bare), "a", "b")).isEmpty();
    }

    @Test
    void aDifferentRipAtTheSameKindOfStepIsNamed() {
        Trace jumps = new TraceBuilder(resetState(0x401000))
                .insn("start", "nop", TraceBuilder.at(0x401001), "x")
                .insn("start+1", "jmp far", TraceBuilder.at(0x401010), "x")
                .insn("far", "nop", TraceBuilder.at(0x401011), "x")
                .build("t", new Outcome(Outcome.Status.COMPLETED, 2, "completed"), List.of());
        Divergence d = Divergence.find(nops(3, Outcome.Status.COMPLETED), jumps, "straight", "jumping").orElseThrow();
        assertThat(d.step()).isEqualTo(2);
        assertThat(d.reason()).isEqualTo(Divergence.Reason.RIP);
        assertThat(d.sentence()).isEqualTo("Step 2 is the first that differs (a different RIP). Straight: runs nop at "
                + "0x401002 (start+2). Jumping: runs nop at 0x401010 (far).");
    }

    @Test
    void aRunThatStopsEarlierPartsWhereItEnds() {
        Divergence d = Divergence.find(nops(3, Outcome.Status.COMPLETED), nops(5, Outcome.Status.STEP_LIMIT),
                "the short one", "the long one").orElseThrow();
        assertThat(d.step()).isEqualTo(3);
        assertThat(d.reason()).isEqualTo(Divergence.Reason.LENGTH);
        assertThat(d.sentence()).isEqualTo("Step 3 is the first that differs. The short one ends after step 2 "
                + "(completed: completed); the long one goes on to step 4, starting with runs nop at 0x401003 (start+3).");
    }

    @Test
    void equalStepsWithADifferentOutcomeAreReportedAtTheLastStep() {
        Divergence d = Divergence.find(nops(3, Outcome.Status.COMPLETED), nops(3, Outcome.Status.STEP_LIMIT), "a", "b")
                .orElseThrow();
        assertThat(d.step()).isEqualTo(2);
        assertThat(d.reason()).isEqualTo(Divergence.Reason.OUTCOME);
    }
}
