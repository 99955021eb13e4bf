package dev.shadowstep.web;

import dev.shadowstep.web.run.TraceService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts the {@link FakeTraceService} in place of the engine. */
@TestConfiguration(proxyBeanMethods = false)
public class FakeEngineConfig {

    @Bean
    @Primary
    public FakeTraceService fakeTraceService() {
        return new FakeTraceService();
    }
}
