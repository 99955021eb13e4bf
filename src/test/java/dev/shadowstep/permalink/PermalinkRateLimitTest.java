package dev.shadowstep.permalink;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The per-address token bucket on link creation: 2 at once, one more a minute. */
@SpringBootTest(properties = {"shadowstep.permalink.rate-limit.capacity=2",
        "shadowstep.permalink.rate-limit.per-minute=1"})
@AutoConfigureMockMvc
class PermalinkRateLimitTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", dataDir::toString);
    }

    @Autowired
    MockMvc mvc;

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhileOthersGoOn() throws Exception {
        String scenario = "format: 1\ntitle: Rate\nprogram: nop\n";
        mvc.perform(post("/api/permalinks").with(from("192.0.2.1")).content(scenario)).andExpect(status().is2xxSuccessful());
        mvc.perform(post("/api/permalinks").with(from("192.0.2.1")).content(scenario)).andExpect(status().isOk());
        mvc.perform(post("/api/permalinks").with(from("192.0.2.1")).content(scenario))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("try again in 60 seconds")));
        mvc.perform(post("/api/permalinks").with(from("192.0.2.2")).content(scenario)).andExpect(status().isOk());
    }
}
