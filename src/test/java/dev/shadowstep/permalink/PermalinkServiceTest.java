package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.shadowstep.scenario.ScenarioException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class PermalinkServiceTest {

    static final String SCENARIO = """
            format: 1
            title: Three nops
            summary: Runs three `nop`s. Nothing else.
            program: |
              nop
              nop
              nop
              hlt
            """;

    @TempDir
    Path dir;

    private HikariDataSource pool;
    private PermalinkStore store;
    private final FakeEngine engine = new FakeEngine();
    private final AtomicReference<TraceProducer> installed = new AtomicReference<>(engine);
    private PermalinkService service;

    @BeforeEach
    void open() {
        pool = SqlitePermalinkStoreTest.sqlite(dir.resolve("p.sqlite"));
        store = new PermalinkStore(JdbcClient.create(pool), Clock.systemUTC());
        service = new PermalinkService(store, installed::get, 20_000);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aNewScenarioIsRunOnceAndStoredWithItsDigestAndPreview() {
        PermalinkService.Created created = service.create(SCENARIO);
        assertThat(created.isNew()).isTrue();
        assertThat(engine.runs).hasValue(1);
        StoredLink link = created.link();
        assertThat(link.id()).hasSize(10);
        assertThat(link.engine()).isEqualTo("fake 1.0");
        assertThat(link.digest().prints().stepCount()).isEqualTo(4);
        assertThat(link.preview()).isEqualTo(new LinkPreview("Three nops", "Runs three nops."));
    }

    @Test
    void aScenarioAlreadyStoredIsNotRunAgain() {
        String id = service.create(SCENARIO).link().id();
        PermalinkService.Created again = service.create(SCENARIO.replace("title: Three nops", "title:   'Three nops'"));
        assertThat(again.isNew()).isFalse();
        assertThat(again.link().id()).isEqualTo(id);
        assertThat(engine.runs).hasValue(1);
    }

    @Test
    void findRunsTheCurrentEngineAndSaysThereIsNoDrift() {
        String id = service.create(SCENARIO).link().id();
        Permalink found = service.find(id).orElseThrow();
        assertThat(found.drift().status()).isEqualTo(Drift.Status.NONE);
        assertThat(found.drift().header()).isEqualTo("none");
        assertThat(found.trace().scenario().id()).isEqualTo(id);
        assertThat(found.scenario().title()).isEqualTo("Three nops");
        assertThat(found.link().source()).isEqualTo(SCENARIO);
    }

    @Test
    void aLaterEngineThatShowsADifferentRunIsReportedWithTheFirstDifferingStep() {
        String id = service.create(SCENARIO).link().id();
        engine.version = "fake 2.0";
        engine.changeFrom = 2;
        Drift drift = service.find(id).orElseThrow().drift();
        assertThat(drift.changed()).isTrue();
        assertThat(drift.step()).isEqualTo(2);
        assertThat(drift.storedEngine()).isEqualTo("fake 1.0");
        assertThat(drift.currentEngine()).isEqualTo("fake 2.0");
        assertThat(drift.message()).contains("made with fake 1.0", "fake 2.0", "first differ at step 2");
        assertThat(drift.header()).isEqualTo("step=2; stored-engine=\"fake 1.0\"; engine=\"fake 2.0\"");
    }

    @Test
    void aNewEngineVersionThatShowsTheSameRunIsNoDrift() {
        String id = service.create(SCENARIO).link().id();
        engine.version = "fake 2.0";
        assertThat(service.find(id).orElseThrow().drift().status()).isEqualTo(Drift.Status.NONE);
    }

    @Test
    void withoutAnEngineLinksAreStoredAndTheirRunIsRecordedWhenOneArrives() {
        installed.set(null);
        String id = service.create(SCENARIO).link().id();
        Permalink opened = service.find(id).orElseThrow();
        assertThat(opened.trace()).isNull();
        assertThat(opened.drift().status()).isEqualTo(Drift.Status.UNKNOWN);
        assertThat(opened.drift().message()).contains("no engine");

        installed.set(engine);
        assertThat(service.find(id).orElseThrow().drift().message()).contains("now recorded");
        assertThat(store.findById(id).orElseThrow().engine()).isEqualTo("fake 1.0");
        assertThat(service.find(id).orElseThrow().drift().status()).isEqualTo(Drift.Status.NONE);
    }

    @Test
    void malformedAndUnknownIdsFindNothing() {
        assertThat(service.find("not-an-id")).isEmpty();
        assertThat(service.find("abcdefghij")).isEmpty();
        assertThat(service.stored("ABCDEFGHIJ")).isEmpty();
    }

    @Test
    void aScenarioAskingForMoreStepsThanPermalinksRunIsRefusedAtItsLine() {
        String tooLong = SCENARIO + "limits:\n  max_steps: 50000\n";
        assertThatThrownBy(() -> service.create(tooLong))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(err -> {
                        assertThat(err.path()).isEqualTo("limits.max_steps");
                        assertThat(err.line()).isEqualTo(10);
                        assertThat(err.column()).isEqualTo(14);
                        assertThat(err.message()).contains("at most 20000 steps", "lower limits.max_steps");
                    });
                });
        assertThat(engine.runs).hasValue(0);
    }

    @Test
    void anInvalidScenarioIsRefusedWithLocatedErrorsAndNothingIsStored() {
        assertThatThrownBy(() -> service.create("format: 1\ntitle: x\nprogram: nop\ncpu: {rflags: zz}\n"))
                .isInstanceOfSatisfying(ScenarioException.class, e ->
                        assertThat(e.errors().getFirst().path()).isEqualTo("cpu.rflags"));
        assertThat(store.count()).isZero();
    }
}
