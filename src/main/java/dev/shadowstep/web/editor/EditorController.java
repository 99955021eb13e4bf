package dev.shadowstep.web.editor;

import dev.shadowstep.web.FormEncodingFilter;
import dev.shadowstep.web.UnknownScenarioException;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.web.run.ScenarioRejectedException;
import dev.shadowstep.run.ServerBusyException;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.switches.SwitchException;
import dev.shadowstep.web.switches.Variant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scenario editor: a text area checked as you type, switches that rewrite one setting in
 * the text, Run (which shows the run's page) and Compare. Every action is a plain form POST
 * too, so the page works without JavaScript; htmx asks for fragments instead of pages.
 */
@Controller
class EditorController {

    static final String PAGE = "editor/page";
    static final String CHECK = "editor/parts :: check-response";
    static final String FORM = "editor/page :: form";

    private static final Logger LOG = LoggerFactory.getLogger(EditorController.class);

    private final ScenarioLibrary library;
    private final RunStore runs;
    private final ScenarioCheck check;

    EditorController(ScenarioLibrary library, RunStore runs, ScenarioCheck check) {
        this.library = library;
        this.runs = runs;
        this.check = check;
    }

    /** Returns the editor with a starter scenario, a library scenario ({@code from}) or a kept run's text ({@code run}). */
    @GetMapping("/editor")
    String open(@RequestParam(name = "from", required = false) String from,
                @RequestParam(name = "run", required = false) String runId, Model model) {
        String text = StarterScenario.TEXT;
        if (from != null && !from.isBlank()) {
            var entry = library.find(from).orElseThrow(() -> new UnknownScenarioException(from));
            text = entry.yaml();
            model.addAttribute("origin", entry);
        } else if (runId != null && !runId.isBlank()) {
            StoredRun run = runs.get(runId);
            if (run.source() == null) throw new SwitchException("Run '" + runId + "' has no scenario text to edit.");
            text = run.source();
        }
        EditorPage.fill(model, text, check.problems(text), null);
        return PAGE;
    }

    /** Returns the check of the text: a fragment for htmx (problems, switches), else the whole page. */
    @PostMapping("/editor/check")
    String check(@RequestParam(name = "yaml", defaultValue = "") String yaml,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        String text = normalize(yaml);
        if (notUtf8(request, model, text, response)) return PAGE;
        EditorPage.fill(model, text, check.problems(text), null);
        return htmx != null ? CHECK : PAGE;
    }

    /** Sets the switches whose values differ from the text's, then returns the form (htmx) or the page. */
    @PostMapping("/editor/switch")
    String setSwitches(@RequestParam MultiValueMap<String, String> form,
                       @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                       HttpServletRequest request, HttpServletResponse response) {
        String text = normalize(form.getFirst("yaml"));
        if (notUtf8(request, model, text, response)) return PAGE;
        String error = null;
        try {
            text = SwitchForm.apply(text, form);
        } catch (SwitchException e) {
            error = e.getMessage();
        }
        EditorPage.fill(model, text, check.problems(text), error);
        return htmx != null ? FORM : PAGE;
    }

    /** Runs the text and shows its run page; an invalid scenario comes back with its text and every problem. */
    @PostMapping("/editor/run")
    String run(@RequestParam(name = "yaml", defaultValue = "") String yaml, Model model, HttpServletRequest request,
               HttpServletResponse response) {
        String text = normalize(yaml);
        if (notUtf8(request, model, text, response)) return PAGE;
        try {
            StoredRun run = runs.forText(text);
            return "redirect:/runs/" + run.id();
        } catch (ScenarioRejectedException e) {
            return rejected(model, text, e, response);
        } catch (ServerBusyException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return failed(model, text, e.getMessage(), 503, response);
        } catch (RuntimeException e) {
            return failed(model, text, internal(e), 500, response);
        }
    }

    /** Runs the text as written and with one switch flipped, and shows the comparison. */
    @PostMapping("/editor/compare")
    String compare(@RequestParam(name = "yaml", defaultValue = "") String yaml,
                   @RequestParam(name = "compare", defaultValue = "") String spec, Model model,
                   HttpServletRequest request, HttpServletResponse response) {
        String text = normalize(yaml);
        if (notUtf8(request, model, text, response)) return PAGE;
        try {
            Variant variant = Variant.parse(spec);
            if (variant.settings().isEmpty()) throw new SwitchException("Choose what to compare the scenario with.");
            variant.apply(text);
            StoredRun run = runs.forText(text);
            return "redirect:/compare?run=" + run.id() + "&b=" + URLEncoder.encode(variant.spec(), StandardCharsets.UTF_8);
        } catch (ScenarioRejectedException e) {
            return rejected(model, text, e, response);
        } catch (SwitchException e) {
            EditorPage.fill(model, text, check.problems(text), e.getMessage());
            response.setStatus(422);
            return PAGE;
        } catch (ServerBusyException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return failed(model, text, e.getMessage(), 503, response);
        } catch (RuntimeException e) {
            return failed(model, text, internal(e), 500, response);
        }
    }

    /**
     * Fills the page with the text as received (malformed bytes shown as U+FFFD) and where the first
     * such bytes are, when the posted text was not UTF-8; nothing is checked or run then.
     */
    private static boolean notUtf8(HttpServletRequest request, Model model, String text, HttpServletResponse response) {
        Optional<ScenarioError> problem = FormEncodingFilter.malformed(request, "yaml");
        if (problem.isEmpty()) return false;
        EditorPage.fill(model, text, List.of(problem.get()), null);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return true;
    }

    private String rejected(Model model, String text, ScenarioRejectedException e, HttpServletResponse response) {
        EditorPage.fill(model, text, e.problems(), null);
        response.setStatus(422);
        return PAGE;
    }

    /** The run could not be made: the editor comes back with the text as sent and the reason, never a stack trace. */
    private String failed(Model model, String text, String message, int status, HttpServletResponse response) {
        EditorPage.fill(model, text, List.of(ScenarioError.general(message)), null);
        response.setStatus(status);
        return PAGE;
    }

    private static String internal(RuntimeException e) {
        LOG.error("the editor could not run a scenario", e);
        return "The server could not run this scenario (a bug, now in the server log). Your text is kept "
                + "below; please report the scenario so the bug can be fixed.";
    }

    /** Browsers send text-area lines ending in CR LF; the scenario is read with LF, as it is saved. */
    static String normalize(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
