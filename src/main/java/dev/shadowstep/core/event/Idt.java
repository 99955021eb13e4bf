package dev.shadowstep.core.event;

import java.util.Map;
import java.util.TreeMap;

/**
 * The implicit IDT: which handler serves which vector, through which gate type. Every gate
 * is a present 64-bit gate with DPL 3 and selector 0x08, so INT n works from CPL 3 too.
 */
public record Idt(Map<Integer, Gate> gates) {

    /** Interrupt gates (type 14) clear IF on entry; trap gates (type 15) leave it (SDM 6.12.1.3). */
    public enum GateType { INTERRUPT, TRAP }

    /** One IDT entry. */
    public record Gate(long handler, GateType type) {
        public Gate {
            if (type == null) throw new IllegalArgumentException("gate type must be given");
        }
    }

    public static final Idt EMPTY = new Idt(Map.of());

    public Idt {
        for (int v : gates.keySet()) {
            if (v < 0 || v > 255) throw new IllegalArgumentException("IDT vector " + v + " is out of range 0-255");
        }
        gates = Map.copyOf(new TreeMap<>(gates));
    }

    /** Returns the gate for {@code vector}, or null when the IDT has none. */
    public Gate gate(int vector) {
        return gates.get(vector);
    }

    /** Returns this IDT with one more entry. */
    public Idt with(int vector, long handler, GateType type) {
        Map<Integer, Gate> copy = new TreeMap<>(gates);
        copy.put(vector, new Gate(handler, type));
        return new Idt(copy);
    }
}
