package dev.shadowstep.web.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.web.SecurityHeadersFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The permalink pages on the real engine and a fresh store: /s/{id}, ?step=N, /embed/{id}, the 404s. */
@SpringBootTest(properties = "shadowstep.permalink.rate-limit.capacity=0")
@AutoConfigureMockMvc
class PermalinkPagesTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", () -> dataDir.toString());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    static String library(String slug) throws IOException {
        return new ClassPathResource("scenarios/" + slug + ".yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    String create(String source) throws Exception {
        String body = mvc.perform(post("/api/permalinks").contentType("application/yaml").content(source))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("id").asString();
    }

    @Test
    void aPermalinkPageShowsTheLinksTitleSummaryRunAndFindings() throws Exception {
        String id = create(library("debug-regs-sti-bare-metal-no-eoi"));
        mvc.perform(get("/s/" + id))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", SecurityHeadersFilter.CONTENT_SECURITY_POLICY))
                .andExpect(content().string(containsString("<h1 id=\"scenario-title\">debug_regs.c STI test on bare metal, IRQ handler without EOI</h1>")))
                .andExpect(content().string(containsString("Same program as <code>debug-regs-sti-bare-metal</code>")))
                .andExpect(content().string(containsString("data-total=\"19\"")))
                .andExpect(content().string(containsString("fep_sti_start:")))
                .andExpect(content().string(containsString("data-kind=\"missing_eoi\"")))
                .andExpect(content().string(containsString("Shared link, made on ")))
                .andExpect(content().string(containsString("the current engine shows the same run")))
                .andExpect(content().string(containsString("Links are public: anyone with the link can see the scenario.")));
    }

    @Test
    void aKvmScenarioLinkListsTheVmEntriesThatPassOnlyBecauseOfAKvmFix() throws Exception {
        String id = create(library("debug-regs-sti-kvm"));
        String html = mvc.perform(get("/s/" + id)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<li data-step=\"9\" data-kind=\"entry_needs_fix\" data-severity=\"info\"",
                "Without fixes.reinject_db_sets_bs this VM entry fails",
                "<li data-step=\"36\" data-kind=\"entry_needs_fix\"", "Without fixes.emulated_db_sets_bs");
    }

    @Test
    void aPermalinkPageOpensAtTheStepOfTheLinkClampedToTheRun() throws Exception {
        String id = create(library("debug-regs-sti-bare-metal-no-eoi"));
        mvc.perform(get("/s/" + id).param("step", "8"))
                .andExpect(content().string(containsString("data-step=\"8\"")))
                .andExpect(content().string(containsString("name=\"step\" value=\"8\"")));
        mvc.perform(get("/s/" + id).param("step", "5000"))
                .andExpect(content().string(containsString("data-step=\"18\"")));
    }

    @Test
    void theRunOfAPermalinkPageIsServedToItsStreamAndStepPages() throws Exception {
        String id = create(library("sti-shadow-basic"));
        String html = mvc.perform(get("/s/" + id)).andReturn().getResponse().getContentAsString();
        Matcher run = Pattern.compile("data-run=\"([a-z2-9]{12})\"").matcher(html);
        assertThat(run.find()).isTrue();
        mvc.perform(get("/api/runs/" + run.group(1) + "/steps").param("from", "0").param("count", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps.length()").value(2));
        String again = mvc.perform(get("/embed/" + id)).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("data-run=\"" + run.group(1) + "\"");
    }

    @Test
    void aPermalinkPageCarriesOpenGraphTagsFromTheStoredPreview() throws Exception {
        String id = create(library("debug-regs-sti-bare-metal-no-eoi"));
        mvc.perform(get("/s/" + id).param("step", "4"))
                .andExpect(content().string(containsString("<meta property=\"og:title\" content=\"debug_regs.c STI test on bare metal, IRQ handler without EOI\">")))
                .andExpect(content().string(containsString("<meta property=\"og:description\" content=\"Same program as debug-regs-sti-bare-metal (debug_regs.c STI test, commit b8284279b732) but the IRQ handler returns without writing the x2APIC EOI MSR.\">")))
                .andExpect(content().string(containsString("<meta property=\"og:url\" content=\"http://localhost/s/" + id + "\">")))
                .andExpect(content().string(containsString("<meta name=\"twitter:card\" content=\"summary\">")));
    }

    @Test
    void openGraphTagsEscapeWhatTheScenarioAuthorWrote() throws Exception {
        String id = create("format: 1\ntitle: 'Quotes \"in\" <b>tags</b> & more'\n"
                + "summary: 'A <script>alert(1)</script> \"summary\". Second sentence.'\nprogram: |\n  hlt\n");
        String html = mvc.perform(get("/s/" + id)).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<meta property=\"og:title\" content=\"Quotes &quot;in&quot; &lt;b&gt;tags&lt;/b&gt; &amp; more\">")
                .contains("<meta property=\"og:description\" content=\"A &lt;script&gt;alert(1)&lt;/script&gt; &quot;summary&quot;.\">")
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<b>tags");
    }

    @Test
    void theLanesOfALinkAreKeptForTheShareFormWhenTheyAreLaneNames() throws Exception {
        String id = create(library("sti-shadow-basic"));
        mvc.perform(get("/s/" + id).param("lanes", "TF,dr6"))
                .andExpect(content().string(containsString("name=\"lanes\" value=\"tf,dr6\"")));
        mvc.perform(get("/s/" + id).param("lanes", "\"><script>"))
                .andExpect(content().string(containsString("name=\"lanes\" value=\"\"")))
                .andExpect(content().string(not(containsString("\"><script>"))));
    }

    @Test
    void anUnknownIdIs404SayingSoWithoutAStackTrace() throws Exception {
        mvc.perform(get("/s/k3x9f2a7qd"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Permalink not found")))
                .andExpect(content().string(containsString("No permalink has the id &#39;k3x9f2a7qd&#39;")))
                .andExpect(content().string(not(containsString("Exception"))));
        mvc.perform(get("/embed/k3x9f2a7qd")).andExpect(status().isNotFound());
    }

    @Test
    void aMalformedIdIs404NamingWhatIsWrongWithIt() throws Exception {
        mvc.perform(get("/s/k3x9f2a7q0"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("has &#39;0&#39; at position 10")));
        mvc.perform(get("/s/short"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("is 5 characters long")));
        mvc.perform(get("/embed/K3X9F2A7QD"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("ids are lower case")));
    }

    @Test
    void theEmbedViewMayBeFramedByAnySiteAndEveryOtherPageByNone() throws Exception {
        String id = create(library("sti-shadow-basic"));
        mvc.perform(get("/embed/" + id))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors *")))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")));
        mvc.perform(get("/s/" + id))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")));
        mvc.perform(get("/scenarios/sti-shadow-basic"))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")));
        mvc.perform(get("/s/" + id + ".txt"))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")));
    }

    @Test
    void theEmbedViewIsTimelineInspectorAndStepButtonsWithAWayToTheFullPage() throws Exception {
        String id = create(library("sti-shadow-basic"));
        String html = mvc.perform(get("/embed/" + id).param("step", "3"))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("data-embed", "id=\"lanes\"", "id=\"inspector-body\"", "data-action=\"next\"",
                "href=\"http://localhost/s/" + id + "?step=3\"", "Open in shadowstep");
        assertThat(html).doesNotContain("data-action=\"play\"", "id=\"speed\"", "class=\"site\"", "share-form",
                "class=\"listing-table\"", "style=");
    }

    @Test
    void thePermalinkPageAndTheEmbedOfferEditACopyOfTheLinksText() throws Exception {
        String id = create(library("sti-shadow-basic"));
        String page = mvc.perform(get("/s/" + id)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<a class=\"edit-link\" href=\"/editor?link=" + id + "\"", ">Edit a copy</a>");
        String embed = mvc.perform(get("/embed/" + id)).andReturn().getResponse().getContentAsString();
        assertThat(embed).contains("href=\"/editor?link=" + id + "\" target=\"_blank\" rel=\"noopener\">Edit a copy</a>");
    }
}
