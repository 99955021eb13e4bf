package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.run.CoreRun;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * HTTP caching of a link's forms (RFC 9110 8.8.3 ETag, 13.1.2 If-None-Match; RFC 8246 immutable):
 * ETags name the link id and the engine version, what cannot change for that engine is
 * {@code public, immutable}, a drifted run is revalidated, and a conditional GET is 304 without a run.
 */
@SpringBootTest(properties = {"shadowstep.permalink.rate-limit.capacity=0",
        "shadowstep.permalink.read-limit.capacity=3", "shadowstep.permalink.read-limit.per-minute=0.001"})
class PermalinkCachingTest extends PermalinkMvcTest {

    static final String SCENARIO = "format: 1\ntitle: Cached\nprogram: |\n  nop\n  hlt\n";

    private static int nextAddress = 1;

    /** Each test reads from an address of its own (TEST-NET-1), so only the limit test meets the read limit. */
    static synchronized org.springframework.test.web.servlet.request.RequestPostProcessor ownAddress() {
        String address = "192.0.2." + nextAddress++;
        return req -> {
            req.setRemoteAddr(address);
            return req;
        };
    }

    static String engineTag() {
        return CoreRun.ENGINE.replace(' ', '-');
    }

    @Test
    void theSourceIsImmutableUnderAnEtagOfItsIdAndAConditionalGetIs304() throws Exception {
        String id = create(SCENARIO.replace("Cached", "Cached source"));
        MockHttpServletResponse first = mvc.perform(get("/s/" + id + ".yaml")).andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(first.getHeader("ETag")).isEqualTo("\"" + id + "\"");
        assertThat(first.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        mvc.perform(get("/s/" + id + ".yaml").header("If-None-Match", "\"" + id + "\""))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", "\"" + id + "\""));
    }

    @Test
    void theJsonRunIsImmutableForThisEngineAndA304RunsNothing() throws Exception {
        String id = create(SCENARIO.replace("Cached", "Cached json"));
        MockHttpServletResponse first = mvc.perform(get("/s/" + id + ".json").with(ownAddress())).andExpect(status().isOk())
                .andReturn().getResponse();
        String etag = first.getHeader("ETag");
        assertThat(etag).isEqualTo("\"" + id + "." + engineTag() + "\"");
        assertThat(first.getHeader("Cache-Control")).isEqualTo("public, max-age=86400, immutable");
        int runs = engine.runs.get();
        mvc.perform(get("/s/" + id + ".json").header("If-None-Match", "\"other\", " + etag))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", etag));
        assertThat(engine.runs.get()).as("a 304 runs nothing").isEqualTo(runs);
        mvc.perform(get("/s/" + id + ".json").with(ownAddress()).header("If-None-Match", "\"" + id + ".shadowstep-0.0.1\""))
                .andExpect(status().isOk());
    }

    @Test
    void theTextNamesTheRequestsOwnOriginWithoutABaseUrlSoNoCacheKeepsIt() throws Exception {
        String id = create(SCENARIO.replace("Cached", "Cached text"));
        mvc.perform(get("/s/" + id + ".txt").with(ownAddress()))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"" + id + "." + engineTag() + "\""))
                .andExpect(header().string("Cache-Control", "no-store"));  // a reflected origin is never stored
    }

    @Test
    void aDriftedRunIsNeverCachedAsImmutable() throws Exception {
        String id = create(SCENARIO.replace("Cached", "Cached drift"));
        engine.changeFrom = 0;
        engine.version = "fake 2.0";
        try {
            mvc.perform(get("/s/" + id + ".json").with(ownAddress()))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Shadowstep-Drift", org.hamcrest.Matchers.startsWith("step=0")))
                    .andExpect(header().string("Cache-Control", "no-cache"));
        } finally {
            engine.changeFrom = Integer.MAX_VALUE;
            engine.version = "fake 1.0";
        }
    }

    @Test
    void readsOfRunsAreRateLimitedPerAddressButConditionalGetsAreNot() throws Exception {
        String id = create(SCENARIO.replace("Cached", "Cached limit"));
        String etag = null;
        int ok = 0;
        MockHttpServletResponse refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            MockHttpServletResponse r = mvc.perform(get("/s/" + id + ".json").with(req -> {
                req.setRemoteAddr("198.51.100.7");
                return req;
            })).andReturn().getResponse();
            if (r.getStatus() == 200) {
                ok++;
                etag = r.getHeader("ETag");
            } else {
                refused = r;
            }
        }
        assertThat(ok).isEqualTo(3);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(refused.getContentAsString()).contains("too many trace reads");
        String tag = etag;
        mvc.perform(get("/s/" + id + ".json").header("If-None-Match", tag).with(req -> {
            req.setRemoteAddr("198.51.100.7");
            return req;
        })).andExpect(status().isNotModified());
    }
}
