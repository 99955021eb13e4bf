package dev.shadowstep.permalink;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires permalinks: the data folder, the store over the configured data source (SQLite under
 * {@code shadowstep.data-dir} by default, PostgreSQL by {@code SPRING_DATASOURCE_*}), the service
 * and the rate limiter. A {@link TraceProducer} bean is optional: without one, links are stored
 * and served as source, and their run is recorded when an engine is present.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PermalinkProperties.class)
class PermalinkConfig {

    /** Static: a bean factory post-processor must exist before the other beans are defined. */
    @Bean
    static DataDirectory permalinkDataDirectory() {
        return new DataDirectory();
    }

    @Bean
    PermalinkStore permalinkStore(JdbcClient jdbc, @Value("${spring.datasource.url:}") String datasourceUrl) {
        return new PermalinkStore(jdbc, Clock.systemUTC(), StoreFile.of(datasourceUrl));
    }

    @Bean
    PermalinkService permalinkService(PermalinkStore store, ObjectProvider<TraceProducer> engine,
                                      PermalinkProperties properties) {
        return new PermalinkService(store, engine::getIfAvailable, properties.maxSteps());
    }

    @Bean
    RateLimiter permalinkRateLimiter(PermalinkProperties properties) {
        return new RateLimiter(properties.rateLimit().capacity(), properties.rateLimit().perMinute(), System::nanoTime);
    }
}
