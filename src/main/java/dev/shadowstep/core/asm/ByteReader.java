package dev.shadowstep.core.asm;

import java.util.HexFormat;

/** Reads instruction bytes, refusing to run past the code or past 15 bytes. */
final class ByteReader {
    private final byte[] code;
    private final int start;
    private final long address;
    private int pos;

    ByteReader(byte[] code, int offset, long address) {
        this.code = code;
        this.start = offset;
        this.address = address;
        this.pos = offset;
    }

    int peek() {
        if (pos - start >= Decoder.MAX_LENGTH) throw new InstructionTooLongException(address);
        if (pos >= code.length) {
            throw new InvalidOpcodeException(address, "instruction runs past the end of the code");
        }
        return code[pos] & 0xff;
    }

    int next() {
        int b = peek();
        pos++;
        return b;
    }

    /** Returns the next {@code width} bytes as a little-endian value, sign-extended when {@code signed}. */
    long value(int width, boolean signed) {
        long v = 0;
        for (int i = 0; i < width; i++) v |= (long) next() << (8 * i);
        if (signed && width < 8) {
            int shift = 64 - 8 * width;
            v = (v << shift) >> shift;
        }
        return v;
    }

    int position() { return pos; }
    int start() { return start; }
    long address() { return address; }
    int length() { return pos - start; }
    void seek(int position) { pos = position; }

    String hex(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, code.length); i++) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(HexFormat.of().toHexDigits(code[i]));
        }
        return sb.toString();
    }
}
