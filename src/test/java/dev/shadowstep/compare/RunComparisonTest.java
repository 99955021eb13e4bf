package dev.shadowstep.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.switches.Variant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The comparison on real runs of the debug_regs.c STI scenarios. */
class RunComparisonTest {

    static String text(String name) throws Exception {
        return new ClassPathResource("scenarios/" + name + ".yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    static Trace run(String text) throws Exception {
        return ScenarioRunner.run(ScenarioLoader.load(text), null);
    }

    @Test
    void identicalRunsHaveNoDifference() throws Exception {
        Trace a = run(text("debug-regs-sti-kvm"));
        Trace b = run(text("debug-regs-sti-kvm"));
        RunComparison c = RunComparison.of(a, b, "as written", "again");
        assertThat(c.first()).isEmpty();
        assertThat(c.alignment().spans()).containsExactly(new Alignment.Span(Alignment.Op.MATCH, 0, 0, a.steps().size()));
    }

    /**
     * Bare metal against KVM: every guest step KVM runs lines up with the same instruction or delivery
     * on bare metal, and what bare metal runs that KVM's guest does not is exactly the instructions
     * KVM intercepts and runs in the host (WRMSR to the x2APIC EOI, the forced-emulation STI, HLT).
     */
    @Test
    void bareMetalAndKvmLineUpOnEveryGuestInstruction() throws Exception {
        Trace bare = run(text("debug-regs-sti-bare-metal"));
        Trace kvm = run(text("debug-regs-sti-kvm"));
        RunComparison c = RunComparison.of(bare, kvm, "on bare metal", "under KVM");
        List<Integer> guestInKvm = new ArrayList<>();
        for (int i = 0; i < kvm.steps().size(); i++) if (kvm.steps().get(i).where() == Step.Where.GUEST) guestInKvm.add(i);
        List<Integer> matchedInKvm = new ArrayList<>();
        List<String> onlyBare = new ArrayList<>();
        for (Alignment.Span s : c.alignment().spans()) {
            switch (s.op()) {
                case MATCH -> {
                    for (int i = 0; i < s.length(); i++) {
                        matchedInKvm.add(s.b() + i);
                        assertThat(kvm.steps().get(s.b() + i).text()).isEqualTo(bare.steps().get(s.a() + i).text());
                        assertThat(kvm.steps().get(s.b() + i).label()).isEqualTo(bare.steps().get(s.a() + i).label());
                    }
                }
                case ONLY_A -> {
                    for (int i = 0; i < s.length(); i++) onlyBare.add(bare.steps().get(s.a() + i).text());
                }
                case ONLY_B -> {
                    for (int i = 0; i < s.length(); i++) {
                        assertThat(kvm.steps().get(s.b() + i).where()).isEqualTo(Step.Where.HOST);
                    }
                }
            }
        }
        assertThat(matchedInKvm).isEqualTo(guestInKvm);
        assertThat(onlyBare).containsExactly("wrmsr", "sti", "hlt");
    }

    @Test
    void bareMetalAgainstKvmDoesNotDifferAtStepZero() throws Exception {
        RunComparison c = RunComparison.of(run(text("debug-regs-sti-bare-metal")), run(text("debug-regs-sti-kvm")), "A", "B");
        Difference first = c.first().orElseThrow();
        assertThat(first.a()).isPositive();
        assertThat(first.b()).isPositive();
        // KVM's first host work (the entry before pushf) is an inserted span, not a difference
        assertThat(c.alignment().spans().getFirst().op()).isEqualTo(Alignment.Op.ONLY_B);
        assertThat(c.hostWork().getFirst()).isTrue();
    }

    /**
     * The 2026 fix off: the expectation is read from the two traces themselves, the first step at
     * which their VMCS pending debug exceptions part, both runs having taken the same steps until then.
     */
    @Test
    void withoutTheEmulatedDbFixTheFirstDifferenceIsWherePendingDbgFirstDiffers() throws Exception {
        String base = text("debug-regs-sti-kvm");
        Trace a = run(base);
        Trace b = run(Variant.parse("emulated_db_sets_bs=off").apply(base));
        Steps sa = a.steps(), sb = b.steps();
        int expected = -1;
        for (int i = 0; i < Math.min(sa.size(), sb.size()); i++) {
            assertThat(sb.kind(i)).isEqualTo(sa.kind(i));
            assertThat(sb.rip(i)).isEqualTo(sa.rip(i));
            if (sa.state(i).vmcs().pendingDbg() != sb.state(i).vmcs().pendingDbg()) {
                expected = i;
                break;
            }
        }
        assertThat(expected).isPositive();
        long pa = sa.state(expected).vmcs().pendingDbg(), pb = sb.state(expected).vmcs().pendingDbg();

        Difference first = RunComparison.of(a, b, "as written", "with emulated_db_sets_bs off").first().orElseThrow();

        assertThat(first.kind()).isEqualTo(Difference.Kind.PAIR);
        assertThat(first.a()).isEqualTo(expected);
        assertThat(first.b()).isEqualTo(expected);
        assertThat(first.fields()).contains(new Difference.Field("vmcs.pending_dbg",
                "0x" + Long.toHexString(pa), "0x" + Long.toHexString(pb)));
        assertThat(first.fields()).extracting(Difference.Field::name).contains("why");
        assertThat(first.summary()).startsWith("vmcs.pending_dbg 0x" + Long.toHexString(pa) + " vs 0x"
                + Long.toHexString(pb) + "; why: ");
        assertThat(first.sentence()).contains("step " + expected + " of both runs").contains("vmcs.pending_dbg is");
    }

    @Test
    void theDifferingSentencesOfTwoWhysLeaveTheSharedOnesOut() {
        String[] d = RunComparison.differingSentences("KVM injects #DB. TF=1: KVM sets BS (fix). Done.",
                "KVM injects #DB. TF=1: KVM leaves BS 0. Done.");
        assertThat(d).containsExactly("TF=1: KVM sets BS (fix).", "TF=1: KVM leaves BS 0.");
    }
}
