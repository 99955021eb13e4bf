package dev.shadowstep.core.asm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the GNU as (AT&T, 64-bit) subset of scenario programs into the same bytes as
 * binutils' {@code as --64}, with every encoding taken from the {@link InstructionTable}.
 */
public final class Assembler {
    private Assembler() {}

    /**
     * Returns the program assembled at {@link Program#BASE}, followed by the data cells.
     *
     * @throws AssemblyException with every error found (assembly goes on after each bad statement)
     */
    public static Program assemble(String program, List<DataCell> data) {
        return assemble(program, data, Program.BASE);
    }

    /** Returns the program assembled at {@code base} (the data cells follow the code). */
    public static Program assemble(String program, List<DataCell> data, long base) {
        StatementParser.Parsed parsed = StatementParser.parse(program);
        List<AsmError> errors = new ArrayList<>(parsed.errors());
        List<Statement> statements = parsed.statements();
        checkDataNames(data, parsed.symbols(), errors);

        Map<String, Long> dataAddresses = new LinkedHashMap<>();
        for (DataCell cell : data) dataAddresses.put(cell.name(), 0L);
        Layout layout = new Layout(statements, parsed.symbols(), base, dataAddresses);
        long end = layout.relax(base);
        long dataStart = (end + 7) & ~7L;
        long at = dataStart;
        for (DataCell cell : data) {
            dataAddresses.put(cell.name(), at);
            at += 8L * cell.values().size();
        }
        end = layout.relax(base);          // data addresses are now known; the code layout does not depend on them

        List<byte[]> encoded = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            try {
                encoded.add(layout.encode(i, true));
            } catch (AsmFailure f) {
                errors.add(f.toError());
                encoded.add(new byte[0]);
            } catch (Encoder.Mismatch m) {
                errors.add(new AsmError(statements.get(i).text().line(), m.col, m.getMessage()));
                encoded.add(new byte[0]);
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(AsmError::line).thenComparingInt(AsmError::column));
            throw new AssemblyException(errors);
        }
        return Listing.build(base, statements, layout.address, encoded, parsed.trailingLabels(), data, dataStart,
                labelAddresses(parsed.symbols(), layout, dataAddresses));
    }

    /**
     * Returns the notes about pasted C in {@code program}: the C lines skipped, the C effects the
     * scenario must model, the registers chosen for {@code "r"} operands and the values C provides.
     * Empty for a program without asm statements.
     */
    public static List<String> notes(String program) {
        List<String> notes = new ArrayList<>();
        SourceText.lines(program, new ArrayList<>(), notes);
        return List.copyOf(notes);
    }

    private static void checkDataNames(List<DataCell> data, Symbols symbols, List<AsmError> errors) {
        List<String> seen = new ArrayList<>();
        for (DataCell cell : data) {
            Symbols.Label label = symbols.labels.get(cell.name());
            Symbols.Constant constant = symbols.constants.get(cell.name());
            if (label != null) {
                errors.add(new AsmError(label.line(), label.col(), "label '" + cell.name() + "' is also the name of a data cell; rename one"));
            } else if (constant != null) {
                errors.add(new AsmError(constant.line(), constant.col(), "'" + cell.name() + "' is also the name of a data cell; rename one"));
            } else if (Predefined.CONSTANTS.containsKey(cell.name()) || seen.contains(cell.name())) {
                throw new IllegalArgumentException("data cell name '" + cell.name() + "' is already taken");
            }
            seen.add(cell.name());
        }
    }

    private static Map<String, Long> labelAddresses(Symbols symbols, Layout layout, Map<String, Long> dataAddresses) {
        Map<String, Long> out = new LinkedHashMap<>();
        symbols.labels.forEach((name, label) -> {
            if (!Symbols.isLocal(name)) out.put(name, layout.address[label.statement()]);
        });
        out.putAll(dataAddresses);
        return out;
    }
}
