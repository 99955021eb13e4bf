package dev.shadowstep.core.asm;

import dev.shadowstep.core.asm.Expr.Value;
import java.io.ByteArrayOutputStream;

/** Encodes {@code .byte/.word/.long/.quad}, {@code .balign} and {@code .skip}. */
final class DataEncoder {
    private DataEncoder() {}

    static byte[] data(Statement.Data data, Encoder.Context ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < data.values().size(); i++) {
            Value v = ctx.evalAt(data.values().get(i), out.size());
            if (data.width() < 8 && !Operands.fitsSized(v.value(), data.width())) {
                throw new AsmFailure(data.text().line(), data.columns().get(i),
                        String.format("value 0x%x is too large for a %d-byte field", v.value(), data.width()));
            }
            Operands.little(out, v.value(), data.width());
        }
        return out.toByteArray();
    }

    static byte[] align(Statement.Align align, Encoder.Context ctx) {
        Text text = align.text();
        long boundary = constant(align.boundary(), ctx, text, "alignment");
        if (boundary <= 0 || Long.bitCount(boundary) != 1 || boundary > 4096) {
            throw text.fail(0, "alignment must be a power of 2 up to 4096, not " + boundary);
        }
        long fill = align.fill() == null ? NOP : constant(align.fill(), ctx, text, "fill byte");
        if (fill < -128 || fill > 255) throw text.fail(0, "fill must be a byte value, not " + fill);
        int pad = (int) ((boundary - (ctx.address() % boundary)) % boundary);
        if (align.max() != null && pad > constant(align.max(), ctx, text, "maximum")) pad = 0;
        if ((fill & 0xff) == NOP) return nops(pad, text);
        byte[] bytes = new byte[pad];
        java.util.Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    private static final int NOP = 0x90;

    /**
     * GNU as 2.40's code padding (no fill, or fill 0x90), for the default x86-64 tuning: the
     * longest NOP is 11 bytes ({@code data16 cs nopw 0x0(%rax,%rax,1)}); a gap is that NOP
     * repeated, then the one NOP of the remaining length. Verified against as --64 for gaps 1-87.
     */
    private static final String[] NOPS = {"", "90", "66 90", "0f 1f 00", "0f 1f 40 00", "0f 1f 44 00 00",
            "66 0f 1f 44 00 00", "0f 1f 80 00 00 00 00", "0f 1f 84 00 00 00 00 00", "66 0f 1f 84 00 00 00 00 00",
            "66 2e 0f 1f 84 00 00 00 00 00", "66 66 2e 0f 1f 84 00 00 00 00 00"};

    /** From 88 bytes on, GNU as jumps over the padding instead (eb rel8, then NOPs). */
    private static final int MAX_NOP_PADDING = 87;

    private static byte[] nops(int pad, Text text) {
        if (pad > MAX_NOP_PADDING) {
            throw text.fail(0, "padding of " + pad + " bytes: GNU as jumps over a gap this long, which shadowstep does not "
                    + "reproduce; give a fill byte (" + text.s().trim() + ", 0xcc) or align to a smaller boundary");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int longest = NOPS.length - 1;
        for (int i = 0; i < pad / longest; i++) out.writeBytes(java.util.HexFormat.ofDelimiter(" ").parseHex(NOPS[longest]));
        out.writeBytes(java.util.HexFormat.ofDelimiter(" ").parseHex(NOPS[pad % longest]));
        return out.toByteArray();
    }

    static byte[] skip(Statement.Skip skip, Encoder.Context ctx) {
        Text text = skip.text();
        long count = constant(skip.count(), ctx, text, "size");
        if (count < 0 || count > MAX_SKIP) throw text.fail(0, "size must be 0-" + MAX_SKIP + ", not " + count);
        long fill = skip.fill() == null ? 0 : constant(skip.fill(), ctx, text, "fill byte");
        if (fill < -128 || fill > 255) throw text.fail(0, "fill must be a byte value, not " + fill);
        byte[] bytes = new byte[(int) count];
        java.util.Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    /** The program text is bounded to 64 KiB; so is one .skip. */
    private static final int MAX_SKIP = 0x10000;

    private static long constant(Expr e, Encoder.Context ctx, Text text, String what) {
        Value v = ctx.eval(e);
        if (v.symbolic()) throw text.fail(0, "the " + what + " must be a constant, not an address");
        return v.value();
    }
}
