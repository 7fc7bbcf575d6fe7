package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bit;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bits;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;

/**
 * 32-bit Thumb branches (ARM ARM A6.3.4): B.W with its own condition (T3) and without (T4), BL, and
 * BLX (immediate) to ARM state. Registers the rest of the "branches and miscellaneous control" space
 * ({@link T32System}) and the coprocessor moves ({@link T32Coprocessor}).
 */
final class T32Control {
    private T32Control() {
    }

    static void register(DecodeTable t) {
        T32System.register(t);
        T32Coprocessor.register(t);
        // cond = 111x in T3 is the miscellaneous control space: T32System's rows come first.
        t.add(A32.P_GENERAL, "11110scccciiiiii 10j0jiiiiiiiiiii", "b.w", T32Control::bCond);
        t.add(A32.P_GENERAL, "11110siiiiiiiiii 10j1jiiiiiiiiiii", "b.w", T32Control::b);
        t.add(A32.P_GENERAL, "11110siiiiiiiiii 11j0jiiiiiiiiiii", "blx", T32Control::blx);
        t.add(A32.P_GENERAL, "11110siiiiiiiiii 11j1jiiiiiiiiiii", "bl", T32Control::bl);
    }

    /** B&lt;c&gt;.W (T3): SignExtend(S:J2:J1:imm6:imm11:'0'). */
    static void bCond(Emitter e, int insn) {
        int cond = bits(insn, 25, 22);
        if (cond >= 14) {
            A32.undefined(e, insn); // an unallocated miscellaneous control encoding
            return;
        }
        int s = bits(insn, 26, 26);
        int v = (s << 20) | (bits(insn, 11, 11) << 19) | (bits(insn, 13, 13) << 18) | (bits(insn, 21, 16) << 12)
                | ((insn & 0x7ff) << 1);
        int target = e.pc() + 4 + ((v << 11) >> 11);
        if (!e.inItBlock()) {
            e.condition(cond); // inside an IT block this encoding is UNPREDICTABLE: the IT condition rules
        }
        e.branchTo(target);
    }

    /** T4/BL/BLX offset: SignExtend(S:I1:I2:imm10:imm11:'0'), I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S). */
    static int offset24(int insn) {
        int s = bits(insn, 26, 26);
        int i1 = ~(bits(insn, 13, 13) ^ s) & 1;
        int i2 = ~(bits(insn, 11, 11) ^ s) & 1;
        int v = (s << 24) | (i1 << 23) | (i2 << 22) | (bits(insn, 25, 16) << 12) | ((insn & 0x7ff) << 1);
        return (v << 7) >> 7;
    }

    static void b(Emitter e, int insn) {
        e.branchTo(e.pc() + 4 + offset24(insn));
    }

    static void bl(Emitter e, int insn) {
        e.iconst(e.nextPc() | 1);
        e.storeReg(14);
        e.branchTo(e.pc() + 4 + offset24(insn));
    }

    /** BLX (immediate): to ARM state at Align(PC, 4) + imm32; H (bit 0) = 1 is UNDEFINED. */
    static void blx(Emitter e, int insn) {
        if (bit(insn, 0)) {
            A32.undefined(e, insn);
            return;
        }
        int target = ((e.pc() + 4) & ~3) + offset24(insn);
        e.iconst(e.nextPc() | 1);
        e.storeReg(14);
        e.iconst(target & ~3); // bit 0 clear: BXWritePC selects ARM state
        e.branchIndirect();
    }
}
