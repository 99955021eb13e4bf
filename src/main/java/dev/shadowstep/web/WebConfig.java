package dev.shadowstep.web;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** Wires the web layer: the executor that feeds step streams, the webjars' long cache, and the optional frontend dev folder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
public class WebConfig implements WebMvcConfigurer {

    private final WebProperties properties;

    public WebConfig(WebProperties properties) {
        this.properties = properties;
    }

    /**
     * Returns the executor for step streams: {@code shadowstep.web.stream-threads} platform threads
     * named {@code step-stream-N}, never request threads nor virtual-thread carriers. Each open
     * stream sends one batch per turn and queues its next turn, so the streams take turns; the queue
     * holds at most one turn per open stream, and open streams are capped ({@code max-streams}).
     */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService streamExecutor() {
        int threads = Math.max(1, properties.streamThreads());
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("step-stream-", 1).daemon(true).factory());
    }

    /**
     * Keeps Spring's {@link ResourceUrlEncodingFilter} out (Boot adds it whenever a webjars locator is
     * on the classpath). It rewrites no URL of ours (there is no version strategy; {@link ImportMap} and
     * {@link WebjarPaths} write the versioned webjar paths themselves), yet it looked every {@code @{...}}
     * link of a page up on the classpath as if it were a static file: about 600 failed lookups in the
     * nested jar per home page, 71 % of the page's CPU time (JFR, issue 14), a quiet p50 of 77 ms.
     */
    @Bean
    public FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        off.setEnabled(false);
        return off;
    }

    /**
     * Serves versioned webjar files ({@link WebjarPaths#VERSIONED}, the addresses the pages and the import
     * map use) with a year's public, immutable cache: such an address never changes content. Versionless
     * webjar addresses and this app's own files keep Boot's handlers and revalidate
     * ({@code spring.web.resources.cache.cachecontrol.no-cache}). Serves /app/** from
     * {@code shadowstep.web.frontend-dir} when set, so edits show on reload.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(WebjarPaths.VERSIONED).addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        String dir = properties.frontendDir();
        if (dir != null && !dir.isBlank()) {
            String location = "file:" + (dir.endsWith("/") ? dir : dir + "/");
            registry.addResourceHandler("/app/**").addResourceLocations(location).setCachePeriod(0);
        }
    }
}
