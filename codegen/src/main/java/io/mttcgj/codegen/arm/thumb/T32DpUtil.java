package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Field extraction and emit helpers shared by the 32-bit Thumb data-processing, media and multiply
 * translators. A T32 instruction word holds the first halfword in bits 31:16 and the second in 15:0.
 *
 * <p>Destination PC: the ARM ARM calls nearly every such write UNPREDICTABLE; QEMU (checked on
 * qemu-system-arm for ADD.W, MUL, SMULL, UXTAB and LSL.W with Rd = PC) neither UNDEFs nor
 * interworks: it branches to the value with bit 0 cleared, staying in Thumb state. {@link #write}
 * does the same.
 */
final class T32DpUtil implements Opcodes {
    static final String OPS = "io/mttcgj/codegen/runtime/MediaOps";
    static final String CPU_D = Type.getDescriptor(CpuState.class);

    private T32DpUtil() {
    }

    static int bits(int insn, int hi, int lo) {
        return (insn >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static boolean bit(int insn, int n) {
        return ((insn >>> n) & 1) != 0;
    }

    /** Bits 19:16 (first halfword's low nibble). */
    static int rn(int insn) {
        return bits(insn, 19, 16);
    }

    /** Bits 11:8. */
    static int rd(int insn) {
        return bits(insn, 11, 8);
    }

    /** Bits 3:0. */
    static int rm(int insn) {
        return insn & 15;
    }

    /** Bits 15:12 (Ra of the multiplies, RdLo of the long multiplies). */
    static int ra(int insn) {
        return bits(insn, 15, 12);
    }

    /** imm3:imm2 (bits 14:12 and 7:6): shift amounts and bit-field lsb. */
    static int imm5(int insn) {
        return (bits(insn, 14, 12) << 2) | bits(insn, 7, 6);
    }

    /** Stack: value → Rd, or a branch (bit 0 cleared, stays Thumb) when Rd is the PC. */
    static void write(Emitter e, int rd) {
        if (rd == 15) {
            e.branchWritePc();
        } else {
            e.storeReg(rd);
        }
    }

    /**
     * Stack: long → RdLo = bits 31:0, RdHi = bits 63:32. A PC destination becomes a branch taken after
     * the other register is written (RdHi wins when both are the PC, as QEMU writes RdHi last).
     */
    static void storePair(Emitter e, int hi, int lo) {
        int t = e.temp2();
        e.lstore(t);
        if (lo != 15) {
            e.lload(t);
            e.op(L2I);
            e.storeReg(lo);
        }
        if (hi != 15) {
            e.lload(t);
            e.iconst(32);
            e.op(LSHR);
            e.op(L2I);
            e.storeReg(hi);
        }
        if (hi == 15) {
            e.lload(t);
            e.iconst(32);
            e.op(LSHR);
            e.op(L2I);
            e.branchWritePc();
        } else if (lo == 15) {
            e.lload(t);
            e.op(L2I);
            e.branchWritePc();
        }
    }

    /** Stack: long → its low word; cpu.qf set if it does not fit in 32 signed bits. */
    static void sumQ(Emitter e) {
        int t = e.temp2();
        e.lstore(t);
        e.loadCpu();
        e.lload(t);
        e.call(OPS, "sumQ", "(" + CPU_D + "J)I");
    }

    /**
     * Pushes Rm shifted by a constant (DecodeImmShift: LSR/ASR #0 mean #32, ROR #0 means RRX).
     * {@code type}: 0 LSL, 1 LSR, 2 ASR, 3 ROR.
     */
    static void pushImmShift(Emitter e, int rm, int type, int imm5) {
        e.loadReg(rm);
        switch (type) {
            case 0:
                if (imm5 != 0) {
                    e.iconst(imm5);
                    e.op(ISHL);
                }
                break;
            case 1:
                if (imm5 == 0) {
                    e.op(POP);
                    e.iconst(0);
                } else {
                    e.iconst(imm5);
                    e.op(IUSHR);
                }
                break;
            case 2:
                e.iconst(imm5 == 0 ? 31 : imm5);
                e.op(ISHR);
                break;
            default:
                if (imm5 == 0) {
                    e.loadCarry();
                    e.alu("rrx", "(II)I");
                } else {
                    e.iconst(imm5);
                    e.call("java/lang/Integer", "rotateRight", "(II)I");
                }
                break;
        }
    }

    /** Whether an immediate shift produces a carry out (only LSL #0 leaves C unchanged). */
    static boolean immShiftSetsCarry(int type, int imm5) {
        return type != 0 || imm5 != 0;
    }

    /** Pushes the carry out (0/1) of an immediate shift that {@link #immShiftSetsCarry sets one}. */
    static void pushImmShiftCarry(Emitter e, int rm, int type, int imm5) {
        e.loadReg(rm);
        switch (type) {
            case 0:
                e.iconst(imm5);
                e.alu("lslImmC", "(II)I");
                break;
            case 1:
                e.iconst(imm5 == 0 ? 32 : imm5);
                e.alu("lsrImmC", "(II)I");
                break;
            case 2:
                e.iconst(imm5 == 0 ? 32 : imm5);
                e.alu("asrImmC", "(II)I");
                break;
            default:
                if (imm5 == 0) { // RRX shifts bit 0 out
                    e.iconst(1);
                    e.op(IAND);
                } else {
                    e.iconst(imm5);
                    e.alu("rorImmC", "(II)I");
                }
                break;
        }
    }
}
