package dev.shadowstep.web.compare;

import dev.shadowstep.compare.AlignedRows;
import dev.shadowstep.compare.RunComparison;
import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.UnknownScenarioException;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.web.run.ScenarioRejectedException;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.share.OpenedLinks;
import dev.shadowstep.web.switches.SwitchException;
import dev.shadowstep.web.switches.Variant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Sets up comparisons: finds or makes each side's run (every run through the {@link RunStore}, so
 * through the one engine gateway) and compares them ({@link RunComparison}).
 */
@Service
public class Comparisons {

    /** Two runs compared: the sides, what differs, and the rows of the aligned view. */
    public record Compared(CompareSide a, CompareSide b, RunComparison comparison, AlignedRows rows) {
        public List<CompareSide> sides() {
            return List.of(a, b);
        }
    }

    private final RunStore runs;
    private final ScenarioLibrary library;
    /** Permalinks, when this application has them (web slice tests do not). */
    private final ObjectProvider<OpenedLinks> links;

    Comparisons(RunStore runs, ScenarioLibrary library, ObjectProvider<OpenedLinks> links) {
        this.runs = runs;
        this.library = library;
        this.links = links;
    }

    /** Returns the comparison of two sides. */
    public Compared compare(CompareSide a, CompareSide b) {
        RunComparison c = RunComparison.of(a.run().trace(), b.run().trace(), a.name(), b.name());
        return new Compared(a, b, c, new AlignedRows(c.alignment()));
    }

    /**
     * Returns the comparison of two runs of nearly one scenario, named by what B's text changes
     * ({@link ForkLabel}): A as {@code nameA}, B as {@code prefix} and the change; as they are when
     * the texts tell nothing.
     */
    public Compared compareNamed(CompareSide a, CompareSide b, String nameA, String prefix) {
        String fork = ForkLabel.of(a.source(), b.source());
        return fork == null ? compare(a, b) : compare(a.withLabel(nameA), b.withLabel(prefix + fork));
    }

    /** Returns the side for scenario text {@code base} run as {@code variant}. */
    CompareSide variant(String key, Variant variant, String base) {
        String text;
        try {
            text = variant.apply(base);
        } catch (SwitchException e) {
            throw new SwitchException("Side " + key.toUpperCase() + " (" + variant.describe() + "): " + e.getMessage());
        }
        return CompareSide.of(key, variant, text(key, variant.describe(), text));
    }

    /** Returns the run of a text, or a 400 that names the side and every problem. */
    StoredRun text(String key, String label, String text) {
        try {
            return runs.forText(text);
        } catch (ScenarioRejectedException e) {
            throw new BadRequestException("Side " + key.toUpperCase() + " (" + label + ") cannot run: "
                    + e.problems().stream().map(Comparisons::describe).collect(Collectors.joining("; ")));
        }
    }

    /**
     * Returns the side a reference names: {@code s/ID} (a permalink), {@code runs/ID} (a kept run) or
     * {@code scenarios/NAME} (a library scenario).
     *
     * @throws BadRequestException when the reference is none of these
     */
    public CompareSide resolve(String key, String reference) {
        String ref = reference == null ? "" : reference.strip();
        int slash = ref.indexOf('/');
        String kind = slash < 0 ? "" : ref.substring(0, slash);
        String id = slash < 0 ? "" : ref.substring(slash + 1);
        return switch (kind) {
            case "s" -> permalink(key, id);
            case "runs" -> {
                StoredRun run = runs.get(id);
                yield CompareSide.of(key, title(run.source(), "run " + id), null, run, "/runs/" + id, null);
            }
            case "scenarios" -> {
                LibraryEntry entry = library.find(id).orElseThrow(() -> new UnknownScenarioException(id));
                yield CompareSide.of(key, entry.title(), null, runs.forLibrary(entry), "/scenarios/" + entry.slug(), null);
            }
            default -> throw new BadRequestException("Side " + key.toUpperCase() + " is '" + ref + "': name a run as "
                    + "s/PERMALINK, runs/RUN or scenarios/NAME, e.g. " + key + "=scenarios/debug-regs-sti-kvm");
        };
    }

    /** Returns the side of a permalink. @throws dev.shadowstep.web.share.UnknownPermalinkException when there is none */
    CompareSide permalink(String key, String id) {
        OpenedLinks opener = links.getIfAvailable();
        if (opener == null) throw new BadRequestException("This server keeps no permalinks.");
        OpenedLinks.Opened opened = opener.open(id);
        if (opened.run() == null) {
            throw new BadRequestException("Side " + key.toUpperCase() + " (/s/" + id + "): " + opened.link().drift().message());
        }
        return CompareSide.of(key, title(opened.link().link().source(), "/s/" + id), null, opened.run(), "/s/" + id, id);
    }

    private static String title(String source, String fallback) {
        if (source == null) return fallback;
        String title = ScenarioLibrary.entry(null, source).title();
        return title == null || title.isBlank() ? fallback : title;
    }

    static String describe(ScenarioError p) {
        String where = p.line() > 0 ? "line " + p.line() + (p.column() > 0 ? ":" + p.column() : "") + " " : "";
        return where + (p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
    }
}
