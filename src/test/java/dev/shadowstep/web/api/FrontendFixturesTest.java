package dev.shadowstep.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the JSON the node tests read (frontend/test/fixtures): the vocabulary, real traces of
 * library scenarios, and the Java names of their events. A fixture that differs from what the
 * code writes now is rewritten and the test fails, so a renamed field or word shows in the diff
 * and in {@code node --test}; commit the rewritten file.
 */
class FrontendFixturesTest {
    static final Path FIXTURES = Path.of("frontend/test/fixtures");
    static final Path LIBRARY = Path.of("src/main/resources/scenarios");
    /** Full traces for the node tests: bare metal and under KVM. */
    static final List<String> TRACES = List.of("debug-regs-sti-bare-metal", "debug-regs-sti-kvm");
    /** Scenarios whose events cover every kind of name: #DB, IRQ, #GP, NMI, VM exits, an exit to the host. */
    static final List<String> NAMED_EVENTS = List.of("debug-regs-sti-bare-metal", "debug-regs-sti-kvm",
            "cli-cpl3-iopl0-gp", "nmi-at-step-if-clear", "debug-regs-bd-kvm");

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static Trace run(String slug) throws IOException {
        Trace t = ScenarioRunner.run(ScenarioLoader.load(Files.readString(LIBRARY.resolve(slug + ".yaml"))), null);
        // named by the slug, so that a reworded title does not make the fixture stale
        return new Trace(t.format(), t.engine(), new Trace.ScenarioRef(slug, null), t.symbols(), t.listing(), t.steps(),
                t.events(), t.outcome(), t.expectations(), t.findings());
    }

    @Test
    void theVocabularyFixtureIsCurrent() throws IOException {
        assertCurrent("vocabulary.json", JSON.writeValueAsString(Vocabulary.of()) + "\n");
    }

    @Test
    void theTraceFixturesAreCurrent() throws IOException {
        for (String slug : TRACES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TraceJson.writePretty(run(slug), out);
            assertCurrent(slug + ".json", out.toString(StandardCharsets.UTF_8) + "\n");
        }
    }

    @Test
    void theEventNamesFixtureIsCurrent() throws IOException {
        List<Map<String, Object>> names = new ArrayList<>();
        for (String slug : NAMED_EVENTS) {
            Trace t = run(slug);
            for (Event e : t.events()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("event", JSON.readTree(TraceJson.eventJson(e)));
                item.put("name", e.name());
                names.add(item);
            }
        }
        assertThat(names).extracting(m -> ((tools.jackson.databind.JsonNode) m.get("event")).get("type").stringValue())
                .contains("db", "irq", "exception", "nmi", "vmexit", "exit_to_host");
        assertCurrent("event-names.json", JSON.writeValueAsString(names) + "\n");
    }

    private static void assertCurrent(String name, String now) throws IOException {
        Path file = FIXTURES.resolve(name);
        String before = Files.exists(file) ? Files.readString(file) : null;
        if (!now.equals(before)) {
            Files.createDirectories(FIXTURES);
            Files.writeString(file, now);
        }
        assertThat(before).as(file + " was stale and has been rewritten: check the diff and commit it").isEqualTo(now);
    }
}
