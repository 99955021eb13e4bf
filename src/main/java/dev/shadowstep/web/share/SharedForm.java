package dev.shadowstep.web.share;

import dev.shadowstep.permalink.ScenarioBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartException;

/**
 * The Share form as posted: the scenario in the field {@code source} (the scenario page's form), in
 * the field {@code yaml} (the editor's form, whose Share button posts the whole form) or in a file
 * part named {@code source} ({@code curl -F source=@file.yaml}), and the step, lanes and way back.
 * Either {@code text} is set, or {@code status} and {@code problem} say why not.
 */
record SharedForm(String text, HttpStatus status, String problem, String step, String lanes, String back) {

    /**
     * Reads the form.
     *
     * @throws MultipartException   when the body is not multipart (no boundary, cut short)
     * @throws IllegalStateException the same, when Tomcat's own parameter parsing found it
     */
    static SharedForm read(HttpServletRequest request) throws IOException {
        String step = request.getParameter("step");
        String lanes = request.getParameter("lanes");
        String back = request.getParameter("back");
        String source = request.getParameter("source");
        if (source == null) source = request.getParameter("yaml");
        if (source == null && request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile file = multipart.getFile("source");
            if (file != null) {
                ScenarioBody body;
                try (InputStream in = file.getInputStream()) {
                    body = ScenarioBody.read(in, file.getSize());
                }
                if (body.problem() != null) {
                    return new SharedForm(null, body.status(), "The uploaded file cannot be shared: " + body.problem() + ".",
                            step, lanes, back);
                }
                source = body.text();
            }
        }
        if (source == null || source.isBlank()) {
            return new SharedForm(null, HttpStatus.BAD_REQUEST, "The form sent no scenario to share. Reload the "
                    + "scenario page and press Share again.", step, lanes, back);
        }
        // a browser sends form text with CRLF line ends whatever the page held
        String text = source.replace("\r\n", "\n");
        if (ScenarioBody.tooLarge(text)) {
            return new SharedForm(null, HttpStatus.CONTENT_TOO_LARGE, "The scenario is larger than 64 KiB, the "
                    + "limit for one link. Shorten the program or split the experiment.", step, lanes, back);
        }
        return new SharedForm(text, null, null, step, lanes, back);
    }
}
