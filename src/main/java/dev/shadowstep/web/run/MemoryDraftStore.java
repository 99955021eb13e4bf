package dev.shadowstep.web.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Drafts in memory, for an app context without a database (web slice tests). The app itself always
 * has one (SQLite by default), so its run ids outlive restarts and work on every instance.
 */
final class MemoryDraftStore implements DraftStore {

    private static final int MAX = 10_000;

    private final Map<String, Draft> drafts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Draft> eldest) {
            return size() > MAX;
        }
    };

    @Override
    public synchronized void save(Draft draft) {
        drafts.putIfAbsent(draft.id(), draft);
    }

    @Override
    public synchronized Optional<Draft> find(String id) {
        return Optional.ofNullable(drafts.get(id));
    }
}
