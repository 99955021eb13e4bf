package dev.shadowstep;

import dev.shadowstep.web.FakeEngineConfig;
import org.springframework.boot.SpringApplication;

/**
 * Starts the web app with the fake engine and the test scenarios, for looking at pages
 * before the core is merged: {@code ./mvnw spring-boot:test-run}.
 */
public class TestShadowstepApplication {

    public static void main(String[] args) {
        System.setProperty("shadowstep.web.library-location", "classpath*:web-scenarios/*.yaml");
        SpringApplication.from(ShadowstepApplication::main).with(FakeEngineConfig.class).run(args);
    }
}
