package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

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
    static final int INLINE_MAX = 4;

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
            store(e, start, list, n);
            if (w) {
                writeback(e, base, rn, u, n);
            }
            return;
        }
        int[] values = load(e, start, n);
        if (w) {
            writeback(e, base, rn, u, n);
        }
        int k = 0;
        for (int i = 0; i < 15; i++) {
            if ((list & (1 << i)) != 0) {
                loadValue(e, values, n, k++);
                e.storeReg(i);
            }
        }
        if (pcInList) {
            loadValue(e, values, n, k);
            if (s) {
                SystemInsns.exceptionReturn(e); // CPSR = SPSR, then branch to the loaded PC
            } else {
                e.storeReg(15); // LoadWritePC: an interworking branch
            }
        }
    }

    /** STM: stores the listed registers; a PC in the list stores the instruction's address + 8. */
    private static void store(Emitter e, int start, int list, int n) {
        if (n <= INLINE_MAX) {
            int k = 0;
            for (int i = 0; i < 16; i++) {
                if ((list & (1 << i)) != 0) {
                    e.loadCpu();
                    e.iload(start);
                    if (k != 0) {
                        e.iconst(4 * k);
                        e.op(IADD);
                    }
                    e.loadReg(i);
                    e.mem("st32a", "(" + CPU_D + "II)V");
                    k++;
                }
            }
            return;
        }
        e.loadCpu();
        e.iload(start);
        e.getCpuField("multiBuffer", "[I");
        int k = 0;
        for (int i = 0; i < 16; i++) {
            if ((list & (1 << i)) != 0) {
                e.op(DUP);
                e.iconst(k++);
                e.loadReg(i);
                e.op(IASTORE);
            }
        }
        e.iconst(n);
        e.callMayFault(MULTI, "stm", "(" + CPU_D + "I[II)V");
    }

    /**
     * LDM's loads: returns the {@code n} int temps holding the values, or (long lists) the one temp
     * holding the int[] MultiOps.ldm returned. Read them back with {@link #loadValue}.
     */
    private static int[] load(Emitter e, int start, int n) {
        if (n <= INLINE_MAX) {
            int[] temps = new int[n];
            for (int k = 0; k < n; k++) {
                int t = e.temp();
                temps[k] = t;
                e.loadCpu();
                e.iload(start);
                if (k != 0) {
                    e.iconst(4 * k);
                    e.op(IADD);
                }
                e.mem("ld32a", "(" + CPU_D + "I)I");
                e.istore(t);
            }
            return temps;
        }
        int array = e.temp();
        e.loadCpu();
        e.iload(start);
        e.iconst(n);
        e.callMayFault(MULTI, "ldm", "(" + CPU_D + "II)[I");
        e.code.add(new VarInsnNode(ASTORE, array));
        return new int[] {array};
    }

    private static void loadValue(Emitter e, int[] values, int n, int k) {
        if (n <= INLINE_MAX) {
            e.iload(values[k]);
            return;
        }
        e.code.add(new VarInsnNode(ALOAD, values[0]));
        e.iconst(k);
        e.op(IALOAD);
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
