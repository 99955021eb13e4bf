package dev.shadowstep.core.asm;

import java.util.LinkedHashMap;
import java.util.Map;

/** The program's labels (by statement index) and {@code .set}/{@code .equ} constants, with where each was defined. */
final class Symbols {
    /** A label at the start of statement {@code statement} (the statement count for a label at the end). */
    record Label(String name, int statement, int line, int col) {}

    record Constant(String name, Expr expr, int line, int col) {}

    final Map<String, Label> labels = new LinkedHashMap<>();
    final Map<String, Constant> constants = new LinkedHashMap<>();

    void defineLabel(String name, int statement, int line, int col) {
        checkNew(name, line, col);
        labels.put(name, new Label(name, statement, line, col));
    }

    void defineConstant(String name, Expr expr, int line, int col) {
        Long predefined = Predefined.CONSTANTS.get(name);
        if (predefined != null) {
            long value = expr.eval(sym -> { throw new AsmFailure(line, col, "redefining " + name + " must use a constant value"); }).value();
            if (value != predefined) {
                throw new AsmFailure(line, col, String.format(
                        "%s is predefined as 0x%x; it cannot be redefined as 0x%x (pick another name)", name, predefined, value));
            }
            return;
        }
        checkNew(name, line, col);
        constants.put(name, new Constant(name, expr, line, col));
    }

    private void checkNew(String name, int line, int col) {
        Label label = labels.get(name);
        if (label != null) {
            throw new AsmFailure(line, col, "'" + display(name) + "' is already defined as a label at line " + label.line());
        }
        Constant constant = constants.get(name);
        if (constant != null) {
            throw new AsmFailure(line, col, "'" + name + "' is already defined at line " + constant.line());
        }
    }

    /** Separates the number from the definition count in the internal name of a local label like {@code 1:}. */
    static final char LOCAL = '\u0001';

    static String localName(int number, int definition) {
        return number + "" + LOCAL + definition;
    }

    static boolean isLocal(String name) {
        return name.indexOf(LOCAL) >= 0;
    }

    /** Returns the name as the author wrote it (the number for a local label). */
    static String display(String name) {
        int i = name.indexOf(LOCAL);
        return i < 0 ? name : name.substring(0, i);
    }
}
