package dev.shadowstep.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (a form body or a query string) as UTF-8,
 * replacing each malformed byte sequence by U+FFFD and keeping where the first one was, so that
 * nothing else the user typed is lost. A {@code %} not followed by two hex digits stays as written.
 */
final class FormDecoder {

    /** Where a field's first malformed byte sequence is, 1-based, in the decoded value. */
    record Malformed(int line, int column) {}

    /** The fields in the order sent (a name may repeat), and the fields that held malformed UTF-8. */
    record Decoded(Map<String, List<String>> fields, Map<String, Malformed> malformed) {}

    private FormDecoder() {}

    /** Decodes the pairs of each text in turn (the query string first, then the body, as Tomcat does). */
    static Decoded decode(String... texts) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, Malformed> malformed = new LinkedHashMap<>();
        for (String text : texts) {
            if (text == null || text.isEmpty()) continue;
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                Value name = value(eq < 0 ? pair : pair.substring(0, eq));
                Value value = value(eq < 0 ? "" : pair.substring(eq + 1));
                fields.computeIfAbsent(name.text(), k -> new ArrayList<>()).add(value.text());
                if (value.malformed() != null) malformed.putIfAbsent(name.text(), value.malformed());
            }
        }
        return new Decoded(fields, malformed);
    }

    /** Returns whether a query string decodes as strict UTF-8 (so the container's own decoder takes it). */
    static boolean isStrictUtf8(String query) {
        return query == null || query.indexOf('%') < 0 || decode(query).malformed().isEmpty();
    }

    private record Value(String text, Malformed malformed) {}

    private static Value value(String encoded) {
        byte[] bytes = new byte[encoded.length() * 3];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes[n++] = ' ';
            } else if (c == '%' && i + 2 < encoded.length() && hex(encoded.charAt(i + 1)) >= 0 && hex(encoded.charAt(i + 2)) >= 0) {
                bytes[n++] = (byte) (hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 2;
            } else {
                // a raw character of the query string: keep it, as UTF-8
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    raw = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(raw, 0, bytes, n, raw.length);
                n += raw.length;
            }
        }
        return utf8(ByteBuffer.wrap(bytes, 0, n));
    }

    private static Value utf8(ByteBuffer in) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        int first = -1;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                if (first < 0) first = out.position();
                out.put('\uFFFD');
                in.position(in.position() + result.length());
            } else {
                decoder.flush(out);
                break;
            }
        }
        String text = out.flip().toString();
        return new Value(text, first < 0 ? null : at(text, first));
    }

    private static Malformed at(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Malformed(line, index - lineStart + 1);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
