package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.DataCell;
import dev.shadowstep.core.asm.Decoder;
import dev.shadowstep.core.asm.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Test fixture: executes the first instruction of a program on bare metal; {@code cell} is a data cell (2 quads). */
final class Exec {
    final Program program;
    final Memory memory;
    final List<long[]> writes = new ArrayList<>();
    final ExecResult result;

    private Exec(String source, UnaryOperator<CpuStateBuilder> setup, long cell0, long cell1) {
        program = Assembler.assemble(source, List.of(new DataCell("cell", List.of(cell0, cell1))));
        memory = new Memory(Program.BASE, program.image());
        memory.onWrite((address, size, old, value) -> writes.add(new long[] {address, size, value}));
        CpuState s = setup.apply(CpuState.reset(Program.BASE, Memory.STACK_TOP).toBuilder()).build();
        result = Executor.execute(s, Decoder.decode(program.image(), 0, Program.BASE), memory, new BareMetal());
    }

    static Exec run(String source, UnaryOperator<CpuStateBuilder> setup) {
        return new Exec(source, setup, 0, 0);
    }

    static Exec run(String source, UnaryOperator<CpuStateBuilder> setup, long cell0, long cell1) {
        return new Exec(source, setup, cell0, cell1);
    }

    long cell() { return program.symbols().get("cell"); }

    /** Returns the state after the instruction retired. */
    CpuState after() {
        return ((ExecResult.Retired) result).next();
    }

    CpuFault fault() {
        return ((ExecResult.Fault) result).fault();
    }
}
