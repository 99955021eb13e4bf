package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
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
}
