package dev.shadowstep.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the web layer: the executor that feeds step streams, and the optional frontend dev folder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
public class WebConfig implements WebMvcConfigurer {

    private final WebProperties properties;

    public WebConfig(WebProperties properties) {
        this.properties = properties;
    }

    /** Returns the executor for step streams: one virtual thread per open stream. */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService streamExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    /** Serves /app/** from {@code shadowstep.web.frontend-dir} when set, so edits show on reload. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String dir = properties.frontendDir();
        if (dir != null && !dir.isBlank()) {
            String location = "file:" + (dir.endsWith("/") ? dir : dir + "/");
            registry.addResourceHandler("/app/**").addResourceLocations(location).setCachePeriod(0);
        }
    }
}
