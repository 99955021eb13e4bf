package dev.shadowstep.web;

/** Thrown when no library scenario has the requested slug. */
public class UnknownScenarioException extends RuntimeException {

    private final String slug;

    public UnknownScenarioException(String slug) {
        super("No scenario named '" + slug + "'.");
        this.slug = slug;
    }

    /** Returns the slug that was asked for. */
    public String slug() {
        return slug;
    }
}
