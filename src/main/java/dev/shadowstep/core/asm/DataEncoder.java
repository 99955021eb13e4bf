package dev.shadowstep.core.asm;

import dev.shadowstep.core.asm.Expr.Value;
import java.io.ByteArrayOutputStream;

/** Encodes {@code .byte/.word/.long/.quad} and {@code .balign}. */
final class DataEncoder {
    private DataEncoder() {}

    static byte[] data(Statement.Data data, Encoder.Context ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Expr e : data.values()) {
            Value v = ctx.eval(e);
            if (data.width() < 8 && !Operands.fitsSized(v.value(), data.width())) {
                throw data.text().fail(0, String.format("value 0x%x is too large for a %d-byte field", v.value(), data.width()));
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
        int pad = (int) ((boundary - (ctx.address() % boundary)) % boundary);
        if (align.max() != null && pad > constant(align.max(), ctx, text, "maximum")) pad = 0;
        byte[] bytes = new byte[pad];
        java.util.Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    private static long constant(Expr e, Encoder.Context ctx, Text text, String what) {
        Value v = ctx.eval(e);
        if (v.symbolic()) throw text.fail(0, "the " + what + " must be a constant, not an address");
        return v.value();
    }
}
