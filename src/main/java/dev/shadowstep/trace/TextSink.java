package dev.shadowstep.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes lines of the plain-text trace: no trailing spaces, {@code \n} endings, never wider than 80 columns. */
final class TextSink {

    /** The widest line an email reader is sure to show unwrapped. */
    static final int WIDTH = 80;

    private final Appendable out;

    TextSink(Appendable out) {
        this.out = out;
    }

    /** Writes one line, without its trailing spaces; a line wider than 80 columns is a bug in the layout. */
    void line(String text) {
        String line = text.stripTrailing();
        if (TextWrap.width(line) > WIDTH) {
            throw new IllegalStateException("text trace line is " + TextWrap.width(line) + " columns, over "
                    + WIDTH + ": " + line);
        }
        try {
            out.append(line).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing the text trace failed", e);
        }
    }

    /** Writes each of the lines. */
    void lines(List<String> lines) {
        lines.forEach(this::line);
    }

    /** Writes prose wrapped at word boundaries under a first-line and a continuation prefix. */
    void wrapped(String prose, String first, String rest) {
        lines(TextWrap.wrap(prose, first, rest, WIDTH));
    }
}
