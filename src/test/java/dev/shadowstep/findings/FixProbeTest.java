package dev.shadowstep.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.Hypervisor;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code entry_needs_fix}: the hook that re-runs a kvm-vmx scenario with one KVM fix off. The
 * runs are stand-ins until the hypervisor model lands: a trace of the emulated-STI half of
 * debug_regs.c (semantics.md 2.1 step 4, case 8) and, with {@code emulated_db_sets_bs} off, the
 * failed VM entry of case 9.
 */
class FixProbeTest {
    static final String KVM_STI = """
            format: 1
            title: emulated STI with TF
            idt: {1: db_handler}
            hypervisor: {kind: kvm-vmx, forced_emulation: true%s}
            program: |
              pushf
              orq $X86_EFLAGS_TF, (%%rsp)
              popf
              KVM_FEP sti
              fep_sti_end: cli
              hlt
              db_handler:
              andq $~X86_EFLAGS_TF, 16(%%rsp)
              iretq
            expect:
              - db: {at: fep_sti_end}
            """;
    static final long FEP_STI_END = 0x401011;
    static final String CHECK = "TF=1 with STI blocking needs PENDING_DBG.BS=1 (SDM 26.3.1.5)";

    /** The re-runs asked for, and the answer: entry fails at step 5 without the 2026 fix. */
    static final class FakeKvm implements Rerun {
        final List<Hypervisor.KvmFixes> asked = new ArrayList<>();

        @Override
        public Trace run(Scenario variant) {
            Hypervisor.KvmFixes fixes = variant.hypervisor().fixes();
            asked.add(fixes);
            return fixes.emulatedDbSetsBs() ? entered() : trace(List.of(new Event(5, Event.Type.VMENTRY_FAILED, null,
                    null, null, null, null, null, "0x80000021", null, CHECK, null, null, null)),
                    Outcome.Status.VMENTRY_FAILED);
        }
    }

    static Trace entered() {
        return trace(List.of(new Event(6, Event.Type.DB, 1, FEP_STI_END, "fep_sti_end", 0xffff4ff0L, List.of("BS"),
                "injected", null, null, null, null, null, null)), Outcome.Status.COMPLETED);
    }

    static Trace trace(List<Event> events, Outcome.Status status) {
        return new Trace(Trace.FORMAT, "test", new Trace.ScenarioRef("t", null), Map.of("fep_sti_end", FEP_STI_END),
                List.of(), Steps.of(List.of()), events, new Outcome(status, 9, null), List.of(), List.of());
    }

    static Scenario scenario(String fixes) {
        return Runs.scenario(KVM_STI.formatted(fixes));
    }

    @Test
    void anEntryThatFailsWithoutTheBsRefreshNamesTheFixAndTheCheck() {
        FakeKvm kvm = new FakeKvm();
        List<Finding> findings = Findings.of(scenario(""), entered(), kvm);
        assertThat(findings).filteredOn(f -> f.kind() == Finding.Kind.ENTRY_NEEDS_FIX).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo(5);
            assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
            assertThat(f.message()).startsWith("Without fixes.emulated_db_sets_bs this VM entry fails (" + CHECK + ")")
                    .contains("vmentry_failed at step 5").contains("KVM commit c5bad4fa2d5d; SDM Vol. 3C 26.3.1.5");
        });
        assertThat(kvm.asked).containsExactly(new Hypervisor.KvmFixes(false, true), new Hypervisor.KvmFixes(true, false));
    }

    @Test
    void aFixThatIsOffIsNotProbedAndTheFailureItCausesIsNotBlamedOnAnother() {
        FakeKvm kvm = new FakeKvm();
        Scenario withoutRefresh = scenario(", fixes: {emulated_db_sets_bs: false}");
        Trace failing = trace(List.of(new Event(5, Event.Type.VMENTRY_FAILED, null, null, null, null, null, null,
                "0x80000021", null, CHECK, null, null, null), entered().events().getFirst()), Outcome.Status.VMENTRY_FAILED);
        List<Finding> findings = Findings.of(withoutRefresh, failing, kvm);
        assertThat(kvm.asked).containsExactly(new Hypervisor.KvmFixes(false, false));
        assertThat(findings).noneMatch(f -> f.kind() == Finding.Kind.ENTRY_NEEDS_FIX);
    }

    @Test
    void aRunWithoutDbOrOnBareMetalIsNotReRun() {
        FakeKvm kvm = new FakeKvm();
        Findings.of(scenario(""), trace(List.of(), Outcome.Status.COMPLETED), kvm);
        Scenario bare = Runs.scenario(KVM_STI.formatted("").replaceAll("hypervisor: .*\n", "").replace("KVM_FEP ", ""));
        Findings.of(bare, entered(), kvm);
        assertThat(kvm.asked).isEmpty();
    }

    @Test
    void withoutARerunTheCheckIsSkipped() {
        assertThat(Findings.of(scenario(""), entered())).noneMatch(f -> f.kind() == Finding.Kind.ENTRY_NEEDS_FIX);
    }
}
