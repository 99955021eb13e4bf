package dev.shadowstep.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds a strict Content-Security-Policy and related headers to every response. Pages load
 * scripts and styles only from this origin: no inline script, no inline style, no eval. The one
 * inline script allowed is the import map ({@link ImportMap}), by its hash. The editor's pages
 * (under {@code /editor}) also allow style elements that carry this response's nonce: CodeMirror
 * writes its styles into a {@code <style>} it gives that nonce ({@code EditorView.cspNonce}). No
 * page may be framed by another site, except the embeddable view under {@code /embed/}.
 */
@Component
public class SecurityHeadersFilter extends OncePerRequestFilter {

    /** The policy sent with every response. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' " + ImportMap.SCRIPT_SOURCE,
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

    /** The request attribute that holds the response's style nonce on the editor's pages. */
    public static final String STYLE_NONCE = "dev.shadowstep.styleNonce";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String nonce = apply(request.getRequestURI().substring(request.getContextPath().length()), response);
        if (nonce != null) request.setAttribute(STYLE_NONCE, nonce);
        chain.doFilter(request, response);
    }

    /**
     * Sets the headers for a response to {@code path}; Tomcat's own error pages call this too
     * (ContainerErrorPages). Returns the style nonce of an editor page, else null.
     */
    static String apply(String path, HttpServletResponse response) {
        String nonce = null;
        String policy = path.startsWith("/embed/") ? EMBED_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
        if (path.equals("/editor") || path.startsWith("/editor/")) {
            nonce = newNonce();
            policy = editorPolicy(nonce);
        }
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        return nonce;
    }

    /** Returns the editor's policy: the strict one, plus style elements carrying {@code nonce}. */
    static String editorPolicy(String nonce) {
        return CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'nonce-" + nonce + "'");
    }

    private static String newNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Error dispatches get the headers too, so error pages are as strict as the rest. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
