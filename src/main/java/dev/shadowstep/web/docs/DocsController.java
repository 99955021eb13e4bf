package dev.shadowstep.web.docs;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** /docs: the scenario format, the trace format, the model and the guides, rendered from src/docs. */
@Controller
class DocsController {

    private final DocPages pages;

    DocsController(DocPages pages) {
        this.pages = pages;
    }

    @GetMapping("/docs")
    String index(Model model) {
        model.addAttribute("docs", pages.all());
        return "docs/index";
    }

    @GetMapping("/docs/{name}")
    String page(@PathVariable String name, Model model) {
        model.addAttribute("doc", pages.find(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no documentation page named " + name + ".")));
        model.addAttribute("docs", pages.all());
        return "docs/page";
    }
}
