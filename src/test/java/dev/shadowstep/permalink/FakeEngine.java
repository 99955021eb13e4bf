package dev.shadowstep.permalink;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in engine: one step per non-empty program line, an event at the second step, and a
 * "completed" outcome. {@link #changeFrom} makes a later "version" explain steps differently from
 * a given index on, to provoke drift.
 */
final class FakeEngine implements TraceProducer {

    final AtomicInteger runs = new AtomicInteger();
    volatile String version = "fake 1.0";
    /** Steps at or past this index get a different why; MAX_VALUE leaves every step as version 1 wrote it. */
    volatile int changeFrom = Integer.MAX_VALUE;

    @Override
    public Trace run(Scenario scenario, String source) {
        runs.incrementAndGet();
        if (scenario.hypervisor() != null) {
            // as the bare-metal runner does: a located refusal, which the routes turn into a 400
            throw new ScenarioException(List.of(new ScenarioError("hypervisor", 0, 0, "this engine runs bare metal only")));
        }
        if (scenario.program().contains("explode")) {
            throw new IllegalStateException("an engine bug");
        }
        List<String> lines = scenario.program().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String why = i >= changeFrom ? "reworded explanation of " + lines.get(i) : "ran " + lines.get(i);
            steps.add(step(i, 0x401000L + i, lines.get(i), why));
        }
        return trace(version, scenario.title(), steps, new Outcome(Outcome.Status.COMPLETED, steps.size(),
                "Halted with interrupts off and nothing pending."));
    }

    static Step step(int index, long rip, String text, String why) {
        State state = new State(rip + 1, 0x2, State.Shadow.NONE, new long[16], 0, 0, 0, 0, 0xffff0ff0L, 0x400, 0,
                List.of(), List.of(), false, State.Activity.ACTIVE, null);
        return new Step(index, Step.Kind.INSN, rip, null, text, Step.Where.GUEST, state, List.of("rip"), why, List.of());
    }

    static Trace trace(String engine, String title, List<Step> steps, Outcome outcome) {
        List<Event> events = steps.size() < 2 ? List.of() : List.of(new Event(1, Event.Type.DB, 1, 0x401001L, null,
                0xffff4ff0L, List.of("BS"), "native", null, null, null, null, null, null));
        return new Trace(Trace.FORMAT, engine, new Trace.ScenarioRef(title, null), Map.of(), List.of(),
                Steps.of(steps), events, outcome, List.of(), List.of());
    }
}
