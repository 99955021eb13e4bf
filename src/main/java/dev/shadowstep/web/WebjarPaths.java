package dev.shadowstep.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.webjars.WebJarVersionLocator;

/**
 * The versioned addresses of the webjar files the pages load ({@code /webjars/{jar}/{version}/{file}}).
 * A versioned address never changes content, so it is served with a year's immutable cache
 * ({@link WebConfig#addResourceHandlers}); the import map ({@link ImportMap}) writes its modules the
 * same way. Every page's model has htmx's as {@code htmxSrc}.
 */
@ControllerAdvice
public class WebjarPaths {

    /** The pattern of a versioned webjar address: the second segment starts with a digit, as versions do. */
    public static final String VERSIONED = "/webjars/{jar}/{version:\\d[\\w.+-]*}/**";

    private static final WebJarVersionLocator LOCATOR = new WebJarVersionLocator();
    private static final String HTMX = of("htmx.org", "dist/htmx.min.js");

    /** Returns the versioned address of {@code file} in the webjar {@code jar}; a missing webjar stops the start. */
    public static String of(String jar, String file) {
        String version = LOCATOR.version(jar);
        if (version == null) throw new IllegalStateException("the webjar " + jar + " is not on the classpath");
        return "/webjars/" + jar + "/" + version + "/" + file;
    }

    /** Returns htmx's script address. */
    @ModelAttribute("htmxSrc")
    public String htmx() {
        return HTMX;
    }
}
