package dev.shadowstep.core.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes instruction bytes with the assembler's {@link InstructionTable}: the rows are indexed
 * by opcode, and the first row whose /digit and operand size fit the bytes wins. Prefixes
 * understood: 66 (operand size) and REX (SDM Vol. 2, 2.2.1); any other prefix, or an opcode
 * the table does not hold, is an {@link InvalidOpcodeException}.
 */
public final class Decoder {
    private Decoder() {}

    /** Longest legal instruction (SDM Vol. 2, 2.3.11). */
    static final int MAX_LENGTH = 15;

    private static final Map<Integer, List<Form>> BY_OPCODE = index();

    /**
     * Returns the instruction encoded at {@code code[offset]}, which sits at guest address {@code address}.
     *
     * @throws InvalidOpcodeException when the bytes are not an instruction shadowstep knows (the CPU raises #UD)
     */
    public static Instruction decode(byte[] code, int offset, long address) {
        ByteReader in = new ByteReader(code, offset, address);
        boolean opsize16 = false;
        int rex = 0;
        while (true) {
            int b = in.peek();
            if (b == 0x66) {
                opsize16 = true;
                rex = 0;                       // a REX prefix only counts right before the opcode
            } else if ((b & 0xf0) == 0x40) {
                rex = b;
            } else if (isUnsupportedPrefix(b)) {
                throw new InvalidOpcodeException(address, String.format("prefix %02x is not supported", b));
            } else {
                break;
            }
            in.next();
        }
        int opcodeStart = in.position();
        List<Form> candidates = null;
        int key = 0;
        for (int len = 1; len <= 3 && candidates == null; len++) {
            key = (key << 8) | in.next();
            candidates = BY_OPCODE.get((len << 24) | key);
        }
        if (candidates == null) {
            throw new InvalidOpcodeException(address, "unknown opcode " + in.hex(opcodeStart, in.position()));
        }
        Prefixes prefixes = new Prefixes(opsize16, rex);
        int afterOpcode = in.position();
        for (Form form : candidates) {
            in.seek(afterOpcode);
            Instruction decoded = OperandDecoder.tryDecode(form, prefixes, in, key & 7);
            if (decoded != null) return decoded;
        }
        throw new InvalidOpcodeException(address, "no instruction form for " + in.hex(in.start(), afterOpcode)
                + (candidates.getFirst().pattern().hasModRm() ? " with ModRM " + in.hex(afterOpcode, afterOpcode + 1) : "")
                + " (operand-size or /digit not supported)");
    }

    private static boolean isUnsupportedPrefix(int b) {
        return switch (b) {
            case 0xf0, 0xf2, 0xf3, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x67 -> true;
            default -> false;
        };
    }

    private static Map<Integer, List<Form>> index() {
        Map<Integer, List<Form>> map = new HashMap<>();
        for (Form form : InstructionTable.ROWS) {
            int[] op = form.opcode();
            int key = 0;
            for (int b : op) key = (key << 8) | b;
            int variants = form.pattern().registerInOpcode() ? 8 : 1;
            for (int r = 0; r < variants; r++) {
                map.computeIfAbsent((op.length << 24) | (key + r), k -> new ArrayList<>()).add(form);
            }
        }
        return map;
    }

    /** The operand-size and REX prefixes seen before the opcode. */
    record Prefixes(boolean opsize16, int rex) {
        boolean w() { return (rex & 8) != 0; }
        int r() { return (rex & 4) << 1; }
        int x() { return (rex & 2) << 2; }
        int b() { return (rex & 1) << 3; }
        boolean any() { return opsize16 || rex != 0; }
    }
}
