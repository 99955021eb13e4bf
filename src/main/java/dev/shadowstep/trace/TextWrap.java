package dev.shadowstep.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits text into columns: widths are counted in code points (one column each; the trace
 * texts are ASCII, plus the ellipsis that marks a cut).
 */
public final class TextWrap {

    /** Ends a cell that was cut to fit its column. */
    static final String ELLIPSIS = "\u2026";

    private TextWrap() {}

    /** Returns the number of columns {@code s} takes. */
    public static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Returns {@code s} on one line: null as empty, control characters as spaces, runs of spaces as one. */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    /** Returns {@code s} cut to at most {@code width} columns, the last one an ellipsis when cut. */
    public static String fit(String s, int width) {
        if (width(s) <= width) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, width - 1)) + ELLIPSIS;
    }

    /** Returns a label cut to {@code width}, keeping a {@code +offset} suffix: {@code fep_sti_st…+12}. */
    public static String fitLabel(String label, int width) {
        int plus = label.lastIndexOf('+');
        if (width(label) <= width || plus <= 0 || width(label.substring(plus)) > width - 2) {
            return fit(label, width);
        }
        String suffix = label.substring(plus);
        return fit(label.substring(0, plus), width - width(suffix)) + suffix;
    }

    /** Returns {@code s} fitted and padded with spaces on the right to exactly {@code width} columns. */
    public static String padRight(String s, int width) {
        String fitted = fit(s, width);
        return fitted + " ".repeat(width - width(fitted));
    }

    /** Returns {@code s} padded with spaces on the left to at least {@code width} columns. */
    public static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - width(s))) + s;
    }

    /**
     * Returns prose wrapped at word boundaries into lines of at most {@code width} columns, the
     * first starting with {@code first}, the rest with {@code rest}; a word longer than a whole
     * line is split.
     */
    public static List<String> wrap(String prose, String first, String rest, int width) {
        if (width(first) >= width || width(rest) >= width) {
            throw new IllegalArgumentException("wrap prefixes must leave room for text within " + width + " columns");
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int prefix = width(first);
        for (String word : oneLine(prose).split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean empty = width(line.toString()) == prefix;
            if (!empty && width(line.toString()) + 1 + width(word) > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                prefix = width(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            while (width(line.toString()) + width(word) > width) {
                int room = width - width(line.toString());
                int cut = word.offsetByCodePoints(0, room);
                lines.add(line.append(word, 0, cut).toString());
                word = word.substring(cut);
                line = new StringBuilder(rest);
                prefix = width(rest);
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
