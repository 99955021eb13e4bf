package dev.shadowstep.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.web.FakeTraceService;
import dev.shadowstep.web.WebSliceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(RunApiController.class)
@Import(WebSliceConfig.class)
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class RunApiControllerTest {

    static final String SCENARIO = """
            format: 1
            title: "STI"
            program: |
              sti
              hlt
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    FakeTraceService engine;

    @Test
    void postingAYamlScenarioReturnsItsTraceAsJson() throws Exception {
        mvc.perform(post("/api/run").contentType("application/yaml").content(SCENARIO))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.format").value(1))
                .andExpect(jsonPath("$.scenario.title").value("STI"))
                .andExpect(jsonPath("$.listing[0].address").value("0x401000"))
                .andExpect(jsonPath("$.listing[0].bytes").value("9c"))
                .andExpect(jsonPath("$.steps.length()").value(15))
                .andExpect(jsonPath("$.steps[4].kind").value("deliver"))
                .andExpect(jsonPath("$.events[0].type").value("db"))
                .andExpect(jsonPath("$.events[0].dr6").value("0xffff4ff0"))
                .andExpect(jsonPath("$.events[0].cause[0]").value("BS"))
                .andExpect(jsonPath("$.events[1].vector").value(0xaa))
                .andExpect(jsonPath("$.outcome.status").value("completed"))
                .andExpect(jsonPath("$.expectations[0].ok").value(true));
    }

    @Test
    void aJsonScenarioIsAcceptedToo() throws Exception {
        mvc.perform(post("/api/run").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"format\": 1, \"title\": \"STI\", \"program\": \"sti\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.format").value(1));
    }

    @Test
    void anInvalidScenarioIs400WithEachErrorLocated() throws Exception {
        mvc.perform(post("/api/run").contentType("application/yaml").content("format: 1\nprogram: nop\n"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.errors[0].path").value("title"))
                .andExpect(jsonPath("$.errors[0].line").value(1))
                .andExpect(jsonPath("$.errors[0].column").value(1))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("title is required")));
    }

    @Test
    void maxStepsAboveTheWebLimitIs400AtTheKeyWithoutRunning() throws Exception {
        int before = engine.runs.get();
        mvc.perform(post("/api/run").contentType("application/yaml").content(SCENARIO + "limits:\n  max_steps: 2000000\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("limits.max_steps"))
                .andExpect(jsonPath("$.errors[0].line").value(7))
                .andExpect(jsonPath("$.errors[0].column").value(14))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("above this server's limit of 1,000,000")));
        assertThat(engine.runs.get()).isEqualTo(before);
    }

    @Test
    void maxStepsWithinTheWebLimitRuns() throws Exception {
        mvc.perform(post("/api/run").contentType("application/yaml").content(SCENARIO + "limits: {max_steps: 50000}\n"))
                .andExpect(status().isOk());
    }

    @Test
    void aScenarioOver64KiBIs413SayingTheLimit() throws Exception {
        String big = SCENARIO + "# " + "x".repeat(64 * 1024) + "\n";
        mvc.perform(post("/api/run").contentType("application/yaml").content(big))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("65536 bytes (64 KiB)")));
    }

    @Test
    void aScenarioOfExactly64KiBIsAccepted() throws Exception {
        String padded = SCENARIO + "#" + "x".repeat(64 * 1024 - SCENARIO.length() - 2) + "\n";
        mvc.perform(post("/api/run").contentType("application/yaml").content(padded))
                .andExpect(status().isOk());
    }

    @Test
    void anEmptyBodyIs400SayingWhatToSend() throws Exception {
        mvc.perform(post("/api/run").contentType("application/yaml").content(""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("send the scenario file")));
    }

    @Test
    void aBodyThatIsNotUtf8Is400() throws Exception {
        mvc.perform(post("/api/run").contentType("application/yaml").content(new byte[] {'t', (byte) 0xff, (byte) 0xfe}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("not UTF-8")));
    }

    @Test
    void theLibraryIsListedWithSlugTitleSummaryAndTags() throws Exception {
        mvc.perform(get("/api/scenarios"))
                .andExpect(status().isOk())
                .andExpect(header().exists("Content-Security-Policy"))
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[?(@.slug == 'mov-ss-data-breakpoint')].tags[0]").value("MOV SS"))
                .andExpect(jsonPath("$[?(@.slug == 'sti-shadow-single-step')].title").value("Single-step #DB in an STI shadow"))
                .andExpect(jsonPath("$[?(@.slug == 'sti-shadow-single-step')].summary").value(hasItem(containsString("debug_regs.c"))));
    }
}
