package io.mttcgj.it.diff.neon;

import io.mttcgj.it.diff.BatchAsm;
import io.mttcgj.it.support.ElfWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one bare-metal ELF that runs a batch of NEON cases and writes one binary record per case to
 * semihosting stdout, and parses that output back.
 *
 * <p>Start-up grants cp10/cp11 in CPACR and sets FPEXC.EN, points VBAR at a table whose Undefined
 * and Data Abort vectors record their LR in a slot (sp of that mode) and resume after the faulting
 * instruction, so UNDEFINED encodings and alignment faults are part of the compared result. Other
 * vectors write an {@code EXC!} record and exit with status 99.
 *
 * <p>Per case: copy the scratch image, load D0-D31 (VLD1.64) and FPSCR (VMSR), clear the slots, load
 * r0-r12, run the code, then store the record {@code [0xCA5E0000|index, r0-r12, FPSCR, undLr, abtLr,
 * D0-D31, scratch]}; records go out in groups (one SYS_WRITE per group).
 */
final class NeonBatch {
    static final int LOAD_ADDRESS = 0x80000000;
    static final int CASE_MAGIC = 0xca5e0000;
    static final int EXC_MAGIC = 0x21435845;
    static final int RECORD_SIZE = 4 + 4 * NeonCase.REG_COUNT + 12 + 256 + NeonCase.SCRATCH_SIZE;
    private static final int SVC_SEMIHOST = 0xef123456;
    private static final int OPEN_BLOCK = 0x00;
    private static final int WRITE_BLOCK = 0x0c;
    private static final int EXC_WRITE_BLOCK = 0x18;
    private static final int EXIT_BLOCK = 0x24;
    private static final int EXC_EXIT_BLOCK = 0x2c;
    private static final int TT_NAME = 0x34;
    private static final int UND_SLOT = 0x38;
    private static final int ABT_SLOT = 0x3c;
    private static final int OUT = 0x40;
    private static final int SCRATCH = 0x300;
    private static final int TABLES = 0x400;
    // table: r0-r12, FPSCR, D0-D31, scratch image
    private static final int T_FPSCR = 52;
    private static final int T_SCRATCH = 56;
    private static final int T_D = T_SCRATCH + NeonCase.SCRATCH_SIZE;
    private static final int TABLE_SIZE = T_D + 256;
    static final int SCRATCH_ADDRESS = LOAD_ADDRESS + SCRATCH;
    /** Records are collected here and written FLUSH_EVERY at a time: each SYS_WRITE is slow on ours. */
    private static final int RECORDS = LOAD_ADDRESS + 0x01000000;
    private static final int FLUSH_EVERY = 64;

    record Result(int index, byte[] bytes) {
        int[] regs() {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int[] r = new int[NeonCase.REG_COUNT + 3];
            for (int i = 0; i < r.length; i++) {
                r[i] = b.getInt(4 + 4 * i);
            }
            return r;
        }

        long d(int n) {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(4 + 4 * 16 + 8 * n);
        }

        byte[] scratch() {
            byte[] s = new byte[NeonCase.SCRATCH_SIZE];
            System.arraycopy(bytes, 4 + 4 * 16 + 256, s, 0, s.length);
            return s;
        }
    }

    record Output(List<Result> records, int[] exception) {
    }

    private NeonBatch() {
    }

    static byte[] buildElf(List<NeonCase> cases) {
        int codeStart = align(TABLES + cases.size() * TABLE_SIZE, 32);
        BatchAsm a = new BatchAsm(LOAD_ADDRESS + codeStart);
        int write = emitWriteRoutine(a);
        int vectors = emitVectors(a, write);
        int setup = emitSetup(a);
        int save = emitSave(a);
        int entry = a.here();
        a.mov32(0, vectors);
        a.emit(0xee0c0f10);                       // MCR VBAR
        a.emit(0xee110f50);                       // MRC CPACR
        a.emit(0xe380060f);                       // ORR r0, r0, #0xf00000: cp10, cp11 full access
        a.emit(0xee010f50);                       // MCR CPACR
        a.emit(0xf57ff06f);                       // ISB
        a.emit(0xe3a00101);                       // MOV r0, #0x40000000
        a.emit(0xeee80a10);                       // VMSR FPEXC, r0
        a.emit(0xf102001b);                       // CPS #und
        a.mov32(13, LOAD_ADDRESS + UND_SLOT);
        a.emit(0xf1020017);                       // CPS #abt
        a.mov32(13, LOAD_ADDRESS + ABT_SLOT);
        a.emit(0xf1020013);                       // CPS #svc
        a.mov32(1, LOAD_ADDRESS + OPEN_BLOCK);
        a.emit(0xe3a00001);                       // MOV r0, #1 (SYS_OPEN)
        a.emit(SVC_SEMIHOST);
        a.mov32(1, LOAD_ADDRESS + WRITE_BLOCK);
        a.emit(0xe5810000);                       // STR r0, [r1]
        a.emit(0xe581000c);                       // STR r0, [r1, #12]
        for (int i = 0; i < cases.size(); i++) {
            emitCase(a, i, cases.get(i), setup, save);
            if (i % FLUSH_EVERY == FLUSH_EVERY - 1 || i == cases.size() - 1) {
                a.mov32(1, LOAD_ADDRESS + WRITE_BLOCK);
                a.mov32(0, RECORDS);
                a.emit(0xe5810004);               // STR r0, [r1, #4]
                a.mov32(0, (i % FLUSH_EVERY + 1) * RECORD_SIZE);
                a.emit(0xe5810008);               // STR r0, [r1, #8]
                a.mov32(5, LOAD_ADDRESS + WRITE_BLOCK);
                a.bl(write);
            }
        }
        a.mov32(1, LOAD_ADDRESS + EXIT_BLOCK);
        a.emit(0xe3a00020);
        a.emit(SVC_SEMIHOST);
        a.emit(0xeafffffe);

        ByteBuffer img = ByteBuffer.allocate(codeStart + 4 * a.words.size()).order(ByteOrder.LITTLE_ENDIAN);
        img.putInt(OPEN_BLOCK, LOAD_ADDRESS + TT_NAME).putInt(OPEN_BLOCK + 4, 4).putInt(OPEN_BLOCK + 8, 3);
        img.putInt(EXC_WRITE_BLOCK + 4, LOAD_ADDRESS + OUT).putInt(EXC_WRITE_BLOCK + 8, 12);
        img.putInt(EXIT_BLOCK, 0x20026).putInt(EXIT_BLOCK + 4, 0);
        img.putInt(EXC_EXIT_BLOCK, 0x20026).putInt(EXC_EXIT_BLOCK + 4, 99);
        img.put(TT_NAME, new byte[] {':', 't', 't', 0});
        for (int i = 0; i < cases.size(); i++) {
            NeonCase c = cases.get(i);
            int t = TABLES + i * TABLE_SIZE;
            for (int k = 0; k < NeonCase.REG_COUNT; k++) {
                img.putInt(t + 4 * k, c.regs()[k]);
            }
            img.putInt(t + T_FPSCR, c.fpscr());
            for (int k = 0; k < 32; k++) {
                img.putLong(t + T_D + 8 * k, c.d()[k]);
            }
            img.put(t + T_SCRATCH, c.scratch());
        }
        for (int i = 0; i < a.words.size(); i++) {
            img.putInt(codeStart + 4 * i, a.words.get(i));
        }
        return ElfWriter.write(img.array(), LOAD_ADDRESS, entry);
    }

    /** VLD1.64 / VST1.64 {d(4k)-d(4k+3)}, [r10]! */
    private static int vldst4(boolean load, int k) {
        int d = 4 * k;
        return (load ? 0xf42a02cd : 0xf40a02cd) | ((d & 15) << 12) | ((d >> 4) << 22);
    }

    /**
     * Per case only the code and a few words are unique: translating guest code is what costs time on
     * our side, so the state loading and saving are shared subroutines.
     */
    private static void emitCase(BatchAsm a, int index, NeonCase c, int setup, int save) {
        a.mov32(12, LOAD_ADDRESS + TABLES + index * TABLE_SIZE);
        a.bl(setup);
        for (int w : c.code()) {
            a.emit(w);
        }
        a.mov32(13, RECORDS + (index % FLUSH_EVERY) * RECORD_SIZE + 4);
        a.bl(save);
        a.mov32(0, CASE_MAGIC | index);
        a.emit(0xe50d0004);                       // STR r0, [sp, #-4]
    }

    /** r12 = the case's table: scratch image, D0-D31, FPSCR, slots cleared, then r0-r12. */
    private static int emitSetup(BatchAsm a) {
        int setup = a.here();
        a.mov32(10, T_SCRATCH);
        a.emit(0xe08ca00a);                       // ADD r10, r12, r10
        a.mov32(11, LOAD_ADDRESS + SCRATCH);
        for (int k = 0; k < NeonCase.SCRATCH_SIZE / 32; k++) {
            a.emit(0xe8ba00ff);                   // LDMIA r10!, {r0-r7}
            a.emit(0xe8ab00ff);                   // STMIA r11!, {r0-r7}
        }
        for (int k = 0; k < 8; k++) {             // r10 = table + T_D
            a.emit(vldst4(true, k));
        }
        a.emit(0xe59c0000 | T_FPSCR);             // LDR r0, [r12, #52]
        a.emit(0xeee10a10);                       // VMSR FPSCR, r0
        a.mov32(1, LOAD_ADDRESS + UND_SLOT);
        a.emit(0xe3a00000);                       // MOV r0, #0
        a.emit(0xe5810000);                       // STR r0, [r1]
        a.emit(0xe5810004);                       // STR r0, [r1, #4]
        a.emit(0xe89c1fff);                       // LDMIA r12, {r0-r12}
        a.emit(0xe12fff1e);                       // BX lr
        return setup;
    }

    /** sp = the record + 4: stores r0-r12, FPSCR, the slots, D0-D31 and the scratch buffer. */
    private static int emitSave(BatchAsm a) {
        int save = a.here();
        a.emit(0xe88d1fff);                       // STMIA sp, {r0-r12}
        a.emit(0xeef10a10);                       // VMRS r0, FPSCR
        a.emit(0xe58d0034);                       // STR r0, [sp, #52]
        a.mov32(1, LOAD_ADDRESS + UND_SLOT);
        a.emit(0xe5912000);                       // LDR r2, [r1]
        a.emit(0xe5913004);                       // LDR r3, [r1, #4]
        a.emit(0xe58d2038);                       // STR r2, [sp, #56]
        a.emit(0xe58d303c);                       // STR r3, [sp, #60]
        a.emit(0xe28da040);                       // ADD r10, sp, #64
        for (int k = 0; k < 8; k++) {
            a.emit(vldst4(false, k));
        }
        a.mov32(11, LOAD_ADDRESS + SCRATCH);
        for (int k = 0; k < NeonCase.SCRATCH_SIZE / 32; k++) {
            a.emit(0xe8bb00ff);                   // LDMIA r11!, {r0-r7}
            a.emit(0xe8aa00ff);                   // STMIA r10!, {r0-r7}
        }
        a.emit(0xe12fff1e);                       // BX lr
        return save;
    }

    /** SYS_WRITE of the block at r5, repeated until every byte is out (QEMU's stdout is non-blocking). */
    private static int emitWriteRoutine(BatchAsm a) {
        int write = a.here();
        a.emit(0xe5953004);                       // LDR r3, [r5, #4]
        a.emit(0xe5954008);                       // LDR r4, [r5, #8]
        int again = a.here();
        a.emit(0xe1a01005);                       // MOV r1, r5
        a.emit(0xe3a00005);                       // MOV r0, #5 (SYS_WRITE)
        a.emit(SVC_SEMIHOST);
        a.emit(0xe3500000);                       // CMP r0, #0
        int beq = a.here();
        a.emit(0);
        a.emit(0xe5952008);                       // LDR r2, [r5, #8]
        a.emit(0xe0422000);                       // SUB r2, r2, r0
        a.emit(0xe5951004);                       // LDR r1, [r5, #4]
        a.emit(0xe0811002);                       // ADD r1, r1, r2
        a.emit(0xe5851004);                       // STR r1, [r5, #4]
        a.emit(0xe5850008);                       // STR r0, [r5, #8]
        a.b(0xe, again);
        a.patch(beq, 0x0, a.here());
        a.emit(0xe5853004);                       // STR r3, [r5, #4]
        a.emit(0xe5854008);                       // STR r4, [r5, #8]
        a.emit(0xe12fff1e);                       // BX lr
        return write;
    }

    private static int emitVectors(BatchAsm a, int write) {
        int common = a.here();                    // r4 = vector number
        a.mov32(12, LOAD_ADDRESS + OUT);
        a.mov32(0, EXC_MAGIC);
        a.emit(0xe58c0000);                       // STR r0, [r12]
        a.emit(0xe58c4004);                       // STR r4, [r12, #4]
        a.emit(0xe58ce008);                       // STR lr, [r12, #8]
        a.mov32(5, LOAD_ADDRESS + EXC_WRITE_BLOCK);
        a.bl(write);
        a.mov32(1, LOAD_ADDRESS + EXC_EXIT_BLOCK);
        a.emit(0xe3a00020);
        a.emit(SVC_SEMIHOST);
        a.emit(0xeafffffe);
        int und = a.here();
        a.emit(0xe58de000);                       // STR lr, [sp]
        a.emit(0xe1b0f00e);                       // MOVS pc, lr: resume after the UNDEFINED instruction
        int abt = a.here();
        a.emit(0xe58de000);                       // STR lr, [sp]
        a.emit(0xe25ef004);                       // SUBS pc, lr, #4: resume after the aborted access
        while ((a.here() & 31) != 0) {
            a.emit(0xeafffffe);
        }
        int table = a.here();
        int stubs = table + 32;
        for (int v = 0; v < 8; v++) {
            a.b(0xe, v == 1 ? und : v == 4 ? abt : stubs + 8 * v);
        }
        for (int v = 0; v < 8; v++) {
            a.emit(0xe3a04000 | v);               // MOV r4, #vector
            a.b(0xe, common);
        }
        return table;
    }

    static Output parse(byte[] out) {
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        List<Result> records = new ArrayList<>();
        int[] exception = null;
        while (b.remaining() >= 4) {
            int magic = b.getInt(b.position());
            if ((magic & 0xffff0000) == CASE_MAGIC && b.remaining() >= RECORD_SIZE) {
                byte[] rec = new byte[RECORD_SIZE];
                b.get(rec);
                records.add(new Result(magic & 0xffff, rec));
            } else if (magic == EXC_MAGIC && b.remaining() >= 12) {
                b.getInt();
                exception = new int[] {b.getInt(), b.getInt()};
            } else {
                break;
            }
        }
        return new Output(records, exception);
    }

    private static int align(int v, int a) {
        return (v + a - 1) & -a;
    }

}
