package dev.shadowstep.scenario;

/**
 * One problem found in a scenario file.
 *
 * @param path    the key path, e.g. {@code cpu.rflags}, {@code host[1].raise_irq}; empty for the whole file
 * @param line    1-based line in the file, 0 when unknown
 * @param column  1-based column in the file, 0 when unknown
 * @param message what was found, what was expected, and how to fix it
 */
public record ScenarioError(String path, int line, int column, String message) {

    /** Returns the error as one line: {@code 3:9 cpu.rflags: message}. */
    public String describe() {
        String where = line > 0 ? line + ":" + column + " " : "";
        return where + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
