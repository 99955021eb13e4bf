package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every database behind {@link PermalinkStore} must do; subclasses supply SQLite or PostgreSQL. */
abstract class PermalinkStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-26T10:15:30.123Z");

    /** Returns a client on a freshly migrated, empty schema. */
    abstract JdbcClient freshDatabase();

    PermalinkStore store;

    @BeforeEach
    void openStore() {
        store = new PermalinkStore(freshDatabase(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    static String hash(String start) {
        return start + "z".repeat(PermalinkIds.FULL_LENGTH - start.length());
    }

    static PermalinkStore.NewLink link(String hash, String source) {
        return new PermalinkStore.NewLink(hash, source, new LinkPreview("Title", "First sentence."), null, null);
    }

    @Test
    void aNewLinkGetsTheTenCharacterPrefixOfItsHash() {
        PermalinkStore.Saved saved = store.save(link(hash("abcdefghijk"), "format: 1\n"));
        assertThat(saved.created()).isTrue();
        assertThat(saved.link().id()).isEqualTo("abcdefghij");
        assertThat(store.findById("abcdefghij")).get().extracting(StoredLink::createdAt).isEqualTo(T0);
    }

    @Test
    void theSameHashReturnsTheStoredLinkAndStoresNothing() {
        store.save(link(hash("abcdefghij"), "first text"));
        PermalinkStore.Saved again = store.save(link(hash("abcdefghij"), "second text, same canonical form"));
        assertThat(again.created()).isFalse();
        assertThat(again.link().source()).isEqualTo("first text");
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void onAPrefixCollisionTheNewIdGrowsAndOldIdsKeepTheirMeaning() {
        String first = hash("abcdefghij2");
        String second = hash("abcdefghij3");
        String third = hash("abcdefghij3m");
        assertThat(store.save(link(first, "one")).link().id()).isEqualTo("abcdefghij");
        assertThat(store.save(link(second, "two")).link().id()).isEqualTo("abcdefghij3");
        assertThat(store.save(link(third, "three")).link().id()).isEqualTo("abcdefghij3m");
        assertThat(store.findById("abcdefghij")).get().extracting(StoredLink::source).isEqualTo("one");
        assertThat(store.findById("abcdefghij3")).get().extracting(StoredLink::source).isEqualTo("two");
        assertThat(store.findById("abcdefghij3m")).get().extracting(StoredLink::source).isEqualTo("three");
    }

    @Test
    void theSourceIsKeptByteForByte() {
        String source = "format: 1\r\ntitle: \"Ünïcødé ✓ 𝕏\"\r\nprogram: |\r\n  nop   \r\n\t# tab\r\n";
        store.save(link(hash("abcdefghij"), source));
        assertThat(store.findById("abcdefghij")).get().extracting(StoredLink::source).isEqualTo(source);
    }

    @Test
    void theDigestAndEngineAreStoredAndReadBack() {
        TraceDigest digest = TraceDigest.of(FakeEngine.trace("shadowstep 0.1.0", "t",
                List.of(FakeEngine.step(0, 0x401000L, "nop", "ran")), new dev.shadowstep.trace.Outcome(
                        dev.shadowstep.trace.Outcome.Status.COMPLETED, 1, "done")));
        store.save(new PermalinkStore.NewLink(hash("abcdefghij"), "s", new LinkPreview("T", "S."),
                "shadowstep 0.1.0", digest));
        StoredLink read = store.findById("abcdefghij").orElseThrow();
        assertThat(read.engine()).isEqualTo("shadowstep 0.1.0");
        assertThat(read.digest()).isEqualTo(digest);
        assertThat(read.preview()).isEqualTo(new LinkPreview("T", "S."));
    }

    @Test
    void aMissingDigestIsRecordedOnceAndNeverReplaced() {
        store.save(link(hash("abcdefghij"), "s"));
        TraceDigest one = TraceDigest.of(FakeEngine.trace("e1", "t", List.of(),
                new dev.shadowstep.trace.Outcome(dev.shadowstep.trace.Outcome.Status.COMPLETED, 0, "a")));
        TraceDigest two = TraceDigest.of(FakeEngine.trace("e2", "t", List.of(),
                new dev.shadowstep.trace.Outcome(dev.shadowstep.trace.Outcome.Status.COMPLETED, 0, "b")));
        assertThat(store.recordDigest("abcdefghij", "e1", one)).isTrue();
        assertThat(store.recordDigest("abcdefghij", "e2", two)).isFalse();
        assertThat(store.findById("abcdefghij").orElseThrow().digest()).isEqualTo(one);
    }

    @Test
    void unknownIdsAndHashesAreEmpty() {
        assertThat(store.findById("abcdefghij")).isEmpty();
        assertThat(store.findByHash(hash("abcdefghij"))).isEmpty();
    }

    @Test
    void concurrentWritersLoseNothingAndAgreeOnRepeatedScenarios() throws Exception {
        int threads = 6;
        int perThread = 40;
        Map<String, String> ids = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // every thread saves the same scenarios: one row each, one id each
                        String h = PermalinkIds.encode(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(("scenario " + i).getBytes()));
                        String id = store.save(link(h, "scenario " + i)).link().id();
                        String before = ids.putIfAbsent(h, id);
                        assertThat(before == null ? id : before).isEqualTo(id);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(store.count()).isEqualTo(perThread);
        ids.forEach((h, id) -> assertThat(store.findById(id)).get().extracting(StoredLink::hash).isEqualTo(h));
    }
}
