package dev.shadowstep.web.run;

import dev.shadowstep.run.CoreRun;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.WebProperties;
import dev.shadowstep.web.library.LibraryEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Runs by id. A run id is a content address ({@link RunIds}); what is stored is the text (a
 * {@link Draft}), never the trace. Traces are a cache in memory, bounded by bytes (each recording
 * knows its size, {@code Steps.retainedBytes}) and by count, least recently used dropped first. On a
 * miss, any instance loads the text by id and runs it again through the {@link RunGuard}; runs are
 * deterministic, so it is the same run. Concurrent misses of one id share one run. When a run waits
 * for memory, the least recently used kept runs are let go ({@link RunMemory}).
 */
@Service
public class RunStore {

    /** A kept run, what it holds, and when its draft was last marked used. */
    private record Kept(StoredRun run, Draft draft, long bytes, long markedAt) {}

    private static final long MARK_EVERY_NANOS = Duration.ofHours(1).toNanos();

    private final RunGuard gateway;
    private final DraftStore drafts;
    private final long budget;
    private final int maxRuns;
    private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<StoredRun>> making = new ConcurrentHashMap<>();
    private long bytes;

    @Autowired
    public RunStore(RunGuard gateway, WebProperties properties, ObjectProvider<JdbcClient> jdbc) {
        this(gateway, properties.runCacheBytes(), Math.max(1, properties.maxRuns()),
                draftStore(jdbc.getIfAvailable(), properties));
    }

    RunStore(RunGuard gateway, long budgetBytes, int maxRuns, DraftStore drafts) {
        this.gateway = gateway;
        this.budget = budgetBytes;
        this.maxRuns = maxRuns;
        this.drafts = drafts;
        gateway.memory().onShortage(this::letGo);
    }

    private static DraftStore draftStore(JdbcClient jdbc, WebProperties properties) {
        // a database is always configured in the app; web slice tests have none
        return jdbc == null ? new MemoryDraftStore() : new JdbcDraftStore(jdbc, Clock.systemUTC(), properties.draftTtl());
    }

    /**
     * Returns the run of a library scenario.
     *
     * @throws ScenarioRejectedException when the scenario is invalid
     */
    public StoredRun forLibrary(LibraryEntry entry) {
        String hash = RunIds.hash(CoreRun.ENGINE, null, entry.yaml());
        return obtain(new Draft(RunIds.id(hash), hash, entry.yaml(), null, entry.slug()),
                () -> gateway.run(entry.yaml()));
    }

    /**
     * Returns the run of a scenario text from a user (the editor, a side of a comparison); the same
     * text is the same run.
     *
     * @throws ScenarioRejectedException when the gateway rejects the scenario; nothing is kept then
     */
    public StoredRun forText(String source) {
        String hash = RunIds.hash(CoreRun.ENGINE, null, source);
        return obtain(new Draft(RunIds.id(hash), hash, source, null, null), () -> gateway.run(source));
    }

    /**
     * Returns the run shown by a permalink's pages, made by {@code trace} (the opened link's run,
     * whose scenario names the link) when it is not kept.
     */
    public StoredRun forPermalink(String permalinkId, String source, Supplier<Trace> trace) {
        String hash = RunIds.hash(CoreRun.ENGINE, permalinkId, source);
        return obtain(new Draft(RunIds.id(hash), hash, source, permalinkId, null), trace);
    }

    /** Returns the run with this id: kept, or made again from its stored text. Empty when no text has the id. */
    public Optional<StoredRun> find(String id) {
        Kept k = cached(id);
        if (k != null) return Optional.of(k.run());
        if (!RunIds.wellFormed(id)) return Optional.empty();
        return drafts.find(id).map(d -> obtain(d, () -> again(d)));
    }

    /** Returns the run with this id. @throws UnknownRunException when no text has the id */
    public StoredRun get(String id) {
        return find(id).orElseThrow(() -> new UnknownRunException(id));
    }

    /** Returns how many runs and bytes are kept now, for tests and the benchmark. */
    public synchronized long[] usage() {
        return new long[] {kept.size(), bytes};
    }

    private Trace again(Draft d) {
        Trace trace = gateway.run(d.source());
        return d.permalink() == null ? trace : dev.shadowstep.permalink.PermalinkService.withId(trace, d.permalink());
    }

    private StoredRun obtain(Draft draft, Supplier<Trace> run) {
        Kept k = cached(draft.id());
        if (k != null) return k.run();
        CompletableFuture<StoredRun> mine = new CompletableFuture<>();
        CompletableFuture<StoredRun> theirs = making.putIfAbsent(draft.id(), mine);
        if (theirs != null) return join(theirs);
        try {
            StoredRun made = new StoredRun(draft.id(), draft.slug(), run.get(), draft.source());
            drafts.save(draft);
            keep(made, draft);
            mine.complete(made);
            return made;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            making.remove(draft.id(), mine);
        }
    }

    private static StoredRun join(CompletableFuture<StoredRun> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    private Kept cached(String id) {
        Kept k;
        synchronized (this) {
            k = kept.get(id);
            if (k == null || System.nanoTime() - k.markedAt() < MARK_EVERY_NANOS) return k;
            kept.put(id, new Kept(k.run(), k.draft(), k.bytes(), System.nanoTime()));
        }
        drafts.save(k.draft()); // a run read from memory for weeks keeps its text in the database
        return k;
    }

    /**
     * Drops the least recently used kept runs until about {@code wanted} bytes are let go: a run waits
     * for the memory they hold ({@link RunMemory}). Any instance makes a dropped run again from its text.
     */
    private synchronized void letGo(long wanted) {
        var eldest = kept.entrySet().iterator();
        long dropped = 0;
        while (dropped < wanted && eldest.hasNext()) {
            Kept drop = eldest.next().getValue();
            bytes -= drop.bytes();
            dropped += drop.bytes();
            eldest.remove();
        }
    }

    private synchronized void keep(StoredRun run, Draft draft) {
        long size = run.trace().steps().retainedBytes();
        if (size > budget) return; // larger than the whole cache: served now, made again when asked for
        Kept old = kept.put(run.id(), new Kept(run, draft, size, System.nanoTime()));
        if (old != null) bytes -= old.bytes();
        bytes += size;
        var eldest = kept.entrySet().iterator();
        while ((bytes > budget || kept.size() > maxRuns) && eldest.hasNext()) {
            Kept drop = eldest.next().getValue();
            if (drop.run() == run) break;
            bytes -= drop.bytes();
            eldest.remove();
        }
    }
}
