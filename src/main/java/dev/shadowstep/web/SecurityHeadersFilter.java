package dev.shadowstep.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds a strict Content-Security-Policy and related headers to every response. Pages load
 * scripts and styles only from this origin: no inline script, no inline style, no eval. No page
 * may be framed by another site, except the embeddable view under {@code /embed/}.
 */
@Component
public class SecurityHeadersFilter extends OncePerRequestFilter {

    /** The policy sent with every response. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** The policy of the embeddable view: the same, except that any site may frame it. */
    public static final String EMBED_CONTENT_SECURITY_POLICY =
            CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(request.getRequestURI().substring(request.getContextPath().length()), response);
        chain.doFilter(request, response);
    }

    /** Sets the headers for a response to {@code path}; Tomcat's own error pages call this too (ContainerErrorPages). */
    static void apply(String path, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy",
                path.startsWith("/embed/") ? EMBED_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    /** Error dispatches get the headers too, so error pages are as strict as the rest. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
