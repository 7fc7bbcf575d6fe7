package io.mttcgj.codegen.arm.common;

import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The memory side of LDM/STM, PUSH/POP (A32, T16, T32): word accesses from a start address upwards. Short
 * lists are inline calls; long ones go through runtime/MultiOps with the vCPU's scratch buffer, which keeps
 * the bytecode small and allocates nothing. All accesses happen before any register is written, so a Data
 * Abort part way leaves the registers as they were.
 */
public final class RegisterList implements Opcodes {
    /** Lists up to this long are emitted inline. */
    public static final int INLINE_MAX = 4;
    private static final String CPU_D = "Lio/mttcgj/codegen/arm/state/CpuState;";
    private static final String MULTI = "io/mttcgj/codegen/runtime/MultiOps";

    private RegisterList() {
    }

    /** Stores the registers in {@code list} (n of them; PC stores pc + 8/4 as loadReg gives it) from {@code start}. */
    public static void store(Emitter e, int start, int list, int n) {
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
     * Loads {@code n} words from {@code start}: returns the {@code n} int temps holding them, or (long lists)
     * the one temp holding MultiOps.ldm's array. Read them back with {@link #loadValue}.
     */
    public static int[] load(Emitter e, int start, int n) {
        if (n <= INLINE_MAX) {
            int[] temps = new int[n];
            for (int k = 0; k < n; k++) {
                temps[k] = e.temp();
                e.loadCpu();
                e.iload(start);
                if (k != 0) {
                    e.iconst(4 * k);
                    e.op(IADD);
                }
                e.mem("ld32a", "(" + CPU_D + "I)I");
                e.istore(temps[k]);
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

    /** Pushes the k-th loaded word. */
    public static void loadValue(Emitter e, int[] values, int n, int k) {
        if (n <= INLINE_MAX) {
            e.iload(values[k]);
            return;
        }
        e.code.add(new VarInsnNode(ALOAD, values[0]));
        e.iconst(k);
        e.op(IALOAD);
    }
}
