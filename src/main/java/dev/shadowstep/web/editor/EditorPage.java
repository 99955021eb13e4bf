package dev.shadowstep.web.editor;

import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.ui.Model;

/** Fills the editor's model: the text with its line count, the problems, the switches and the compare choices. */
final class EditorPage {

    private EditorPage() {}

    /**
     * Adds everything the editor templates read.
     *
     * @param switchError what went wrong setting a switch, or null
     */
    static void fill(Model model, String text, List<ScenarioError> problems, String switchError) {
        model.addAttribute("text", text);
        // an HTML parser drops one line break right after <textarea>: give it one to drop
        model.addAttribute("textareaText", "\n" + text);
        model.addAttribute("lineCount", lineCount(text));
        model.addAttribute("problems", problems);
        model.addAttribute("errorLines", errorLines(problems));
        model.addAttribute("switchError", switchError);
        SwitchState state = null;
        String unreadable = null;
        try {
            state = SwitchState.read(YamlTree.parse(text));
        } catch (YamlTreeException e) {
            unreadable = "The switches read the scenario text: " + e.getMessage() + ".";
        }
        model.addAttribute("switches", SwitchView.of(state, unreadable));
        model.addAttribute("switchesNote", unreadable);
        model.addAttribute("compareOptions", state == null ? List.of() : CompareOption.of(state));
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
