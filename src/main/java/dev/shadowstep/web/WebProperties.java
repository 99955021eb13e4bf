package dev.shadowstep.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web app ({@code shadowstep.web.*}).
 *
 * @param libraryLocation where the built-in scenarios are (a resource pattern)
 * @param maxRuns         how many runs the server keeps for paging and streaming; older ones are dropped
 * @param frontendDir     when set, /app/** is served from this folder without caching (a dev loop)
 */
@ConfigurationProperties("shadowstep.web")
public record WebProperties(
        @DefaultValue("classpath*:scenarios/*.yaml") String libraryLocation,
        @DefaultValue("16") int maxRuns,
        String frontendDir) {}
