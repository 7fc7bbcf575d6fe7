package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * The A32 shifter operand (operand 2): value and carry out, for the immediate, immediate-shifted
 * register and register-shifted register forms. Also used by loads/stores with a scaled register.
 */
final class Shifter implements Opcodes {
    static final int LSL = 0;
    static final int LSR = 1;
    static final int ASR = 2;
    static final int ROR = 3;

    private Shifter() {
    }

    /** Modified immediate: imm8 rotated right by 2*rot. */
    static int expandImm(int insn) {
        return Integer.rotateRight(insn & 0xff, ((insn >>> 8) & 15) * 2);
    }

    /** Pushes operand 2 of a data-processing (or load/store register) instruction. */
    static void pushValue(Emitter e, int insn, boolean immediateForm) {
        if (immediateForm) {
            e.iconst(expandImm(insn));
            return;
        }
        int rm = insn & 15;
        int type = (insn >>> 5) & 3;
        if (A32.bit(insn, 4)) { // register-shifted register
            e.loadReg(rm);
            pushShiftAmount(e, insn);
            switch (type) {
                case LSL: e.alu("lslReg", "(II)I"); break;
                case LSR: e.alu("lsrReg", "(II)I"); break;
                case ASR: e.alu("asrReg", "(II)I"); break;
                default: e.alu("rorReg", "(II)I"); break;
            }
            return;
        }
        int imm5 = (insn >>> 7) & 31;
        pushImmShift(e, rm, type, imm5);
    }

    /** Rm shifted by a constant (DecodeImmShift semantics). */
    static void pushImmShift(Emitter e, int rm, int type, int imm5) {
        e.loadReg(rm);
        switch (type) {
            case LSL:
                if (imm5 != 0) {
                    e.iconst(imm5);
                    e.op(ISHL);
                }
                break;
            case LSR:
                if (imm5 == 0) {
                    e.op(POP);
                    e.iconst(0);
                } else {
                    e.iconst(imm5);
                    e.op(IUSHR);
                }
                break;
            case ASR:
                e.iconst(imm5 == 0 ? 31 : imm5);
                e.op(ISHR);
                break;
            default:
                if (imm5 == 0) { // RRX
                    e.loadCarry();
                    e.alu("rrx", "(II)I");
                } else {
                    e.iconst(imm5);
                    e.call("java/lang/Integer", "rotateRight", "(II)I");
                }
                break;
        }
    }

    private static void pushShiftAmount(Emitter e, int insn) {
        e.loadReg((insn >>> 8) & 15);
        e.iconst(0xff);
        e.op(IAND);
    }

    /** Pushes the shifter carry out (0/1). Only called when C is live and the instruction is a logical S. */
    static void pushCarry(Emitter e, int insn, boolean immediateForm) {
        if (immediateForm) {
            int rot = (insn >>> 8) & 15;
            if (rot == 0) {
                e.loadCarry();
            } else {
                e.iconst(expandImm(insn) >>> 31);
            }
            return;
        }
        int rm = insn & 15;
        int type = (insn >>> 5) & 3;
        if (A32.bit(insn, 4)) {
            e.loadReg(rm);
            pushShiftAmount(e, insn);
            e.loadCarry();
            switch (type) {
                case LSL: e.alu("lslRegC", "(III)I"); break;
                case LSR: e.alu("lsrRegC", "(III)I"); break;
                case ASR: e.alu("asrRegC", "(III)I"); break;
                default: e.alu("rorRegC", "(III)I"); break;
            }
            return;
        }
        int imm5 = (insn >>> 7) & 31;
        switch (type) {
            case LSL:
                if (imm5 == 0) {
                    e.loadCarry();
                } else {
                    e.loadReg(rm);
                    e.iconst(imm5);
                    e.alu("lslImmC", "(II)I");
                }
                break;
            case LSR:
                e.loadReg(rm);
                e.iconst(imm5 == 0 ? 32 : imm5);
                e.alu("lsrImmC", "(II)I");
                break;
            case ASR:
                e.loadReg(rm);
                e.iconst(imm5 == 0 ? 32 : imm5);
                e.alu("asrImmC", "(II)I");
                break;
            default:
                e.loadReg(rm);
                if (imm5 == 0) { // RRX: carry out is bit 0
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
