package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.common.RegisterList;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * LDM/STM in the four addressing modes (IA, IB, DA, DB; PUSH and POP are STMDB/LDMIA sp!), the
 * user-bank forms (LDM/STM ... ^ without PC) and the exception return LDM ... {..., pc}^ (ARM ARM
 * A8.8.58-A8.8.62, B9.3.5, B9.3.6, A8.8.199-A8.8.202, B9.3.17).
 *
 * <p>Every load lands in a temp before any register changes, so a Data Abort part way through leaves
 * the registers untouched. Short lists are inline calls; longer ones are one call to a runtime loop
 * (MultiOps) to keep block bytecode small.
 */
final class LoadStoreMultiple implements Opcodes {
    private static final String CPU_D = LoadStoreExtra.CPU_D;
    private static final String MULTI = "io/mttcgj/codegen/runtime/MultiOps";
    /** Lists longer than this go through the MultiOps loops. */

    private LoadStoreMultiple() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_GENERAL, "cccc100PUSWLnnnnrrrrrrrrrrrrrrrr", "ldm/stm", LoadStoreMultiple::translate);
    }

    static void translate(Emitter e, int insn) {
        int list = insn & 0xffff;
        int rn = A32.bits(insn, 19, 16);
        boolean p = A32.bit(insn, 24);
        boolean u = A32.bit(insn, 23);
        boolean s = A32.bit(insn, 22);
        boolean w = A32.bit(insn, 21);
        boolean load = A32.bit(insn, 20);
        boolean pcInList = (list & 0x8000) != 0;
        // UNPREDICTABLE in ARMv7, UNDEFINED on qemu-system-arm (checked there): an empty list, Rn = PC,
        // LDM writeback with the base in the list, and LDM (User registers) with writeback.
        if (list == 0 || rn == 15 || (load && w && (list & (1 << rn)) != 0) || (load && s && w && !pcInList)) {
            A32.undefined(e, insn);
            return;
        }
        e.condition(A32.cond(insn));
        int n = Integer.bitCount(list);

        int base = e.temp();
        e.loadReg(rn);
        e.istore(base);
        // The registers always go lowest-numbered to lowest address, from 'start' upwards.
        int startOffset = u ? (p ? 4 : 0) : (p ? -4 * n : -4 * n + 4);
        int start = e.temp();
        e.iload(base);
        e.iconst(startOffset);
        e.op(IADD);
        e.istore(start);

        if (s && !(load && pcInList)) {
            userBank(e, load, start, list);
            if (w) {
                writeback(e, base, rn, u, n); // STM (User registers) with W: UNPREDICTABLE, QEMU writes back
            }
            return;
        }
        if (!load) {
            RegisterList.store(e, start, list, n);
            if (w) {
                writeback(e, base, rn, u, n);
            }
            return;
        }
        int[] values = RegisterList.load(e, start, n);
        if (w) {
            writeback(e, base, rn, u, n);
        }
        int k = 0;
        for (int i = 0; i < 15; i++) {
            if ((list & (1 << i)) != 0) {
                RegisterList.loadValue(e, values, n, k++);
                e.storeReg(i);
            }
        }
        if (pcInList) {
            RegisterList.loadValue(e, values, n, k);
            if (s) {
                SystemInsns.exceptionReturn(e); // CPSR = SPSR, then branch to the loaded PC
            } else {
                e.storeReg(15); // LoadWritePC: an interworking branch
            }
        }
    }




    private static void writeback(Emitter e, int base, int rn, boolean u, int n) {
        e.iload(base);
        e.iconst(u ? 4 * n : -4 * n);
        e.op(IADD);
        e.storeReg(rn);
    }

    /** LDM/STM (User registers): the helpers reach the User bank through CpuState. */
    private static void userBank(Emitter e, boolean load, int start, int list) {
        e.flushState();
        e.loadCpu();
        e.iload(start);
        e.iconst(list);
        if (load) {
            e.callMayFault(MULTI, "ldmUser", "(" + CPU_D + "II)V");
            e.reloadState();
        } else {
            e.iconst(e.pc() + 8);
            e.callMayFault(MULTI, "stmUser", "(" + CPU_D + "III)V");
        }
    }
}
