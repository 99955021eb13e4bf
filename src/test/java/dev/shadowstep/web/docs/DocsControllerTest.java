package dev.shadowstep.web.docs;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DocsController.class)
@Import({WebSliceConfig.class, DocPages.class})
class DocsControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theScenarioFormatRendersWithItsTablesAndHeadingAnchors() throws Exception {
        mvc.perform(get("/docs/scenario-format"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<table>")))
                .andExpect(content().string(containsString("<h2 id=\"")))
                .andExpect(content().string(containsString("href=\"/docs/trace-format\"")));
    }

    @Test
    void theIndexListsEveryPackagedDoc() throws Exception {
        mvc.perform(get("/docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/docs/core\"")))
                .andExpect(content().string(containsString("href=\"/docs/permalinks\"")));
    }

    @Test
    void theDocsStylesheetIsLinkedInTheSharedHead() throws Exception {
        String html = mvc.perform(get("/docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html.substring(0, html.indexOf("</head>"))).contains("<link rel=\"stylesheet\" href=\"/app/docs.css\">");
        assertThat(html.indexOf("/app/docs.css")).isEqualTo(html.lastIndexOf("/app/docs.css"));
    }

    @Test
    void anUnknownDocIsANotFoundPage() throws Exception {
        mvc.perform(get("/docs/semantics")).andExpect(status().isNotFound());
    }

    @Test
    void rawHtmlInTheMarkdownIsEscapedAndUnsafeLinksDropped() {
        String html = DocPages.render("x", "# T\n\n<script>alert(1)</script>\n\n[a](javascript:alert(1)) [b](core.md)\n").html();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;")
                .doesNotContain("javascript:").contains("href=\"/docs/core\"");
    }

    @Test
    void theGeneratedSubsetListShowsWithoutItsMarkers() throws Exception {
        mvc.perform(get("/docs/scenario-format"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h2 id=\"pasting-from-c\">Pasting from C</h2>")))
                .andExpect(content().string(containsString("<code>xchg[bwlq]</code>")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("&lt;!--"))));
    }
}
