package dev.shadowstep.compare;

import dev.shadowstep.trace.ListingEntry;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alignment keys of two runs: each step becomes (kind, where it is, what it is), interned to
 * an int that is equal in both runs exactly when the triple is. Where: the nearest symbol at or
 * before RIP plus the offset ({@code db_handler+0x9}), so that code moved by a longer instruction
 * earlier (a {@code KVM_FEP} prefix) still lines up; the raw RIP when no symbol precedes it. What:
 * the instruction's source text for a guest instruction (read from the listing, so the steps are
 * not rebuilt), the step's title otherwise ({@code #DB delivered}, {@code VM exit: hlt},
 * {@code handle_ud}).
 */
final class StepKeys {

    private final Map<String, Integer> interned = new HashMap<>();

    /** Returns the keys of both runs' steps, in step order. */
    static int[][] of(Trace a, Trace b) {
        StepKeys keys = new StepKeys();
        return new int[][] {keys.keys(a), keys.keys(b)};
    }

    private int[] keys(Trace trace) {
        TreeMap<Long, String> symbols = symbols(trace);
        Map<Long, String> texts = new HashMap<>();
        for (ListingEntry e : trace.listing()) if (e.line() > 0 && !e.text().isEmpty()) texts.putIfAbsent(e.address(), e.text());
        Steps steps = trace.steps();
        int[] out = new int[steps.size()];
        for (int i = 0; i < out.length; i++) {
            Step.Kind kind = steps.kind(i);
            long rip = steps.rip(i);
            String what = kind == Step.Kind.INSN ? texts.get(rip) : null;
            if (what == null) what = steps.get(i).text();
            String key = kind.ordinal() + "\u0000" + where(symbols, rip) + "\u0000" + what;
            out[i] = interned.computeIfAbsent(key, k -> interned.size());
        }
        return out;
    }

    /** Returns the trace's symbols by address (the first name in order when two share one). */
    static TreeMap<Long, String> symbols(Trace trace) {
        TreeMap<Long, String> symbols = new TreeMap<>();
        trace.symbols().forEach((name, address) -> symbols.merge(address, name, (x, y) -> x.compareTo(y) <= 0 ? x : y));
        return symbols;
    }

    /** Returns {@code symbol+0xoffset}, {@code symbol}, or the RIP in hex when no symbol is at or before it. */
    static String where(TreeMap<Long, String> symbols, long rip) {
        Map.Entry<Long, String> at = symbols.floorEntry(rip);
        if (at == null) return "0x" + Long.toHexString(rip);
        long offset = rip - at.getKey();
        return offset == 0 ? at.getValue() : at.getValue() + "+0x" + Long.toHexString(offset);
    }
}
