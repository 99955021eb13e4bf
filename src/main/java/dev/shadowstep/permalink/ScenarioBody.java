package dev.shadowstep.permalink;

import dev.shadowstep.scenario.ScenarioLoader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/**
 * A request body (or an uploaded file) read as a scenario text: at most 64 KiB (one byte more is
 * read to tell), strict UTF-8. Either {@code text} is set, or {@code status} and {@code problem}
 * say why not.
 */
public record ScenarioBody(String text, HttpStatus status, String problem) {

    private static final String TOO_LARGE = "the scenario is larger than 64 KiB (" + ScenarioLoader.MAX_BYTES
            + " bytes), the limit for one link; shorten the program or split the experiment";

    /** Returns the body of the request, refusing a declared or actual size over the limit before parsing. */
    static ScenarioBody read(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return read(in, request.getContentLengthLong());
        }
    }

    /**
     * Returns the text of a body or upload whose length is declared ({@code -1} when unknown): a
     * declared length over the limit is refused before a byte is read.
     */
    public static ScenarioBody read(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > ScenarioLoader.MAX_BYTES) {
            return refused(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE);
        }
        byte[] bytes = in.readNBytes(ScenarioLoader.MAX_BYTES + 1);
        if (bytes.length > ScenarioLoader.MAX_BYTES) {
            return refused(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE);
        }
        if (bytes.length == 0) {
            return refused(HttpStatus.BAD_REQUEST,
                    "the request body is empty; send the scenario file (YAML or JSON) as the body");
        }
        try {
            return new ScenarioBody(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString(), null, null);
        } catch (CharacterCodingException e) {
            return refused(HttpStatus.BAD_REQUEST,
                    "the body is not UTF-8 text; save the scenario file as UTF-8 and send it again");
        }
    }

    /** Returns whether a text is over the limit for one scenario, in UTF-8 bytes. */
    public static boolean tooLarge(String text) {
        return text.length() > ScenarioLoader.MAX_BYTES
                || text.getBytes(StandardCharsets.UTF_8).length > ScenarioLoader.MAX_BYTES;
    }

    private static ScenarioBody refused(HttpStatus status, String problem) {
        return new ScenarioBody(null, status, problem);
    }
}
