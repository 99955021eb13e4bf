package dev.shadowstep.web.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** The Share form: the htmx panel, the plain-form page, and every refusal in words; the raw API is untouched. */
@SpringBootTest(properties = "shadowstep.permalink.rate-limit.capacity=0")
@AutoConfigureMockMvc
class ShareFormTest {

    static final String SCENARIO = "format: 1\ntitle: Share form\nsummary: Shares a scenario. Then more.\n"
            + "program: |\n  nop\n  nop\n  hlt\n";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", () -> dataDir.toString());
    }

    @Autowired
    MockMvc mvc;

    static MockMultipartHttpServletRequestBuilder share(String source, String step) {
        return multipart("/api/permalinks").param("source", source).param("step", step)
                .param("back", "/scenarios/sti-shadow-basic?step=" + step);
    }

    static MockMultipartHttpServletRequestBuilder htmx(MockMultipartHttpServletRequestBuilder request) {
        return request.header("HX-Request", "true");
    }

    static String id(String html) {
        Matcher m = Pattern.compile("/s/([a-z2-9]{10,})\\?step=").matcher(html);
        assertThat(m.find()).as("a page link in %s", html).isTrue();
        return m.group(1);
    }

    @Test
    void withHtmxTheAnswerIsThePanelWithTheLinkInEveryForm() throws Exception {
        String html = mvc.perform(htmx(share(SCENARIO.replace("Share form", "Panel"), "2")))
                .andExpect(status().isCreated())
                .andExpect(header().string(ShareController.PANEL_HEADER, "panel"))
                .andReturn().getResponse().getContentAsString();
        String id = id(html);
        assertThat(html).doesNotContain("<html", "<header")
                .contains("Page, at step 2", "value=\"http://localhost/s/" + id + "?step=2\"",
                        "value=\"http://localhost/s/" + id + ".yaml\"", "value=\"http://localhost/s/" + id + ".json\"",
                        "value=\"http://localhost/s/" + id + ".txt\"")
                // the snippet is shown as text: escaped once for the page, so it reads as HTML to copy
                .contains("&lt;iframe src=&quot;http://localhost/embed/" + id + "?step=2&quot; title=&quot;Panel (shadowstep)&quot;")
                .contains("data-copy=\"share-page\"", "data-copy=\"share-embed\"");
    }

    @Test
    void sharingTheSameScenarioAgainGivesTheSameLinkWith200() throws Exception {
        String scenario = SCENARIO.replace("Share form", "Twice");
        String first = id(mvc.perform(htmx(share(scenario, "0"))).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        String again = id(mvc.perform(htmx(share(scenario, "1"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(again).isEqualTo(first);
    }

    @Test
    void withoutJavaScriptTheAnswerIsAPageWithThePanelAndAWayBack() throws Exception {
        mvc.perform(share(SCENARIO.replace("Share form", "Plain form"), "1"))
                .andExpect(status().isCreated())
                .andExpect(content().string(containsString("<html")))
                .andExpect(content().string(containsString("Link to “Plain form”")))
                .andExpect(content().string(containsString("Links are public: anyone with the link can see the scenario.")))
                .andExpect(content().string(containsString("href=\"/scenarios/sti-shadow-basic?step=1\"")));
    }

    @Test
    void aBackLinkToAnotherSiteIsDropped() throws Exception {
        mvc.perform(multipart("/api/permalinks").param("source", SCENARIO).param("back", "//evil.example/x"))
                .andExpect(content().string(not(containsString("evil.example"))))
                .andExpect(content().string(containsString("Go to the scenario library")));
    }

    @Test
    void theLanesOfThePageGoIntoTheLinksWhenTheyAreLaneNames() throws Exception {
        String html = mvc.perform(htmx(share(SCENARIO, "3").param("lanes", "tf,dr6")))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("?step=3&amp;lanes=tf,dr6");
        String odd = mvc.perform(htmx(share(SCENARIO, "3").param("lanes", "tf\"><x")))
                .andReturn().getResponse().getContentAsString();
        assertThat(odd).doesNotContain("lanes=").doesNotContain("<x");
    }

    @Test
    void aBrowserFormsCrlfLineEndsAreStoredAsTheLineEndsOfThePage() throws Exception {
        String crlf = SCENARIO.replace("Share form", "Line ends").replace("\n", "\r\n");
        String id = id(mvc.perform(htmx(share(crlf, "0"))).andReturn().getResponse().getContentAsString());
        mvc.perform(get("/s/" + id + ".yaml"))
                .andExpect(content().bytes(SCENARIO.replace("Share form", "Line ends").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anInvalidScenarioIs400WithEachProblemLocated() throws Exception {
        mvc.perform(htmx(share("format: 1\ntitle: Bad\nprogram: nop\ncpu:\n  rflags: zz\n", "0")))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(ShareController.PANEL_HEADER, "panel"))
                .andExpect(content().string(containsString("role=\"alert\"")))
                .andExpect(content().string(containsString("This scenario cannot be shared as it is")))
                .andExpect(content().string(containsString("line 5, column 11")))
                .andExpect(content().string(containsString("cpu.rflags")));
    }

    @Test
    void aScenarioOver64KibIs413SayingTheLimit() throws Exception {
        String big = "format: 1\ntitle: big\nprogram: |\n" + "  nop\n".repeat(12_000);
        mvc.perform(htmx(share(big, "0")))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().string(containsString("larger than 64 KiB, the limit for one link")));
    }

    @Test
    void aFormWithoutAScenarioIs400SayingWhatToDo() throws Exception {
        mvc.perform(htmx(multipart("/api/permalinks").param("step", "2")))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The form sent no scenario to share")));
    }

    @Test
    void theApiStillTakesARawBodyWhateverItsContentType() throws Exception {
        // curl --data-binary @file sends application/x-www-form-urlencoded: the body is still the scenario
        mvc.perform(post("/api/permalinks").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(SCENARIO.replace("Share form", "Raw body")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.title").value("Raw body"));
    }
}
