package io.mttcgj.codegen.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.thumb.Thumb;
import io.mttcgj.codegen.testing.A32Harness;
import io.mttcgj.memory.RamRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Tier 0 against tier 1 on random Thumb code made of the instructions that have tier-0 forms: 16- and
 * 32-bit data processing with and without flags, IT blocks (then/else, flag-setting instructions and
 * branches inside them), loads and stores of every size and addressing form, PUSH/POP/LDM/STM, LDRD/STRD,
 * exclusives, multiplies and divides, extends, bit fields, and forward branches of every kind (B, B&lt;c&gt;,
 * CBZ, BL, BX/BLX, MOV/ADD PC, POP/LDR/LDM into the PC, TBB/TBH, BLX to ARM state). The same program and
 * start state run compiled (the translator is checked against QEMU by the differential tests in it-tests)
 * and interpreted; registers, CPSR, the data area, the exclusive monitor and the instruction count must
 * agree, and nearly every instruction must have run in tier 0.
 */
class ThumbTierDifferentialTest {
    private static final int PROGRAMS = 2000;
    private static final int ITEMS = 15;
    /**
     * Programs may run past the 64-instruction block limit (an item has at most 8 pieces), so compiled blocks
     * end inside IT blocks and with forward jumps pending past their limit (ItBlockTest covers the case this
     * once found in the translator).
     */
    private static final int MAX_PIECES = 96;
    private static final long SEED = 20261208L;
    private static final int BASE = A32Harness.BASE;
    private static final int DATA = A32Harness.DATA;
    private static final int DATA_SIZE = 0x2000;
    /** r7: base of the loads and stores (never a destination); SP: a stack inside the data area. */
    private static final int R7 = DATA + 0x800;
    private static final int SP0 = DATA + 0x1800;
    /** Doubleword-aligned words for the exclusives (addressed through r12, set by MOVW/MOVT). */
    private static final int EXCL = DATA + 0x100;
    private static final int[] LOW_DST = {0, 1, 2, 3, 4, 5, 6};
    private static final int[] DST = {0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 14};
    /** r11 accumulates the flags at many points (flag captures), so a wrong flag rarely goes unseen. */
    private static final int ACC = 11;
    private static final int[] SRC = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    private static final int[] SRC_LIST = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14};
    private static final int[] T32_DP_OPS = {0, 1, 2, 3, 4, 8, 10, 11, 13, 14};

    private static final DecodeTable T16 = Thumb.t16();
    private static final DecodeTable T32 = Thumb.t32();

    @Test
    void interpretedThumbCodeMatchesCompiledCode() {
        Runner compiled = new Runner(false);
        Runner tier0 = new Runner(true);
        long total = 0;
        long interpreted = 0;
        for (int p = 0; p < PROGRAMS; p++) {
            Random rnd = new Random(SEED + p);
            Program prog = generate(rnd);
            int[] regs = new int[15];
            for (int i = 0; i < 15; i++) {
                regs[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(64) - 32 : rnd.nextInt();
            }
            regs[7] = R7;
            regs[13] = SP0;
            int nzcv = rnd.nextInt(16);
            int index = p;
            Supplier<String> what = () -> "program " + index + " (regs " + hex(regs) + ", nzcv "
                    + Integer.toHexString(nzcv) + "):\n" + prog.listing();
            Result a;
            Result b;
            try {
                a = compiled.run(prog, regs, nzcv);
                b = tier0.run(prog, regs, nzcv);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(what.get(), e);
            }
            for (int n = 0; n < 16; n++) {
                int reg = n;
                assertEquals(a.regs[n], b.regs[n], () -> what.get() + "r" + reg);
            }
            assertEquals(Integer.toHexString(a.cpsr), Integer.toHexString(b.cpsr), () -> what.get() + "CPSR");
            assertEquals(a.exclusive, b.exclusive, () -> what.get() + "exclusive monitor");
            assertEquals(a.insns, b.insns, () -> what.get() + "instructions retired");
            for (int i = 0; i < a.data.length; i++) {
                if (a.data[i] != b.data[i]) {
                    int word = i;
                    assertEquals(Integer.toHexString(a.data[i]), Integer.toHexString(b.data[i]),
                            () -> what.get() + "data word at +" + Integer.toHexString(4 * word));
                }
            }
            assertEquals(0, a.tier0Insns, () -> what.get() + "compiled run interpreted something");
            total += b.insns;
            interpreted += b.tier0Insns;
        }
        assertTrue(interpreted >= total * 99 / 100, "only " + interpreted + " of " + total
                + " instructions interpreted");
    }

    // ------------------------------------------------------------------ running

    private record Result(int[] regs, int cpsr, boolean exclusive, long insns, long tier0Insns, int[] data) {
    }

    /** One harness reused across programs (the caches are flushed between them); a new one after an exception. */
    private static final class Runner {
        private final boolean tier0;
        private A32Harness h;
        private int cpsrCtl0;
        private int codeEnd = BASE;

        Runner(boolean tier0) {
            this.tier0 = tier0;
            fresh();
        }

        private void fresh() {
            h = new A32Harness();
            if (tier0) {
                h.tier0();
            }
            cpsrCtl0 = h.cpu.cpsrCtl;
            codeEnd = BASE;
        }

        Result run(Program prog, int[] regs, int nzcv) {
            RamRegion ram = h.mem.mainRam();
            for (int a = BASE; a < codeEnd; a += 4) {
                ram.write32(a - ram.base, 0);
            }
            h.cache.flush();
            h.exec.clearJumpCaches();
            CpuState c = h.cpu;
            h.thumb(prog.code);
            h.mem.write(prog.armStop, 4, A32Harness.STOP);
            codeEnd = prog.armStop + 4;
            c.cpsrCtl = cpsrCtl0 | CpuState.CPSR_T;
            c.exclusiveValid = false;
            h.flags(nzcv);
            System.arraycopy(regs, 0, c.r, 0, 15);
            c.r[15] = BASE;
            for (int a = 0; a < DATA_SIZE; a += 4) {
                ram.write32(DATA - ram.base + a, a * 0x01010101 ^ 0x5a5a1234);
            }
            long insns = c.insns;
            long t0 = c.tier0Insns;
            h.run(10_000);
            int[] data = new int[DATA_SIZE / 4];
            for (int i = 0; i < data.length; i++) {
                data[i] = ram.read32(DATA - ram.base + 4 * i);
            }
            Result res = new Result(c.r.clone(), c.cpsr(), c.exclusiveValid, c.insns - insns, c.tier0Insns - t0, data);
            if ((c.cpsrCtl & CpuState.CPSR_M) != (cpsrCtl0 & CpuState.CPSR_M)) {
                fresh(); // an exception changed the mode (and the banked registers)
            }
            return res;
        }
    }

    // ------------------------------------------------------------------ programs

    /** Encodes one halfword (value &lt; 0x10000) or T32 instruction (first halfword in bits 31:16) at its address. */
    private interface Enc {
        int at(int addr, Program p);
    }

    private record Piece(int size, Enc enc) {
    }

    private static Piece h16(int v) {
        return new Piece(2, (a, p) -> v);
    }

    private static Piece w32(int v) {
        return new Piece(4, (a, p) -> v);
    }

    private static final class Program {
        final List<List<Piece>> items = new ArrayList<>();
        int[] itemAddr;
        int armStop;
        int[] code;
        int[] addrs;

        int target(int item) {
            return itemAddr[Math.min(item, items.size())];
        }

        void layout() {
            itemAddr = new int[items.size() + 1];
            int a = BASE;
            int count = 0;
            for (int k = 0; k < items.size(); k++) {
                itemAddr[k] = a;
                for (Piece pc : items.get(k)) {
                    a += pc.size;
                    count++;
                }
            }
            itemAddr[items.size()] = a; // the harness's THUMB_STOP
            armStop = (a + 2 + 3) & ~3;
            code = new int[count];
            addrs = new int[count];
            int i = 0;
            a = BASE;
            for (List<Piece> item : items) {
                for (Piece pc : item) {
                    code[i] = pc.enc.at(a, this);
                    addrs[i++] = a;
                    a += pc.size;
                }
            }
        }

        String listing() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < code.length; i++) {
                int w = code[i];
                boolean wide = (w >>> 16) != 0;
                sb.append(String.format("  %08x: %s  %s%n", addrs[i], wide ? String.format("%08x", w)
                        : String.format("%04x    ", w), wide ? T32.name(w) : T16.name(w)));
            }
            return sb.toString();
        }
    }

    private static Program generate(Random r) {
        Program p = new Program();
        int pieces = 0;
        for (int k = 0; k < ITEMS && pieces < MAX_PIECES; k++) {
            List<Piece> item = new ArrayList<>();
            if (r.nextInt(3) == 0) {
                flagCapture(r, item);
            } else {
                item(r, item, k);
            }
            p.items.add(item);
            pieces += item.size();
        }
        p.layout();
        return p;
    }

    private static int pick(Random r, int[] set) {
        return set[r.nextInt(set.length)];
    }

    private static int lo(Random r) {
        return r.nextInt(8);
    }

    /** A later item (or the STOP after the last one): branches only go forward, to item boundaries. */
    private static int ahead(Random r, int k) {
        return k + 1 + r.nextInt(3);
    }

    /** ITE &lt;c&gt;; ADD&lt;c&gt;.W r11, #a; EOR&lt;!c&gt;.W r11, #b; ADC.W r11, r11, r11, ROR #7 (flags kept). */
    private static void flagCapture(Random r, List<Piece> out) {
        int c = r.nextInt(14);
        out.add(h16(0xbf04 | (c << 4) | ((~c & 1) << 3)));
        out.add(w32(0xf1000000 | (ACC << 16) | (ACC << 8) | r.nextInt(256)));
        out.add(w32(0xf0800000 | (ACC << 16) | (ACC << 8) | r.nextInt(256)));
        out.add(w32(0xeb4010f0 | (ACC << 16) | (ACC << 8) | ACC | (3 << 6)));
    }

    private static void item(Random r, List<Piece> out, int k) {
        int w = r.nextInt(100);
        if (w < 55) {
            out.add(plain(r, false));
        } else if (w < 60) {
            registerOffset(r, out);
        } else if (w < 63) {
            ownBase(r, out);
        } else if (w < 67) {
            exclusive(r, out);
        } else if (w < 77) {
            directBranch(r, out, k);
        } else if (w < 85) {
            computedBranch(r, out, k, false);
        } else if (w < 86) {
            armExit(r, out);
        } else {
            itBlock(r, out, k);
        }
    }

    // ------------------------------------------------------------------ straight-line instructions

    /** One instruction that does not branch (allowed inside an IT block when {@code inIt}). */
    private static Piece plain(Random r, boolean inIt) {
        return plain(r, inIt, r.nextInt(34));
    }

    /** Only low-register data processing: leaves r8-r14, SP and memory alone. */
    private static Piece lowPlain(Random r) {
        return plain(r, true, new int[] {0, 1, 2, 3, 4, 8}[r.nextInt(6)]);
    }

    private static Piece plain(Random r, boolean inIt, int what) {
        switch (what) {
            case 0: { // LSL/LSR/ASR #imm (LSL #0 = MOVS, not inside an IT block)
                int type = r.nextInt(3);
                int imm5 = r.nextInt(32);
                if (inIt && type == 0 && imm5 == 0) {
                    imm5 = 1;
                }
                return h16((type << 11) | (imm5 << 6) | (lo(r) << 3) | pick(r, LOW_DST));
            }
            case 1: // ADD/SUB register, imm3
                return h16(0x1800 | (r.nextInt(4) << 9) | (lo(r) << 6) | (lo(r) << 3) | pick(r, LOW_DST));
            case 2: { // MOV/CMP/ADD/SUB #imm8
                int op = r.nextInt(4);
                return h16(0x2000 | (op << 11) | ((op == 1 ? lo(r) : pick(r, LOW_DST)) << 8) | r.nextInt(256));
            }
            case 3: case 4: { // the sixteen register ops
                int op = r.nextInt(16);
                boolean compare = op == 8 || op == 10 || op == 11;
                return h16(0x4000 | (op << 6) | (lo(r) << 3) | (compare ? lo(r) : pick(r, LOW_DST)));
            }
            case 5: { // high registers: ADD, CMP, MOV (not to SP or PC)
                switch (r.nextInt(3)) {
                    case 0: {
                        int rd = pick(r, DST);
                        return h16(0x4400 | ((rd >> 3) << 7) | (r.nextInt(16) << 3) | (rd & 7));
                    }
                    case 1: {
                        int n = r.nextInt(15);
                        int m = n < 8 ? 8 + r.nextInt(7) : r.nextInt(15);
                        return h16(0x4500 | ((n >> 3) << 7) | (m << 3) | (n & 7));
                    }
                    default: {
                        int rd = pick(r, DST);
                        return h16(0x4600 | ((rd >> 3) << 7) | (r.nextInt(16) << 3) | (rd & 7));
                    }
                }
            }
            case 6: // ADR, ADD Rd, SP, #imm8*4
                return h16((r.nextBoolean() ? 0xa000 : 0xa800) | (pick(r, LOW_DST) << 8) | r.nextInt(256));
            case 7: // ADD/SUB SP, SP, #imm7*4 (small: the stack stays in the data area)
                return h16(0xb000 | (r.nextInt(2) << 7) | r.nextInt(9));
            case 8: { // SXTH SXTB UXTH UXTB, REV REV16 REVSH
                if (r.nextBoolean()) {
                    return h16(0xb200 | (r.nextInt(4) << 6) | (lo(r) << 3) | pick(r, LOW_DST));
                }
                return h16(0xba00 | (new int[] {0, 1, 3}[r.nextInt(3)] << 6) | (lo(r) << 3) | pick(r, LOW_DST));
            }
            case 9: case 10: { // STR/LDR/STRB/LDRB/STRH/LDRH [r7, #imm5]
                int op = r.nextInt(6);
                boolean load = (op & 1) != 0;
                return h16((0x6000 + (op << 11)) | (r.nextInt(32) << 6) | (7 << 3) | (load ? pick(r, LOW_DST) : lo(r)));
            }
            case 11: { // STR/LDR [sp, #imm8*4]
                boolean load = r.nextBoolean();
                return h16((load ? 0x9800 : 0x9000) | ((load ? pick(r, LOW_DST) : lo(r)) << 8) | r.nextInt(64));
            }
            case 12: // LDR Rt, [pc, #imm8*4]
                return h16(0x4800 | (pick(r, LOW_DST) << 8) | r.nextInt(256));
            case 13: { // PUSH {list, lr} / POP {list} (r0-r6)
                if (r.nextBoolean()) {
                    int m = r.nextInt(2);
                    int list = r.nextInt(256);
                    if (list == 0 && m == 0) {
                        list = 1;
                    }
                    return h16(0xb400 | (m << 8) | list);
                }
                return h16(0xbc00 | (1 + r.nextInt(127)));
            }
            case 14: // STM r7!, {r0-r6} / LDM r7!, {r0-r6}
                return h16((r.nextBoolean() ? 0xc000 : 0xc800) | (7 << 8) | (1 + r.nextInt(127)));
            case 15: // NOP, NOP.W, DMB, DSB, CLREX, ISB
                return r.nextInt(3) == 0 ? h16(0xbf00)
                        : w32(new int[] {0xf3af8000, 0xf3bf8f5f, 0xf3bf8f4f, 0xf3bf8f2f, 0xf3bf8f6f}[r.nextInt(5)]);
            case 16: case 17: case 18: { // data processing, modified immediate
                int op = pick(r, T32_DP_OPS);
                int s = r.nextInt(2);
                int rn = (op == 2 || op == 3) && r.nextInt(3) == 0 ? 15 : pick(r, SRC);
                int rd = s == 1 && (op == 0 || op == 4 || op == 8 || op == 13) && r.nextInt(3) == 0 ? 15 : pick(r, DST);
                int imm12 = r.nextInt(4096);
                return w32(0xf0000000 | ((imm12 >> 11) << 26) | (op << 21) | (s << 20) | (rn << 16)
                        | (((imm12 >> 8) & 7) << 12) | (rd << 8) | (imm12 & 0xff));
            }
            case 19: case 20: case 21: { // data processing, shifted register (incl. MOV/MVN and the shifts)
                int op = pick(r, T32_DP_OPS);
                int s = r.nextInt(2);
                int rn = (op == 2 || op == 3) && r.nextInt(3) == 0 ? 15 : pick(r, SRC);
                int rd = s == 1 && (op == 0 || op == 4 || op == 8 || op == 13) && r.nextInt(3) == 0 ? 15 : pick(r, DST);
                int imm5 = r.nextInt(4) == 0 ? 0 : r.nextInt(32);
                return w32(0xea000000 | (op << 21) | (s << 20) | (rn << 16) | ((imm5 >> 2) << 12) | (rd << 8)
                        | ((imm5 & 3) << 6) | (r.nextInt(4) << 4) | pick(r, SRC));
            }
            case 22: { // ADDW/SUBW (ADR.W with Rn = PC), MOVW, MOVT
                int imm12 = r.nextInt(4096);
                int rd = pick(r, DST);
                int op = new int[] {0x0, 0x5, 0x2, 0x6}[r.nextInt(4)];
                int rn = op == 0x2 || op == 0x6 ? r.nextInt(16) : r.nextInt(4) == 0 ? 15 : pick(r, SRC);
                return w32(0xf2000000 | ((imm12 >> 11) << 26) | (op << 21) | (rn << 16) | (((imm12 >> 8) & 7) << 12)
                        | (rd << 8) | (imm12 & 0xff));
            }
            case 23: { // SBFX/UBFX, BFI/BFC, SSAT/USAT
                int rd = pick(r, DST);
                int rn = pick(r, SRC);
                int lsb = r.nextInt(32);
                int low;
                int op;
                switch (r.nextInt(4)) {
                    case 0: op = r.nextBoolean() ? 0xa : 0xe; low = r.nextInt(32 - lsb); break;
                    case 1: op = 0xb; low = lsb + r.nextInt(32 - lsb); rn = r.nextInt(4) == 0 ? 15 : rn; break;
                    default: {
                        op = (r.nextBoolean() ? 0x8 : 0xc) | r.nextInt(2);
                        if ((op & 1) != 0 && lsb == 0) {
                            lsb = 1 + r.nextInt(31);
                        }
                        low = r.nextInt(32);
                        break;
                    }
                }
                return w32(0xf2000000 | (op << 21) | (rn << 16) | ((lsb >> 2) << 12) | (rd << 8) | ((lsb & 3) << 6)
                        | low);
            }
            case 24: // LSL/LSR/ASR/ROR{S}.W Rd, Rn, Rm
                return w32(0xfa00f000 | (r.nextInt(4) << 21) | (r.nextInt(2) << 20) | (pick(r, SRC) << 16)
                        | (pick(r, DST) << 8) | pick(r, SRC));
            case 25: { // extends (with and without add), REV/REV16/RBIT/REVSH, CLZ
                if (r.nextBoolean()) {
                    int rn = r.nextBoolean() ? 15 : pick(r, SRC);
                    return w32(0xfa00f080 | (r.nextInt(6) << 20) | (rn << 16) | (pick(r, DST) << 8)
                            | (r.nextInt(4) << 4) | pick(r, SRC));
                }
                int rm = pick(r, SRC);
                int op = r.nextInt(5);
                return w32((op == 4 ? 0xfab0f080 : 0xfa90f080 | (op << 4)) | (rm << 16) | (pick(r, DST) << 8) | rm);
            }
            case 26: { // MUL/MLA/MLS, SMULL/UMULL/SMLAL/UMLAL/UMAAL, SDIV/UDIV
                switch (r.nextInt(3)) {
                    case 0: {
                        int mls = r.nextInt(2);
                        int ra = mls == 0 && r.nextBoolean() ? 15 : pick(r, SRC);
                        return w32(0xfb000000 | (pick(r, SRC) << 16) | (ra << 12) | (pick(r, DST) << 8) | (mls << 4)
                                | pick(r, SRC));
                    }
                    case 1: {
                        int hi = pick(r, DST);
                        int lo;
                        do {
                            lo = pick(r, DST);
                        } while (lo == hi);
                        int op = r.nextInt(5);
                        int bits = op == 4 ? 0xfbe00060 : 0xfb800000 | (op << 21);
                        return w32(bits | (pick(r, SRC) << 16) | (lo << 12) | (hi << 8) | pick(r, SRC));
                    }
                    default: {
                        int rm = r.nextInt(4) == 0 ? 0 : pick(r, SRC); // r0 is sometimes 0: division by zero
                        return w32((r.nextBoolean() ? 0xfb90f0f0 : 0xfbb0f0f0) | (pick(r, SRC) << 16)
                                | (pick(r, DST) << 8) | rm);
                    }
                }
            }
            case 27: case 28: { // LDR/STR{B,H}, LDRS{B,H} .W with imm12 or imm8 (offset, pre, post, negative)
                int kind = r.nextInt(8); // 0-4 loads (W, B, H, SB, SH), 5-7 stores (W, B, H)
                boolean load = kind < 5;
                int ss = new int[] {2, 0, 1, 0, 1, 2, 0, 1}[kind];
                int s = kind == 3 || kind == 4 ? 1 : 0;
                int rn = r.nextInt(4) == 0 ? 13 : 7;
                int rt = load ? pick(r, DST) : pick(r, SRC);
                if (rt == rn) {
                    rt = 0; // writeback with Rt = Rn is UNPREDICTABLE
                }
                int head = 0xf8000000 | (s << 24) | (ss << 21) | ((load ? 1 : 0) << 20) | (rn << 16) | (rt << 12);
                if (r.nextBoolean()) {
                    return w32(head | (1 << 23) | r.nextInt(rn == 13 ? 0x100 : 0x200));
                }
                int puw = new int[] {0b100, 0b111, 0b101, 0b011, 0b001}[r.nextInt(5)];
                int imm8 = puw == 0b100 ? r.nextInt(256) : 4 * r.nextInt(16);
                return w32(head | 0x800 | (puw << 8) | imm8);
            }
            case 29: { // LDR (literal) .W, PLD
                if (r.nextInt(4) == 0) {
                    return w32(0xf897f000 | r.nextInt(0x200)); // PLD [r7, #imm12]
                }
                int kind = r.nextInt(5);
                int ss = new int[] {2, 0, 1, 0, 1}[kind];
                int s = kind >= 3 ? 1 : 0;
                int rt = pick(r, DST);
                int imm = r.nextInt(0x400);
                boolean up = r.nextInt(3) != 0;
                return new Piece(4, (a, p) -> {
                    int back = Math.min(imm, ((a + 4) & ~3) - BASE);
                    return 0xf81f0000 | (s << 24) | ((up ? 1 : 0) << 23) | (ss << 21) | (rt << 12) | (up ? imm : back);
                });
            }
            case 30: { // LDRD/STRD (offset, pre, post; literal)
                boolean load = r.nextBoolean();
                int rt = pick(r, DST);
                int rt2;
                do {
                    rt2 = pick(r, DST);
                } while (load && rt2 == rt);
                if (load && r.nextInt(5) == 0) {
                    int imm8 = r.nextInt(64);
                    return w32(0xe9500000 | (r.nextInt(2) << 23) | (15 << 16) | (rt << 12) | (rt2 << 8) | imm8);
                }
                int rn = r.nextInt(4) == 0 ? 13 : 7;
                int pw = r.nextInt(3); // 0: offset, 1: pre-indexed, 2: post-indexed
                int imm8 = pw == 0 ? r.nextInt(64) : r.nextInt(16);
                int bits = pw == 0 ? 0x01000000 : pw == 1 ? 0x01200000 : 0x00200000;
                return w32(0xe8400000 | bits | (r.nextInt(2) << 23) | ((load ? 1 : 0) << 20) | (rn << 16) | (rt << 12)
                        | (rt2 << 8) | imm8);
            }
            case 31: case 32: { // LDM/STM{IA,DB}.W, PUSH.W/POP.W
                boolean load = r.nextBoolean();
                boolean db = r.nextBoolean();
                int rn = r.nextInt(3) == 0 ? 7 : 13;
                int w = r.nextInt(3) == 0 ? 0 : 1;
                int list = 0;
                int[] set = load ? DST : SRC_LIST;
                for (int i = 0; i < 1 + r.nextInt(5); i++) {
                    list |= 1 << pick(r, set);
                }
                if (w == 1) {
                    list &= ~(1 << rn);
                }
                if (list == 0) {
                    list = 1;
                }
                return w32((db ? 0xe9000000 : 0xe8800000) | (w << 21) | ((load ? 1 : 0) << 20) | (rn << 16) | list);
            }
            default: // a 16-bit MOVS to break up the rest
                return h16(0x2000 | (pick(r, LOW_DST) << 8) | r.nextInt(256));
        }
    }

    /** MOVS Rx, #small, then a register-offset load or store from r7 (T16, or T32 with LSL #0-3). */
    private static void registerOffset(Random r, List<Piece> out) {
        int rx = pick(r, LOW_DST);
        out.add(h16(0x2000 | (rx << 8) | r.nextInt(256)));
        if (r.nextBoolean()) {
            int op = r.nextInt(8);
            boolean load = op >= 3;
            boolean swap = r.nextBoolean();
            int rt = load ? pick(r, LOW_DST) : lo(r);
            out.add(h16(0x5000 | (op << 9) | ((swap ? 7 : rx) << 6) | ((swap ? rx : 7) << 3) | rt));
            return;
        }
        int kind = r.nextInt(8);
        boolean load = kind < 5;
        int ss = new int[] {2, 0, 1, 0, 1, 2, 0, 1}[kind];
        int s = kind == 3 || kind == 4 ? 1 : 0;
        int rt = load ? pick(r, DST) : pick(r, SRC);
        out.add(w32(0xf8000000 | (s << 24) | (ss << 21) | ((load ? 1 : 0) << 20) | (7 << 16) | (rt << 12)
                | (r.nextInt(4) << 4) | rx));
    }

    /**
     * MOV Rx, r7 (or ADD Rx, SP, #imm), then a load or store based on Rx that also names Rx: LDM with the
     * base in the list (no writeback), STM with the base lowest, LDR/LDRB/LDRH into the base, LDRD into it.
     */
    private static void ownBase(Random r, List<Piece> out) {
        int rx = r.nextInt(7);
        out.add(r.nextBoolean() ? h16(0x4638 | rx) : h16(0xa800 | (rx << 8) | r.nextInt(32)));
        if (r.nextInt(20) == 0) {
            out.add(h16(0x3002 | (rx << 8))); // ADDS Rx, #2: LDM and LDRD take an alignment fault
        }
        int others = r.nextInt(128) & ~(1 << rx);
        switch (r.nextInt(6)) {
            case 0: // LDM Rx, {.., Rx, ..}
                out.add(h16(0xc800 | (rx << 8) | others | (1 << rx)));
                return;
            case 1: // STM Rx!, {Rx, higher}
                out.add(h16(0xc000 | (rx << 8) | ((others >> rx) << rx) | (1 << rx)));
                return;
            case 2: // LDM.W / LDMDB Rx, {.., Rx, ..}
                out.add(w32((r.nextBoolean() ? 0xe9100000 : 0xe8900000) | (rx << 16) | others | (1 << rx)
                        | (r.nextInt(2) << 14)));
                return;
            case 3: // LDR{B,H} Rx, [Rx, #imm5]
                out.add(h16(new int[] {0x6800, 0x7800, 0x8800}[r.nextInt(3)] | (r.nextInt(32) << 6) | (rx << 3) | rx));
                return;
            case 4: { // LDRD Rx, Ry, [Rx, #imm] / LDRD Ry, Rx, [Rx, #imm]
                int ry = (rx + 1 + r.nextInt(6)) % 7;
                boolean first = r.nextBoolean();
                out.add(w32(0xe9d00000 | (rx << 16) | ((first ? rx : ry) << 12) | ((first ? ry : rx) << 8)
                        | r.nextInt(64)));
                return;
            }
            default: // LDR.W Rx, [Rx, #-imm8] / LDRSH.W Rx, [Rx, #imm12]
                out.add(r.nextBoolean() ? w32(0xf8500c00 | (rx << 16) | (rx << 12) | r.nextInt(256))
                        : w32(0xf9b00000 | (rx << 16) | (rx << 12) | r.nextInt(0x100)));
                return;
        }
    }

    /** MOVW/MOVT r12 = a doubleword in the exclusives area; LDREX{B,H,D}; maybe CLREX or an ALU op; STREX{B,H,D}. */
    private static void exclusive(Random r, List<Piece> out) {
        int addr = EXCL + 8 * r.nextInt(16);
        movwt(out, 12, addr);
        int size = new int[] {1, 2, 4, 8}[r.nextInt(4)];
        int[] regs = {0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 14};
        int rt = pick(r, regs);
        int rt2;
        do {
            rt2 = pick(r, regs);
        } while (rt2 == rt);
        int rd;
        do {
            rd = pick(r, regs);
        } while (rd == rt || rd == rt2);
        int imm8 = size == 4 ? r.nextInt(2) : 0;
        out.add(w32(ldrex(size, rt, rt2, imm8)));
        switch (r.nextInt(4)) {
            case 0: out.add(w32(0xf3bf8f2f)); break; // CLREX: the STREX fails
            case 1: out.add(h16(0x1c40 | (rt & 7) << 3 | (rt & 7))); break;
            default: break;
        }
        int sImm8 = r.nextInt(5) == 0 ? imm8 ^ 1 : imm8; // sometimes another address: fails
        int st = r.nextBoolean() ? rt : pick(r, regs);
        int st2 = rt2;
        if (st == rd) {
            st = rt;
        }
        out.add(w32(strex(size, rd, st, st2, sImm8)));
    }

    private static int ldrex(int size, int rt, int rt2, int imm8) {
        switch (size) {
            case 4: return 0xe85c0f00 | (rt << 12) | imm8;
            case 8: return 0xe8dc007f | (rt << 12) | (rt2 << 8);
            default: return 0xe8dc0f4f | (size == 2 ? 0x10 : 0) | (rt << 12);
        }
    }

    private static int strex(int size, int rd, int rt, int rt2, int imm8) {
        switch (size) {
            case 4: return 0xe84c0000 | (rt << 12) | (rd << 8) | imm8;
            case 8: return 0xe8cc0070 | (rt << 12) | (rt2 << 8) | rd;
            default: return 0xe8cc0f40 | (size == 2 ? 0x10 : 0) | (rt << 12) | rd;
        }
    }

    // ------------------------------------------------------------------ branches

    private static void movwt(List<Piece> out, int rd, int value) {
        out.add(w32(movw(0xf2400000, rd, value & 0xffff)));
        out.add(w32(movw(0xf2c00000, rd, value >>> 16)));
    }

    /** MOVW/MOVT Rd, #imm16 when the value is only known at layout time. */
    private static void movwt(List<Piece> out, int rd, java.util.function.ToIntBiFunction<Integer, Program> value) {
        out.add(new Piece(4, (a, p) -> movw(0xf2400000, rd, value.applyAsInt(a, p) & 0xffff)));
        out.add(new Piece(4, (a, p) -> movw(0xf2c00000, rd, value.applyAsInt(a - 4, p) >>> 16)));
    }

    private static int movw(int op, int rd, int imm16) {
        return op | ((imm16 >> 12) << 16) | (((imm16 >> 11) & 1) << 26) | (((imm16 >> 8) & 7) << 12) | (rd << 8)
                | (imm16 & 0xff);
    }

    private static int branchOffset(int from, int to, int bits) {
        int off = to - from;
        if ((off & 1) != 0 || off < -(1 << bits) || off >= (1 << bits)) {
            throw new IllegalStateException(String.format("branch from %08x to %08x out of range", from, to));
        }
        return off;
    }

    /** T4 / BL / BLX offset fields: S:imm10 in the first halfword, J1:J2:imm11 in the second. */
    private static int t4(int hw1, int hw2, int off) {
        int s = (off >>> 24) & 1;
        int j1 = ~(((off >>> 23) & 1) ^ s) & 1;
        int j2 = ~(((off >>> 22) & 1) ^ s) & 1;
        return ((hw1 | (s << 10) | ((off >>> 12) & 0x3ff)) << 16) | hw2 | (j1 << 13) | (j2 << 11)
                | ((off >>> 1) & 0x7ff);
    }

    private static void directBranch(Random r, List<Piece> out, int k) {
        int t = ahead(r, k);
        switch (r.nextInt(6)) {
            case 0: { // B<c> T1
                int cond = r.nextInt(14);
                out.add(new Piece(2, (a, p) -> 0xd000 | (cond << 8)
                        | ((branchOffset(a + 4, p.target(t), 8) >> 1) & 0xff)));
                return;
            }
            case 1: // B T2
                out.add(new Piece(2, (a, p) -> 0xe000 | ((branchOffset(a + 4, p.target(t), 11) >> 1) & 0x7ff)));
                return;
            case 2: { // CBZ/CBNZ (a MOVS before it sometimes makes the register zero)
                int rn = lo(r);
                if (r.nextBoolean() && rn != 7) {
                    out.add(h16(0x2000 | (rn << 8) | (r.nextBoolean() ? 0 : 1)));
                }
                int nz = r.nextInt(2);
                out.add(new Piece(2, (a, p) -> {
                    int off = p.target(t) - (a + 4);
                    if (off < 0 || off > 126) {
                        throw new IllegalStateException("CBZ out of range");
                    }
                    return 0xb100 | (nz << 11) | ((off >> 6) << 9) | (((off >> 1) & 31) << 3) | rn;
                }));
                out.add(plain(r, false)); // CBZ cannot branch to the next instruction: one to skip
                return;
            }
            case 3: { // B<c>.W T3
                int cond = r.nextInt(14);
                out.add(new Piece(4, (a, p) -> {
                    int off = branchOffset(a + 4, p.target(t), 20);
                    int hw1 = 0xf000 | (((off >>> 20) & 1) << 10) | (cond << 6) | ((off >>> 12) & 0x3f);
                    int hw2 = 0x8000 | (((off >>> 18) & 1) << 13) | (((off >>> 19) & 1) << 11) | ((off >>> 1) & 0x7ff);
                    return (hw1 << 16) | hw2;
                }));
                return;
            }
            case 4: // B.W T4
                out.add(new Piece(4, (a, p) -> t4(0xf000, 0x9000, branchOffset(a + 4, p.target(t), 24))));
                return;
            default: // BL
                out.add(new Piece(4, (a, p) -> t4(0xf000, 0xd000, branchOffset(a + 4, p.target(t), 24))));
                return;
        }
    }

    /**
     * A branch to a computed target: BX/BLX/MOV PC/ADD PC with a register set by MOVW/MOVT, POP {pc},
     * LDR PC (immediate, post-indexed), LDM with the PC, TBB/TBH. {@code last}: the final instruction goes
     * into an IT block (the caller adds the IT before it); only the forms whose set-up can come first.
     */
    private static void computedBranch(Random r, List<Piece> out, int k, boolean last) {
        int t = ahead(r, k);
        int rx = new int[] {8, 9, 10, 12}[r.nextInt(4)];
        switch (r.nextInt(last ? 4 : 10)) {
            case 0: // BX Rx
                movwt(out, rx, (a, p) -> p.target(t) | 1);
                out.add(h16(0x4700 | (rx << 3)));
                return;
            case 1: // BLX Rx
                movwt(out, rx, (a, p) -> p.target(t) | 1);
                out.add(h16(0x4780 | (rx << 3)));
                return;
            case 2: { // MOV PC, Rx (BranchWritePC: bit 0 ignored)
                int bit0 = r.nextInt(2);
                movwt(out, rx, (a, p) -> p.target(t) | bit0);
                out.add(h16(0x4687 | (rx << 3)));
                return;
            }
            case 3: // POP {pc} / POP {r0, pc}
                movwt(out, 14, (a, p) -> p.target(t) | 1);
                int both = r.nextInt(2);
                out.add(h16(0xb500 | both));
                out.add(h16(0xbd00 | both));
                return;
            case 4: // ADD PC, Rx: Rx = target - (address of the ADD + 4)
                out.add(new Piece(4, (a, p) -> movw(0xf2400000, rx, (p.target(t) - (a + 12)) & 0xffff)));
                out.add(new Piece(4, (a, p) -> movw(0xf2c00000, rx, (p.target(t) - (a + 8)) >>> 16)));
                out.add(h16(0x4487 | (rx << 3)));
                return;
            case 5: { // STR.W Rx, [r7, #off]; LDR.W PC, [r7, #off]
                int off = 4 * r.nextInt(64);
                movwt(out, rx, (a, p) -> p.target(t) | 1);
                out.add(w32(0xf8c70000 | (rx << 12) | off));
                out.add(w32(0xf8d7f000 | off));
                return;
            }
            case 6: // PUSH {lr}; LDR PC, [sp], #4
                movwt(out, 14, (a, p) -> p.target(t) | 1);
                out.add(h16(0xb500));
                out.add(w32(0xf85dfb04));
                return;
            case 7: // STR.W Rx, [r7, #8]; LDM{IA}.W r7{!}, {r0, r1, pc}
                movwt(out, rx, (a, p) -> p.target(t) | 1);
                out.add(w32(0xf8c70008 | (rx << 12)));
                out.add(w32(0xe8978003 | (r.nextInt(2) << 21)));
                return;
            default: { // MOVS r0, #k; TBB [pc, r0] / TBH [pc, r0, lsl #1]; the table
                boolean half = r.nextBoolean();
                int m = 2 + r.nextInt(3);
                int[] targets = new int[m];
                for (int j = 0; j < m; j++) {
                    targets[j] = ahead(r, k);
                }
                out.add(h16(0x2000 | r.nextInt(m)));
                out.add(w32(half ? 0xe8dff010 : 0xe8dff000));
                int tableHalfwords = half ? m : (m + 1) / 2;
                for (int j = 0; j < tableHalfwords; j++) {
                    int jj = j;
                    out.add(new Piece(2, (a, p) -> {
                        int tableStart = a - 2 * jj; // = the TBB's address + 4
                        if (half) {
                            return (p.target(targets[jj]) - tableStart) >> 1;
                        }
                        int lo = (p.target(targets[2 * jj]) - tableStart) >> 1;
                        int hi = 2 * jj + 1 < m ? (p.target(targets[2 * jj + 1]) - tableStart) >> 1 : 0;
                        if (lo > 255 || hi > 255) {
                            throw new IllegalStateException("TBB entry out of range");
                        }
                        return lo | (hi << 8);
                    }));
                }
                return;
            }
        }
    }

    /** BLX (immediate) or BLX Rx to the A32 STOP after the program: ends it in ARM state. */
    private static void armExit(Random r, List<Piece> out) {
        if (r.nextBoolean()) {
            out.add(new Piece(4, (a, p) -> t4(0xf000, 0xc000, p.armStop - ((a + 4) & ~3))));
            return;
        }
        int rx = new int[] {8, 9, 10, 12}[r.nextInt(4)];
        movwt(out, rx, (a, p) -> p.armStop);
        out.add(h16(0x4780 | (rx << 3)));
    }

    /** IT{x{y{z}}} with 1-4 instructions; the last may be a branch (B, B.W, BL, BX, MOV PC, POP {pc}). */
    private static void itBlock(Random r, List<Piece> out, int k) {
        int firstCond = r.nextInt(10) == 0 ? 14 : r.nextInt(14);
        int n = 1 + r.nextInt(4);
        List<Piece> body = new ArrayList<>();
        List<Piece> setUp = new ArrayList<>();
        int mask = 1 << (4 - n);
        for (int j = 2; j <= n; j++) {
            boolean then = firstCond == 14 || r.nextBoolean();
            int bit = then ? firstCond & 1 : ~firstCond & 1;
            mask |= bit << (3 - (j - 2));
        }
        int w = r.nextInt(10);
        for (int j = 1; j < n; j++) {
            // Before a computed branch: nothing that could change its register or the stack.
            body.add(w < 8 ? plain(r, true) : lowPlain(r));
        }
        if (w < 6) {
            body.add(plain(r, true));
        } else if (w < 8) {
            int t = ahead(r, k);
            switch (r.nextInt(3)) {
                case 0:
                    body.add(new Piece(2, (a, p) -> 0xe000 | ((branchOffset(a + 4, p.target(t), 11) >> 1) & 0x7ff)));
                    break;
                case 1:
                    body.add(new Piece(4, (a, p) -> t4(0xf000, 0x9000, branchOffset(a + 4, p.target(t), 24))));
                    break;
                default:
                    body.add(new Piece(4, (a, p) -> t4(0xf000, 0xd000, branchOffset(a + 4, p.target(t), 24))));
                    break;
            }
        } else {
            List<Piece> seq = new ArrayList<>();
            computedBranch(r, seq, k, true);
            body.add(seq.remove(seq.size() - 1));
            setUp.addAll(seq);
        }
        out.addAll(setUp);
        out.add(h16(0xbf00 | (firstCond << 4) | mask));
        out.addAll(body);
    }

    private static String hex(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int x : v) {
            sb.append(String.format("%08x ", x));
        }
        return sb.toString().trim();
    }
}
