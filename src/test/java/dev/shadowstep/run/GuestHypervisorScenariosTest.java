package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Runner;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The two vmx_tests.c library scenarios pass, and their pass markers do fail when the program's expectation
 * is not what the CPU does: each report() of the test can fail.
 */
class GuestHypervisorScenariosTest {
    static String library(String name) throws Exception {
        return Files.readString(Path.of("src/main/resources/scenarios", name));
    }

    static Trace run(String yaml) {
        return ScenarioRunner.run(ScenarioLoader.load(yaml), null);
    }

    @Test
    void vmxDbTestPassesAndItsExitQualificationCheckCanFail() throws Exception {
        String yaml = library("kut-vmx-db-test.yaml");
        assertThat(run(yaml).expectations()).allMatch(ExpectationResult::ok);
        // expect DR6_BS alone in the MOV SS case: the L1 check sees 0x4001 and takes the failure path
        Trace wrong = run(yaml.replace("mov $0x4001, %edi                  # DR6_BS | DR6_TRAP0",
                "mov $0x4000, %edi"));
        assertThat(wrong.outcome().status()).isEqualTo(Outcome.Status.UNHANDLED);
        assertThat(wrong.expectations()).anyMatch(e -> !e.ok());
    }

    @Test
    void vmxDbTestsDr6CheckFailsWhenTheInterceptedDbWouldHaveWrittenDr6() throws Exception {
        String yaml = library("kut-vmx-db-test.yaml");
        Trace wrong = run(yaml.replace("  mov $STARTING_DR6, %ecx\n", "  mov $0xffff4ff0, %ecx\n"));
        assertThat(wrong.outcome().status()).isEqualTo(Outcome.Status.UNHANDLED);
    }

    @Test
    void vmentryMovssShadowTestPassesAndFailsWithTheNonClearVmcsError() throws Exception {
        String yaml = library("kut-vmentry-movss-shadow-test.yaml");
        assertThat(run(yaml).expectations()).allMatch(ExpectationResult::ok);
        Trace wrong = run(yaml.replace("cmp $26, %edi", "cmp $4, %edi"));
        assertThat(wrong.outcome().status()).isEqualTo(Outcome.Status.UNHANDLED);
    }

    @Test
    void theVmEntriesAndExitsAreVmentryAndVmexitSteps() throws Exception {
        Trace t = run(library("kut-vmx-db-test.yaml"));
        int entries = 0, exits = 0;
        for (int i = 0; i < t.steps().size(); i++) {
            if (t.steps().kind(i) == Step.Kind.VMENTRY) entries++;
            if (t.steps().kind(i) == Step.Kind.VMEXIT) exits++;
        }
        // enter_guest() runs 10 times: the first VMLAUNCH, 4 x (single_step_guest, dismiss_db), the skip_rtm entry
        assertThat(entries).isEqualTo(10);
        assertThat(exits).isEqualTo(10);
    }

    @Test
    void stepsSayWhoRunsThemOnceTheProgramIsInVmxOperation() throws Exception {
        Trace t = run(library("kut-vmx-db-test.yaml"));
        long nop = t.symbols().get("post_nop") - 1;
        boolean sawL2Nop = false;
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            if (s.kind() == Step.Kind.VMENTRY || s.kind() == Step.Kind.VMEXIT) {
                assertThat(s.runs()).as("step %d %s", i, s.text()).isEqualTo(Runner.L1);
            }
            if (s.kind() == Step.Kind.INSN && s.rip() == nop) {
                assertThat(s.runs()).isEqualTo(Runner.L2);
                sawL2Nop = true;
            }
            if (s.kind() == Step.Kind.INSN && s.label().startsWith("check_db_exit")) {
                assertThat(s.runs()).isEqualTo(Runner.L1);
            }
        }
        assertThat(sawL2Nop).isTrue();
        // before VMXON the program is L1 as on any bare-metal run
        assertThat(t.steps().get(0).runner()).isEqualTo(Runner.L1);
    }

    @Test
    void runsSurvivesTheJsonRoundTripAndNoL2WithoutVmx() throws Exception {
        Trace t = run(library("kut-vmx-db-test.yaml"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        dev.shadowstep.trace.TraceJson.write(t, out);
        assertThat(out.toString()).contains("\"runs\":\"l2\"", "\"runs\":\"l1\"");
        Trace back = dev.shadowstep.trace.TraceJson.read(new java.io.ByteArrayInputStream(out.toByteArray()));
        for (int i = 0; i < t.steps().size(); i++) {
            assertThat(back.steps().get(i).runs()).as("step %d", i).isEqualTo(t.steps().get(i).runs());
        }
        Trace bare = run(library("sti-shadow-basic.yaml"));
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        dev.shadowstep.trace.TraceJson.write(bare, plain);
        assertThat(plain.toString()).doesNotContain("\"runs\":\"l2\"");
    }
}
