package io.mttcgj.codegen.arm.common;

import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The memory side of LDM/STM, PUSH/POP (A32, T16, T32): word accesses from a start address upwards. When the
 * whole range is word-aligned main RAM inside one page (and, for stores, holds no translated code) the words
 * move inline; otherwise short lists are calls to Mem per word and long ones go through runtime/MultiOps with
 * the vCPU's scratch buffer (no allocation). All accesses happen before any register is written, so a Data
 * Abort part way leaves the registers as they were.
 */
public final class RegisterList implements Opcodes {
    /** Lists up to this long are emitted inline. */
    public static final int INLINE_MAX = 4;
    private static final String CPU_D = "Lio/mttcgj/codegen/arm/state/CpuState;";
    private static final String MULTI = "io/mttcgj/codegen/runtime/MultiOps";

    private RegisterList() {
    }

    /**
     * Stores the registers in {@code list} (n of them; PC stores pc + 8/4 as loadReg gives it) from {@code start}:
     * inline into RAM when the whole range is fast (Emitter#wordsOffset), else through Mem, word by word.
     */
    public static void store(Emitter e, int start, int list, int n) {
        LabelNode slow = new LabelNode();
        LabelNode done = new LabelNode();
        int off = e.wordsOffset(start, 4 * n, true, slow);
        int k = 0;
        for (int i = 0; i < 16; i++) {
            if ((list & (1 << i)) != 0) {
                e.ramWord(off, 4 * k++);
                e.loadReg(i);
                e.ramSet32();
            }
        }
        e.jump(GOTO, done);
        e.code.add(slow);
        storeSlow(e, start, list, n);
        e.code.add(done);
    }

    private static void storeSlow(Emitter e, int start, int list, int n) {
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
     * Loads {@code n} words from {@code start} into {@code n} int temps (returned; read them with
     * {@link #loadValue}): inline from RAM when the whole range is fast, else through Mem (long lists through
     * MultiOps.ldm and the vCPU's scratch buffer, copied into the temps).
     */
    public static int[] load(Emitter e, int start, int n) {
        int[] temps = new int[n];
        for (int k = 0; k < n; k++) {
            temps[k] = e.temp();
        }
        LabelNode slow = new LabelNode();
        LabelNode done = new LabelNode();
        int off = e.wordsOffset(start, 4 * n, false, slow);
        for (int k = 0; k < n; k++) {
            e.ramWord(off, 4 * k);
            e.ramGet32();
            e.istore(temps[k]);
        }
        e.jump(GOTO, done);
        e.code.add(slow);
        if (n <= INLINE_MAX) {
            for (int k = 0; k < n; k++) {
                e.loadCpu();
                e.iload(start);
                if (k != 0) {
                    e.iconst(4 * k);
                    e.op(IADD);
                }
                e.mem("ld32a", "(" + CPU_D + "I)I");
                e.istore(temps[k]);
            }
        } else {
            int array = e.temp();
            e.loadCpu();
            e.iload(start);
            e.iconst(n);
            e.callMayFault(MULTI, "ldm", "(" + CPU_D + "II)[I");
            e.code.add(new VarInsnNode(ASTORE, array));
            for (int k = 0; k < n; k++) {
                e.code.add(new VarInsnNode(ALOAD, array));
                e.iconst(k);
                e.op(IALOAD);
                e.istore(temps[k]);
            }
        }
        e.code.add(done);
        return temps;
    }

    /** Pushes the k-th loaded word. */
    public static void loadValue(Emitter e, int[] values, int n, int k) {
        e.iload(values[k]);
    }
}
