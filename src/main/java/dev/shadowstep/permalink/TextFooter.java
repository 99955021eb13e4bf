package dev.shadowstep.permalink;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines after the text trace: where the link lives, when and by which engine it was made, and
 * the drift, so a reader of a pasted email knows whether the trace is still what the link shows.
 * Lines stay within 80 columns (a URL longer than that stays whole).
 */
final class TextFooter {

    static final int WIDTH = 80;

    private TextFooter() {}

    /** Writes the footer of {@code link}, whose page is at {@code pageUrl}. */
    static void write(Permalink link, String pageUrl, Appendable out) {
        try {
            out.append("Link: ").append(pageUrl).append('\n');
            String engine = link.link().engine() == null ? "" : " with " + link.link().engine();
            for (String line : wrap("Made: " + link.link().createdAt() + engine, "      ")) {
                out.append(line).append('\n');
            }
            for (String line : wrap("Drift: " + link.drift().message(), "       ")) {
                out.append(line).append('\n');
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Returns the text cut at spaces into lines of at most 80 columns, continuation lines indented. */
    static List<String> wrap(String text, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(indent);
            }
            if (!line.isEmpty() && !line.toString().equals(indent)) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
