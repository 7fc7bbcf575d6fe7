package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T32DpUtil.bit;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.bits;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rd;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rm;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rn;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import io.mttcgj.codegen.emit.Flags;
import org.objectweb.asm.Opcodes;

/**
 * 32-bit Thumb data processing (ARM ARM A6.3.1, A6.3.3, A6.3.11 and the shifts of A6.3.12): the
 * modified-immediate and shifted-register forms of AND TST BIC ORR MOV ORN MVN EOR TEQ ADD CMN ADC SBC
 * SUB CMP RSB, ADDW/SUBW/ADR.W, MOVW/MOVT and the register-controlled shifts LSL/LSR/ASR/ROR.W. Flags
 * are set only with the S bit (an IT block does not change that for 32-bit encodings), and computed
 * only when live. The saturate and bit-field rows of the plain binary immediate space and PKH are in
 * {@link T32Media}.
 */
final class T32DataProcessing implements Opcodes {
    static final int AND = 0, BIC = 1, ORR = 2, ORN = 3, EOR = 4, ADD = 8, ADC = 10, SBC = 11, SUB = 13, RSB = 14;
    private static final String[] NAMES = {"and", "bic", "orr", "orn", "eor", null, null, null, "add", null, "adc",
        "sbc", null, "sub", "rsb", null};
    static final int P = 20;

    private T32DataProcessing() {
    }

    static void register(DecodeTable t) {
        for (int op = 0; op < 16; op++) {
            if (NAMES[op] == null) {
                continue;
            }
            String o = String.format("%4s", Integer.toBinaryString(op)).replace(' ', '0');
            int code = op;
            t.add(P, "11110 - 0 " + o + " - ---- 0 --- ---- --------", NAMES[op] + ".w #imm",
                    (e, i) -> dp(e, i, code, true));
            t.add(P, "1110101 " + o + " - ---- 0 --- ---- -- -- ----", NAMES[op] + ".w reg",
                    (e, i) -> dp(e, i, code, false));
        }
        t.add(P, "11110 - 1 0000 0 ---- 0 --- ---- --------", "addw/adr.w", (e, i) -> addw(e, i, false));
        t.add(P, "11110 - 1 0101 0 ---- 0 --- ---- --------", "subw/adr.w", (e, i) -> addw(e, i, true));
        t.add(P, "11110 - 1 0010 0 ---- 0 --- ---- --------", "movw", (e, i) -> movwt(e, i, false));
        t.add(P, "11110 - 1 0110 0 ---- 0 --- ---- --------", "movt", (e, i) -> movwt(e, i, true));
        t.add(P, "11111010 0 -- - ---- 1111 ---- 0000 ----", "lsl/lsr/asr/ror.w reg", T32DataProcessing::shiftReg);
    }

    /** imm12 = i:imm3:imm8 (bits 26, 14:12, 7:0). */
    static int imm12(int insn) {
        return (bits(insn, 26, 26) << 11) | (bits(insn, 14, 12) << 8) | (insn & 0xff);
    }

    /** ThumbExpandImm: the four replicated-byte patterns, or '1':imm12[6:0] rotated right by imm12[11:7]. */
    static int expandImm(int insn) {
        int imm12 = imm12(insn);
        int imm8 = imm12 & 0xff;
        if ((imm12 >>> 10) == 0) {
            switch ((imm12 >>> 8) & 3) {
                case 0: return imm8;
                case 1: return (imm8 << 16) | imm8;
                case 2: return (imm8 << 24) | (imm8 << 8);
                default: return imm8 * 0x01010101;
            }
        }
        return Integer.rotateRight(0x80 | (imm12 & 0x7f), imm12 >>> 7);
    }

    /** ThumbExpandImm_C changes C only for the rotated form (C = bit 31 of the result). */
    static boolean expandImmSetsCarry(int insn) {
        return (imm12(insn) >>> 10) != 0;
    }

    private static void dp(Emitter e, int insn, int op, boolean imm) {
        boolean s = bit(insn, 20);
        int rn = rn(insn);
        int rd = rd(insn);
        int rm = rm(insn);
        int type = bits(insn, 5, 4);
        int imm5 = T32DpUtil.imm5(insn);
        boolean move = (op == ORR || op == ORN) && rn == 15; // MOV / MVN
        // TST, TEQ, CMN, CMP: the S forms of AND, EOR, ADD, SUB with Rd = 1111
        boolean compare = s && rd == 15 && (op == AND || op == EOR || op == ADD || op == SUB);
        boolean logical = op <= EOR;
        int a = e.temp();
        int b = e.temp();
        int r = e.temp();

        // The shifter carry must be read before Rd may overwrite a source.
        boolean shifterCarry = s && logical
                && (imm ? expandImmSetsCarry(insn) : T32DpUtil.immShiftSetsCarry(type, imm5));
        int carry = -1;
        if (shifterCarry && e.needFlag(Flags.C)) {
            carry = e.temp();
            if (imm) {
                e.iconst(expandImm(insn) >>> 31);
            } else {
                T32DpUtil.pushImmShiftCarry(e, rm, type, imm5);
            }
            e.istore(carry);
        }
        if (imm) {
            e.iconst(expandImm(insn));
        } else {
            T32DpUtil.pushImmShift(e, rm, type, imm5);
        }
        e.istore(b);
        if (!move) {
            e.loadReg(rn);
            e.istore(a);
        }
        switch (op) {
            case AND: e.iload(a); e.iload(b); e.op(IAND); break;
            case BIC: e.iload(a); e.iload(b); e.iconst(-1); e.op(IXOR); e.op(IAND); break;
            case ORR:
                if (move) {
                    e.iload(b);
                } else {
                    e.iload(a); e.iload(b); e.op(IOR);
                }
                break;
            case ORN:
                e.iload(b); e.iconst(-1); e.op(IXOR);
                if (!move) {
                    e.iload(a); e.op(IOR);
                }
                break;
            case EOR: e.iload(a); e.iload(b); e.op(IXOR); break;
            case ADD: e.iload(a); e.iload(b); e.op(IADD); break;
            case ADC: e.iload(a); e.iload(b); e.op(IADD); e.loadCarry(); e.op(IADD); break;
            case SBC: e.iload(a); e.iload(b); e.op(ISUB); e.loadCarry(); e.op(IADD); e.iconst(1); e.op(ISUB); break;
            case SUB: e.iload(a); e.iload(b); e.op(ISUB); break;
            case RSB: e.iload(b); e.iload(a); e.op(ISUB); break;
            default: throw new AssertionError(op);
        }
        e.istore(r);

        if (s) {
            e.iload(r);
            e.setNZ();
            if (logical) {
                if (carry >= 0) {
                    e.iload(carry);
                    e.setC();
                } else if (shifterCarry) {
                    e.markFlagsWritten(Flags.C); // written but dead
                }
            } else {
                arithmeticCV(e, op, a, b, r);
            }
        }
        if (compare) {
            return;
        }
        e.iload(r);
        if (rd == 15 && s && move && op == ORR) {
            exceptionReturn(e); // MOVS PC, ...: QEMU treats it as ALUExceptionReturn, as in A32
        } else {
            T32DpUtil.write(e, rd);
        }
    }

    /** C and V of ADD/ADC/SUB/SBC/RSB (and CMN/CMP), each computed only when live. */
    private static void arithmeticCV(Emitter e, int op, int a, int b, int r) {
        int x = op == RSB ? b : a;
        int y = op == RSB ? a : b;
        boolean add = op == ADD || op == ADC;
        boolean withCarry = op == ADC || op == SBC;
        if (e.needFlag(Flags.C)) {
            e.iload(x);
            e.iload(y);
            if (withCarry) {
                e.loadCarry();
                e.alu(add ? "adcC" : "sbcC", "(III)I");
            } else {
                e.alu(add ? "addC" : "subC", "(II)I");
            }
        } else {
            e.iconst(0);
        }
        int c = e.temp();
        e.istore(c);
        if (e.needFlag(Flags.V)) {
            e.iload(x);
            e.iload(y);
            e.iload(r);
            e.alu(add ? "addV" : "subV", "(III)I");
        } else {
            e.iconst(0);
        }
        e.setV();
        e.iload(c);
        e.setC();
    }

    /** Stack: new PC. CPSR = SPSR and branch (the state is written back first; the helper sets r15). */
    static void exceptionReturn(Emitter e) {
        int t = e.temp();
        e.istore(t);
        e.flushState();
        e.loadCpu();
        e.iload(t);
        e.call("io/mttcgj/codegen/arm/state/Exceptions", "returnFromException",
                "(Lio/mttcgj/codegen/arm/state/CpuState;I)V");
        e.exitSynced();
    }

    /**
     * ADDW/SUBW Rd, Rn, #imm12 (no flags). With Rn = PC it is ADR.W: Align(PC, 4) ± imm12, a constant;
     * QEMU writes an ADR result to the PC with interworking (BXWritePC).
     */
    private static void addw(Emitter e, int insn, boolean sub) {
        int imm = imm12(insn);
        int rn = rn(insn);
        int rd = rd(insn);
        if (rn == 15) {
            int base = (e.pc() + 4) & ~3;
            e.iconst(sub ? base - imm : base + imm);
            e.storeReg(rd);
            return;
        }
        e.loadReg(rn);
        e.iconst(imm);
        e.op(sub ? ISUB : IADD);
        T32DpUtil.write(e, rd);
    }

    /** MOVW: Rd = imm16. MOVT: Rd[31:16] = imm16, low half kept. imm16 = imm4:i:imm3:imm8. */
    private static void movwt(Emitter e, int insn, boolean top) {
        int imm16 = (rn(insn) << 12) | imm12(insn);
        int rd = rd(insn);
        if (top) {
            e.loadReg(rd);
            e.iconst(0xffff);
            e.op(IAND);
            e.iconst(imm16 << 16);
            e.op(IOR);
        } else {
            e.iconst(imm16);
        }
        T32DpUtil.write(e, rd);
    }

    /** LSL/LSR/ASR/ROR{S}.W Rd, Rn, Rm: Rn shifted by Rm[7:0]; S sets N, Z and the shifter carry. */
    private static void shiftReg(Emitter e, int insn) {
        int type = bits(insn, 22, 21);
        boolean s = bit(insn, 20);
        String name = new String[] {"lsl", "lsr", "asr", "ror"}[type];
        int value = e.temp();
        int amount = e.temp();
        e.loadReg(rn(insn));
        e.istore(value);
        e.loadReg(rm(insn));
        e.iconst(0xff);
        e.op(IAND);
        e.istore(amount);
        int carry = -1;
        if (s && e.needFlag(Flags.C)) {
            carry = e.temp();
            e.iload(value);
            e.iload(amount);
            e.loadCarry();
            e.alu(name + "RegC", "(III)I");
            e.istore(carry);
        }
        e.iload(value);
        e.iload(amount);
        e.alu(name + "Reg", "(II)I");
        if (s) {
            e.op(DUP);
            e.setNZ();
            if (carry >= 0) {
                e.iload(carry);
                e.setC();
            } else {
                e.markFlagsWritten(Flags.C);
            }
        }
        T32DpUtil.write(e, rd(insn));
    }
}
