package dev.shadowstep.web.run;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.scenario.ScenarioException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the loader's and runner's errors into the problems pages and the API report. */
public final class ScenarioProblems {

    /** How the runner words an assembly error: its place in the program, then the message. */
    private static final Pattern PROGRAM_PLACE = Pattern.compile("^program line (\\d+), column (\\d+): ");

    private ScenarioProblems() {}

    /**
     * Returns the errors as problems. An assembly error is located at its file line; when the
     * program is a block in the file, its column is worked out too (the program column plus the
     * block's indentation on that line), so an editor can point at the very character, and the
     * message no longer repeats the place in program coordinates (one coordinate system: the
     * file's, which the editor turns into its pane's).
     *
     * @param scenario the scenario as loaded, or null when loading failed
     */
    public static List<ScenarioError> of(ScenarioException e, String text, Scenario scenario) {
        return e.errors().stream().map(err -> of(err, text, scenario)).toList();
    }

    static ScenarioError of(ScenarioError err, String text, Scenario scenario) {
        int column = err.column();
        String message = err.message();
        if (scenario != null && err.path().equals("program") && err.line() > 0 && column == 0) {
            column = programColumn(err, text, scenario);
            if (column > 0) message = PROGRAM_PLACE.matcher(message).replaceFirst("");
        }
        return new ScenarioError(err.path(), err.line(), column, message);
    }

    private static int programColumn(ScenarioError err, String text, Scenario scenario) {
        Matcher m = PROGRAM_PLACE.matcher(err.message());
        if (!m.find()) return 0;
        int programLine = Integer.parseInt(m.group(1));
        int programColumn = Integer.parseInt(m.group(2));
        List<String> fileLines = text.lines().toList();
        List<String> programLines = scenario.program().lines().toList();
        if (err.line() > fileLines.size() || programLine < 1 || programLine > programLines.size()) return 0;
        String fileLine = fileLines.get(err.line() - 1);
        String source = programLines.get(programLine - 1);
        if (source.isEmpty() || !fileLine.endsWith(source)) return 0;
        return fileLine.length() - source.length() + Math.max(1, programColumn);
    }
}
