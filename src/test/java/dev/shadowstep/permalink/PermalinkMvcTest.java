package dev.shadowstep.permalink;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the permalink HTTP tests share: the real store in a fresh data folder ({@code nested/data}
 * below a temporary directory, which the server must create), the {@link FakeEngine} in place of the
 * engine, MockMvc, and making a link. Subclasses add {@code @SpringBootTest} with their properties.
 */
@AutoConfigureMockMvc
@Import(PermalinkMvcTest.Engine.class)
abstract class PermalinkMvcTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", () -> dataDir.resolve("nested/data").toString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Engine {
        @Bean
        @Primary
        FakeEngine fakeEngine() {
            return new FakeEngine();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    FakeEngine engine;

    @Autowired
    JsonMapper json;

    /** Posts {@code scenario} to the API and returns the new link's id. */
    String create(String scenario) throws Exception {
        String body = mvc.perform(post("/api/permalinks").contentType("application/yaml").content(scenario))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("id").asString();
    }
}
