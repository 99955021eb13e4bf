package dev.shadowstep.web.editor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/** The scenario a newcomer starts from: the editor opens with it and the "new scenario" page shows it. */
public final class StarterScenario {

    private static final String RESOURCE = "editor/starter.yaml";

    /** The starter's YAML text, read once from the classpath. */
    public static final String TEXT = read();

    private StarterScenario() {
    }

    private static String read() {
        try {
            return new ClassPathResource(RESOURCE).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the editor's starter scenario is missing: " + RESOURCE, e);
        }
    }
}
