package dev.shadowstep.core.event;

import dev.shadowstep.core.asm.Decoder;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.InstructionTooLongException;
import dev.shadowstep.core.asm.InvalidOpcodeException;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.Memory;
import java.util.HashMap;
import java.util.Map;

/**
 * Decoded instructions by address, so a loop decodes once. Writes into the image drop the
 * entries they may overlap (self-modifying code stays exact).
 */
final class InstructionCache {
    /** The longest x86 instruction. */
    static final int MAX_LENGTH = 15;

    private final Memory memory;
    private final Instruction[] image;
    private final Map<Long, Instruction> elsewhere = new HashMap<>();
    private String lastInvalidReason;

    InstructionCache(Memory memory) {
        this.memory = memory;
        this.image = new Instruction[memory.imageSize()];
        memory.onImageWrite(this::invalidate);
    }

    /**
     * Returns the instruction at {@code rip}, or null when its bytes are not a valid instruction
     * ({@link #lastInvalidReason()} says why); throws a fetch #PF when the bytes are unmapped.
     */
    Instruction fetch(long rip) {
        long off = rip - memory.imageBase();
        if (off >= 0 && off < image.length) {
            Instruction hit = image[(int) off];
            if (hit != null) return hit;
            Instruction decoded = decode(rip);
            image[(int) off] = decoded;
            return decoded;
        }
        Instruction hit = elsewhere.get(rip);
        if (hit != null) return hit;
        Instruction decoded = decode(rip);
        if (decoded != null) elsewhere.put(rip, decoded);
        return decoded;
    }

    String lastInvalidReason() {
        return lastInvalidReason;
    }

    private Instruction decode(long rip) {
        byte[] window = memory.fetchWindow(rip, MAX_LENGTH);
        try {
            Instruction i = Decoder.decode(window, 0, rip);
            if (i.length() > window.length) throw CpuFault.pageFault(rip + window.length, false, true);
            return i;
        } catch (InstructionTooLongException e) {
            throw CpuFault.gp(String.format("The instruction at 0x%x is longer than 15 bytes (prefixes included): #GP(0) "
                    + "(SDM Vol. 2, 2.3.11).", rip));
        } catch (InvalidOpcodeException e) {
            lastInvalidReason = String.format("The bytes at 0x%x are not an instruction this CPU knows (%s): #UD (SDM 6.15, #UD).",
                    rip, e.getMessage());
            return null;
        } catch (IndexOutOfBoundsException e) {
            if (window.length < MAX_LENGTH) throw CpuFault.pageFault(rip + window.length, false, true);
            throw e;
        }
    }

    private void invalidate(long address, int size) {
        long from = Math.max(0, address - memory.imageBase() - (MAX_LENGTH - 1));
        long to = Math.min(image.length, address - memory.imageBase() + size);
        for (long i = from; i < to; i++) image[(int) i] = null;
        elsewhere.clear();
    }
}
