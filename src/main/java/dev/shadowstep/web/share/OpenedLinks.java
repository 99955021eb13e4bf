package dev.shadowstep.web.share;

import dev.shadowstep.permalink.Permalink;
import dev.shadowstep.permalink.PermalinkIds;
import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.web.run.StoredRun;
import org.springframework.stereotype.Service;

/**
 * Permalinks opened by the pages: opening one runs it with the current engine (through the engine
 * gateway) and compares it with the stored run; the page, its stream and the embed view all need
 * that one run, which the {@link RunStore} keeps under its content id (and any instance makes again).
 */
@Service
public class OpenedLinks {

    /** A permalink opened now, and its kept run; the run is null when the current engine could not make one. */
    public record Opened(Permalink link, StoredRun run) {}

    private final PermalinkService permalinks;
    private final RunStore runs;

    public OpenedLinks(PermalinkService permalinks, RunStore runs) {
        this.permalinks = permalinks;
        this.runs = runs;
    }

    /**
     * Returns the opened link with its run.
     *
     * @throws UnknownPermalinkException when the id is malformed (saying what is wrong with it) or not stored
     */
    public Opened open(String id) {
        PermalinkIds.problem(id).ifPresent(problem -> {
            throw new UnknownPermalinkException("This is not a permalink: " + problem + ".");
        });
        Permalink link = permalinks.find(id).orElseThrow(() -> new UnknownPermalinkException("No permalink has the id '"
                + id + "'. Check that the whole link was copied; ids are never reused or removed, so a link "
                + "that once worked on this server still does."));
        if (link.trace() == null) {
            return new Opened(link, null);
        }
        return new Opened(link, runs.forPermalink(id, link.link().source(), link::trace));
    }
}
