package dev.shadowstep.core.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Flat guest memory: the program image (code then data) mapped from its base in whole 4 KiB
 * pages, and a 16 KiB stack ending at {@link #STACK_TOP}. Every other address is unmapped:
 * touching it is a #PF with CR2, never a crash of the emulator. The one mutable part of the
 * machine.
 */
public final class Memory {
    public static final long STACK_TOP = 0x800000L;
    public static final int STACK_SIZE = 0x4000;
    public static final long STACK_BASE = STACK_TOP - STACK_SIZE;
    public static final int PAGE = 4096;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final long imageBase;
    private final byte[] image;
    private final byte[] stack = new byte[STACK_SIZE];
    private final AccessLog log = new AccessLog();
    private ImageWriteListener onImageWrite = (address, size) -> {};
    private WriteListener onWrite;

    /** Maps {@code program} at {@code base} (rounded up to whole pages) and an empty stack. */
    public Memory(long base, byte[] program) {
        if (base % PAGE != 0) throw new IllegalArgumentException("image base must be page aligned");
        long mapped = mappedSize(program.length);
        if (base + mapped > STACK_BASE) throw new IllegalArgumentException("program image overlaps the stack");
        this.imageBase = base;
        this.image = new byte[(int) mapped];
        System.arraycopy(program, 0, image, 0, program.length);
    }

    /** Returns how many bytes an image of {@code length} bytes maps: whole pages, at least one. */
    public static int mappedSize(int length) {
        return (int) Math.max(PAGE, (length + PAGE - 1L) / PAGE * PAGE);
    }

    /**
     * The time-stamp counter, deterministic: the number of guest instructions retired in this run
     * before the current one (the run loop counts them), so the difference of two RDTSCs is the number
     * of instructions between them. Kept here, beside memory, as the run's other mutable part: it is
     * not architectural state to show, and a rebuilt step never needs it (RDTSC's result is in its
     * registers).
     */
    private long tsc;

    /** Returns the time-stamp counter: instructions retired so far in this run. */
    public long tsc() { return tsc; }

    /** Counts one retired instruction (the run loop calls it). */
    public void countRetired() { tsc++; }

    /**
     * Moves the counter forward to {@code value} while the CPU is halted: no instruction retires, but
     * time passes up to the next APIC timer expiry (the run loop calls it; never backwards).
     */
    public void advanceTo(long value) {
        if (value > tsc) tsc = value;
    }

    public AccessLog log() { return log; }
    public long imageBase() { return imageBase; }
    public int imageSize() { return image.length; }

    /** Called after a write into the image, where code lives (for instruction-cache invalidation). */
    @FunctionalInterface
    public interface ImageWriteListener {
        void written(long address, int size);
    }

    /** Registers the listener told about writes into the image. */
    public void onImageWrite(ImageWriteListener listener) { onImageWrite = listener; }

    /** Told about every data write that lands, with the value it replaced (for the trace's {@code writes}). */
    @FunctionalInterface
    public interface WriteListener {
        void written(long address, int size, long old, long value);
    }

    /** Registers the listener told about every write that lands (null: none). */
    public void onWrite(WriteListener listener) { onWrite = listener; }

    /**
     * Returns up to {@code max} bytes starting at {@code address}, fewer when mapped memory ends
     * first, for instruction fetch; throws a fetch #PF when {@code address} itself is unmapped.
     */
    public byte[] fetchWindow(long address, int max) {
        byte[] region;
        long start;
        if (inImage(address, 1)) {
            region = image;
            start = imageBase;
        } else if (inStack(address, 1)) {
            region = stack;
            start = STACK_BASE;
        } else {
            throw CpuFault.pageFault(address, false, true);
        }
        int off = (int) (address - start);
        int n = Math.min(max, region.length - off);
        byte[] window = new byte[n];
        System.arraycopy(region, off, window, 0, n);
        return window;
    }

    /** Returns whether [address, address+size) is mapped. */
    public boolean isMapped(long address, int size) {
        return inImage(address, size) || inStack(address, size);
    }

    /** Returns the first unmapped byte of [address, address+size), or -1 when all are mapped. */
    public long firstUnmapped(long address, int size) {
        for (int i = 0; i < size; i++) {
            if (!isMapped(address + i, 1)) return address + i;
        }
        return -1;
    }

    /** Returns the zero-extended little-endian value of {@code size} bytes (1, 2, 4, 8). */
    public long read(long address, int size) {
        log.record(address, size, false);
        if (inImage(address, size)) return get(image, (int) (address - imageBase), size);
        if (inStack(address, size)) return get(stack, (int) (address - STACK_BASE), size);
        throw CpuFault.pageFault(firstUnmapped(address, size), false, false);
    }

    /** Writes the low {@code size} bytes of {@code value}, little-endian. */
    public void write(long address, int size, long value) {
        log.record(address, size, true);
        byte[] region;
        int off;
        if (inStack(address, size)) {
            region = stack;
            off = (int) (address - STACK_BASE);
        } else if (inImage(address, size)) {
            region = image;
            off = (int) (address - imageBase);
        } else {
            throw CpuFault.pageFault(firstUnmapped(address, size), true, false);
        }
        WriteListener w = onWrite;
        long old = w == null ? 0 : get(region, off, size);
        put(region, off, size, value);
        if (region == image) onImageWrite.written(address, size);
        if (w != null) w.written(address, size, old, size == 8 ? value : value & ((1L << (8 * size)) - 1));
    }

    private boolean inImage(long address, int size) {
        return address >= imageBase && address + size <= imageBase + image.length && address + size > address;
    }

    private static boolean inStack(long address, int size) {
        return address >= STACK_BASE && address + size <= STACK_TOP && address + size > address;
    }

    private static long get(byte[] b, int off, int size) {
        return switch (size) {
            case 1 -> b[off] & 0xFFL;
            case 2 -> (short) SHORT.get(b, off) & 0xFFFFL;
            case 4 -> (int) INT.get(b, off) & 0xFFFFFFFFL;
            default -> (long) LONG.get(b, off);
        };
    }

    private static void put(byte[] b, int off, int size, long v) {
        switch (size) {
            case 1 -> b[off] = (byte) v;
            case 2 -> SHORT.set(b, off, (short) v);
            case 4 -> INT.set(b, off, (int) v);
            default -> LONG.set(b, off, v);
        }
    }
}
