package dev.shadowstep.web.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.web.WebSliceConfig;
import dev.shadowstep.web.library.ScenarioLibrary;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest({StepPageController.class, StepStreamController.class})
@Import(WebSliceConfig.class)
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class StepApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    RunStore runs;

    @Autowired
    ScenarioLibrary library;

    String runId;

    @BeforeEach
    void runTheStiScenario() {
        runId = runs.forLibrary(library.find("sti-shadow-single-step").orElseThrow()).id();
    }

    @Test
    void aPageOfStepsIsTraceFormatJson() throws Exception {
        mvc.perform(get("/api/runs/{id}/steps", runId).param("from", "2").param("count", "3"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run").value(runId))
                .andExpect(jsonPath("$.from").value(2))
                .andExpect(jsonPath("$.total").value(15))
                .andExpect(jsonPath("$.steps.length()").value(3))
                .andExpect(jsonPath("$.steps[0].index").value(2))
                .andExpect(jsonPath("$.steps[0].text").value("popf"))
                .andExpect(jsonPath("$.steps[0].state.tf").value(true))
                .andExpect(jsonPath("$.steps[0].state.rflags").value("0x102"))
                .andExpect(jsonPath("$.steps[1].state.shadow").value("sti"))
                .andExpect(jsonPath("$.steps[1].state.irr[0]").value("0xaa"))
                .andExpect(jsonPath("$.steps[1].held[0]").value("IRQ 0xaa held: STI shadow"));
    }

    @Test
    void thePageEndsAtTheLastStep() throws Exception {
        mvc.perform(get("/api/runs/{id}/steps", runId).param("from", "13").param("count", "10"))
                .andExpect(jsonPath("$.steps.length()").value(2));
    }

    @Test
    void aCountOverTheLimitIsABadRequestSayingWhatIsAllowed() throws Exception {
        mvc.perform(get("/api/runs/{id}/steps", runId).param("count", "5000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("ask for 1 to 1000 steps")));
    }

    @Test
    void aStartPastTheEndIsABadRequest() throws Exception {
        mvc.perform(get("/api/runs/{id}/steps", runId).param("from", "16"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("use 0 to 15")));
    }

    @Test
    void aStartThatIsNotANumberIsABadRequest() throws Exception {
        mvc.perform(get("/api/runs/{id}/steps", runId).param("from", "ten"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("Parameter 'from' must be a whole number, not 'ten'."));
    }

    @Test
    void anUnknownRunIs404SayingToReload() throws Exception {
        mvc.perform(get("/api/runs/{id}/steps", "nosuchrun"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("Reload the scenario page")));
    }

    @Test
    void anUnknownRunCannotBeStreamed() throws Exception {
        mvc.perform(get("/api/runs/{id}/stream", "nosuchrun"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("No run 'nosuchrun'")));
    }

    @Test
    void theStreamSendsEveryStepInOrderThenTheEnd() throws Exception {
        String body = streamed(mvc.perform(get("/api/runs/{id}/stream", runId))
                .andExpect(request().asyncStarted())
                .andReturn());
        assertThat(Pattern.compile("event:step").matcher(body).results().count()).isEqualTo(15);
        assertThat(body).startsWith("id:0\nevent:step\ndata:{\"index\":0,");
        assertThat(body.indexOf("id:14\n")).isLessThan(body.indexOf("event:end"));
        assertThat(body).contains("event:end\ndata:{\"total\":15,\"format\":1,");
        assertThat(body).contains("\"events\":[{\"step\":4,\"type\":\"db\"");
        assertThat(body).contains("\"outcome\":{\"status\":\"completed\",\"step\":14");
        assertThat(body).contains("\"listing\":[]");
    }

    @Test
    void aReconnectingStreamResumesAfterTheLastEventId() throws Exception {
        MvcResult result = mvc.perform(get("/api/runs/{id}/stream", runId).header("Last-Event-ID", "11"))
                .andExpect(header().string("Content-Type", containsString("text/event-stream")))
                .andReturn();
        String body = streamed(result);
        Matcher first = Pattern.compile("id:(\\d+)").matcher(body);
        assertThat(first.find()).isTrue();
        assertThat(first.group(1)).isEqualTo("12");
        assertThat(Pattern.compile("event:step").matcher(body).results().count()).isEqualTo(3);
    }

    /** Returns the stream's body once the end event is in it (the stream is fed by another thread). */
    static String streamed(MvcResult result) throws Exception {
        MockHttpServletResponse response = result.getResponse();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!response.getContentAsString().contains("event:end") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String body = response.getContentAsString();
        assertThat(body).as("the stream ended within 10 s").contains("event:end");
        return body;
    }

    @Test
    void aPageOfStepsIsImmutableUnderTheRunsContentIdAndAConditionalGetIs304() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/api/runs/{id}/steps", runId)).andExpect(status().isOk())
                .andReturn().getResponse();
        String etag = page.getHeader("ETag");
        assertThat(etag).isEqualTo("\"" + runId + "." + dev.shadowstep.run.CoreRun.ENGINE.replace(' ', '-') + "\"");
        assertThat(page.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        mvc.perform(get("/api/runs/{id}/steps", runId).header("If-None-Match", etag))
                .andExpect(status().isNotModified());
    }

    @Test
    void anyLastEventIdResumesWithinTheRun() {
        assertThat(StepStreamController.resumeFrom(0, "2147483647", 15)).isEqualTo(15);
        assertThat(StepStreamController.resumeFrom(0, "99999999999999999999999", 15)).isEqualTo(15);
        assertThat(StepStreamController.resumeFrom(0, "-99999999999999999999999", 15)).isZero();
        assertThat(StepStreamController.resumeFrom(0, "-5", 15)).isZero();
        assertThat(StepStreamController.resumeFrom(0, " 6 ", 15)).isEqualTo(7);
        assertThat(StepStreamController.resumeFrom(3, "six", 15)).isEqualTo(3);
        assertThat(StepStreamController.resumeFrom(40, null, 15)).isEqualTo(15);
    }

    @Test
    void aLastEventIdOfTheLargestIntSendsNoStepAgainOnlyTheEnd() throws Exception {
        String body = streamed(mvc.perform(get("/api/runs/{id}/stream", runId).header("Last-Event-ID", "2147483647"))
                .andExpect(request().asyncStarted()).andReturn());
        assertThat(body).doesNotContain("event:step").contains("event:end");
    }
}
