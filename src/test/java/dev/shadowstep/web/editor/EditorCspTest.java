package dev.shadowstep.web.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.web.WebSliceConfig;
import dev.shadowstep.web.scenariopage.RunPageControllerAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The editor's CodeMirror under the strict CSP: the import map is the one inline script and the
 * policy allows it by the SHA-256 of the very text served; CodeMirror's style element by a
 * nonce that changes with every response; never 'unsafe-inline'.
 */
@WebMvcTest(EditorController.class)
@Import({WebSliceConfig.class, ScenarioCheck.class, RunPageControllerAccess.class})
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class EditorCspTest {

    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE_NONCE = Pattern.compile("style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'");

    @MockitoBean
    PermalinkService permalinks;

    @Autowired
    MockMvc mvc;

    @Test
    void theImportMapIsAllowedByTheHashOfTheTextServedAndNothingInlineElse() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/editor")).andReturn().getResponse();
        String csp = response.getHeader("Content-Security-Policy");
        String html = response.getContentAsString();
        assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        Matcher map = IMPORT_MAP.matcher(html);
        assertThat(map.find()).isTrue();
        String served = map.group(1);
        assertThat(map.find()).as("one import map").isFalse();
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(served.getBytes(StandardCharsets.UTF_8)));
        assertThat(csp).contains("script-src 'self' 'sha256-" + hash + "'");
        assertThat(served).contains("\"@codemirror/view\":\"/webjars/codemirror__view/");
        // every other script is a file from this origin: no inline code
        Matcher scripts = Pattern.compile("<script(?![^>]*type=\"importmap\")([^>]*)>([^<]*)</script>").matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=");
            assertThat(scripts.group(2)).isBlank();
        }
    }

    @Test
    void codeMirrorsStyleElementGetsAFreshNonceThatThePageHandsToTheScript() throws Exception {
        String first = nonce(mvc.perform(get("/editor")).andReturn().getResponse());
        MockHttpServletResponse second = mvc.perform(post("/editor/check").param("yaml", "format: 1\n"))
                .andReturn().getResponse();
        assertThat(nonce(second)).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(24);
        assertThat(second.getContentAsString()).contains("data-style-nonce=\"" + nonce(second) + "\"");
    }

    @Test
    void pagesOutsideTheEditorHaveNoStyleNonce() throws Exception {
        String csp = mvc.perform(get("/editor-not-here")).andReturn().getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("style-src 'self';").doesNotContain("nonce-");
    }

    private static String nonce(MockHttpServletResponse response) {
        Matcher m = STYLE_NONCE.matcher(response.getHeader("Content-Security-Policy"));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
