package dev.shadowstep.web.hardening;

import dev.shadowstep.testing.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app on the real core, on a random loopback port, for the hardening tests: one context
 * shared by every subclass (same configuration), one data folder for its life, no rate limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
abstract class LiveServer {

    /** Created once: the shared context outlives each class, so a per-class @TempDir would be deleted under it. */
    static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", DATA_DIR::toString);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("shadowstep.permalink.rate-limit.capacity", () -> "0");
    }

    @LocalServerPort
    int port;

    RawHttp http() {
        return new RawHttp(port);
    }

    static String library(String slug) {
        try {
            return new ClassPathResource("scenarios/" + slug + ".yaml").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("shadowstep-hardening-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
