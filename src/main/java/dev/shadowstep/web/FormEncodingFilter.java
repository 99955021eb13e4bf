package dev.shadowstep.web;

import dev.shadowstep.scenario.ScenarioError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decodes url-encoded form bodies, and query strings that are not valid UTF-8, itself
 * ({@link FormDecoder}). Tomcat's decoder throws on malformed UTF-8: the request failed with a
 * JSON 400, the editor's text was lost, and Tomcat logged the raw value at ERROR, line breaks
 * included, so a client could forge log lines. Here a malformed sequence becomes U+FFFD, the rest
 * of the text is kept, and the controller learns where it was ({@link #malformed}) to say so.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class FormEncodingFilter extends OncePerRequestFilter {

    /** The largest form body read, as Tomcat's own default (server.tomcat.max-http-form-post-size). */
    static final int MAX_FORM_BYTES = 2 * 1024 * 1024;

    private static final String MALFORMED = FormEncodingFilter.class.getName() + ".malformed";

    /** Returns the located problem when the form field {@code name} held bytes that are not UTF-8. */
    public static Optional<ScenarioError> malformed(HttpServletRequest request, String name) {
        if (!(request.getAttribute(MALFORMED) instanceof Map<?, ?> fields)
                || !(fields.get(name) instanceof FormDecoder.Malformed at)) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioError("", at.line(), at.column(), "The text sent has bytes here that are "
                + "not UTF-8; each such place is shown as \uFFFD. Retype the character, or save the file as "
                + "UTF-8 and paste it again."));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the API reads raw bodies whatever their Content-Type (curl --data-binary sends a form type)
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        boolean form = !api && "POST".equals(request.getMethod()) && isForm(request.getContentType());
        String query = request.getQueryString();
        if (!form && FormDecoder.isStrictUtf8(query)) {
            chain.doFilter(request, response);
            return;
        }
        String body = null;
        if (form) {
            if (request.getContentLengthLong() > MAX_FORM_BYTES) {
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            byte[] bytes = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
            if (bytes.length > MAX_FORM_BYTES) {
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            // the encoded form is ASCII; any other byte is kept as it came and judged by the decoder
            body = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        FormDecoder.Decoded decoded = FormDecoder.decode(query, body);
        if (!decoded.malformed().isEmpty()) request.setAttribute(MALFORMED, decoded.malformed());
        chain.doFilter(new DecodedRequest(request, decoded.fields()), response);
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) return false;
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The request with the parameters decoded here instead of by the container. */
    private static final class DecodedRequest extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        DecodedRequest(HttpServletRequest request, Map<String, List<String>> fields) {
            super(request);
            Map<String, String[]> map = new LinkedHashMap<>();
            fields.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
            this.parameters = Collections.unmodifiableMap(map);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }
    }
}
