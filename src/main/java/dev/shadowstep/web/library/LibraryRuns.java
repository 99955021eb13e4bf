package dev.shadowstep.web.library;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioLoader;
import java.util.List;

/**
 * Runs a built-in scenario once at start-up for its tags. Only the library's own files come here
 * (each bounded by its own {@code limits}); user text is run through the run gateway, and its page
 * takes its tags from that run.
 */
final class LibraryRuns {

    private LibraryRuns() {}

    /** Returns the tags of the scenario's run; none when it does not load or run (its page shows why). */
    static List<String> tags(String yaml) {
        try {
            return RunTags.of(ScenarioRunner.runWithoutFindings(ScenarioLoader.load(yaml), null));
        } catch (RuntimeException e) {  // a ScenarioException: the library's own tests catch it
            return List.of();
        }
    }
}
