package dev.shadowstep.permalink;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioDocument;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Trace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes and opens permalinks. Making one reads the scenario strictly, hashes its canonical form,
 * runs it once to record what it shows, and stores it; opening one runs it again with the current
 * engine and says whether the run has drifted.
 */
public class PermalinkService {

    private final PermalinkStore store;
    /** Null when this build has no engine: links are still stored, their digest recorded later. */
    private final Supplier<TraceProducer> engine;
    private final int maxSteps;
    /**
     * The drift of each link opened lately: the engine does not change while the server runs, so
     * neither does the verdict, and a pass over the steps per request is saved. Bounded by count (a
     * verdict is a few strings).
     */
    private final Map<String, Drift> drifts = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Drift> eldest) {
                    return size() > 4096;
                }
            });

    public PermalinkService(PermalinkStore store, Supplier<TraceProducer> engine, int maxSteps) {
        this.store = store;
        this.engine = engine;
        this.maxSteps = maxSteps;
    }

    /** A link returned by {@link #create}, and whether this call stored it (false: it already was). */
    public record Created(StoredLink link, boolean isNew) {}

    /**
     * Returns the permalink of the scenario text, storing it when it is new.
     *
     * @throws ScenarioException with every located problem: the format's, the step bound's, the run's
     */
    public Created create(String source) {
        Scenario scenario = ScenarioLoader.load(source);
        checkStepBound(scenario, source);
        String hash = CanonicalScenario.hash(source);
        Optional<StoredLink> existing = store.findByHash(hash);
        if (existing.isPresent()) {
            return new Created(existing.get(), false);
        }
        TraceProducer producer = engine.get();
        Trace trace = producer == null ? null : producer.run(scenario, source);
        LinkPreview preview = LinkPreview.of(scenario.title(), scenario.summary());
        PermalinkStore.Saved saved = store.save(new PermalinkStore.NewLink(hash, source, preview,
                trace == null ? null : trace.engine(), trace == null ? null : TraceDigest.of(trace)));
        return new Created(saved.link(), saved.created());
    }

    /** Returns the stored link without running it (for previews and the source form); empty for a malformed or unknown id. */
    public Optional<StoredLink> stored(String id) {
        if (PermalinkIds.problem(id).isPresent()) {
            return Optional.empty();
        }
        return store.findById(id);
    }

    /**
     * Returns the link opened now: stored source and metadata, the current engine's run (its scenario
     * id set to the link's) and the drift between that run and the stored one. Empty for a malformed
     * id (never looked up) or an unknown one.
     */
    public Optional<Permalink> find(String id) {
        return stored(id).map(this::open);
    }

    private Permalink open(StoredLink link) {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(link.source());
        } catch (ScenarioException e) {
            return new Permalink(link, null, null, Drift.unknown(link.engine(), null, "This version of shadowstep "
                    + "can no longer read the stored scenario (" + e.errors().getFirst().describe() + "). "
                    + "That is a bug: scenario format 1 must stay readable. The source is unchanged."));
        }
        TraceProducer producer = engine.get();
        if (producer == null) {
            return new Permalink(link, scenario, null, Drift.unknown(link.engine(), null,
                    "This build of shadowstep has no engine, so the scenario cannot be run or compared."));
        }
        Trace trace;
        try {
            trace = producer.run(scenario, link.source(), link.id());
        } catch (ScenarioException e) {
            return new Permalink(link, scenario, null, Drift.unknown(link.engine(), null, "The current engine "
                    + "refuses the stored scenario (" + e.errors().getFirst().describe() + "), which it once ran."));
        }
        if (link.digest() == null) {
            return new Permalink(link, scenario, trace, drift(link, trace)); // records the digest: not a verdict to keep
        }
        return new Permalink(link, scenario, trace, drifts.computeIfAbsent(link.id() + " " + trace.engine(), key -> drift(link, trace)));
    }

    private Drift drift(StoredLink link, Trace trace) {
        TraceDigest now = TraceDigest.of(trace);
        if (link.digest() == null) {
            store.recordDigest(link.id(), trace.engine(), now);
            return Drift.unknown(null, trace.engine(), "This link was stored without a run, so there is nothing to "
                    + "compare with; this run (" + trace.engine() + ") is now recorded as what it shows.");
        }
        if (link.digest().sha256().equals(now.sha256())) {
            return Drift.none(link.engine(), trace.engine());
        }
        return Drift.changed(link.engine(), trace.engine(), link.digest().firstDifference(now));
    }

    private void checkStepBound(Scenario scenario, String source) {
        if (scenario.limits().maxSteps() <= maxSteps) {
            return;
        }
        ScenarioDocument.Position at = ScenarioDocument.read(source).locate("limits", "max_steps")
                .orElse(new ScenarioDocument.Position(0, 0));
        String fix = at.line() > 0 ? "; lower limits.max_steps to " + maxSteps + " or less"
                : " (the default); add limits: {max_steps: " + maxSteps + "}";
        throw new ScenarioException(List.of(new ScenarioError("limits.max_steps", at.line(), at.column(),
                "permalinks run at most " + maxSteps + " steps, and this scenario allows "
                        + scenario.limits().maxSteps() + fix + " (run longer experiments with the command line)")));
    }

    /** Returns the trace with its scenario reference naming the permalink id. */
    public static Trace withId(Trace t, String id) {
        return new Trace(t.format(), t.engine(), new Trace.ScenarioRef(t.scenario().title(), id), t.symbols(),
                t.listing(), t.steps(), t.events(), t.outcome(), t.expectations(), t.findings());
    }
}
