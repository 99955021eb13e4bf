package dev.shadowstep.web.editor;

import dev.shadowstep.web.ImportMap;
import dev.shadowstep.web.SecurityHeadersFilter;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the editor templates read, built by the controller in one place (the templates see
 * it as {@code page}).
 *
 * @param text            the scenario text
 * @param textareaText    the text as the no-JS text area prints it
 * @param lineCount       lines the text area shows
 * @param problems        the check's problems, in file order
 * @param errorLines      the lines that have a problem, for the gutter
 * @param switchError     what went wrong setting a switch, or null
 * @param switches        the switches read from the text
 * @param switchesNote    why the switches cannot read the text, or null
 * @param compareOptions  the "compare with" choices
 * @param titleClaims     what the title or summary says that the settings no longer do
 * @param labels          the program's labels and their addresses (the editor's hover), empty when it does not assemble
 * @param origin          what this text is a copy of, or null
 * @param importMap       the import map's JSON ({@link ImportMap#JSON}, allowed by its hash)
 * @param styleNonce      this response's style nonce for CodeMirror's style element
 */
record EditorPage(String text, String textareaText, int lineCount, List<ScenarioError> problems,
                  Set<Integer> errorLines, String switchError, SwitchView.Group switches, String switchesNote,
                  List<CompareOption> compareOptions, List<String> titleClaims, Map<String, String> labels,
                  EditorOrigin origin, String importMap,
                  String styleNonce) {

    /** The model attribute the templates read. */
    static final String ATTRIBUTE = "page";

    /** Returns the page for a text that could not be checked (only these problems are known). */
    static EditorPage of(String text, List<ScenarioError> problems, String switchError, EditorOrigin origin,
                         HttpServletRequest request) {
        return of(text, new ScenarioCheck.Checked(problems, Map.of()), switchError, origin, request);
    }

    /** Returns the page for a text, its check and the origin of the copy. */
    static EditorPage of(String text, ScenarioCheck.Checked checked, String switchError, EditorOrigin origin,
                         HttpServletRequest request) {
        List<ScenarioError> problems = checked.problems();
        SwitchState state = null;
        YamlTree tree = null;
        String unreadable = null;
        try {
            tree = YamlTree.parse(text);
            state = SwitchState.read(tree);
        } catch (YamlTreeException e) {
            unreadable = "The switches read the scenario text: " + e.getMessage() + ".";
        }
        Object nonce = request.getAttribute(SecurityHeadersFilter.STYLE_NONCE);
        return new EditorPage(text, "\n" + text, lineCount(text), List.copyOf(problems), errorLines(problems),
                switchError, SwitchView.of(state, unreadable), unreadable,
                state == null ? List.of() : CompareOption.of(state),
                state == null ? List.of() : TitleClaims.contradicted(tree, state), checked.labels(), origin, ImportMap.JSON,
                nonce == null ? "" : nonce.toString());
    }

    /** Returns the number of lines the editor shows for a text (a final line break opens an empty last line). */
    static int lineCount(String text) {
        if (text == null || text.isEmpty()) return 1;
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') lines++;
        }
        return lines;
    }

    /** Returns the lines that have a problem, for the gutter. */
    static Set<Integer> errorLines(List<ScenarioError> problems) {
        Set<Integer> lines = new TreeSet<>();
        for (ScenarioError p : problems) {
            if (p.line() > 0) lines.add(p.line());
        }
        return lines;
    }
}
