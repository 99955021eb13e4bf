package dev.shadowstep.web.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.run.CoreRun;
import dev.shadowstep.web.FakeTraceService;
import dev.shadowstep.web.library.LibraryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunStoreTest {

    final FakeTraceService engine = new FakeTraceService();
    final MemoryDraftStore drafts = new MemoryDraftStore();
    final RunGuard gateway = new RunGuard(engine, RunLimits.DEFAULT);
    /** Room for two runs of the fake STI trace (15 steps at the default 1 KiB a step). */
    final RunStore store = new RunStore(gateway, 2 * 15 * 1024, 100, drafts);

    static LibraryEntry entry(String slug) {
        return new LibraryEntry(slug, slug, "", List.of(), "format: 1\ntitle: " + slug + "\n");
    }

    static String text(int n) {
        return "format: 1\ntitle: run " + n + "\n";
    }

    @Test
    void aRunIdIsTheHashOfTheEngineAndTheTextSoTheSameTextIsOneRun() {
        StoredRun first = store.forText(text(1));
        assertThat(store.forText(text(1))).isSameAs(first);
        assertThat(engine.runs.get()).isEqualTo(1);
        assertThat(first.id()).isEqualTo(RunIds.id(RunIds.hash(CoreRun.ENGINE, null, text(1)))).hasSize(12)
                .matches("[a-km-np-z2-9]{12}");
        assertThat(store.forText(text(1) + "# changed\n").id()).isNotEqualTo(first.id());
        assertThat(first.source()).isEqualTo(text(1));
    }

    @Test
    void anotherInstanceOnTheSameDraftsFindsTheRunByIdAndRunsItAgain() {
        StoredRun made = store.forText(text(1));
        RunStore other = new RunStore(gateway, 1 << 20, 100, drafts);
        StoredRun found = other.get(made.id());
        assertThat(found.id()).isEqualTo(made.id());
        assertThat(found.source()).isEqualTo(text(1));
        assertThat(found.trace().scenario().title()).isEqualTo("run 1");
        assertThat(engine.runs.get()).isEqualTo(2);
    }

    @Test
    void aRunStillOpensAfterAHundredOtherRunsPushedItOutOfMemory() {
        StoredRun first = store.forText(text(0));
        for (int i = 1; i <= 100; i++) store.forText(text(i));
        assertThat(store.usage()[0]).isLessThanOrEqualTo(2);
        StoredRun again = store.get(first.id());
        assertThat(again.trace().scenario().title()).isEqualTo("run 0");
        assertThat(engine.runs.get()).isEqualTo(102);
    }

    @Test
    void keptRunsAreBoundedByTheirBytesNotTheirCount() {
        RunStore small = new RunStore(gateway, 3 * 15 * 1024, 1000, drafts);
        for (int i = 0; i < 10; i++) small.forText(text(i));
        long[] usage = small.usage();
        assertThat(usage[0]).isEqualTo(3);
        assertThat(usage[1]).isEqualTo(3 * 15 * 1024);
    }

    @Test
    void aRunLargerThanTheWholeCacheIsServedButNotKept() {
        RunStore tiny = new RunStore(gateway, 1024, 100, drafts);
        StoredRun run = tiny.forText(text(1));
        assertThat(run.total()).isEqualTo(15);
        assertThat(tiny.usage()[0]).isZero();
        assertThat(tiny.get(run.id()).total()).isEqualTo(15);
    }

    @Test
    void concurrentMissesOfOneIdShareOneRun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        RunGuard slow = new RunGuard(text -> {
            runs.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return engine.run(text);
        }, RunLimits.DEFAULT);
        RunStore shared = new RunStore(slow, 1 << 20, 100, drafts);
        List<Future<StoredRun>> all = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) all.add(pool.submit(() -> shared.forText(text(7))));
            Thread.sleep(200);
            release.countDown();
            for (Future<StoredRun> f : all) assertThat(f.get().id()).isEqualTo(all.getFirst().get().id());
        }
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aPermalinkRunIsMadeAgainWithTheLinksIdInItsScenario() {
        StoredRun made = store.forPermalink("k3x9f2a7qd", text(1),
                () -> dev.shadowstep.permalink.PermalinkService.withId(engine.run(text(1)), "k3x9f2a7qd"));
        assertThat(made.id()).isNotEqualTo(store.forText(text(1)).id());
        RunStore other = new RunStore(gateway, 1 << 20, 100, drafts);
        assertThat(other.get(made.id()).trace().scenario().id()).isEqualTo("k3x9f2a7qd");
    }

    @Test
    void anUnknownOrMalformedIdIsReportedWithAWayOut() {
        assertThatThrownBy(() -> store.get("zzzzzzzzzzzz"))
                .isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("Reload the scenario page");
        assertThatThrownBy(() -> store.get("../../etc")).isInstanceOf(UnknownRunException.class);
    }

    @Test
    void anInvalidScenarioIsNotKeptNorStored() {
        LibraryEntry broken = new LibraryEntry("broken", "broken", "", List.of(), "format: 1\n");
        assertThatThrownBy(() -> store.forLibrary(broken)).isInstanceOf(ScenarioRejectedException.class);
        assertThat(drafts.find(RunIds.id(RunIds.hash(CoreRun.ENGINE, null, "format: 1\n")))).isEmpty();
    }

    @Test
    void aLibraryRunKeepsItsScenarioTextAndSlug() {
        StoredRun run = store.forLibrary(entry("a"));
        assertThat(run.source()).isEqualTo("format: 1\ntitle: a\n");
        assertThat(run.slug()).isEqualTo("a");
        assertThat(store.forLibrary(entry("a"))).isSameAs(run);
    }
}
