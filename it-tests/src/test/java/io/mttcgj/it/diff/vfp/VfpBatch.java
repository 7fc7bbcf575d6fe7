package io.mttcgj.it.diff.vfp;

import io.mttcgj.it.diff.BatchAsm;
import io.mttcgj.it.support.ElfWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One bare-metal ELF running a batch of VFP cases; each case writes a record
 * {@code [0xCA5E0000|index, d0-d7, r0-r3, FPSCR, CPSR]}; the records are written to semihosting
 * stdout at the end of the batch (or when an exception vector is taken).
 *
 * <p>Start-up: VBAR at a vector table whose every entry writes {@code EXC!}, vector, lr and exits
 * with status 99; CPACR grants cp10/cp11, FPEXC.EN is set (QEMU starts bare-metal ELFs with both
 * clear); sp points at a stack in the image. Per case: VLDM the table's D0-D7, VMSR FPSCR, MSR APSR,
 * r0-r3 from the table, the case's code, then MRS/VMRS/VSTM/STM into the record buffer.
 */
final class VfpBatch {
    static final int LOAD_ADDRESS = 0x80000000;
    static final int CASE_MAGIC = 0xca5e0000;
    static final int EXC_MAGIC = 0x21435845;
    static final int RECORD_SIZE = 4 + 8 * VfpCase.D_COUNT + 4 * VfpCase.R_COUNT + 8;
    static final int MAX_CASES = 0x10000;
    /** Scratch memory for load/store cases: r0 points at its middle. */
    static final int SCRATCH_ADDRESS = LOAD_ADDRESS + 0x400;
    static final int SCRATCH_SIZE = 0x100;
    /** Output records accumulate here (within the board's 128 MiB) and are written once at the end. */
    private static final int BUFFER = LOAD_ADDRESS + 0x01000000;

    private static final int SVC_SEMIHOST = 0xef123456;
    private static final int OPEN_BLOCK = 0x00;
    private static final int WRITE_BLOCK = 0x0c;
    private static final int EXC_WRITE_BLOCK = 0x18;
    private static final int EXIT_BLOCK = 0x24;
    private static final int EXC_EXIT_BLOCK = 0x2c;
    private static final int TT_NAME = 0x34;
    private static final int OUT = 0x40;
    private static final int STACK_TOP = 0x400;          // stack grows down from here (above OUT)
    private static final int TABLES = 0x600;
    private static final int TABLE_SIZE = 8 * VfpCase.D_COUNT + 8 + 4 * VfpCase.R_COUNT;

    record Result(int index, long[] d, int[] r, int fpscr, int cpsr) {
    }

    record Output(List<Result> records, int[] exception) {
    }

    private VfpBatch() {
    }

    static byte[] buildElf(List<VfpCase> cases) {
        int codeStart = align(TABLES + cases.size() * TABLE_SIZE, 32);
        BatchAsm a = new BatchAsm(LOAD_ADDRESS + codeStart);
        int write = emitWrite(a);
        int vectors = emitVectors(a, write);
        int entry = a.here();
        a.mov32(0, vectors);
        a.emit(0xee0c0f10);                 // MCR p15,0,r0,c12,c0,0: VBAR
        a.emit(0xee110f50);                 // MRC p15,0,r0,c1,c0,2: CPACR
        a.emit(0xe380060f);                 // ORR r0, r0, #0xf00000
        a.emit(0xee010f50);                 // MCR p15,0,r0,c1,c0,2
        a.emit(0xf57ff06f);                 // ISB
        a.emit(0xe3a00101);                 // MOV r0, #0x40000000
        a.emit(0xeee80a10);                 // VMSR FPEXC, r0
        a.mov32(1, LOAD_ADDRESS + OPEN_BLOCK);
        a.emit(0xe3a00001);                 // MOV r0, #1 (SYS_OPEN)
        a.emit(SVC_SEMIHOST);
        a.mov32(1, LOAD_ADDRESS + WRITE_BLOCK);
        a.emit(0xe5810000);                 // STR r0, [r1]
        a.emit(0xe581000c);                 // STR r0, [r1, #12]
        a.mov32(11, BUFFER);                // r11: where the next record goes
        for (int i = 0; i < cases.size(); i++) {
            emitCase(a, i, cases.get(i), LOAD_ADDRESS + TABLES + i * TABLE_SIZE);
        }
        emitFlush(a, write);
        a.mov32(1, LOAD_ADDRESS + EXIT_BLOCK);
        a.emit(0xe3a00020);                 // MOV r0, #0x20 (SYS_EXIT_EXTENDED)
        a.emit(SVC_SEMIHOST);
        a.emit(0xeafffffe);

        ByteBuffer img = ByteBuffer.allocate(codeStart + 4 * a.words.size()).order(ByteOrder.LITTLE_ENDIAN);
        img.putInt(OPEN_BLOCK, LOAD_ADDRESS + TT_NAME).putInt(OPEN_BLOCK + 4, 4).putInt(OPEN_BLOCK + 8, 3);
        img.putInt(WRITE_BLOCK + 4, LOAD_ADDRESS + OUT).putInt(WRITE_BLOCK + 8, RECORD_SIZE);
        img.putInt(EXC_WRITE_BLOCK + 4, LOAD_ADDRESS + OUT).putInt(EXC_WRITE_BLOCK + 8, 12);
        img.putInt(EXIT_BLOCK, 0x20026).putInt(EXIT_BLOCK + 4, 0);
        img.putInt(EXC_EXIT_BLOCK, 0x20026).putInt(EXC_EXIT_BLOCK + 4, 99);
        img.put(TT_NAME, new byte[] {':', 't', 't', 0});
        for (int i = 0; i < cases.size(); i++) {
            VfpCase c = cases.get(i);
            int t = TABLES + i * TABLE_SIZE;
            for (int k = 0; k < VfpCase.D_COUNT; k++) {
                img.putLong(t + 8 * k, c.d()[k]);
            }
            img.putInt(t + 64, c.fpscr()).putInt(t + 68, c.apsr());
            for (int k = 0; k < VfpCase.R_COUNT; k++) {
                img.putInt(t + 72 + 4 * k, c.r()[k]);
            }
        }
        for (int i = 0; i < a.words.size(); i++) {
            img.putInt(codeStart + 4 * i, a.words.get(i));
        }
        return ElfWriter.write(img.array(), LOAD_ADDRESS, entry);
    }

    /**
     * One case, straight-line (no call): records go to the buffer at r11, written out once at the end,
     * so that the whole batch is long blocks of fresh code rather than one short block per case.
     */
    private static void emitCase(BatchAsm a, int index, VfpCase c, int table) {
        a.mov32(12, table);
        a.emit(0xecbc0b10);                 // VLDMIA r12!, {d0-d7}
        a.emit(0xe89c003f);                 // LDMIA r12, {r0-r5}
        a.emit(0xeee10a10);                 // VMSR FPSCR, r0
        a.emit(0xe12cf001);                 // MSR APSR_nzcvqg, r1
        a.emit(0xe1a00002);                 // MOV r0, r2
        a.emit(0xe1a01003);                 // MOV r1, r3
        a.emit(0xe1a02004);                 // MOV r2, r4
        a.emit(0xe1a03005);                 // MOV r3, r5
        a.mov32(13, LOAD_ADDRESS + STACK_TOP);
        if (c.thumb()) {
            a.emit(0xe28fc001);             // ADD r12, pc, #1: the next-but-one word, Thumb bit set
            a.emit(0xe12fff1c);             // BX r12
            for (int w : c.code()) {
                a.emit((w >>> 16) | (w << 16)); // T32: first halfword at the lower address
            }
            a.emit(0xbf004778);             // BX pc (word aligned: back to A32 at the next word); NOP
        } else {
            for (int w : c.code()) {
                a.emit(w);
            }
        }
        a.emit(0xe10f5000);                 // MRS r5, CPSR (before anything touches the flags)
        a.emit(0xeef14a10);                 // VMRS r4, FPSCR
        a.mov32(6, CASE_MAGIC | index);
        a.emit(0xe48b6004);                 // STR r6, [r11], #4
        a.emit(0xecab0b10);                 // VSTMIA r11!, {d0-d7}
        a.emit(0xe8ab003f);                 // STMIA r11!, {r0-r5}
    }

    /** SYS_WRITE of the records from BUFFER up to r11. */
    private static void emitFlush(BatchAsm a, int write) {
        a.mov32(5, LOAD_ADDRESS + WRITE_BLOCK);
        a.mov32(0, BUFFER);
        a.emit(0xe5850004);                 // STR r0, [r5, #4]
        a.emit(0xe04b0000);                 // SUB r0, r11, r0
        a.emit(0xe5850008);                 // STR r0, [r5, #8]
        a.bl(write);
    }

    /** SYS_WRITE of the block at r5 until every byte is out (QEMU's stdout may take partial writes). */
    private static int emitWrite(BatchAsm a) {
        int write = a.here();
        a.emit(0xe5953004);                 // LDR r3, [r5, #4]
        a.emit(0xe5954008);                 // LDR r4, [r5, #8]
        int again = a.here();
        a.emit(0xe1a01005);                 // MOV r1, r5
        a.emit(0xe3a00005);                 // MOV r0, #5 (SYS_WRITE)
        a.emit(SVC_SEMIHOST);
        a.emit(0xe3500000);                 // CMP r0, #0
        int beq = a.here();
        a.emit(0);
        a.emit(0xe5952008);                 // LDR r2, [r5, #8]
        a.emit(0xe0422000);                 // SUB r2, r2, r0
        a.emit(0xe5951004);                 // LDR r1, [r5, #4]
        a.emit(0xe0811002);                 // ADD r1, r1, r2
        a.emit(0xe5851004);                 // STR r1, [r5, #4]
        a.emit(0xe5850008);                 // STR r0, [r5, #8]
        a.b(0xe, again);
        a.patch(beq, 0x0, a.here());
        a.emit(0xe5853004);                 // STR r3, [r5, #4]
        a.emit(0xe5854008);                 // STR r4, [r5, #8]
        a.emit(0xe12fff1e);                 // BX lr
        return write;
    }

    private static int emitVectors(BatchAsm a, int write) {
        int common = a.here();
        a.emit(0xe1a0800e);                 // MOV r8, lr
        a.emit(0xe1a09004);                 // MOV r9, r4 (the vector number)
        emitFlush(a, write);                // the cases that completed, for the report
        a.emit(0xe1a0e008);                 // MOV lr, r8
        a.mov32(12, LOAD_ADDRESS + OUT);
        a.mov32(0, EXC_MAGIC);
        a.emit(0xe58c0000);                 // STR r0, [r12]
        a.emit(0xe58c9004);                 // STR r9, [r12, #4]
        a.emit(0xe58ce008);                 // STR lr, [r12, #8]
        a.mov32(5, LOAD_ADDRESS + EXC_WRITE_BLOCK);
        a.bl(write);
        a.mov32(1, LOAD_ADDRESS + EXC_EXIT_BLOCK);
        a.emit(0xe3a00020);
        a.emit(SVC_SEMIHOST);
        a.emit(0xeafffffe);
        while ((a.here() & 31) != 0) {
            a.emit(0xeafffffe);
        }
        int table = a.here();
        for (int v = 0; v < 8; v++) {
            a.b(0xe, table + 32 + 8 * v);
        }
        for (int v = 0; v < 8; v++) {
            a.emit(0xe3a04000 | v);         // MOV r4, #vector
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
                b.getInt();
                long[] d = new long[VfpCase.D_COUNT];
                for (int k = 0; k < d.length; k++) {
                    d[k] = b.getLong();
                }
                int[] r = new int[VfpCase.R_COUNT];
                for (int k = 0; k < r.length; k++) {
                    r[k] = b.getInt();
                }
                int fpscr = b.getInt();
                int cpsr = b.getInt();
                records.add(new Result(magic & 0xffff, d, r, fpscr, cpsr));
            } else if (magic == EXC_MAGIC && b.remaining() >= 12) {
                b.getInt();
                exception = new int[] {b.getInt(), b.getInt()};
            } else {
                break;
            }
        }
        return new Output(records, exception);
    }

    /** Differences between QEMU's record and ours, one line each ("" if equal). */
    static String diff(Result q, Result o) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < VfpCase.D_COUNT; k++) {
            if (q.d()[k] != o.d()[k]) {
                sb.append(String.format("  d%d: qemu %016x ours %016x%n", k, q.d()[k], o.d()[k]));
            }
        }
        for (int k = 0; k < VfpCase.R_COUNT; k++) {
            if (q.r()[k] != o.r()[k]) {
                sb.append(String.format("  r%d: qemu %08x ours %08x%n", k, q.r()[k], o.r()[k]));
            }
        }
        if (q.fpscr() != o.fpscr()) {
            sb.append(String.format("  fpscr: qemu %08x ours %08x%n", q.fpscr(), o.fpscr()));
        }
        if (q.cpsr() != o.cpsr()) {
            sb.append(String.format("  cpsr: qemu %08x ours %08x%n", q.cpsr(), o.cpsr()));
        }
        return sb.toString();
    }

    private static int align(int v, int a) {
        return (v + a - 1) & -a;
    }

}
