package dev.shadowstep.core.asm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the {@link Program}: image bytes and one listing line per statement and per data value. */
final class Listing {
    private Listing() {}

    static Program build(long base, List<Statement> statements, long[] address, List<byte[]> encoded,
                         List<String> trailingLabels, List<DataCell> data, long dataStart, Map<String, Long> symbols) {
        List<Program.Line> lines = new ArrayList<>();
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            String text = s instanceof Statement.Fep ? "KVM_FEP" : s.text().s().trim();
            if (s instanceof Statement.Insn insn) {
                for (Statement.Prefix px : insn.prefixes().reversed()) if (px.standalone()) text = px.name() + "; " + text;
            }
            lines.add(new Program.Line(address[i], encoded.get(i), text, s.labels(), s.text().line()));
            image.writeBytes(encoded.get(i));
        }
        long end = address[statements.size()];
        List<String> pending = trailingLabels;
        int pad = (int) (dataStart - end);
        if (pad > 0 && !data.isEmpty()) {
            lines.add(new Program.Line(end, new byte[pad], ".balign 8, 0", pending, 0));
            image.writeBytes(new byte[pad]);
            pending = List.of();
        }
        long at = data.isEmpty() ? end : dataStart;
        for (DataCell cell : data) {
            List<String> labels = new ArrayList<>(pending);
            labels.add(cell.name());
            pending = List.of();
            for (long v : cell.values()) {
                byte[] bytes = new byte[8];
                for (int b = 0; b < 8; b++) bytes[b] = (byte) (v >>> (8 * b));
                lines.add(new Program.Line(at, bytes, ".quad 0x" + Long.toHexString(v), labels, 0));
                image.writeBytes(bytes);
                labels = List.of();
                at += 8;
            }
        }
        if (!pending.isEmpty()) lines.add(new Program.Line(end, new byte[0], "", pending, 0));
        return new Program(base, image.toByteArray(), lines, symbols);
    }
}
