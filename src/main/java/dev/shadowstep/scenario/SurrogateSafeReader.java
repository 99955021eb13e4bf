package dev.shadowstep.scenario;

import java.io.Reader;

/**
 * Reads a text in chunks that never end between the two halves of a surrogate pair (an emoji,
 * any character above U+FFFF). snakeyaml-engine 3.0.1 reads its input 1,024 chars at a time and,
 * when a chunk ends in a high surrogate, reads the low one past the end of its own buffer
 * ({@code StreamReader.extendIfTrailingHighSurrogate}: IndexOutOfBoundsException). Every YAML
 * parse of user text goes through this reader, so that chunk never happens.
 */
public final class SurrogateSafeReader extends Reader {

    private final String text;
    private int next;

    public SurrogateSafeReader(String text) {
        this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (length == 0) return 0;
        if (next >= text.length()) return -1;
        int end = Math.min(text.length(), next + length);
        // keep a high surrogate for the next chunk, together with its low half
        if (end < text.length() && end - next > 1 && Character.isHighSurrogate(text.charAt(end - 1))) end--;
        text.getChars(next, end, buffer, offset);
        int read = end - next;
        next = end;
        return read;
    }

    @Override
    public void close() {
        // a String holds no resource
    }
}
