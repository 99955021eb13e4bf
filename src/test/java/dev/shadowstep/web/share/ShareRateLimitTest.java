package dev.shadowstep.web.share;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The Share form takes from the API's rate limit and says when to try again. */
@SpringBootTest(properties = {"shadowstep.permalink.rate-limit.capacity=1", "shadowstep.permalink.rate-limit.per-minute=1"})
@AutoConfigureMockMvc
class ShareRateLimitTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", () -> dataDir.toString());
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aSecondLinkInTheSameMinuteIs429WithRetryAfterAndASentence() throws Exception {
        String scenario = "format: 1\ntitle: Limited\nprogram: |\n  hlt\n";
        mvc.perform(multipart("/api/permalinks").param("source", scenario).header("HX-Request", "true"))
                .andExpect(status().isCreated());
        mvc.perform(multipart("/api/permalinks").param("source", scenario).header("HX-Request", "true"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", matchesPattern("[1-9][0-9]*")))
                .andExpect(header().string(ShareController.PANEL_HEADER, "panel"))
                .andExpect(content().string(containsString("Too many new links from this address in a short time. Try again in")));
    }
}
