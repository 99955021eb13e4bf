package dev.shadowstep.web.yaml;

/** Thrown when a text cannot be read as the YAML map a scenario is; the message says what to do. */
public final class YamlTreeException extends RuntimeException {

    public YamlTreeException(String message) {
        super(message);
    }
}
