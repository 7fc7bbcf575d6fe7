package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.common.RegisterList;
import static io.mttcgj.codegen.arm.thumb.T16.bits;
import static io.mttcgj.codegen.arm.thumb.T16.row;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * T16 loads and stores (ARM ARM A6.2.4 and the PUSH/POP/LDM/STM encodings): LDR (literal), the
 * register-offset group, word/byte/halfword with a scaled 5-bit immediate, SP-relative LDR/STR,
 * PUSH/POP and LDM/STM. Every access comes before any register write, so a Data Abort leaves the
 * registers as they were.
 */
final class T16LoadStore implements Opcodes {
    private static final String CPU_D = "Lio/mttcgj/codegen/arm/state/CpuState;";
    private static final String MULTI = "io/mttcgj/codegen/runtime/MultiOps";
    /** Register lists longer than this go through one MultiOps call (smaller block bytecode). */
    // The register-offset group's opB order (0101 ooo mmm nnn ttt), also used for the immediate forms.
    private static final int STR = 0, STRH = 1, STRB = 2, LDRSB = 3, LDR = 4, LDRH = 5, LDRB = 6, LDRSH = 7;
    private static final String[] NAMES = {"str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh"};

    private T16LoadStore() {
    }

    static void register(DecodeTable t) {
        row(t, "01001 ttt iiiiiiii", "ldr", T16LoadStore::ldrLiteral);
        for (int op = 0; op < 8; op++) {
            String o = String.format("%3s", Integer.toBinaryString(op)).replace(' ', '0');
            int kind = op;
            row(t, "0101 " + o + " mmm nnn ttt", NAMES[op], (e, i) -> registerOffset(e, i, kind));
        }
        row(t, "01100 iiiii nnn ttt", "str", (e, i) -> immediate(e, i, STR, 4));
        row(t, "01101 iiiii nnn ttt", "ldr", (e, i) -> immediate(e, i, LDR, 4));
        row(t, "01110 iiiii nnn ttt", "strb", (e, i) -> immediate(e, i, STRB, 1));
        row(t, "01111 iiiii nnn ttt", "ldrb", (e, i) -> immediate(e, i, LDRB, 1));
        row(t, "10000 iiiii nnn ttt", "strh", (e, i) -> immediate(e, i, STRH, 2));
        row(t, "10001 iiiii nnn ttt", "ldrh", (e, i) -> immediate(e, i, LDRH, 2));
        row(t, "10010 ttt iiiiiiii", "str", (e, i) -> spRelative(e, i, STR));
        row(t, "10011 ttt iiiiiiii", "ldr", (e, i) -> spRelative(e, i, LDR));
        row(t, "1011010 m rrrrrrrr", "push", T16LoadStore::push);
        row(t, "1011110 p rrrrrrrr", "pop", T16LoadStore::pop);
        row(t, "11000 nnn rrrrrrrr", "stm", T16LoadStore::stm);
        row(t, "11001 nnn rrrrrrrr", "ldm", T16LoadStore::ldm);
    }

    /** LDR Rt, [PC, #imm8*4]: the address is a constant, Align(PC, 4) + offset. */
    static void ldrLiteral(Emitter e, int insn) {
        int addr = e.temp();
        e.iconst(((e.pc() + 4) & ~3) + (insn & 0xff) * 4);
        e.istore(addr);
        access(e, LDR, addr, bits(insn, 10, 8));
    }

    static void registerOffset(Emitter e, int insn, int kind) {
        int addr = e.temp();
        e.loadReg(bits(insn, 5, 3));
        e.loadReg(bits(insn, 8, 6));
        e.op(IADD);
        e.istore(addr);
        access(e, kind, addr, bits(insn, 2, 0));
    }

    static void immediate(Emitter e, int insn, int kind, int scale) {
        int addr = e.temp();
        e.loadReg(bits(insn, 5, 3));
        int offset = bits(insn, 10, 6) * scale;
        if (offset != 0) {
            e.iconst(offset);
            e.op(IADD);
        }
        e.istore(addr);
        access(e, kind, addr, bits(insn, 2, 0));
    }

    static void spRelative(Emitter e, int insn, int kind) {
        int addr = e.temp();
        e.loadReg(13);
        e.iconst((insn & 0xff) * 4);
        e.op(IADD);
        e.istore(addr);
        access(e, kind, addr, bits(insn, 10, 8));
    }

    /** One access at the address in temp {@code addr}; a load writes Rt only after the access. */
    private static void access(Emitter e, int kind, int addr, int rt) {
        switch (kind) {
            case STR:
                e.iload(addr);
                e.loadReg(rt);
                e.fastStore32();
                return;
            case STRH:
            case STRB:
                if (kind == STRB) {
                    e.iload(addr);
                    e.loadReg(rt);
                    e.fastStore8();
                    return;
                }
                e.iload(addr);
                e.loadReg(rt);
                e.fastStore16();
                return;
            case LDR:
                e.iload(addr);
                e.fastLoad32();
                break;
            case LDRB:
            case LDRSB:
                e.iload(addr);
                e.fastLoad8();
                if (kind == LDRSB) {
                    e.op(I2B);
                }
                break;
            default: // LDRH, LDRSH
                e.iload(addr);
                e.fastLoad16();
                if (kind == LDRSH) {
                    e.op(I2S);
                }
                break;
        }
        e.storeReg(rt);
    }

    // ------------------------------------------------------------------ multiple

    /** PUSH {list[, lr]}: STMDB SP!. */
    static void push(Emitter e, int insn) {
        int list = (insn & 0xff) | (T16.bit(insn, 8) ? 1 << 14 : 0);
        if (list == 0) {
            A32.undefined(e, insn); // UNPREDICTABLE; QEMU makes an empty list UNDEFINED
            return;
        }
        int n = Integer.bitCount(list);
        int start = e.temp();
        e.loadReg(13);
        e.iconst(4 * n);
        e.op(ISUB);
        e.istore(start);
        RegisterList.store(e, start, list, n);
        e.iload(start);
        e.storeReg(13);
    }

    /** POP {list[, pc]}: LDMIA SP!; a loaded PC is LoadWritePC (interworking). */
    static void pop(Emitter e, int insn) {
        int list = (insn & 0xff) | (T16.bit(insn, 8) ? 1 << 15 : 0);
        if (list == 0) {
            A32.undefined(e, insn);
            return;
        }
        int n = Integer.bitCount(list);
        int start = e.temp();
        e.loadReg(13);
        e.istore(start);
        int[] values = RegisterList.load(e, start, n);
        e.iload(start);
        e.iconst(4 * n);
        e.op(IADD);
        e.storeReg(13);
        writeRegisters(e, values, list, n);
    }

    /** STM Rn!, {list} (always writes back; a base in the list that is not the lowest stores its old value). */
    static void stm(Emitter e, int insn) {
        int list = insn & 0xff;
        int rn = bits(insn, 10, 8);
        if (list == 0) {
            A32.undefined(e, insn);
            return;
        }
        int n = Integer.bitCount(list);
        int start = e.temp();
        e.loadReg(rn);
        e.istore(start);
        RegisterList.store(e, start, list, n);
        e.iload(start);
        e.iconst(4 * n);
        e.op(IADD);
        e.storeReg(rn);
    }

    /** LDM Rn{!}, {list}: writes Rn back only when Rn is not in the list (then Rn gets the loaded value). */
    static void ldm(Emitter e, int insn) {
        int list = insn & 0xff;
        int rn = bits(insn, 10, 8);
        if (list == 0) {
            A32.undefined(e, insn);
            return;
        }
        int n = Integer.bitCount(list);
        int start = e.temp();
        e.loadReg(rn);
        e.istore(start);
        int[] values = RegisterList.load(e, start, n);
        if ((list & (1 << rn)) == 0) {
            e.iload(start);
            e.iconst(4 * n);
            e.op(IADD);
            e.storeReg(rn);
        }
        writeRegisters(e, values, list, n);
    }



    /** Writes the loaded values to the listed registers; the PC (if listed) last, as a LoadWritePC branch. */
    private static void writeRegisters(Emitter e, int[] values, int list, int n) {
        int k = 0;
        for (int i = 0; i < 16; i++) {
            if ((list & (1 << i)) != 0) {
                RegisterList.loadValue(e, values, n, k++);
                e.storeReg(i);
            }
        }
    }
}
