package dev.shadowstep.web.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * The Markdown files of src/docs (packaged as classpath:docs/*.md) rendered once with commonmark-java.
 * Raw HTML in the Markdown is escaped, not passed through, and link targets are sanitised.
 */
@Component
public class DocPages {

    /** A rendered page: its name in the URL, its first heading and its HTML body. */
    public record Doc(String name, String title, String html) {}

    /** The pages, in the order the index lists them. */
    static final List<String> NAMES = List.of("scenario-format", "trace-format", "core", "editor", "compare-format", "permalinks");

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private final Map<String, Doc> docs = new LinkedHashMap<>();

    public DocPages() {
        for (String name : NAMES) docs.put(name, render(name, read(name)));
    }

    public List<Doc> all() {
        return List.copyOf(docs.values());
    }

    public Optional<Doc> find(String name) {
        return Optional.ofNullable(docs.get(name));
    }

    /** Renders one Markdown text; links to "other.md" and plain mentions of a shipped doc become /docs/other. */
    static Doc render(String name, String markdown) {
        // One-line HTML comments (the generated-list markers of scenario-format.md) are for editors, not readers.
        String linked = markdown.replaceAll("(?m)^<!--[^\n]*-->\n", "").replaceAll("\\]\\(([a-z-]+)\\.md(#[^)]*)?\\)", "](/docs/$1$2)")
                .replaceAll("(?<![\\w/`(\\[.-])(" + String.join("|", NAMES) + ")\\.md\\b(?![`\\]])", "[$1.md](/docs/$1)");
        Node document = PARSER.parse(linked);
        String title = name;
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getFirstChild() instanceof Text t) {
                title = t.getLiteral();
                break;
            }
        }
        return new Doc(name, title, RENDERER.render(document));
    }

    private static String read(String name) {
        try (InputStream in = DocPages.class.getResourceAsStream("/docs/" + name + ".md")) {
            if (in == null) throw new IllegalStateException("docs/" + name + ".md is not packaged");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
