package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Every permalink route and error path, against the real store on a fresh SQLite file and a fake engine. */
@SpringBootTest(properties = "shadowstep.permalink.rate-limit.capacity=0")
class PermalinkRoutesTest extends PermalinkMvcTest {

    static final String SCENARIO = "format: 1\r\ntitle: Routes\r\nsummary: Checks the routes. Twice.\r\n"
            + "program: |\r\n  nop\r\n  nop\r\n  hlt\r\n";

    @Test
    void theDataFolderIsCreatedOnStart() {
        assertThat(dataDir.resolve("nested/data/permalinks.sqlite")).exists();
    }

    @Test
    void postingANewScenarioAnswers201WithTheIdAndEveryForm() throws Exception {
        String scenario = SCENARIO.replace("Routes", "Routes 201");
        mvc.perform(post("/api/permalinks").contentType("application/yaml").content(scenario))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/s/")))
                .andExpect(jsonPath("$.id").value(org.hamcrest.Matchers.matchesPattern("[a-km-np-z2-9]{10}")))
                .andExpect(jsonPath("$.title").value("Routes 201"))
                .andExpect(jsonPath("$.urls.page").value(startsWith("http://localhost/s/")))
                .andExpect(jsonPath("$.urls.yaml").value(org.hamcrest.Matchers.endsWith(".yaml")))
                .andExpect(jsonPath("$.urls.json").value(org.hamcrest.Matchers.endsWith(".json")))
                .andExpect(jsonPath("$.urls.txt").value(org.hamcrest.Matchers.endsWith(".txt")))
                .andExpect(jsonPath("$.urls.embed").value(startsWith("http://localhost/embed/")));
    }

    @Test
    void postingTheSameScenarioAgainInJsonAnswers200WithTheSameId() throws Exception {
        String id = create(SCENARIO);
        String asJson = "{\"program\": \"nop\\nnop\\nhlt\\n\", \"title\": \"Routes\", \"format\": 1,"
                + " \"summary\": \"Checks the routes. Twice.\"}";
        mvc.perform(post("/api/permalinks").contentType(MediaType.APPLICATION_JSON).content(asJson))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));
    }

    @Test
    void anInvalidScenarioAnswers400WithLocatedErrors() throws Exception {
        mvc.perform(post("/api/permalinks").content("format: 1\ntitle: Bad\nprogram: nop\ncpu:\n  rflags: zz\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("cpu.rflags"))
                .andExpect(jsonPath("$.errors[0].line").value(5))
                .andExpect(jsonPath("$.errors[0].column").value(11))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("expected an integer")));
    }

    @Test
    void aScenarioTheEngineRefusesAnswers400WithItsErrors() throws Exception {
        mvc.perform(post("/api/permalinks").content(SCENARIO + "hypervisor: {kind: kvm-vmx}\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("hypervisor"))
                .andExpect(jsonPath("$.errors[0].message").value("this engine runs bare metal only"));
    }

    @Test
    void anEngineFailureAnswers500WithAMessageAndNoStackTrace() throws Exception {
        mvc.perform(post("/api/permalinks").content("format: 1\ntitle: Boom\nprogram: |\n  explode\n"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("it is logged")))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.not(containsString("IllegalStateException")))) // no class names
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.not(containsString("at dev."))));
    }

    @Test
    void anEmptyOrNonUtf8BodyAnswers400SayingWhatToSend() throws Exception {
        mvc.perform(post("/api/permalinks").content(""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("body is empty")));
        mvc.perform(post("/api/permalinks").content(new byte[] {'a', (byte) 0xff, 'b'}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("not UTF-8")));
    }

    @Test
    void aScenarioOver64KibAnswers413() throws Exception {
        byte[] big = ("format: 1\ntitle: big\nprogram: |\n" + "  nop\n".repeat(12_000)).getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan(64 * 1024);
        mvc.perform(post("/api/permalinks").content(big))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("64 KiB")));
    }

    @Test
    void theYamlFormIsTheSourceExactlyAsSubmitted() throws Exception {
        String id = create(SCENARIO);
        MvcResult r = mvc.perform(get("/s/" + id + ".yaml"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", containsString("immutable")))
                .andReturn();
        assertThat(r.getResponse().getContentAsByteArray()).isEqualTo(SCENARIO.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theJsonFormIsTheTraceWithItsIdAndAPermalinkFieldSayingThereIsNoDrift() throws Exception {
        String id = create(SCENARIO);
        MvcResult r = mvc.perform(get("/s/" + id + ".json"))
                .andExpect(status().isOk())
                .andExpect(header().string("Shadowstep-Drift", "none"))
                .andReturn();
        JsonNode trace = json.readTree(r.getResponse().getContentAsString());
        assertThat(trace.get("format").asInt()).isEqualTo(1);
        assertThat(trace.get("scenario").get("id").asString()).isEqualTo(id);
        assertThat(trace.get("steps")).hasSize(3);
        assertThat(trace.get("outcome").get("status").asString()).isEqualTo("completed");
        JsonNode permalink = trace.get("permalink");
        assertThat(permalink.get("id").asString()).isEqualTo(id);
        assertThat(permalink.get("engine").asString()).isEqualTo("fake 1.0");
        assertThat(permalink.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(permalink.get("drift").get("status").asString()).isEqualTo("none");
    }

    @Test
    void theTextFormStartsWithTheSourceFitsEightyColumnsAndEndsWithTheLink() throws Exception {
        String id = create(SCENARIO);
        String text = mvc.perform(get("/s/" + id + ".txt"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
                .andExpect(header().string("Shadowstep-Drift", "none"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("Scenario: Routes (id " + id + ")\n| format: 1\n| title: Routes\n");
        assertThat(text.lines()).allMatch(line -> line.length() <= 80);
        assertThat(text).contains("\nLink: http://localhost/s/" + id + "\n", "\nDrift: The current engine");
    }

    @Test
    void driftIsReportedInTheHeaderAndTheJsonField() throws Exception {
        String id = create(SCENARIO.replace("Routes", "Routes drift"));
        engine.changeFrom = 1;
        engine.version = "fake 2.0";
        try {
            MvcResult r = mvc.perform(get("/s/" + id + ".json"))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Shadowstep-Drift", "step=1; stored-engine=\"fake 1.0\"; engine=\"fake 2.0\""))
                    .andReturn();
            JsonNode drift = json.readTree(r.getResponse().getContentAsString()).get("permalink").get("drift");
            assertThat(drift.get("status").asString()).isEqualTo("changed");
            assertThat(drift.get("step").asInt()).isEqualTo(1);
            assertThat(drift.get("message").asString()).contains("first differ at step 1");
            mvc.perform(get("/s/" + id + ".txt"))
                    .andExpect(header().string("Shadowstep-Drift", startsWith("step=1")))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                            .string(containsString("Drift: This link was made with fake 1.0.")));
        } finally {
            engine.changeFrom = Integer.MAX_VALUE;
            engine.version = "fake 1.0";
        }
    }

    @Test
    void anUnknownIdAnswers404WithAClearMessageInEveryForm() throws Exception {
        for (String form : new String[] {".yaml", ".txt"}) {
            mvc.perform(get("/s/abcdefghij" + form))
                    .andExpect(status().isNotFound())
                    .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                            .string(containsString("No permalink has the id 'abcdefghij'")));
        }
        mvc.perform(get("/s/abcdefghij.json"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("No permalink has the id")));
    }

    @Test
    void aMalformedIdAnswers404ExplainingTheIdFormWithoutAskingTheStore() throws Exception {
        mvc.perform(get("/s/abc.yaml"))
                .andExpect(status().isNotFound())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(containsString("10 to 52 characters")));
        mvc.perform(get("/s/abcdefgh0j.json"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("'0' at position 9")));
    }
}
