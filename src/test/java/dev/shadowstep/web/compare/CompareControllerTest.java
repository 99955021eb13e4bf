package dev.shadowstep.web.compare;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.web.WebSliceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The compare page's routes and error paths, with the fake engine (which runs every variant the same way). */
@WebMvcTest(CompareController.class)
@Import({WebSliceConfig.class, Comparisons.class})
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class CompareControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void twoVariantsOfALibraryScenarioAreShownSideBySide() throws Exception {
        mvc.perform(get("/compare").param("slug", "sti-shadow-single-step").param("b", "db_gate=trap"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Compare: <a href=\"/scenarios/sti-shadow-single-step\"")))
                // one timeline for both runs, each run named by its stream
                .andExpect(content().string(containsString("<canvas id=\"lanes\" class=\"lanes\"")))
                .andExpect(content().string(not(containsString("id=\"lanes-a\""))))
                .andExpect(content().string(containsString("class=\"compare-run\" data-run=\"")))
                .andExpect(content().string(containsString("data-side=\"b\" data-label=\"a trap gate for #DB\"")))
                .andExpect(content().string(containsString("<span>a trap gate for #DB</span>")))
                .andExpect(content().string(containsString("<option value=\"db_gate=trap\" selected=\"selected\">a trap gate for #DB</option>")))
                .andExpect(content().string(containsString("The two runs are the same: 15 aligned steps")))
                .andExpect(content().string(containsString("src=\"/app/compare-page.js\"")))
                .andExpect(content().string(containsString("id=\"inspector-rows\"")))
                .andExpect(content().string(containsString("href=\"/editor?scenario=sti-shadow-single-step\"")))
                .andExpect(content().string(containsString("action=\"/compare/share\"")));
    }

    @Test
    void theEditorsCompareAndThePageNameTheSidesAlike() throws Exception {
        // one phrase per switch setting (Switch.phrase): the editor lists "a trap gate for #DB", so does the page
        mvc.perform(get("/compare").param("slug", "sti-shadow-single-step").param("b", "db_gate=trap"))
                .andExpect(content().string(containsString("<span class=\"side-label\" title=\"a trap gate for #DB\">a trap gate for #DB</span>")));
        org.assertj.core.api.Assertions.assertThat(dev.shadowstep.web.switches.Switch.DB_GATE.phrase("trap"))
                .isEqualTo("a trap gate for #DB");
    }

    @Test
    void withoutAScenarioThePageSaysWhatToAskFor() throws Exception {
        mvc.perform(get("/compare"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Say what to compare: /compare?slug=SCENARIO")))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void anUnknownSwitchNamesTheSwitchesThereAre() throws Exception {
        mvc.perform(get("/compare").param("slug", "sti-shadow-single-step").param("b", "gate=trap"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("&#39;gate&#39; is not a switch: use one of hypervisor")));
    }

    @Test
    void aSwitchTheScenarioCannotTakeSaysWhichSideAndWhy() throws Exception {
        mvc.perform(get("/compare").param("slug", "sti-shadow-single-step").param("b", "reinject_db_sets_bs=off"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Side B (reinject_db_sets_bs off): reinject_db_sets_bs cannot be set here")));
    }

    @Test
    void aSideThatCannotRunIsReportedWithItsProblems() throws Exception {
        mvc.perform(get("/compare").param("slug", "broken"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Side A (as written) cannot run")));
    }

    @Test
    void anUnknownScenarioOrRunIsA404() throws Exception {
        mvc.perform(get("/compare").param("slug", "nope")).andExpect(status().isNotFound());
        mvc.perform(get("/compare").param("run", "zzzzzzzzzzzz"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Run not found")));
    }

    @Test
    void theStepInTheAddressIsKeptAndClamped() throws Exception {
        mvc.perform(get("/compare").param("slug", "sti-shadow-single-step").param("step", "7"))
                .andExpect(content().string(containsString("data-step=\"7\"")));
        mvc.perform(get("/compare").param("slug", "sti-shadow-single-step").param("step", "9999"))
                .andExpect(content().string(containsString("data-step=\"14\"")));
    }
}
