package dev.shadowstep.web.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.web.FakeTraceService;
import dev.shadowstep.web.WebProperties;
import dev.shadowstep.web.library.LibraryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStoreTest {

    final FakeTraceService engine = new FakeTraceService();
    final RunStore store = new RunStore(engine, new WebProperties("unused", 2, null));

    static LibraryEntry entry(String slug) {
        return new LibraryEntry(slug, slug, "", List.of(), "format: 1\ntitle: " + slug + "\n");
    }

    @Test
    void aKeptLibraryRunIsReusedWithoutRunningAgain() {
        StoredRun first = store.forLibrary(entry("a"));
        assertThat(store.forLibrary(entry("a"))).isSameAs(first);
        assertThat(engine.runs.get()).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedRunIsDroppedWhenTheStoreIsFull() {
        StoredRun a = store.forLibrary(entry("a"));
        StoredRun b = store.forLibrary(entry("b"));
        store.find(a.id());
        store.forLibrary(entry("c"));
        assertThat(store.find(a.id())).isPresent();
        assertThat(store.find(b.id())).isEmpty();
    }

    @Test
    void aDroppedLibraryRunIsRunAgainWhenAskedFor() {
        StoredRun a = store.forLibrary(entry("a"));
        store.forLibrary(entry("b"));
        store.forLibrary(entry("c"));
        StoredRun again = store.forLibrary(entry("a"));
        assertThat(again.id()).isNotEqualTo(a.id());
        assertThat(engine.runs.get()).isEqualTo(4);
    }

    @Test
    void anUnknownIdIsReportedWithAWayOut() {
        assertThatThrownBy(() -> store.get("zzz"))
                .isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("Reload the scenario page");
    }

    @Test
    void anInvalidScenarioIsNotKept() {
        LibraryEntry broken = new LibraryEntry("broken", "broken", "", List.of(), "format: 1\n");
        assertThatThrownBy(() -> store.forLibrary(broken)).isInstanceOf(ScenarioRejectedException.class);
        assertThat(store.forLibrary(entry("a")).id()).hasSize(12);
    }

    @Test
    void aTextFromTheEditorIsRunOnceAndKeptWithItsSource() {
        String text = "format: 1\ntitle: mine\n";
        StoredRun first = store.forText(text, engine::run);
        assertThat(store.forText(text, engine::run)).isSameAs(first);
        assertThat(first.slug()).isNull();
        assertThat(first.source()).isEqualTo(text);
        assertThat(engine.runs.get()).isEqualTo(1);
        assertThat(store.forText(text + "# changed\n", engine::run).id()).isNotEqualTo(first.id());
    }

    @Test
    void aDroppedTextRunIsRunAgainWhenAskedFor() {
        StoredRun first = store.forText("format: 1\ntitle: a\n", engine::run);
        store.forLibrary(entry("b"));
        store.forLibrary(entry("c"));
        assertThat(store.find(first.id())).isEmpty();
        assertThat(store.forText("format: 1\ntitle: a\n", engine::run).id()).isNotEqualTo(first.id());
    }

    @Test
    void aLibraryRunKeepsItsScenarioText() {
        assertThat(store.forLibrary(entry("a")).source()).isEqualTo("format: 1\ntitle: a\n");
    }
}
