package dev.shadowstep.web.sources;

import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.ScenarioLibrary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The /sources page: every public source the texts cite, with the library scenarios citing each one. */
@Controller
class SourcesController {

    /** One row of the page. */
    record Row(Source source, List<LibraryEntry> scenarios) {}

    private final SourceRegistry registry;
    private final ScenarioLibrary library;
    private Map<String, List<Row>> groups;

    SourcesController(SourceRegistry registry, ScenarioLibrary library) {
        this.registry = registry;
        this.library = library;
    }

    @GetMapping("/sources")
    String sources(Model model) {
        model.addAttribute("groups", groups());
        return "sources/page";
    }

    /** Groups the sources by kind; the library is fixed at start-up, so this is computed once. */
    private synchronized Map<String, List<Row>> groups() {
        if (groups == null) {
            Map<Source, List<LibraryEntry>> users = new LinkedHashMap<>();
            for (LibraryEntry entry : library.entries()) {
                for (Source source : registry.citations().cited(entry.yaml())) {
                    users.computeIfAbsent(source, k -> new ArrayList<>()).add(entry);
                }
            }
            Map<String, List<Row>> byKind = new LinkedHashMap<>();
            for (Source source : registry.all()) {
                byKind.computeIfAbsent(source.kindName(), k -> new ArrayList<>())
                        .add(new Row(source, users.getOrDefault(source, List.of())));
            }
            groups = byKind;
        }
        return groups;
    }
}
