package io.mttcgj.codegen.arm.vfp;

import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Bytecode for the extension registers, straight on cpu.d: Sn is the low (even n) or high (odd n)
 * word of D(n/2). Also the operand-type helpers the data-processing translators share.
 */
final class VfpRegs implements Opcodes {
    static final String CPU_D = "Lio/mttcgj/codegen/arm/state/CpuState;";
    static final String F32 = "io/mttcgj/codegen/runtime/fp/F32";
    static final String F64 = "io/mttcgj/codegen/runtime/fp/F64";
    static final String OPS = "io/mttcgj/codegen/runtime/fp/VfpOps";

    private VfpRegs() {
    }

    static int bits(int insn, int hi, int lo) {
        return (insn >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static boolean bit(int insn, int n) {
        return ((insn >>> n) & 1) != 0;
    }

    /** Register number from a 4-bit field and its extra bit: Vx:b for singles, b:Vx for doubles. */
    static int reg(boolean dbl, int v, boolean b) {
        int x = b ? 1 : 0;
        return dbl ? (x << 4) | v : (v << 1) | x;
    }

    static int vd(int insn, boolean dbl) {
        return reg(dbl, bits(insn, 15, 12), bit(insn, 22));
    }

    static int vn(int insn, boolean dbl) {
        return reg(dbl, bits(insn, 19, 16), bit(insn, 7));
    }

    static int vm(int insn, boolean dbl) {
        return reg(dbl, insn & 15, bit(insn, 5));
    }

    /** Pushes Sn (int). */
    static void loadS(Emitter e, int n) {
        e.getCpuField("d", "[J");
        e.iconst(n >> 1);
        e.op(LALOAD);
        if ((n & 1) != 0) {
            e.iconst(32);
            e.op(LUSHR);
        }
        e.op(L2I);
    }

    /** Stack: int → Sn. */
    static void storeS(Emitter e, int n) {
        int t = e.temp();
        e.istore(t);
        e.getCpuField("d", "[J");
        e.iconst(n >> 1);
        e.op(DUP2);
        e.op(LALOAD);
        e.lconst((n & 1) != 0 ? 0xffffffffL : 0xffffffff00000000L);
        e.op(LAND);
        e.iload(t);
        e.op(I2L);
        if ((n & 1) != 0) {
            e.iconst(32);
            e.op(LSHL);
        } else {
            e.lconst(0xffffffffL);
            e.op(LAND);
        }
        e.op(LOR);
        e.op(LASTORE);
    }

    /** Pushes Dn (long). */
    static void loadD(Emitter e, int n) {
        e.getCpuField("d", "[J");
        e.iconst(n);
        e.op(LALOAD);
    }

    /** Stack: long → Dn. */
    static void storeD(Emitter e, int n) {
        int t = e.temp2();
        e.lstore(t);
        e.getCpuField("d", "[J");
        e.iconst(n);
        e.lload(t);
        e.op(LASTORE);
    }

    /** Single or double precision operand handling for one instruction. */
    record Prec(boolean dbl) {
        void load(Emitter e, int n) {
            if (dbl) {
                loadD(e, n);
            } else {
                loadS(e, n);
            }
        }

        void store(Emitter e, int n) {
            if (dbl) {
                storeD(e, n);
            } else {
                storeS(e, n);
            }
        }

        String type() {
            return dbl ? "J" : "I";
        }

        /** Flips the sign bit of the value on the stack (VNEG semantics: NaNs too, no flags). */
        void neg(Emitter e) {
            if (dbl) {
                e.lconst(Long.MIN_VALUE);
                e.op(LXOR);
            } else {
                e.iconst(Integer.MIN_VALUE);
                e.op(IXOR);
            }
        }

        void abs(Emitter e) {
            if (dbl) {
                e.lconst(Long.MAX_VALUE);
                e.op(LAND);
            } else {
                e.iconst(Integer.MAX_VALUE);
                e.op(IAND);
            }
        }

        /** Stack: cpu, a, b → result of F32/F64.{name}(cpu, a, b, false). */
        void binary(Emitter e, String name) {
            e.iconst(0);
            String t = type();
            e.call(dbl ? F64 : F32, name, "(" + CPU_D + t + t + "Z)" + t);
        }

        /** Stack: cpu, acc, a, b → fused acc + a*b. */
        void mulAdd(Emitter e) {
            e.iconst(0);
            String t = type();
            e.call(dbl ? F64 : F32, "mulAdd", "(" + CPU_D + t + t + t + "Z)" + t);
        }
    }
}
