package dev.shadowstep.web.library;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Limits;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import java.util.List;

/**
 * Runs a built-in scenario once at start-up for its tags. Only the library's own files come here
 * (each bounded by its own {@code limits}); user text is run through the run gateway, and its page
 * takes its tags from that run.
 */
final class LibraryRuns {

    private LibraryRuns() {}

    /**
     * Returns the tags of the scenario's run, of at most {@link RunTags#STEPS_READ} steps (what the
     * tags read anyway); none when it does not load or run (its page shows why).
     */
    static List<String> tags(String yaml) {
        try {
            Scenario s = ScenarioLoader.load(yaml);
            if (s.limits().maxSteps() > RunTags.STEPS_READ) {
                s = new Scenario(s.format(), s.title(), s.summary(), s.program(), s.programLine(), s.data(), s.cpu(),
                        s.apic(), s.idt(), s.hypervisor(), s.host(), s.expect(), new Limits(RunTags.STEPS_READ),
                        s.lesson(), s.questions());
            }
            return RunTags.of(ScenarioRunner.runWithoutFindings(s, null));
        } catch (RuntimeException e) {  // a ScenarioException: the library's own tests catch it
            return List.of();
        }
    }
}
