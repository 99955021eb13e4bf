package dev.shadowstep.web.share;

import dev.shadowstep.permalink.Permalink;
import dev.shadowstep.permalink.PermalinkIds;
import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.web.WebProperties;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.web.run.StoredRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Permalinks opened by the pages, kept for a while: opening one runs it with the current engine
 * and compares it with the stored run, and the page, its stream and the embed view all need
 * that one run. The run itself is kept by the {@link RunStore} under {@code s/{id}}.
 */
@Service
class OpenedLinks {

    /** A permalink opened now, and its kept run; the run is null when the current engine could not make one. */
    record Opened(Permalink link, StoredRun run) {}

    private final PermalinkService permalinks;
    private final RunStore runs;
    private final Map<String, Permalink> opened;

    OpenedLinks(PermalinkService permalinks, RunStore runs, WebProperties properties) {
        this.permalinks = permalinks;
        this.runs = runs;
        int capacity = Math.max(1, properties.maxRuns());
        this.opened = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Permalink> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Returns the opened link with its run.
     *
     * @throws UnknownPermalinkException when the id is malformed (saying what is wrong with it) or not stored
     */
    Opened open(String id) {
        PermalinkIds.problem(id).ifPresent(problem -> {
            throw new UnknownPermalinkException("This is not a permalink: " + problem + ".");
        });
        Permalink link = cached(id);
        if (link == null) {
            link = permalinks.find(id).orElseThrow(() -> new UnknownPermalinkException("No permalink has the id '"
                    + id + "'. Check that the whole link was copied; ids are never reused or removed, so a link "
                    + "that once worked on this server still does."));
            if (link.trace() != null) {
                keep(id, link);
            }
        }
        if (link.trace() == null) {
            return new Opened(link, null);
        }
        Permalink found = link;
        return new Opened(link, runs.forKey("s/" + id, found::trace));
    }

    private synchronized Permalink cached(String id) {
        return opened.get(id);
    }

    private synchronized void keep(String id, Permalink link) {
        opened.put(id, link);
    }
}
