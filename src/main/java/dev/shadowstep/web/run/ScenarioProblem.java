package dev.shadowstep.web.run;

/**
 * One located problem in a scenario, as the API and the page report it.
 *
 * @param path    the key path, e.g. {@code cpu.rflags}; empty for the whole file or the program
 * @param line    1-based line in the file, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong and how to fix it
 */
public record ScenarioProblem(String path, int line, int column, String message) {

    /** Returns a problem that concerns the request as a whole rather than a place in the file. */
    public static ScenarioProblem general(String message) {
        return new ScenarioProblem("", 0, 0, message);
    }
}
