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
        long fill = constant(align.fill(), ctx, text, "fill byte");
        if (fill < -128 || fill > 255) throw text.fail(0, "fill must be a byte value, not " + fill);
        if ((fill & 0xff) == 0x90) {
            // GNU as pads with multi-byte NOPs (0f 1f ...) when the fill is the NOP byte; shadowstep does not decode those.
            throw text.fail(0, "GNU as turns a 0x90 fill into multi-byte NOPs, which shadowstep does not decode: use another fill byte (0xcc, 0)");
        }
        int pad = (int) ((boundary - (ctx.address() % boundary)) % boundary);
        if (align.max() != null && pad > constant(align.max(), ctx, text, "maximum")) pad = 0;
        byte[] bytes = new byte[pad];
        java.util.Arrays.fill(bytes, (byte) fill);
        return bytes;
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
