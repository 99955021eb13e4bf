package dev.shadowstep.web.editor;

import dev.shadowstep.permalink.PermalinkIds;
import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.permalink.StoredLink;
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
import org.springframework.http.MediaType;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The scenario editor: CodeMirror panes (program and settings) over one scenario text, checked
 * as you type, switches that rewrite one setting in the text, Run (which shows the run's page)
 * and Compare. Every action is a plain form POST of the one text too, so the page works without
 * JavaScript (a text area); htmx asks for fragments instead of pages.
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
    private final PermalinkService permalinks;

    EditorController(ScenarioLibrary library, RunStore runs, ScenarioCheck check, PermalinkService permalinks) {
        this.library = library;
        this.runs = runs;
        this.check = check;
        this.permalinks = permalinks;
    }

    /**
     * Returns the editor with a starter scenario or a copy ("Edit a copy") of a library scenario
     * ({@code scenario}, or {@code from} as older links say), a permalink's text ({@code link}) or a
     * kept run's text ({@code run}). The original is never changed: sharing the copy makes a new link.
     */
    @GetMapping("/editor")
    String open(@RequestParam(name = "scenario", required = false) String scenario,
                @RequestParam(name = "from", required = false) String from,
                @RequestParam(name = "link", required = false) String linkId,
                @RequestParam(name = "run", required = false) String runId, Model model, HttpServletRequest request) {
        String text = StarterScenario.TEXT;
        EditorOrigin origin = null;
        String slug = present(scenario) ? scenario : from;
        if (present(slug)) {
            var entry = library.find(slug).orElseThrow(() -> new UnknownScenarioException(slug));
            text = entry.yaml();
            origin = new EditorOrigin(entry.title(), "/scenarios/" + URLEncoder.encode(entry.slug(), StandardCharsets.UTF_8),
                    "the library keeps the original");
        } else if (present(linkId)) {
            String problem = PermalinkIds.problem(linkId).orElse(null);
            if (problem != null) throw new UnknownOriginException("This is not a permalink: " + problem + ".");
            StoredLink link = permalinks.stored(linkId).orElseThrow(() -> new UnknownOriginException(
                    "No permalink has the id '" + linkId + "'."));
            text = link.source();
            origin = new EditorOrigin(link.preview().title(), "/s/" + link.id(),
                    "the link keeps its text; Share makes a new one");
        } else if (present(runId)) {
            StoredRun run = runs.get(runId);
            if (run.source() == null) throw new SwitchException("Run '" + runId + "' has no scenario text to edit.");
            text = run.source();
            origin = new EditorOrigin(run.trace().scenario().title(), "/runs/" + run.id(), "the run keeps its text");
        }
        return page(model, EditorPage.of(text, check.check(text), null, origin, request), PAGE);
    }

    /**
     * Sets the switches whose values differ from the text's and answers the new text as JSON, so the
     * editor can apply it as one transaction (Ctrl+Z undoes it); the check follows as for typing.
     */
    @PostMapping(path = "/editor/switch.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    SwitchResult switchText(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        String text = normalize(form.getFirst("yaml"));
        Optional<ScenarioError> malformed = FormEncodingFilter.malformed(request, "yaml");
        if (malformed.isPresent()) return new SwitchResult(text, malformed.get().message());
        try {
            return new SwitchResult(SwitchForm.apply(text, form), null);
        } catch (SwitchException e) {
            return new SwitchResult(text, e.getMessage());
        }
    }

    /** The answer of {@code /editor/switch.json}: the text after the switches, and what went wrong, or null. */
    record SwitchResult(String yaml, String error) {}

    /** Returns the check of the text: a fragment for htmx (problems, switches), else the whole page. */
    @PostMapping("/editor/check")
    String check(@RequestParam(name = "yaml", defaultValue = "") String yaml,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        String text = normalize(yaml);
        if (notUtf8(request, model, text, response)) return PAGE;
        return page(model, EditorPage.of(text, check.check(text), null, null, request), htmx != null ? CHECK : PAGE);
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
        return page(model, EditorPage.of(text, check.check(text), error, null, request), htmx != null ? FORM : PAGE);
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
            return rejected(model, text, e, request, response);
        } catch (ServerBusyException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return failed(model, text, e.getMessage(), 503, request, response);
        } catch (RuntimeException e) {
            return failed(model, text, internal(e), 500, request, response);
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
            return rejected(model, text, e, request, response);
        } catch (SwitchException e) {
            response.setStatus(422);
            return page(model, EditorPage.of(text, check.check(text), e.getMessage(), null, request), PAGE);
        } catch (ServerBusyException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return failed(model, text, e.getMessage(), 503, request, response);
        } catch (RuntimeException e) {
            return failed(model, text, internal(e), 500, request, response);
        }
    }

    /**
     * Fills the page with the text as received (malformed bytes shown as U+FFFD) and where the first
     * such bytes are, when the posted text was not UTF-8; nothing is checked or run then.
     */
    private static boolean notUtf8(HttpServletRequest request, Model model, String text, HttpServletResponse response) {
        Optional<ScenarioError> problem = FormEncodingFilter.malformed(request, "yaml");
        if (problem.isEmpty()) return false;
        page(model, EditorPage.of(text, List.of(problem.get()), null, null, request), PAGE);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return true;
    }

    private String rejected(Model model, String text, ScenarioRejectedException e, HttpServletRequest request,
                            HttpServletResponse response) {
        response.setStatus(422);
        return page(model, EditorPage.of(text, e.problems(), null, null, request), PAGE);
    }

    /** The run could not be made: the editor comes back with the text as sent and the reason, never a stack trace. */
    private String failed(Model model, String text, String message, int status, HttpServletRequest request,
                          HttpServletResponse response) {
        response.setStatus(status);
        return page(model, EditorPage.of(text, List.of(ScenarioError.general(message)), null, null, request), PAGE);
    }

    /** Puts the one page model in the model and returns the view. */
    private static String page(Model model, EditorPage page, String view) {
        model.addAttribute(EditorPage.ATTRIBUTE, page);
        return view;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
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
