package dev.shadowstep.web.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tags come from what a run does; each expectation below follows from what the scenario's program does. */
class RunTagsTest {

    static List<String> tags(String slug) throws IOException {
        String yaml = Files.readString(Path.of("src/main/resources/scenarios", slug + ".yaml"));
        return RunTags.of(ScenarioRunner.runWithoutFindings(ScenarioLoader.load(yaml), null));
    }

    @Test
    void aDataBreakpointHitByMovSsItselfIsTaggedMovSsAndDataBreakpointButNotSingleStep() throws IOException {
        assertThat(tags("movss-data-bp-held")).contains("MOV SS", "data breakpoint", "DR6")
                .doesNotContain("single-step", "instruction breakpoint", "IRQ");
    }

    @Test
    void anInstructionBreakpointIsNotADataBreakpoint() throws IOException {
        assertThat(tags("kut-11-hw-bp-dr2")).contains("instruction breakpoint", "DR6").doesNotContain("data breakpoint");
        assertThat(tags("kut-20-hw-wp-keeps-bs")).contains("data breakpoint");
    }

    @Test
    void nmiRunsAreNmiNotIrq() throws IOException {
        assertThat(tags("nmi-blocked-until-iret")).contains("NMI").doesNotContain("IRQ", "STI shadow");
    }

    @Test
    void aVmxEntryCheckIsVmxNotKvm() throws IOException {
        assertThat(tags("vmentry-check-sti-blocking-needs-if")).contains("VMX", "VM entry check").doesNotContain("KVM");
    }

    @Test
    void theDebugRegsStiTestUnderKvmShowsEverythingItExercises() throws IOException {
        assertThat(tags("debug-regs-sti-kvm")).contains("STI shadow", "single-step", "DR6", "IRQ", "VM exit", "KVM",
                "forced emulation").doesNotContain("VMX");
    }

    @Test
    void theClosingHltIsNotTheTopicButStiHltIs() throws IOException {
        assertThat(tags("sti-shadow-basic")).containsExactly("STI shadow", "IRQ");
        assertThat(tags("hlt-sti-pending-irq")).contains("HLT", "STI shadow", "IRQ");
    }

    @Test
    void scenariosThatHadNoHandWrittenTagsGetSomeFromTheirRun() throws IOException {
        assertThat(tags("kut-10-dr4-alias-cr4-de0")).isNotEmpty();
        assertThat(tags("kut-20-hw-wp-keeps-bs")).isNotEmpty();
    }
}
