package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.common.RegisterList;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.CPU_D;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bit;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bits;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * 32-bit Thumb load/store multiple (ARM ARM A6.3.5): LDM/LDMIA, LDMDB, STM/STMIA, STMDB (PUSH.W and
 * POP.W are STMDB/LDMIA sp!), and SRS/RFE. Same scheme as the A32 translator: all loads land in temps
 * (or one MultiOps array for long lists) before any register changes; a PC in an LDM list is
 * LoadWritePC, an interworking branch.
 *
 * <p>UNPREDICTABLE cases: Rn = PC, an empty list and writeback with Rn in the list are UNDEFINED (as
 * QEMU does); a one-register list is executed, as on hardware and QEMU.
 */
final class T32LoadStoreMultiple implements Opcodes {
    private static final String MULTI = "io/mttcgj/codegen/runtime/MultiOps";
    private static final String OPS = "io/mttcgj/codegen/runtime/SysOps";

    private T32LoadStoreMultiple() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_GENERAL, "1110100010-0nnnn ----------------", "stm.w", (e, i) -> ldmStm(e, i, true));
        t.add(A32.P_GENERAL, "1110100010-1nnnn ----------------", "ldm.w", (e, i) -> ldmStm(e, i, true));
        t.add(A32.P_GENERAL, "1110100100-0nnnn ----------------", "stmdb", (e, i) -> ldmStm(e, i, false));
        t.add(A32.P_GENERAL, "1110100100-1nnnn ----------------", "ldmdb", (e, i) -> ldmStm(e, i, false));
        // SRS/RFE: op = 00 is the DB form, op = 11 the IA form (SysOps takes the A32 P:U bits).
        t.add(A32.P_GENERAL, "1110100000-0---- ----------------", "srsdb", (e, i) -> srs(e, i, 2));
        t.add(A32.P_GENERAL, "1110100110-0---- ----------------", "srsia", (e, i) -> srs(e, i, 1));
        t.add(A32.P_GENERAL, "1110100000-1nnnn ----------------", "rfedb", (e, i) -> rfe(e, i, 2));
        t.add(A32.P_GENERAL, "1110100110-1nnnn ----------------", "rfeia", (e, i) -> rfe(e, i, 1));
    }

    private static void ldmStm(Emitter e, int insn, boolean increment) {
        int list = insn & 0xffff;
        int rn = bits(insn, 19, 16);
        boolean w = bit(insn, 21);
        boolean load = bit(insn, 20);
        if (list == 0 || rn == 15 || (w && (list & (1 << rn)) != 0)) {
            A32.undefined(e, insn);
            return;
        }
        int n = Integer.bitCount(list);
        int base = e.temp();
        e.loadReg(rn);
        e.istore(base);
        // The lowest-numbered register always goes to the lowest address.
        int start = e.temp();
        e.iload(base);
        if (!increment) {
            e.iconst(-4 * n);
            e.op(IADD);
        }
        e.istore(start);

        if (!load) {
            RegisterList.store(e, start, list, n);
            if (w) {
                writeback(e, base, rn, increment, n);
            }
            return;
        }
        int[] values = RegisterList.load(e, start, n);
        if (w) {
            writeback(e, base, rn, increment, n);
        }
        int k = 0;
        for (int i = 0; i < 15; i++) {
            if ((list & (1 << i)) != 0) {
                RegisterList.loadValue(e, values, n, k++);
                e.storeReg(i);
            }
        }
        if ((list & 0x8000) != 0) {
            RegisterList.loadValue(e, values, n, k);
            e.storeReg(15); // LoadWritePC: an interworking branch
        }
    }




    private static void writeback(Emitter e, int base, int rn, boolean increment, int n) {
        e.iload(base);
        e.iconst(increment ? 4 * n : -4 * n);
        e.op(IADD);
        e.storeReg(rn);
    }

    /** SRS: stores LR and SPSR to the stack of another mode; the helper needs the flushed state. */
    private static void srs(Emitter e, int insn, int pu) {
        e.flushState();
        T32System.setPc(e, e.pc());
        e.loadCpu();
        e.iconst(insn & 0x1f);
        e.iconst(pu);
        e.iconst(bit(insn, 21) ? 1 : 0);
        e.callMayFault(OPS, "srs", "(" + CPU_D + "III)V");
        T32System.leaveSynced(e); // the written-back SP may be the current mode's
    }

    /** RFE: loads PC and CPSR; the helper writes the whole state, PC included. */
    private static void rfe(Emitter e, int insn, int pu) {
        e.flushState();
        T32System.setPc(e, e.pc());
        e.loadCpu();
        e.iconst(bits(insn, 19, 16));
        e.iconst(pu);
        e.iconst(bit(insn, 21) ? 1 : 0);
        e.callMayFault(OPS, "rfe", "(" + CPU_D + "III)V");
        e.exitSynced();
    }
}
