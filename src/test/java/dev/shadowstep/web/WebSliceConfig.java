package dev.shadowstep.web;

import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.TraceJsonAdapter;
import dev.shadowstep.web.run.RunGuard;
import dev.shadowstep.web.run.RunStore;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a web slice test needs besides its controller: the library (reading
 * src/test/resources/web-scenarios), the run store, the JSON writer and the fake engine.
 * Use with {@code @TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ScenarioLibrary.class, RunStore.class, RunGuard.class, TraceJsonAdapter.class, FakeEngineConfig.class})
public class WebSliceConfig {

    /** Points the library at the test scenarios. */
    public static final String TEST_LIBRARY = "shadowstep.web.library-location=classpath*:web-scenarios/*.yaml";
}
