package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Runner;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceDigestTest {

    private static final Outcome DONE = new Outcome(Outcome.Status.COMPLETED, 5, "Halted.");

    private static List<Step> steps(int n) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(FakeEngine.step(i, 0x401000L + i, "nop", "ran nop " + i));
        }
        return steps;
    }

    private static Trace trace(List<Step> steps, Outcome outcome) {
        return FakeEngine.trace("shadowstep 0.1.0", "T", steps, outcome);
    }

    @Test
    void theEngineStringAndTheLinkIdAreNotPartOfTheDigest() {
        Trace a = trace(steps(5), DONE);
        Trace b = PermalinkService.withId(FakeEngine.trace("shadowstep 9.9.9", "other title", steps(5), DONE), "abcdefghij");
        assertThat(TraceDigest.of(b)).isEqualTo(TraceDigest.of(a));
        assertThat(TraceDigest.of(a).sha256()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void aChangedStepIsLocatedAtItsIndex() {
        List<Step> changed = steps(5);
        changed.set(3, FakeEngine.step(3, 0x401003L, "nop", "a reworded why"));
        TraceDigest stored = TraceDigest.of(trace(steps(5), DONE));
        TraceDigest now = TraceDigest.of(trace(changed, DONE));
        assertThat(now.sha256()).isNotEqualTo(stored.sha256());
        assertThat(stored.firstDifference(now)).isEqualTo(3);
    }

    @Test
    void aLongerRunDiffersWhereTheShorterOneEnds() {
        TraceDigest stored = TraceDigest.of(trace(steps(5), DONE));
        TraceDigest now = TraceDigest.of(trace(steps(7), new Outcome(Outcome.Status.COMPLETED, 7, "Halted.")));
        assertThat(stored.firstDifference(now)).isEqualTo(5);
    }

    @Test
    void aChangedOutcomeMessageIsLocatedAtTheOutcomeStep() {
        TraceDigest stored = TraceDigest.of(trace(steps(5), DONE));
        TraceDigest now = TraceDigest.of(trace(steps(5), new Outcome(Outcome.Status.COMPLETED, 5, "Stopped.")));
        assertThat(stored.firstDifference(now)).isEqualTo(5);
    }

    @Test
    void ruleIdsAndMemoryWritesAddedToTheTraceDoNotMakeOldLinksDrift() {
        List<Step> richer = new ArrayList<>();
        for (Step s : steps(5)) {
            richer.add(new Step(s.index(), s.kind(), s.rip(), s.label(), s.text(), s.where(), s.state(), s.changed(),
                    s.why(), s.held(), "STI_SHADOW_STARTED", List.of(),
                    List.of(new Step.Write(0x7ffff8, 8, 0, 0x2))));
        }
        assertThat(TraceDigest.of(trace(richer, DONE))).isEqualTo(TraceDigest.of(trace(steps(5), DONE)));
    }

    @Test
    void whoRunsEachStepAddedToTheTraceDoesNotMakeOldLinksDrift() {
        List<Step> said = new ArrayList<>();
        for (Step s : steps(5)) {
            said.add(new Step(s.index(), s.kind(), s.rip(), s.label(), s.text(), s.where(), s.state(), s.changed(),
                    s.why(), s.held(), s.rule(), s.rules(), s.writes(), Runner.L1));
        }
        assertThat(TraceDigest.of(trace(said, DONE))).isEqualTo(TraceDigest.of(trace(steps(5), DONE)));
    }

    @Test
    void sameRunsHaveNoDifference() {
        assertThat(TraceDigest.of(trace(steps(5), DONE)).firstDifference(TraceDigest.of(trace(steps(5), DONE))))
                .isEqualTo(-1);
    }

    @Test
    void fingerprintsSurviveTheirStoredText() {
        TracePrints prints = TraceDigest.of(trace(steps(40), DONE)).prints();
        TracePrints read = TracePrints.decode(prints.encode());
        assertThat(read).isEqualTo(prints);
        assertThat(read.stepCount()).isEqualTo(40);
        assertThat(read.firstDifference(prints)).isEqualTo(-1);
    }
}
