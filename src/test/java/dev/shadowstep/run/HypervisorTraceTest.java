package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import dev.shadowstep.trace.TraceText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run under a hypervisor as the public trace shows it: the host lane, VMCS fields, injected events. */
class HypervisorTraceTest {

    static Trace run(String file) throws IOException {
        Scenario s = ScenarioLoader.load(Files.readString(Path.of("src/main/resources/scenarios", file)));
        return ScenarioRunner.run(s, null);
    }

    static List<Step> steps(Trace t) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < t.steps().size(); i++) out.add(t.steps().get(i));
        return out;
    }

    @Test
    void hostStepsAreOnTheHostLaneAndGuestStepsOnTheGuestLane() throws IOException {
        List<Step> steps = steps(run("debug-regs-sti-kvm.yaml"));

        assertThat(steps).filteredOn(s -> s.kind() == Step.Kind.VMEXIT || s.kind() == Step.Kind.VMENTRY
                || s.kind() == Step.Kind.HOST).isNotEmpty().allMatch(s -> s.where() == Step.Where.HOST);
        assertThat(steps).filteredOn(s -> s.kind() == Step.Kind.INSN || s.kind() == Step.Kind.DELIVER)
                .allMatch(s -> s.where() == Step.Where.GUEST);
        assertThat(steps).extracting(Step::kind).contains(Step.Kind.VMEXIT, Step.Kind.VMENTRY, Step.Kind.HOST);
    }

    @Test
    void everyStateUnderAHypervisorCarriesTheVmcsFieldsAndBareMetalNone() throws IOException {
        List<Step> kvm = steps(run("debug-regs-sti-kvm.yaml"));
        assertThat(kvm).allMatch(s -> s.state().vmcs() != null);
        Step handler = kvm.stream().filter(s -> s.text().equals("handle_exception_nmi")).findFirst().orElseThrow();
        assertThat(handler.state().vmcs().pendingDbg()).isEqualTo(0x4000);
        assertThat(handler.changed()).contains("vmcs");

        assertThat(steps(run("debug-regs-sti-bare-metal.yaml"))).allMatch(s -> s.state().vmcs() == null);
    }

    @Test
    void theWhyOfKvmStepsNamesTheKvmFunctionAndTheFix() throws IOException {
        List<Step> steps = steps(run("debug-regs-sti-kvm.yaml"));
        Step handler = steps.stream().filter(s -> s.text().equals("handle_exception_nmi")).findFirst().orElseThrow();
        assertThat(handler.why()).startsWith("handle_exception_nmi:").contains("b9bed78e2fa9", "PENDING_DBG.BS");
        Step exit = steps.stream().filter(s -> s.kind() == Step.Kind.VMEXIT).findFirst().orElseThrow();
        assertThat(exit.why()).contains("qualification 0x4000");
    }

    @Test
    void guestEventsSayHowTheyGotThereAndExitsCarryTheirReason() throws IOException {
        Trace t = run("debug-regs-sti-kvm.yaml");
        assertThat(t.events()).filteredOn(e -> e.type() == Event.Type.DB || e.type() == Event.Type.IRQ)
                .hasSize(3).allMatch(e -> "injected".equals(e.via()));
        assertThat(t.events()).filteredOn(e -> e.type() == Event.Type.VMEXIT).extracting(Event::reason)
                .containsExactly("exception", "preemption_timer", "interrupt_window", "msr_write", "exception", "hlt");
        assertThat(t.events()).filteredOn(e -> e.type() == Event.Type.VMEXIT).first()
                .satisfies(e -> assertThat(e.qualification()).isEqualTo(0x4000L));
    }

    @Test
    void aFailedEntryEndsTheRunWithTheCheckAndKvmExitFailEntry() throws IOException {
        Trace t = run("debug-regs-sti-kvm-no-emulated-db-fix.yaml");
        assertThat(t.outcome().status()).isEqualTo(Outcome.Status.VMENTRY_FAILED);
        Event failed = t.events().stream().filter(e -> e.type() == Event.Type.VMENTRY_FAILED).findFirst().orElseThrow();
        assertThat(failed.reason()).isEqualTo("0x80000021");
        assertThat(failed.check()).contains("BS must be 1");
        assertThat(failed.label()).isEqualTo("fep_sti_end");
        Event host = t.events().getLast();
        assertThat(host.type()).isEqualTo(Event.Type.EXIT_TO_HOST);
        assertThat(host.exit()).isEqualTo("KVM_EXIT_FAIL_ENTRY");
        assertThat(t.steps().get(t.outcome().step()).text()).isEqualTo("KVM_EXIT_FAIL_ENTRY");
    }

    @Test
    void kvmExitDebugCarriesExceptionPcAndDr6() throws IOException {
        Trace t = run("debug-regs-bd-kvm.yaml");
        Event x = t.events().stream().filter(e -> e.type() == Event.Type.EXIT_TO_HOST).findFirst().orElseThrow();
        assertThat(x.exit()).isEqualTo("KVM_EXIT_DEBUG");
        assertThat(x.exception()).isEqualTo(1);
        assertThat(x.pc()).isEqualTo(t.symbols().get("bd_start"));
        assertThat(x.dr6()).isEqualTo(0xffff2ff0L);
    }

    @Test
    void aKvmTraceSurvivesJsonAndReadsAtEightyColumns() throws IOException {
        Trace t = run("debug-regs-sti-kvm.yaml");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceJson.write(t, json);
        Trace back = TraceJson.read(new ByteArrayInputStream(json.toByteArray()));
        assertThat(back.events()).isEqualTo(t.events());
        assertThat(back.steps().get(8).state().vmcs()).isEqualTo(t.steps().get(8).state().vmcs());

        StringBuilder text = new StringBuilder();
        TraceText.write(t, null, text);
        assertThat(text.toString().lines()).allMatch(l -> l.length() <= 80);
        assertThat(text.toString()).contains("vmcs: interruptibility=0x1 pending_dbg=0x4000");
    }

    @Test
    void underBareVmxTheFirstExitEndsTheRunAndShutdownNeverRuns() {
        Trace cpuid = ScenarioRunner.run(ScenarioLoader.load("""
                format: 1
                title: cpuid exits
                hypervisor: {kind: vmx}
                program: |
                  nop
                  here: cpuid
                  hlt
                """), null);
        assertThat(cpuid.outcome().status()).isEqualTo(Outcome.Status.COMPLETED);
        assertThat(cpuid.outcome().message()).contains("no VMM");
        assertThat(cpuid.events()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("cpuid");
            assertThat(e.label()).isEqualTo("here");
        });

        Trace shutdown = ScenarioRunner.run(ScenarioLoader.load("""
                format: 1
                title: shutdown
                hypervisor: {kind: vmx, vmcs: {activity: shutdown}}
                program: |
                  nop
                """), null);
        assertThat(shutdown.steps().size()).isEqualTo(1);
        assertThat(shutdown.outcome().message()).contains("shutdown");
    }

    @Test
    void anInjectionVmEntryCannotDeliverIsAScenarioError() {
        String yaml = """
                format: 1
                title: other event
                hypervisor: {kind: vmx, vmcs: {entry_intr_info: 0x80000700}}
                program: |
                  hlt
                """;
        assertThatThrownBy(() -> ScenarioRunner.run(ScenarioLoader.load(yaml), null))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("other event");
    }

    @Test
    void aVmExitsWhyWritesItsExitReasonInHexAsTheInspectorShowsTheVmcsField() throws IOException {
        List<Step> exits = steps(run("debug-regs-sti-kvm.yaml")).stream()
                .filter(s -> s.kind() == Step.Kind.VMEXIT && s.why().contains("Saved:")).toList();
        assertThat(exits).isNotEmpty();
        // the preemption timer's basic exit reason is 52 (SDM Vol. 3C Appendix C), 0x34 in the VMCS lane
        assertThat(exits).anySatisfy(s -> assertThat(s.why()).contains("exit reason 0x34,"));
        assertThat(exits).allSatisfy(s -> assertThat(s.why())
                .contains("exit reason 0x" + Long.toHexString(s.state().vmcs().exitReason()) + ","));
        assertThat(exits).noneSatisfy(s -> assertThat(s.why()).containsPattern("exit reason [0-9]+,"));
    }
}
