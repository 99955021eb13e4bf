package dev.shadowstep.core.asm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs binutils (as --64, ld, objcopy, nm) on a program the way the comparison test needs. */
final class GnuAs {
    private GnuAs() {}

    /** Symbols ld defines itself. */
    private static final java.util.Set<String> LINKER_SYMBOLS = java.util.Set.of("__bss_start", "_edata", "_end");

    /** What GNU as and ld made of a program: the bytes at 0x401000 and the label addresses. */
    record Result(byte[] image, Map<String, Long> labels, String errors) {
        boolean failed() { return image == null; }
    }

    /** Returns whether {@code as} can be run here. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("as", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Returns GNU as's version of {@code program}: the predefined constants as {@code .set}
     * lines first, KVM_FEP spelled out, pasted C strings unquoted (by shadowstep's reader), and
     * the data cells after {@code .balign 8, 0}.
     */
    static String source(String program, List<DataCell> data) {
        StringBuilder sb = new StringBuilder();
        Predefined.CONSTANTS.forEach((name, value) -> sb.append(".set ").append(name).append(", 0x")
                .append(Long.toHexString(value)).append('\n'));
        for (Text line : SourceText.lines(program)) {
            sb.append(line.s().replace("KVM_FEP", "ud2; .byte 'k','v','m';")).append('\n');
        }
        if (!data.isEmpty()) sb.append(".balign 8, 0\n");
        for (DataCell cell : data) {
            sb.append(cell.name()).append(": .quad ");
            sb.append(String.join(", ", cell.values().stream().map(v -> "0x" + Long.toHexString(v)).toList())).append('\n');
        }
        return sb.toString();
    }

    /** Assembles and links {@code source} at 0x401000 in {@code dir}. */
    static Result assemble(String source, Path dir) throws IOException, InterruptedException {
        Path s = dir.resolve("in.s");
        Files.writeString(s, source);
        String asOut = run(dir, "as", "--64", "-o", "in.o", "in.s");
        if (asOut == null) return new Result(null, Map.of(), String.join("\n", Files.readAllLines(dir.resolve("out.txt"))));
        if (run(dir, "ld", "-Ttext=0x401000", "-e", "0x401000", "-o", "in.elf", "in.o") == null
                || run(dir, "objcopy", "-O", "binary", "-j", ".text", "in.elf", "in.bin") == null) {
            return new Result(null, Map.of(), Files.readString(dir.resolve("out.txt")));
        }
        String nm = run(dir, "nm", "in.elf");
        Map<String, Long> labels = new LinkedHashMap<>();
        for (String line : nm.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && (f[1].equals("t") || f[1].equals("T")) && !LINKER_SYMBOLS.contains(f[2])) labels.put(f[2], Long.parseUnsignedLong(f[0], 16));
        }
        byte[] image = Files.exists(dir.resolve("in.bin")) ? Files.readAllBytes(dir.resolve("in.bin")) : new byte[0];
        return new Result(image, labels, "");
    }

    /** Runs a tool; returns its output, or null when it failed. */
    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        String text = Files.readString(out);
        return p.exitValue() == 0 ? text : null;
    }
}
