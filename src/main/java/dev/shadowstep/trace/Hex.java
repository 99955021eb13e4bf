package dev.shadowstep.trace;

import java.util.HexFormat;

/** Hex spellings of the trace format: {@code "0x"} plus lower-case digits, 64-bit values unsigned. */
final class Hex {

    private static final HexFormat BYTES = HexFormat.of();

    private Hex() {}

    /** Returns {@code value} as {@code 0x...}, unsigned, without leading zeros ({@code 0x0} for zero). */
    static String of(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** Returns the bytes as lower-case hex with no spaces, as the listing writes them. */
    static String ofBytes(byte[] bytes) {
        return BYTES.formatHex(bytes);
    }

    /** Returns the value of a {@code 0x...} string, or throws naming what is wrong with it. */
    static long parse(String text) {
        if (text.length() < 3 || text.length() > 18 || !text.startsWith("0x")) {
            throw new IllegalArgumentException("expected a hex string like \"0x40100b\" (0x and 1 to 16 digits), got \""
                    + text + "\"");
        }
        try {
            return Long.parseUnsignedLong(text, 2, text.length(), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not hex: use digits 0-9 and a-f after 0x");
        }
    }

    /** Returns the bytes of a hex string with no spaces (the listing's {@code bytes}). */
    static byte[] parseBytes(String text) {
        try {
            return BYTES.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected encoded bytes as hex pairs with no spaces, like \"9c\" or \"0f0b\", got \""
                    + text + "\"");
        }
    }
}
