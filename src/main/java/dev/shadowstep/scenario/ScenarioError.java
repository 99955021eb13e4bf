package dev.shadowstep.scenario;

/**
 * One located problem in a scenario: what the loader finds, what the web tier adds (a server's step
 * bound, a run that took too long) and what the API and the pages report, in the JSON shape
 * {@code {path, line, column, message}}.
 *
 * @param path    the key path, e.g. {@code cpu.rflags}, {@code host[1].raise_irq}; empty for the whole file
 * @param line    1-based line in the file, 0 when unknown
 * @param column  1-based column in the file, 0 when unknown
 * @param message what was found, what was expected, and how to fix it
 */
public record ScenarioError(String path, int line, int column, String message) {

    /** Returns a problem that concerns the request or the file as a whole rather than a place in it. */
    public static ScenarioError general(String message) {
        return new ScenarioError("", 0, 0, message);
    }

    /** Returns the error as one line: {@code 3:9 cpu.rflags: message}. */
    public String describe() {
        String where = line > 0 ? line + ":" + column + " " : "";
        return where + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
