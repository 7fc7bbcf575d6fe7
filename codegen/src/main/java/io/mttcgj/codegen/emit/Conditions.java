package io.mttcgj.codegen.emit;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LabelNode;

/** Condition-code tests against the flag locals (N = sign of NF, Z = ZF == 0, C = CF, V = sign of VF). */
final class Conditions implements Opcodes {
    private Conditions() {
    }

    /** Emits a jump to {@code skip} when condition {@code cond} (0-13) fails. */
    static void emitSkipUnless(Emitter e, int cond, LabelNode skip) {
        switch (cond) {
            case 0: e.loadFlag(Flags.Z); e.jump(IFNE, skip); break;
            case 1: e.loadFlag(Flags.Z); e.jump(IFEQ, skip); break;
            case 2: e.loadFlag(Flags.C); e.jump(IFEQ, skip); break;
            case 3: e.loadFlag(Flags.C); e.jump(IFNE, skip); break;
            case 4: e.loadFlag(Flags.N); e.jump(IFGE, skip); break;
            case 5: e.loadFlag(Flags.N); e.jump(IFLT, skip); break;
            case 6: e.loadFlag(Flags.V); e.jump(IFGE, skip); break;
            case 7: e.loadFlag(Flags.V); e.jump(IFLT, skip); break;
            case 8: // HI: C set and Z clear
                e.loadFlag(Flags.C);
                e.jump(IFEQ, skip);
                e.loadFlag(Flags.Z);
                e.jump(IFEQ, skip);
                break;
            case 9: { // LS: C clear or Z set
                LabelNode ok = e.label();
                e.loadFlag(Flags.C);
                e.jump(IFEQ, ok);
                e.loadFlag(Flags.Z);
                e.jump(IFNE, skip);
                e.place(ok);
                break;
            }
            case 10: nxv(e); e.jump(IFLT, skip); break;
            case 11: nxv(e); e.jump(IFGE, skip); break;
            case 12: // GT: Z clear and N == V
                e.loadFlag(Flags.Z);
                e.jump(IFEQ, skip);
                nxv(e);
                e.jump(IFLT, skip);
                break;
            case 13: { // LE: Z set or N != V
                LabelNode ok = e.label();
                e.loadFlag(Flags.Z);
                e.jump(IFEQ, ok);
                nxv(e);
                e.jump(IFLT, ok);
                e.jump(GOTO, skip);
                e.place(ok);
                break;
            }
            default:
                throw new IllegalArgumentException("condition " + cond);
        }
    }

    private static void nxv(Emitter e) {
        e.loadFlag(Flags.N);
        e.loadFlag(Flags.V);
        e.op(IXOR);
    }
}
