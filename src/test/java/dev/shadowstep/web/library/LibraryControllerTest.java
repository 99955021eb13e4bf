package dev.shadowstep.web.library;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.web.SecurityHeadersFilter;
import dev.shadowstep.web.WebSliceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(LibraryController.class)
@Import(WebSliceConfig.class)
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class LibraryControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void homeShowsEveryScenarioAsACardWithItsTags() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Single-step #DB in an STI shadow")))
                .andExpect(content().string(containsString("MOV SS suppresses a data breakpoint")))
                .andExpect(content().string(containsString("href=\"/scenarios/sti-shadow-single-step\"")))
                .andExpect(content().string(containsString(">data breakpoint</a>")))
                .andExpect(content().string(containsString("4 scenarios")));
    }

    @Test
    void homeCarriesALinkPreviewOfTheLibrary() throws Exception {
        mvc.perform(get("/"))
                .andExpect(content().string(containsString("<meta property=\"og:title\" content=\"shadowstep: scenario library\">")))
                .andExpect(content().string(containsString("<meta property=\"og:url\" content=\"http://localhost/\">")))
                .andExpect(content().string(containsString("<meta name=\"twitter:card\" content=\"summary\">")));
    }

    @Test
    void homeCarriesTheStrictContentSecurityPolicy() throws Exception {
        mvc.perform(get("/"))
                .andExpect(header().string("Content-Security-Policy", SecurityHeadersFilter.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void homeHasNoInlineScriptOrStyle() throws Exception {
        mvc.perform(get("/"))
                .andExpect(content().string(not(containsString("style="))))
                .andExpect(content().string(not(containsString("<style"))))
                .andExpect(content().string(not(containsString("<script>"))));
    }

    @Test
    void searchWorksAsAPlainFormGetWithoutJavaScript() throws Exception {
        mvc.perform(get("/").param("q", "mov ss"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("MOV SS suppresses a data breakpoint")))
                .andExpect(content().string(not(containsString("A long loop with a timer IRQ"))))
                .andExpect(content().string(containsString("1 of 4 scenarios match “mov ss”")))
                .andExpect(content().string(containsString("value=\"mov ss\"")));
    }

    @Test
    void searchFragmentReturnsOnlyTheCardsAndTheCountAndKeepsTheAddress() throws Exception {
        mvc.perform(get("/library/cards").param("q", "STI").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Replace-Url", "/?q=STI"))
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(containsString("hx-swap-oob=\"true\"")))
                .andExpect(content().string(containsString("Single-step #DB in an STI shadow")))
                .andExpect(content().string(not(containsString("A long loop"))));
    }

    @Test
    void searchFragmentForAnEmptyQueryPointsTheAddressHome() throws Exception {
        mvc.perform(get("/library/cards").param("q", ""))
                .andExpect(header().string("HX-Replace-Url", "/"))
                .andExpect(content().string(containsString("4 scenarios")));
    }

    @Test
    void searchWithNoMatchSaysSoAndOffersAllScenarios() throws Exception {
        mvc.perform(get("/").param("q", "vmfunc"))
                .andExpect(content().string(containsString("No scenario matches <strong>vmfunc</strong>")))
                .andExpect(content().string(containsString("show them all")));
    }

    @Test
    void newScenarioPageExplainsHowToRunAScenario() throws Exception {
        mvc.perform(get("/new"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/run")))
                .andExpect(content().string(containsString("format: 1")));
    }

    @Test
    void withoutASearchTheLibraryIsGroupedByTopicWithChipsThatAreLinks() throws Exception {
        mvc.perform(get("/"))
                .andExpect(content().string(containsString("<h2 id=\"topic-shadows\">Interrupt shadows</h2>")))
                .andExpect(content().string(containsString("<a class=\"chip\" href=\"/?topic=course\">Start here</a>")))
                .andExpect(content().string(containsString("href=\"/?tag=MOV+SS\"")));
    }

    @Test
    void aTopicChipFiltersAndStaysInTheAddressWithTheSearch() throws Exception {
        mvc.perform(get("/").param("topic", "debug"))
                .andExpect(content().string(not(containsString("Single-step #DB in an STI shadow"))))
                .andExpect(content().string(containsString("aria-current=\"true\"")))
                .andExpect(content().string(containsString("in Debug registers and #DB")));
        mvc.perform(get("/library/cards").param("q", "ss").param("topic", "shadows").param("tag", "MOV SS"))
                .andExpect(header().string("HX-Replace-Url", "/?q=ss&topic=shadows&tag=MOV+SS"))
                .andExpect(content().string(containsString("MOV SS suppresses a data breakpoint")))
                .andExpect(content().string(not(containsString("Single-step #DB in an STI shadow"))));
    }

    @Test
    void anUnknownTopicOrTagIsIgnored() throws Exception {
        mvc.perform(get("/").param("topic", "<script>").param("tag", "nope"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<script>"))))
                .andExpect(content().string(containsString("4 scenarios")));
    }
}
