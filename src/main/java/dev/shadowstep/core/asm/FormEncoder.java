package dev.shadowstep.core.asm;

import static dev.shadowstep.core.asm.Encoder.ENCODING;
import static dev.shadowstep.core.asm.Encoder.KIND;
import static dev.shadowstep.core.asm.Encoder.RANGE;
import static dev.shadowstep.core.asm.Encoder.SIZE;

import dev.shadowstep.core.asm.Arg.MemArg;
import dev.shadowstep.core.asm.Arg.RegArg;
import dev.shadowstep.core.asm.Encoder.Mismatch;
import dev.shadowstep.core.asm.Expr.Value;
import dev.shadowstep.core.asm.Pattern.Slot;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Encodes one statement with one table row, or throws a {@link Mismatch} saying why the row does not fit. */
final class FormEncoder {
    private final Form form;
    private final Pattern p;
    private final int suffix;
    private final Statement.Insn insn;
    private final Encoder.Context ctx;
    private final List<Arg> args;
    private int rex;
    private boolean rexNeeded;
    private RegArg high8;

    FormEncoder(Form form, int suffix, Statement.Insn insn, Encoder.Context ctx) {
        this.form = form;
        this.p = form.pattern();
        this.suffix = suffix;
        this.insn = insn;
        this.ctx = ctx;
        this.args = insn.args();
    }

    Encoder.Encoded encode() {
        List<Slot> slots = p.slots;
        if (args.size() != slots.size()) throw new Mismatch(KIND, 0, "");
        for (int i = 0; i < slots.size(); i++) {
            if (!Encoder.fits(slots.get(i), args.get(i))) throw new Mismatch(KIND, 0, "");
        }
        int size = operandSize();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean memoryRm = p.hasModRm() && rmArg() instanceof MemArg;
        checkPrefixes(memoryRm);
        // GNU as's order: standalone prefix statements first, then its slots: segment, 66, rep/lock, REX.
        for (Statement.Prefix px : insn.prefixes()) if (px.standalone()) out.write(px.value());
        for (Statement.Prefix px : insn.prefixes()) if (!px.standalone() && Prefixes.isSegment(px.value())) out.write(px.value());
        if (size == 2 && form.allows(Form.W) && p != Pattern.RM_SEG && !(p == Pattern.SEG_RM && memoryRm)) out.write(0x66);
        for (Statement.Prefix px : insn.prefixes()) if (!px.standalone() && !Prefixes.isSegment(px.value())) out.write(px.value());
        int[] opcode = form.opcode().clone();
        if (opcode.length > 1 && (opcode[0] == Decoder.MANDATORY_F3 || opcode[0] == Decoder.MANDATORY_66)) {
            out.write(opcode[0]);                           // a mandatory prefix goes before REX (SDM Vol. 2, 2.2.1)
            opcode = java.util.Arrays.copyOfRange(opcode, 1, opcode.length);
        }
        if (size == 8 && !form.stack64() && p != Pattern.SEG_RM && p != Pattern.RM_SEG) rex |= 0x48;
        Imm imm = immediate(size);
        Operands.ModRm modrm = null;
        if (p.hasModRm()) {
            modrm = Operands.modrm(regField(), rmArg(), ctx);
            rex |= modrm.rex();
        } else if (p.registerInOpcode()) {
            RegArg r = (RegArg) (p == Pattern.OREG_ACC ? args.getFirst() : args.getLast());
            // xchg %eax,%eax is 87 c0: 90 is NOP, which would not zero the upper half of RAX (GNU as does the same).
            if ((p == Pattern.ACC_OREG || p == Pattern.OREG_ACC) && size == 4 && r.reg().num() == 0) throw new Mismatch(KIND, 0, "");
            // xchg %rax,%rax: GNU as 2.40 emits the one-byte 90 (NOP), the same operation without REX.W.
            if ((p == Pattern.ACC_OREG || p == Pattern.OREG_ACC) && size == 8 && r.reg().num() == 0) rex = 0;
            note(r);
            opcode[opcode.length - 1] += r.reg().code() & 7;
            if (r.reg().num() >= 8) rex |= 0x41;
        }
        for (Arg a : args) if (a instanceof RegArg r) note(r);
        if (rex != 0 || rexNeeded) {
            if (high8 != null) {
                throw new Mismatch(ENCODING, high8.col(), "can't encode register '%" + high8.reg().name()
                        + "' in an instruction requiring a REX prefix");
            }
            out.write(0x40 | rex);
        }
        for (int b : opcode) out.write(b);
        int branchStart = out.size();
        boolean outOfRange = false;
        if (modrm != null) {
            int immWidth = imm == null ? 0 : imm.width;
            out.writeBytes(modrm.bytes(ctx.address(), out.size() + modrm.length() + immWidth));
        } else if (p == Pattern.REL8 || p == Pattern.REL32) {
            outOfRange = branch(out, branchStart);
        }
        if (imm != null) Operands.little(out, imm.value, imm.width);
        return new Encoder.Encoded(out.toByteArray(), form, outOfRange);
    }

    private record Imm(long value, int width) {}

    /** GNU as's checks of a prefix on the instruction's own line, and the prefixes this model cannot execute. */
    private void checkPrefixes(boolean memoryRm) {
        for (Statement.Prefix px : insn.prefixes()) {
            if (px.name().equals("lock") && !px.standalone() && !(Decoder.LOCKABLE.contains(form.op()) && memoryRm
                    && (p != Pattern.RM_REG || form.op() == Op.XCHG))) {
                throw new Mismatch(ENCODING, px.col(), "expecting lockable instruction after 'lock' (GNU as says the same; "
                        + "LOCK needs " + Decoder.LOCKABLE_NAMES + " writing memory, SDM Vol. 2 LOCK)");
            }
            if (px.name().startsWith("rep") && !px.standalone() && form.op() != Op.RET && form.op() != Op.NOP) {
                throw new Mismatch(ENCODING, px.col(), "invalid instruction '" + insn.mnemonic() + "' after '" + px.name()
                        + "' (GNU as refuses it; the string instructions are not in shadowstep's subset)");
            }
            if ((px.value() == 0x64 || px.value() == 0x65 || px.value() == 0x67) && memoryRm) {
                throw new Mismatch(ENCODING, px.col(), "'" + px.name() + "' before a memory operand is not modelled "
                        + "(shadowstep has no FS/GS base and no 32-bit addressing in the assembler): write .byte to force it");
            }
        }
    }

    /** Returns the operand size from the suffix, the registers, or the row's default. */
    private int operandSize() {
        RegArg sizing = null;
        if (p == Pattern.WIDEN_RM_REG && args.getFirst() instanceof RegArg from && from.reg().size() != form.op().sourceSize()) {
            throw new Mismatch(SIZE, from.col(), "'" + insn.mnemonic() + "' extends a " + 8 * form.op().sourceSize()
                    + "-bit source; '%" + from.reg().name() + "' is " + 8 * from.reg().size() + "-bit");
        }
        for (int i = p == Pattern.WIDEN_RM_REG ? 1 : 0; i < args.size(); i++) {
            Slot slot = p.slots.get(i);
            if (args.get(i) instanceof RegArg r && slot != Slot.DX && slot != Slot.CL) {
                if (sizing != null && sizing.reg().size() != r.reg().size()) {
                    throw new Mismatch(SIZE, r.col(), "operand size mismatch: '%" + sizing.reg().name() + "' and '%"
                            + r.reg().name() + "' differ in size");
                }
                sizing = r;
            }
        }
        if (suffix != 0 && sizing != null && sizing.reg().size() != suffix) {
            throw new Mismatch(SIZE, sizing.col(), "incorrect register '%" + sizing.reg().name() + "' used with '"
                    + Encoder.suffixChar(suffix) + "' suffix");
        }
        if ((p == Pattern.SEG_RM || p == Pattern.RM_SEG) && rmArg() instanceof MemArg mem) {
            // A segment register moves 16 bits to or from memory; as accepts no other size here.
            if (suffix != 0 && suffix != 2) throw new Mismatch(SIZE, mem.col(), "a segment register moves 16 bits to or from memory: use movw or no suffix");
            return 2;
        }
        int size = suffix != 0 ? suffix : sizing != null ? sizing.reg().size() : form.defaultSize();
        if (form.sizes() == 0) return 0;
        if (size == 0) {
            String base = form.mnemonic();
            throw new Mismatch(SIZE, insn.text().col(0), "no instruction mnemonic suffix given and no register operands; can't size '"
                    + insn.mnemonic() + "': write " + base + "b, " + base + "w, " + base + "l or " + base + "q");
        }
        if (!form.allows(size)) {
            int col = sizing != null ? sizing.col() : insn.text().col(0);
            throw new Mismatch(SIZE, col, "operand size mismatch for '" + insn.mnemonic() + "': " + size
                    + "-byte operands are not allowed");
        }
        return size;
    }

    /** Returns the operand encoded in ModRM.rm. */
    private Arg rmArg() {
        return switch (p) {
            case REG_RM, SEG_RM, IMM8_RM, IMM_RM, ONE_RM, IMMU8_RM, CL_RM -> args.getLast();
            case RM_REG, MEM_REG, RM_SEG, WIDEN_RM_REG -> args.getFirst();
            case RM, STAR_RM, MEM64 -> args.getFirst();
            case DR_REG -> args.getLast();
            case REG_DR -> args.getFirst();
            case CR_REG -> args.getLast();
            case REG_CR -> args.getFirst();
            default -> null;
        };
    }

    /** Returns the value of ModRM.reg: a register number or the /digit. */
    private int regField() {
        return switch (p) {
            case REG_RM -> ((RegArg) args.getFirst()).reg().code();
            case RM_REG, MEM_REG, WIDEN_RM_REG -> ((RegArg) args.getLast()).reg().code();
            case DR_REG -> ((Arg.DebugArg) args.getFirst()).n();
            case REG_DR -> ((Arg.DebugArg) args.getLast()).n();
            case CR_REG -> ((Arg.ControlArg) args.getFirst()).n();
            case REG_CR -> ((Arg.ControlArg) args.getLast()).n();
            case SEG_RM -> ((Arg.SegArg) args.getFirst()).n();
            case RM_SEG -> ((Arg.SegArg) args.getLast()).n();
            default -> form.digit();
        };
    }

    private void note(RegArg r) {
        if (r.reg().rex()) rexNeeded = true;
        if (r.reg().high8()) high8 = r;
    }

    /** Returns the immediate to append, after checking the row's predicate for it. */
    private Imm immediate(int size) {
        Arg.ImmArg arg = null;
        for (Arg a : args) if (a instanceof Arg.ImmArg i) arg = i;
        if (arg == null) return null;
        Value v = ctx.eval(arg.value());
        long x = v.value();
        int col = arg.col();
        int width = p.immWidth(size);
        switch (p.imm) {
            case S8 -> {
                if (v.symbolic() || !Operands.fitsSized(x, size) || !Operands.fitsSigned(Operands.signExtend(x, size), 1)) {
                    throw new Mismatch(KIND, col, "");
                }
            }
            case SIZED, PUSH -> {
                if (!Operands.fitsSized(x, p.imm == Pattern.Imm.PUSH && size == 8 ? 8 : size)) {
                    throw new Mismatch(RANGE, col, String.format("immediate 0x%x does not fit %s", x, Operands.describe(size)));
                }
            }
            case U8 -> {
                if (v.symbolic() || x < 0 || x > 0xff) throw new Mismatch(RANGE, col, String.format("0x%x is not 0-255", x));
            }
            case U16 -> {
                if (v.symbolic() || x < 0 || x > 0xffff) throw new Mismatch(RANGE, col, String.format("0x%x is not 0-0xffff", x));
            }
            case NONE -> {
                if (p == Pattern.VECTOR3 && (v.symbolic() || x != 3)) throw new Mismatch(KIND, col, "");
                if (p == Pattern.ONE_RM && (v.symbolic() || x != 1)) throw new Mismatch(KIND, col, "");
                return null;
            }
            case FULL -> { }
        }
        return new Imm(x, width);
    }

    /** Appends the branch displacement; returns whether a short branch is out of range. */
    private boolean branch(ByteArrayOutputStream out, int start) {
        MemArg target = (MemArg) args.getFirst();
        long t = ctx.eval(target.disp()).value();
        boolean relaxable = form.op() == Op.JMP || form.op() == Op.JCC;
        if (p == Pattern.REL8) {
            if (relaxable && ctx.longBranch()) throw new Mismatch(KIND, 0, "");
            long rel = t - (ctx.address() + start + 1);
            boolean fits = Operands.fitsSigned(rel, 1);
            if (!fits && (ctx.finalPass() || !relaxable)) {
                if (!relaxable && !ctx.finalPass()) {
                    out.write((int) rel);
                    return false;
                }
                throw new Mismatch(RANGE, target.col(), String.format(
                        "branch target is %d bytes away; '%s' reaches only -128..127", rel, insn.mnemonic()));
            }
            out.write((int) rel);
            return !fits;
        }
        long rel = t - (ctx.address() + start + 4);
        if (!Operands.fitsSigned(rel, 4)) throw new Mismatch(RANGE, target.col(), "branch target out of 32-bit range");
        Operands.little(out, rel, 4);
        return false;
    }
}
