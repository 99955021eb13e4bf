package dev.shadowstep.web.rules;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.web.WebSliceConfig;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.TraceService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The rule pages, over the test library run on the real engine. */
@WebMvcTest(RulePageController.class)
@Import({ScenarioLibrary.class, RuleUsage.class, RulePageControllerTest.RealEngine.class})
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class RulePageControllerTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class RealEngine {
        @Bean
        TraceService engine() {
            return yaml -> ScenarioRunner.run(ScenarioLoader.load(yaml), null);
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aRulePageShowsItsSentenceItsSourceAndTheScenariosThatUseIt() throws Exception {
        mvc.perform(get("/rules/STI_SHADOW_STARTED"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("STI set IF and starts the STI shadow")))
                .andExpect(content().string(containsString("SDM Vol. 2B STI (Set Interrupt Flag)")))
                .andExpect(content().string(containsString("href=\"/scenarios/sti-shadow-single-step\"")))
                .andExpect(content().string(not(containsString("href=\"/scenarios/mov-ss-data-breakpoint\""))));
    }

    @Test
    void theListLinksEveryRule() throws Exception {
        mvc.perform(get("/rules"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/rules/ROW6_IRQ_HELD_STI_SHADOW\"")))
                .andExpect(content().string(containsString("href=\"/rules/HANDLE_EXCEPTION_NMI\"")));
    }

    @Test
    void anUnknownRuleIsANotFoundPageWithTheIdEscaped() throws Exception {
        mvc.perform(get("/rules/{id}", "<img src=x onerror=alert(1)>"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("<img src=x"))))
                .andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
                .andExpect(content().string(containsString("Rule not found")));
    }
}
