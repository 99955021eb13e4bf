package dev.shadowstep.core.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes instruction bytes with the assembler's {@link InstructionTable}: the rows are indexed
 * by opcode, and the first row whose /digit and operand size fit the bytes wins. Every legacy
 * prefix and REX is read (SDM Vol. 2, 2.1.1, 2.2.1): 66 and REX size the operands, 67 truncates
 * the effective address to 32 bits, CS/DS/ES/SS overrides are ignored as in 64-bit mode, F2/F3
 * are ignored by the non-string instructions of the table (f3 90 is {@code pause}), LOCK is
 * checked. An opcode the table does not hold is an {@link InvalidOpcodeException} (#UD); more
 * than 15 bytes is an {@link InstructionTooLongException} (#GP, SDM Vol. 2, 2.3.11).
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
        Prefixes prefixes = Prefixes.read(in);
        int opcodeStart = in.position();
        List<Form> candidates = null;
        int key = 0;
        int mandatory = prefixes.rep() == MANDATORY_F3 ? MANDATORY_F3 : prefixes.opsize16() ? MANDATORY_66 : 0;
        if (mandatory != 0) {
            // f3 and 66 are part of the opcode of a few rows (f3 90 = pause, f3 0f c7 /6 = vmxon, 66 0f c7 /6 =
            // vmclear); elsewhere f3 is a REP prefix, ignored by instructions that are not string instructions,
            // and 66 the operand-size prefix (SDM Vol. 2, 2.1.1).
            int at = in.position();
            int k = mandatory;
            try {
                for (int len = 2; len <= 4 && candidates == null; len++) {
                    k = (k << 8) | in.next();
                    candidates = BY_OPCODE.get((len << 24) | k);
                }
            } catch (InvalidOpcodeException | InstructionTooLongException e) {
                candidates = null;                          // the plain opcode path below reports it
            }
            if (candidates != null) key = k;
            else in.seek(at);
        }
        for (int len = 1; len <= 3 && candidates == null; len++) {
            key = (key << 8) | in.next();
            candidates = BY_OPCODE.get((len << 24) | key);
        }
        if (candidates == null) {
            throw new InvalidOpcodeException(address, "unknown opcode " + in.hex(opcodeStart, in.position()));
        }
        int afterOpcode = in.position();
        for (Form form : candidates) {
            in.seek(afterOpcode);
            Instruction decoded = OperandDecoder.tryDecode(form, prefixes, in, key & 7);
            if (decoded != null) return checked(decoded, prefixes, address);
        }
        throw new InvalidOpcodeException(address, "no instruction form for " + in.hex(in.start(), afterOpcode)
                + (candidates.getFirst().pattern().hasModRm() ? " with ModRM " + in.hex(afterOpcode, afterOpcode + 1) : "")
                + " (operand-size or /digit not supported)");
    }

    /** The mandatory prefix of {@code pause} (f3 90), the one row whose opcode starts with a prefix byte. */
    static final int MANDATORY_F3 = 0xf3;
    /** The mandatory prefix of {@code vmclear} (66 0f c7 /6). */
    static final int MANDATORY_66 = 0x66;

    /**
     * The operations LOCK may precede, and then only with a memory destination; anything else is
     * #UD (SDM Vol. 2, LOCK).
     */
    static final java.util.Set<Op> LOCKABLE = java.util.EnumSet.of(Op.ADD, Op.OR, Op.AND, Op.SUB, Op.XOR,
            Op.INC, Op.DEC, Op.XCHG, Op.CMPXCHG, Op.BTS, Op.BTR, Op.BTC);

    /** The mnemonics of {@link #LOCKABLE}, for messages. */
    static final String LOCKABLE_NAMES = "ADD AND BTC BTR BTS CMPXCHG DEC INC OR SUB XCHG XOR";

    /** Applies the prefix rules that depend on the decoded instruction. */
    private static Instruction checked(Instruction i, Prefixes px, long address) {
        boolean memory = i.dst() instanceof Operand.Mem || i.src() instanceof Operand.Mem;
        if (px.lock() && !(LOCKABLE.contains(i.op()) && i.dst() instanceof Operand.Mem)) {
            throw new InvalidOpcodeException(address, "a LOCK prefix (f0) before " + Disassembler.format(i)
                    + " is #UD: of this model's instructions LOCK works only with " + LOCKABLE_NAMES
                    + " writing memory (SDM Vol. 2, LOCK)");
        }
        if (memory && px.segment() >= FS) {
            // CS/DS/ES/SS overrides are ignored in 64-bit mode (SDM Vol. 1, 3.3.7.1); FS and GS keep a base,
            // which shadowstep does not model (no IA32_FS_BASE / IA32_GS_BASE).
            throw new InvalidOpcodeException(address, "the " + Registers.SEGMENTS.get(px.segment())
                    + " segment override on a memory operand is not modelled (shadowstep has no FS/GS base)");
        }
        return i;
    }

    private static final int FS = 4;

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

    /**
     * The prefixes before the opcode (SDM Vol. 2, 2.1.1 and 2.2.1): legacy prefixes in any order and
     * repeated at will, then at most one REX that counts only right before the opcode.
     *
     * @param opsize16 66: 16-bit operands
     * @param addr32   67: 32-bit addresses (the effective address is truncated to 32 bits)
     * @param rex      the REX byte (0x40-0x4f), or 0
     * @param rep      f2 or f3 (the last one), or 0
     * @param lock     f0
     * @param segment  the last segment override, es=0 cs=1 ss=2 ds=3 fs=4 gs=5, or -1
     */
    record Prefixes(boolean opsize16, boolean addr32, int rex, int rep, boolean lock, int segment) {
        /** Prefix byte to segment register number. */
        private static final Map<Integer, Integer> SEGMENT_PREFIX = Map.of(0x26, 0, 0x2e, 1, 0x36, 2, 0x3e, 3, 0x64, 4, 0x65, 5);

        /** Reads the prefixes at the reader's position, leaving it at the opcode. */
        static Prefixes read(ByteReader in) {
            boolean opsize16 = false, addr32 = false, lock = false;
            int rex = 0, rep = 0, segment = -1;
            while (true) {
                int b = in.peek();
                Integer seg = SEGMENT_PREFIX.get(b);
                if ((b & 0xf0) == 0x40) {
                    rex = b;
                    in.next();
                    continue;
                }
                if (b == 0x66) opsize16 = true;
                else if (b == 0x67) addr32 = true;
                else if (b == 0xf0) lock = true;
                else if (b == 0xf2 || b == 0xf3) rep = b;
                else if (seg != null) segment = seg;
                else break;
                rex = 0;                       // a REX prefix followed by a legacy prefix is ignored (SDM Vol. 2, 2.2.1)
                in.next();
            }
            return new Prefixes(opsize16, addr32, rex, rep, lock, segment);
        }

        boolean w() { return (rex & 8) != 0; }
        int r() { return (rex & 4) << 1; }
        int x() { return (rex & 2) << 2; }
        int b() { return (rex & 1) << 3; }
    }
}
