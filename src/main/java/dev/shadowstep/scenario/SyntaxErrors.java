package dev.shadowstep.scenario;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import java.util.Optional;

/**
 * Turns a parser's exception into a located message with a hint. Jackson places a YAML error
 * at the last good token; the YAML scanner's own problem mark is where the mistake is, so it wins.
 */
final class SyntaxErrors {

    private SyntaxErrors() {}

    record Found(Node.Location at, String message) {}

    static Found describe(RuntimeException e, boolean json) {
        MarkedYamlEngineException marked = findMarked(e);
        if (marked != null) return describeYaml(marked, e);
        String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        if (detail != null && detail.startsWith("Expected a property name")) {
            return new Found(jacksonLocation(e), "YAML syntax error: a key must be a word or a quoted string, "
                    + "not a list or map; write key: value");
        }
        String kind = json ? "JSON" : "YAML";
        return new Found(jacksonLocation(e), kind + " syntax error: " + firstLine(detail)
                + (json ? "; check the commas, quotes and brackets around this place"
                        : "; check the indentation and quoting on this line and the one before"));
    }

    private static Found describeYaml(MarkedYamlEngineException m, RuntimeException outer) {
        String problem = m.getProblem() == null ? "" : m.getProblem();
        Optional<Mark> mark = m.getProblemMark().or(m::getContextMark);
        Node.Location at = mark.map(SyntaxErrors::location).orElseGet(() -> jacksonLocation(outer));
        String context = m.getContext() == null ? "" : m.getContext();
        String opened = m.getContextMark().map(c -> " at line " + (c.getLine() + 1)).orElse("");
        String message;
        if (problem.contains("(TAB)")) {
            message = "YAML syntax error: a tab character here; indent with spaces only (YAML forbids tabs for indentation)";
        } else if (problem.startsWith("mapping values are not allowed")) {
            message = "YAML syntax error: a ': ' where no key may start; quote a value that contains ': ', "
                    + "or put the key on its own line";
        } else if (problem.contains("end of stream") && context.contains("quoted scalar")) {
            // The scanner notices at the end of the file; the mistake is where the quote opened.
            at = m.getContextMark().map(SyntaxErrors::location).orElse(at);
            message = "YAML syntax error: this quoted string is never closed (the file ends inside it); "
                    + "add the closing quote";
        } else {
            String where = context.isEmpty() ? "" : " (" + context + opened + ")";
            message = "YAML syntax error: " + firstLine(problem) + where
                    + "; check the indentation and quoting on this line and the one before";
        }
        return new Found(at, message);
    }

    private static MarkedYamlEngineException findMarked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException m) return m;
            if (t.getCause() == t) break;
        }
        return null;
    }

    private static Node.Location location(Mark mark) {
        return new Node.Location(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Node.Location jacksonLocation(RuntimeException e) {
        if (e instanceof JacksonException je) {
            TokenStreamLocation at = je.getLocation();
            if (at != null && at.getLineNr() > 0) return new Node.Location(at.getLineNr(), Math.max(at.getColumnNr(), 0));
        }
        return Node.Location.UNKNOWN;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) return "unreadable input";
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
