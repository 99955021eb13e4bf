package dev.shadowstep.web.scenariopage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.web.FakeTraceService;
import dev.shadowstep.web.WebSliceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(RunPageController.class)
@Import(WebSliceConfig.class)
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class RunPageControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    FakeTraceService engine;

    @Test
    void scenarioPageShowsTheListingWithLabelsAndBytes() throws Exception {
        mvc.perform(get("/scenarios/sti-shadow-single-step"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-address=\"0x40100b\"")))
                .andExpect(content().string(containsString("fep_sti_start:")))
                .andExpect(content().string(containsString("48 81 0c 24 00 01 00 00")));
    }

    @Test
    void scenarioPageShowsOutcomeExpectationsAndEventsLinkedToTheirSteps() throws Exception {
        mvc.perform(get("/scenarios/sti-shadow-single-step"))
                .andExpect(content().string(containsString("completed")))
                .andExpect(content().string(containsString("Expected (3 of 3 met):")))
                .andExpect(content().string(containsString("href=\"?step=4\"")))
                .andExpect(content().string(containsString("#DB delivered")))
                .andExpect(content().string(containsString("DR6 0xffff4ff0 (BS)")))
                .andExpect(content().string(containsString("IRQ 0xaa delivered")));
    }

    @Test
    void scenarioPageRendersTheSummaryMarkdownSafely() throws Exception {
        mvc.perform(get("/scenarios/sti-shadow-single-step"))
                .andExpect(content().string(containsString("<code>debug_regs.c</code>")))
                .andExpect(content().string(containsString("<a href=\"https://www.intel.com/sdm\" rel=\"noopener\">SDM 6.8.3</a>")));
    }

    @Test
    void scenarioPageTellsTheScriptWhichRunAndStepToShow() throws Exception {
        String html = mvc.perform(get("/scenarios/sti-shadow-single-step").param("step", "7"))
                .andExpect(content().string(containsString("data-total=\"15\"")))
                .andExpect(content().string(containsString("data-step=\"7\"")))
                .andExpect(content().string(containsString("src=\"/app/run-page.js\"")))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).containsPattern("data-run=\"[a-z2-9]{12}\"");
    }

    @Test
    void stepBeyondTheRunIsClampedToTheLastStep() throws Exception {
        mvc.perform(get("/scenarios/sti-shadow-single-step").param("step", "999"))
                .andExpect(content().string(containsString("data-step=\"14\"")));
    }

    @Test
    void stepThatIsNotANumberShowsTheFirstStep() throws Exception {
        mvc.perform(get("/scenarios/sti-shadow-single-step").param("step", "abc"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-step=\"0\"")));
    }

    @Test
    void aLibraryScenarioRunsOnceAndIsReusedWhileKept() throws Exception {
        mvc.perform(get("/scenarios/mov-ss-data-breakpoint"));
        int after = engine.runs.get();
        mvc.perform(get("/scenarios/mov-ss-data-breakpoint"));
        assertThat(engine.runs.get()).isEqualTo(after);
    }

    @Test
    void unknownSlugIs404WithAFriendlyPageAndNoStackTrace() throws Exception {
        mvc.perform(get("/scenarios/no-such-thing"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No scenario named &#39;no-such-thing&#39;")))
                .andExpect(content().string(containsString("Go to the scenario library")))
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(header().exists("Content-Security-Policy"));
    }

    @Test
    void invalidScenarioShowsEachProblemWithItsLineAndColumn() throws Exception {
        mvc.perform(get("/scenarios/broken"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("This scenario cannot be run")))
                .andExpect(content().string(containsString("line 1, column 1")))
                .andExpect(content().string(containsString("title is required")))
                .andExpect(content().string(containsString("href=\"/editor?scenario=broken\">Open it in the editor</a>")))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void aLibraryPageLinksToItsCopyInTheEditor() throws Exception {
        mvc.perform(get("/scenarios/sti-shadow-single-step"))
                .andExpect(content().string(containsString(
                        "<a class=\"edit-link\" href=\"/editor?scenario=sti-shadow-single-step\" title=\"Open this scenario's text in the editor; the original stays as it is\">Edit a copy</a>")));
    }

    @Test
    void aRunThatIsNoLongerKeptIsA404PageSayingWhatToDo() throws Exception {
        mvc.perform(get("/runs/zzzzzzzzzzzz"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("This run is no longer kept on the server")))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void scenarioPageHasNoInlineScriptOrStyle() throws Exception {
        mvc.perform(get("/scenarios/sti-shadow-single-step"))
                .andExpect(content().string(not(containsString("style="))))
                .andExpect(content().string(not(containsString("<script>"))));
    }
}
