package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * 32-bit Thumb load/store single (ARM ARM A6.3.7-A6.3.10): LDR, LDRB, LDRSB, LDRH, LDRSH, STR, STRB,
 * STRH with a 12-bit immediate, an 8-bit immediate with P/U/W, a register shifted left by 0-3, a
 * PC-relative literal, the unprivileged T forms, and the preload hints PLD/PLDW/PLI (no-ops: there is
 * no cache model). Also registers the other T32 load/store classes: {@link T32LoadStoreMultiple} and
 * {@link T32DualExclusive}.
 *
 * <p>As in the A32 translators the access comes first, then the base writeback, then the destination,
 * so a Data Abort leaves every register as it was. LDR to the PC is LoadWritePC (interworking).
 */
final class T32LoadStore implements Opcodes {
    static final String CPU_D = "Lio/mttcgj/codegen/arm/state/CpuState;";

    private static final int IMM12 = 0;
    private static final int IMM8 = 1;
    private static final int REG = 2;
    private static final int LITERAL = 3;

    private T32LoadStore() {
    }

    static void register(DecodeTable t) {
        // Loads: 1111100 S U ss 1 Rn, ss = 00 byte, 01 halfword, 10 word (S = 1 only for byte/halfword).
        for (String sz : new String[] {"0 00", "0 01", "0 10", "1 00", "1 01"}) {
            String s = sz.substring(0, 1);
            String ss = sz.substring(2);
            t.add(A32.P_SPECIFIC, "1111100" + s + "-" + ss + "11111 ----------------", "ldr (literal)",
                    (e, i) -> single(e, i, LITERAL));
            t.add(A32.P_GENERAL, "1111100" + s + "1" + ss + "1nnnn ----------------", "ldr (imm12)",
                    (e, i) -> single(e, i, IMM12));
            t.add(A32.P_GENERAL, "1111100" + s + "0" + ss + "1nnnn ----1---iiiiiiii", "ldr (imm8)",
                    (e, i) -> single(e, i, IMM8));
            t.add(A32.P_GENERAL, "1111100" + s + "0" + ss + "1nnnn ----000000iimmmm", "ldr (register)",
                    (e, i) -> single(e, i, REG));
        }
        // Stores: 11111000 0 ss 0 Rn imm8/register, 11111000 1 ss 0 Rn imm12.
        for (String ss : new String[] {"00", "01", "10"}) {
            t.add(A32.P_GENERAL, "111110001" + ss + "0nnnn ----------------", "str (imm12)",
                    (e, i) -> single(e, i, IMM12));
            t.add(A32.P_GENERAL, "111110000" + ss + "0nnnn ----1---iiiiiiii", "str (imm8)",
                    (e, i) -> single(e, i, IMM8));
            t.add(A32.P_GENERAL, "111110000" + ss + "0nnnn ----000000iimmmm", "str (register)",
                    (e, i) -> single(e, i, REG));
        }
        T32LoadStoreMultiple.register(t);
        T32DualExclusive.register(t);
    }

    static int bits(int insn, int hi, int lo) {
        return (insn >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static boolean bit(int insn, int n) {
        return ((insn >>> n) & 1) != 0;
    }

    private static void single(Emitter e, int insn, int form) {
        boolean load = bit(insn, 20);
        int size = 1 << bits(insn, 22, 21); // 1, 2 or 4 bytes
        boolean signed = bit(insn, 24);
        int rn = bits(insn, 19, 16);
        int rt = bits(insn, 15, 12);
        boolean p = true;
        boolean u = true;
        boolean w = false;
        if (form == IMM8) {
            p = bit(insn, 10);
            u = bit(insn, 9);
            w = bit(insn, 8);
            if (!p && !w) {
                A32.undefined(e, insn); // P = 0, W = 0 is not an addressing mode of these encodings
                return;
            }
        } else if (form == LITERAL) {
            u = bit(insn, 23);
        }
        if (!load && rn == 15) {
            A32.undefined(e, insn);
            return;
        }
        if (load && rt == 15 && size != 4) {
            return; // PLD, PLDW, PLI and the unallocated memory hints: no cache model, so no-ops
        }

        int addr = e.temp();
        int indexed = e.temp();
        if (form == LITERAL) {
            int base = (e.pc() + 4) & ~3; // Align(PC, 4)
            int imm = insn & 0xfff;
            e.iconst(u ? base + imm : base - imm);
            e.istore(addr);
        } else {
            int base = e.temp();
            e.loadReg(rn);
            e.istore(base);
            e.iload(base);
            if (form == REG) {
                e.loadReg(insn & 15);
                int shift = bits(insn, 5, 4);
                if (shift != 0) {
                    e.iconst(shift);
                    e.op(ISHL);
                }
            } else {
                e.iconst(form == IMM12 ? insn & 0xfff : insn & 0xff);
            }
            e.op(u ? IADD : ISUB);
            e.istore(indexed);
            e.iload(p ? indexed : base);
            e.istore(addr);
        }

        int value = e.temp();
        if (load) {
            access(e, addr, size, signed);
            e.istore(value);
        } else if (size == 4) {
            e.iload(addr);
            e.loadReg(rt);
            e.fastStore32();
        } else if (size == 1) {
            e.iload(addr);
            e.loadReg(rt);
            e.fastStore8();
        } else {
            e.iload(addr);
            e.loadReg(rt);
            e.fastStore16();
        }
        if (w) {
            e.iload(indexed);
            e.storeReg(rn);
        }
        if (load) {
            e.iload(value);
            e.storeReg(rt); // rt == 15: LoadWritePC, an interworking branch
        }
    }

    /** Pushes the value loaded from the address in {@code addr}, zero- or sign-extended. */
    private static void access(Emitter e, int addr, int size, boolean signed) {
        if (size == 4) {
            e.iload(addr);
            e.fastLoad32();
        } else if (size == 1) {
            e.iload(addr);
            e.fastLoad8();
            if (signed) {
                e.op(I2B);
            }
        } else {
            e.iload(addr);
            e.fastLoad16();
            if (signed) {
                e.op(I2S);
            }
        }
    }
}
