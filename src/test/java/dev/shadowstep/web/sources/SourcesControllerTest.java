package dev.shadowstep.web.sources;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.web.WebSliceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** /sources lists each public source once, with its title, its link and the built-in scenarios citing it. */
@WebMvcTest(SourcesController.class)
@Import({WebSliceConfig.class, SourceRegistry.class})
class SourcesControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void eachSourceHasItsTitleItsLinkAndTheScenariosThatCiteIt() throws Exception {
        mvc.perform(get("/sources"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<dt id=\"sdm-2b-sti\">")))
                .andExpect(content().string(containsString("STI—Set Interrupt Flag")))
                // sti-shadow-basic cites the STI instruction reference; the link goes to its page
                .andExpect(content().string(matchesPattern("(?s).*id=\"sdm-2b-sti\".*?href=\"/scenarios/sti-shadow-basic\".*?</dd>.*")))
                .andExpect(content().string(containsString("href=\"https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=b9bed78e2fa9571b7c983b20666efa0009030c71\"")))
                .andExpect(content().string(containsString("lore cover.1757416809.git.houwenlong.hwl@antgroup.com")));
    }
}
