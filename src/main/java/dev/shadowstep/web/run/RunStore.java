package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.WebProperties;
import dev.shadowstep.web.library.LibraryEntry;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Runs scenarios and keeps the most recently used runs in memory, so pages and streams can
 * read their steps. A library scenario is deterministic, so its run is reused while kept.
 */
@Service
public class RunStore {

    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final TraceService engine;
    private final Map<String, StoredRun> runs;
    private final Map<String, String> runIdBySlug = new HashMap<>();
    private final Map<String, String> runIdBySource = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    public RunStore(TraceService engine, WebProperties properties) {
        this.engine = engine;
        int capacity = Math.max(1, properties.maxRuns());
        this.runs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredRun> eldest) {
                boolean drop = size() > capacity;
                if (drop && eldest.getValue().slug() != null) {
                    runIdBySlug.remove(eldest.getValue().slug(), eldest.getKey());
                }
                if (drop && eldest.getValue().slug() == null && eldest.getValue().source() != null) {
                    runIdBySource.remove(eldest.getValue().source(), eldest.getKey());
                }
                return drop;
            }
        };
    }

    /**
     * Returns the kept run of a library scenario, running it first when it is not kept.
     *
     * @throws ScenarioRejectedException when the scenario is invalid
     */
    public StoredRun forLibrary(LibraryEntry entry) {
        synchronized (this) {
            String id = runIdBySlug.get(entry.slug());
            StoredRun kept = id == null ? null : runs.get(id);
            if (kept != null) {
                return kept;
            }
        }
        StoredRun run = new StoredRun(newId(), entry.slug(), engine.run(entry.yaml()), entry.yaml());
        synchronized (this) {
            runs.put(run.id(), run);
            runIdBySlug.put(entry.slug(), run.id());
        }
        return run;
    }

    /**
     * Returns the kept run of a scenario text from a user (the editor, a comparison), running it
     * with {@code runner} when not kept. Runs are deterministic, so the same text reuses its run.
     *
     * @throws ScenarioRejectedException when the runner rejects the scenario; nothing is kept then
     */
    public StoredRun forText(String source, Function<String, Trace> runner) {
        synchronized (this) {
            String id = runIdBySource.get(source);
            StoredRun kept = id == null ? null : runs.get(id);
            if (kept != null) {
                return kept;
            }
        }
        StoredRun run = new StoredRun(newId(), null, runner.apply(source), source);
        synchronized (this) {
            runs.put(run.id(), run);
            runIdBySource.put(source, run.id());
        }
        return run;
    }

    /** Returns the run with this id, when kept. */
    public synchronized Optional<StoredRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Returns the run with this id. @throws UnknownRunException when it is not kept */
    public StoredRun get(String id) {
        return find(id).orElseThrow(() -> new UnknownRunException(id));
    }

    /**
     * Returns the run kept under {@code key} ({@code s/{id}} for a permalink), making it with
     * {@code run} when it is not kept. Only deterministic runs may share a key. The run's
     * {@code slug} is the key.
     */
    public StoredRun forKey(String key, java.util.function.Supplier<Trace> run) {
        synchronized (this) {
            String id = runIdBySlug.get(key);
            StoredRun kept = id == null ? null : runs.get(id);
            if (kept != null) {
                return kept;
            }
        }
        StoredRun made = new StoredRun(newId(), key, run.get());
        synchronized (this) {
            runs.put(made.id(), made);
            runIdBySlug.put(key, made.id());
        }
        return made;
    }

    private String newId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }
}
