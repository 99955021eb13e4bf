package dev.shadowstep.core.asm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An assembled guest program: the bytes loaded at {@link #base}, the listing and the labels.
 *
 * @param base     guest address of {@code image[0]}
 * @param image    code, then the data cells (8-byte aligned, zero padding)
 * @param listing  every instruction and data item in address order
 * @param symbols  label name to address (code labels and data cell names; not .set constants
 *                 and not numeric local labels like {@code 1:})
 */
public record Program(long base, byte[] image, List<Line> listing, Map<String, Long> symbols) {
    /** Where code starts (scenario-format.md, "Layout"). */
    public static final long BASE = 0x401000L;

    public Program {
        image = image.clone();
        listing = List.copyOf(listing);
        symbols = Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
    }

    /** Returns a copy of the loaded bytes. */
    @Override
    public byte[] image() { return image.clone(); }

    /** Returns the address just past the last byte of the image. */
    public long end() { return base + image.length; }

    /** Returns the listing line whose bytes contain {@code address}, or null (a binary search: the CPU asks every step). */
    public Line lineAt(long address) {
        for (int i = lastLineAtOrBefore(address); i >= 0; i--) {
            Line line = listing.get(i);
            if (address < line.address() + line.bytes.length) return line;
            if (line.bytes.length > 0) return null;
        }
        return null;
    }

    /** Returns the index of the last listing line starting at or before {@code address}, or -1 (the listing is in address order). */
    private int lastLineAtOrBefore(long address) {
        int lo = 0;
        int hi = listing.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(listing.get(mid).address(), address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Returns the labels defined exactly at {@code address} (empty when none), in definition order. */
    public List<String> labelsFor(long address) {
        List<String> names = new ArrayList<>();
        symbols.forEach((name, value) -> { if (value == address) names.add(name); });
        return names;
    }

    /**
     * Returns the nearest label at or before {@code address} as {@code label} or
     * {@code label+0x4} (a hex offset, as objdump prints {@code <label+0x4>}); when no label
     * precedes the address, returns the address itself as {@code 0x401000}.
     */
    public String symbolAt(long address) {
        for (int i = lastLineAtOrBefore(address); i >= 0; i--) {
            Line line = listing.get(i);
            for (String label : line.labels()) {
                if (!symbols.containsKey(label)) continue;          // a numeric local label such as 1:
                long offset = address - line.address();
                return offset == 0 ? label : label + "+0x" + Long.toHexString(offset);
            }
        }
        return "0x" + Long.toHexString(address);
    }

    /**
     * One listing line: an instruction, a data directive or a data cell value.
     *
     * @param address  guest address of the first byte
     * @param bytes    the encoded bytes (empty for a label at the very end of the code)
     * @param text     the statement as written, trimmed, comments and labels removed
     *                 ({@code .quad 0x4d2} for a data cell value)
     * @param labels   labels defined at this address just before this line
     * @param line     1-based program line, 0 for data cells and the padding before them
     */
    public record Line(long address, byte[] bytes, String text, List<String> labels, int line) {
        public Line {
            bytes = bytes.clone();
            labels = List.copyOf(labels);
        }

        /** Returns a copy of the bytes. */
        @Override
        public byte[] bytes() { return bytes.clone(); }

        /** Returns the bytes as lowercase hex pairs separated by spaces, like objdump. */
        public String hex() {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append(HexFormat.of().toHexDigits(b));
            }
            return sb.toString();
        }
    }
}
