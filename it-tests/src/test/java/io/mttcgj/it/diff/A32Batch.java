package io.mttcgj.it.diff;

import io.mttcgj.it.support.ElfWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one bare-metal ELF that runs a batch of cases and writes one binary record per case to
 * semihosting stdout, and parses that output back.
 *
 * <p>Image layout at {@link #LOAD_ADDRESS}: semihosting parameter blocks, the output record, the
 * scratch buffer, one input table per case, then code: a write routine, an exception handler and
 * vector table (VBAR points at it; every vector writes an {@code EXC!} record and exits with status
 * {@link #EXCEPTION_EXIT}, so a bad encoding fails fast instead of hanging), start-up (the ELF entry),
 * the cases, and SYS_EXIT_EXTENDED(0x20026, 0).
 *
 * <p>Per case: copy the table's scratch image into the buffer, set APSR (NZCVQ and GE) with
 * {@code MSR APSR_nzcvqg}, load r0-r11 and lr, point r12 at the buffer, run the case's code, then store
 * a record {@code [0xCA5E0000|index, r0-r11, lr, CPSR, scratch]} and SYS_WRITE it.
 */
final class A32Batch {
    static final int LOAD_ADDRESS = 0x80000000;
    static final int EXCEPTION_EXIT = 99;
    static final int RECORD_SIZE = 4 + 4 * CaseSpec.REG_COUNT + 4 + CaseSpec.SCRATCH_SIZE;
    static final int CASE_MAGIC = 0xca5e0000;
    static final int EXC_MAGIC = 0x21435845; // "EXC!" in memory order
    static final int MAX_CASES = 0x10000;

    private static final int TABLE_SIZE = 4 * CaseSpec.REG_COUNT + 4 + CaseSpec.SCRATCH_SIZE;
    private static final int SVC_SEMIHOST = 0xef123456;
    // data layout (offsets from LOAD_ADDRESS)
    private static final int OPEN_BLOCK = 0x00;       // {name, mode 4, name length}
    private static final int WRITE_BLOCK = 0x0c;      // {handle, OUT, RECORD_SIZE}
    private static final int EXC_WRITE_BLOCK = 0x18;  // {handle, OUT, 12}
    private static final int EXIT_BLOCK = 0x24;       // {0x20026, 0}
    private static final int EXC_EXIT_BLOCK = 0x2c;   // {0x20026, 99}
    private static final int TT_NAME = 0x34;          // ":tt\0"
    private static final int OUT = 0x40;
    private static final int SCRATCH = 0x100;
    private static final int TABLES = SCRATCH + CaseSpec.SCRATCH_SIZE;
    /** The scratch buffer's address: r12 while a case runs. */
    static final int SCRATCH_ADDRESS = LOAD_ADDRESS + SCRATCH;

    /** One case's output record. {@code regs} are r0-r11 and lr, as in {@link CaseSpec#regs}. */
    record CaseResult(int index, int[] regs, int cpsr, byte[] scratch) {
    }

    /**
     * Parsed output of a batch run.
     *
     * @param records      the case records, in order
     * @param exception    {vector index, lr} when an exception vector was entered, else null
     * @param trailing     bytes after the last whole record that are not an exception record
     */
    record Output(List<CaseResult> records, int[] exception, int trailing) {
    }

    private A32Batch() {
    }

    static byte[] buildElf(List<CaseSpec> cases) {
        if (cases.isEmpty() || cases.size() > MAX_CASES) {
            throw new IllegalArgumentException("a batch holds 1.." + MAX_CASES + " cases, got " + cases.size());
        }
        int codeStart = align(TABLES + cases.size() * TABLE_SIZE, 32);
        Asm a = new Asm(LOAD_ADDRESS + codeStart);
        int write = emitWriteRoutine(a);
        int vectors = emitVectorsAndHandler(a, write);
        int entry = a.here();
        a.movImm32(0, vectors);
        a.emit(0xee0c0f10);                       // MCR p15, 0, r0, c12, c0, 0: VBAR = r0
        a.emit(0xf57ff06f);                       // ISB
        a.movImm32(1, LOAD_ADDRESS + OPEN_BLOCK);
        a.emit(0xe3a00001);                       // MOV r0, #1 (SYS_OPEN)
        a.emit(SVC_SEMIHOST);
        a.movImm32(1, LOAD_ADDRESS + WRITE_BLOCK);
        a.emit(0xe5810000);                       // STR r0, [r1]: handle for case records
        a.emit(0xe581000c);                       // STR r0, [r1, #12]: handle for the exception record
        for (int i = 0; i < cases.size(); i++) {
            emitCase(a, i, cases.get(i), write);
        }
        a.movImm32(1, LOAD_ADDRESS + EXIT_BLOCK);
        a.emit(0xe3a00020);                       // MOV r0, #0x20 (SYS_EXIT_EXTENDED)
        a.emit(SVC_SEMIHOST);
        a.emit(0xeafffffe);                       // B . (not reached)

        ByteBuffer img = ByteBuffer.allocate(codeStart + 4 * a.size()).order(ByteOrder.LITTLE_ENDIAN);
        img.putInt(OPEN_BLOCK, LOAD_ADDRESS + TT_NAME).putInt(OPEN_BLOCK + 4, 4).putInt(OPEN_BLOCK + 8, 3);
        img.putInt(WRITE_BLOCK + 4, LOAD_ADDRESS + OUT).putInt(WRITE_BLOCK + 8, RECORD_SIZE);
        img.putInt(EXC_WRITE_BLOCK + 4, LOAD_ADDRESS + OUT).putInt(EXC_WRITE_BLOCK + 8, 12);
        img.putInt(EXIT_BLOCK, 0x20026).putInt(EXIT_BLOCK + 4, 0);
        img.putInt(EXC_EXIT_BLOCK, 0x20026).putInt(EXC_EXIT_BLOCK + 4, EXCEPTION_EXIT);
        img.put(TT_NAME, new byte[] {':', 't', 't', 0});
        for (int i = 0; i < cases.size(); i++) {
            CaseSpec c = cases.get(i);
            int t = TABLES + i * TABLE_SIZE;
            for (int k = 0; k < CaseSpec.REG_COUNT; k++) {
                img.putInt(t + 4 * k, c.regs()[k]);
            }
            img.putInt(t + 4 * CaseSpec.REG_COUNT, c.apsr());
            img.put(t + 4 * CaseSpec.REG_COUNT + 4, c.scratch());
        }
        a.writeTo(img, codeStart);
        return ElfWriter.write(img.array(), LOAD_ADDRESS, entry);
    }

    /**
     * Emits {@code write}: SYS_WRITE of the parameter block whose address is in r5, repeated until all
     * bytes are out. QEMU's stdout is non-blocking: when the pipe is full a write is partial or fails,
     * and SYS_WRITE returns the number of bytes not written. Clobbers r0-r4; returns with BX LR.
     */
    private static int emitWriteRoutine(Asm a) {
        int write = a.here();
        a.emit(0xe5953004);                       // LDR r3, [r5, #4]: the buffer and length to restore
        a.emit(0xe5954008);                       // LDR r4, [r5, #8]
        int again = a.here();
        a.emit(0xe1a01005);                       // MOV r1, r5
        a.emit(0xe3a00005);                       // MOV r0, #5 (SYS_WRITE)
        a.emit(SVC_SEMIHOST);
        a.emit(0xe3500000);                       // CMP r0, #0: r0 = bytes not written
        int beq = a.here();
        a.emit(0);                                // BEQ done (patched below)
        a.emit(0xe5952008);                       // LDR r2, [r5, #8]
        a.emit(0xe0422000);                       // SUB r2, r2, r0: bytes written this time
        a.emit(0xe5951004);                       // LDR r1, [r5, #4]
        a.emit(0xe0811002);                       // ADD r1, r1, r2
        a.emit(0xe5851004);                       // STR r1, [r5, #4]: skip what was written
        a.emit(0xe5850008);                       // STR r0, [r5, #8]: and write the rest
        a.branch(0xe, again);
        a.patchBranch(beq, 0x0, a.here());
        a.emit(0xe5853004);                       // STR r3, [r5, #4]
        a.emit(0xe5854008);                       // STR r4, [r5, #8]
        a.emit(0xe12fff1e);                       // BX lr
        return write;
    }

    /**
     * Emits the common exception handler, the vector table (32-byte aligned) and its per-vector stubs;
     * returns the table's address.
     */
    private static int emitVectorsAndHandler(Asm a, int write) {
        int common = a.here();                    // r4 = vector number
        a.movImm32(12, LOAD_ADDRESS + OUT);
        a.movImm32(0, EXC_MAGIC);
        a.emit(0xe58c0000);                       // STR r0, [r12]
        a.emit(0xe58c4004);                       // STR r4, [r12, #4]
        a.emit(0xe58ce008);                       // STR lr, [r12, #8]
        a.movImm32(5, LOAD_ADDRESS + EXC_WRITE_BLOCK);
        a.branchAndLink(write);
        a.movImm32(1, LOAD_ADDRESS + EXC_EXIT_BLOCK);
        a.emit(0xe3a00020);                       // MOV r0, #0x20 (SYS_EXIT_EXTENDED)
        a.emit(SVC_SEMIHOST);
        a.emit(0xeafffffe);                       // B .
        a.alignTo(32);
        int table = a.here();
        int stubs = table + 32;
        for (int v = 0; v < 8; v++) {
            a.branch(0xe, stubs + 8 * v);
        }
        for (int v = 0; v < 8; v++) {
            a.emit(0xe3a04000 | v);                // MOV r4, #vector
            a.branch(0xe, common);
        }
        return table;
    }

    private static void emitCase(Asm a, int index, CaseSpec c, int write) {
        int table = LOAD_ADDRESS + TABLES + index * TABLE_SIZE;
        a.movImm32(12, table);
        a.movImm32(11, LOAD_ADDRESS + SCRATCH);
        a.emit(0xe28ca000 | (4 * CaseSpec.REG_COUNT + 4));  // ADD r10, r12, #56: the scratch image
        for (int k = 0; k < CaseSpec.SCRATCH_SIZE / 32; k++) {
            a.emit(0xe8ba00ff);                   // LDMIA r10!, {r0-r7}
            a.emit(0xe8ab00ff);                   // STMIA r11!, {r0-r7}
        }
        a.emit(0xe59c0000 | (4 * CaseSpec.REG_COUNT)); // LDR r0, [r12, #52]
        a.emit(0xe12cf000);                       // MSR APSR_nzcvqg, r0
        a.emit(0xe89c4fff);                       // LDMIA r12, {r0-r11, lr}
        a.movImm32(12, LOAD_ADDRESS + SCRATCH);   // MOVW/MOVT leave the flags alone
        for (int w : c.code()) {
            a.emit(w);
        }
        a.movImm32(12, LOAD_ADDRESS + OUT + 4);
        a.emit(0xe88c4fff);                       // STMIA r12, {r0-r11, lr}
        a.emit(0xe10f0000);                       // MRS r0, CPSR
        a.emit(0xe58c0000 | (4 * CaseSpec.REG_COUNT)); // STR r0, [r12, #52]
        a.movImm32(0, CASE_MAGIC | index);
        a.emit(0xe50c0004);                       // STR r0, [r12, #-4]
        a.emit(0xe28cc000 | (4 * CaseSpec.REG_COUNT + 4)); // ADD r12, r12, #56
        a.movImm32(11, LOAD_ADDRESS + SCRATCH);
        for (int k = 0; k < CaseSpec.SCRATCH_SIZE / 32; k++) {
            a.emit(0xe8bb00ff);                   // LDMIA r11!, {r0-r7}
            a.emit(0xe8ac00ff);                   // STMIA r12!, {r0-r7}
        }
        a.movImm32(5, LOAD_ADDRESS + WRITE_BLOCK);
        a.branchAndLink(write);
    }

    static Output parse(byte[] out) {
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        List<CaseResult> records = new ArrayList<>();
        int[] exception = null;
        while (b.remaining() >= 4) {
            int magic = b.getInt(b.position());
            if ((magic & 0xffff0000) == CASE_MAGIC && b.remaining() >= RECORD_SIZE) {
                b.getInt();
                int[] regs = new int[CaseSpec.REG_COUNT];
                for (int k = 0; k < regs.length; k++) {
                    regs[k] = b.getInt();
                }
                int cpsr = b.getInt();
                byte[] scratch = new byte[CaseSpec.SCRATCH_SIZE];
                b.get(scratch);
                records.add(new CaseResult(magic & 0xffff, regs, cpsr, scratch));
            } else if (magic == EXC_MAGIC && b.remaining() >= 12) {
                b.getInt();
                exception = new int[] {b.getInt(), b.getInt()};
            } else {
                break;
            }
        }
        return new Output(records, exception, b.remaining());
    }

    static String vectorName(int v) {
        String[] names = {"reset", "undefined instruction", "SVC", "prefetch abort", "data abort", "hyp trap", "IRQ",
            "FIQ"};
        return v >= 0 && v < names.length ? names[v] : "vector " + v;
    }

    private static int align(int v, int a) {
        return (v + a - 1) & -a;
    }

    /** A word buffer that knows the address of the next instruction. */
    private static final class Asm {
        private final int origin;
        private final List<Integer> words = new ArrayList<>();

        Asm(int origin) {
            this.origin = origin;
        }

        int here() {
            return origin + 4 * words.size();
        }

        int size() {
            return words.size();
        }

        void emit(int w) {
            words.add(w);
        }

        /** MOVW + MOVT rd, #value. */
        void movImm32(int rd, int value) {
            emit(0xe3000000 | ((value >>> 12) & 0xf) << 16 | rd << 12 | (value & 0xfff));
            emit(0xe3400000 | (value >>> 28) << 16 | rd << 12 | ((value >>> 16) & 0xfff));
        }

        /** B{cond} target. */
        void branch(int cond, int target) {
            emit(branchWord(cond, 0x0a000000, here(), target));
        }

        /** BL target. */
        void branchAndLink(int target) {
            emit(branchWord(0xe, 0x0b000000, here(), target));
        }

        /** Replaces the placeholder at address {@code at} with B{cond} target. */
        void patchBranch(int at, int cond, int target) {
            words.set((at - origin) / 4, branchWord(cond, 0x0a000000, at, target));
        }

        private static int branchWord(int cond, int op, int at, int target) {
            return (cond << 28) | op | (((target - (at + 8)) >> 2) & 0xffffff);
        }

        /** Pads with B . (never executed) up to a multiple of {@code alignment} bytes. */
        void alignTo(int alignment) {
            while ((here() & (alignment - 1)) != 0) {
                emit(0xeafffffe);
            }
        }

        void writeTo(ByteBuffer img, int offset) {
            for (int i = 0; i < words.size(); i++) {
                img.putInt(offset + 4 * i, words.get(i));
            }
        }
    }
}
