package io.mttcgj.codegen.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.testing.A32Harness;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tier 0 against tier 1 on random A32 code made of the instructions that have tier-0 forms: data
 * processing in every operand form with and without S and under random conditions, loads and stores of
 * every size with every addressing mode, LDM/STM, multiplies, extends, MOVW/MOVT and CLZ. The same
 * program and start state run compiled (the translator is checked against QEMU by the differential tests
 * in it-tests) and interpreted; registers, flags, the data area and the instruction count must agree.
 */
class TierDifferentialTest {
    private static final int PROGRAMS = 400;
    private static final int LENGTH = 24;
    /** r8: base of the data area the memory instructions use (r9-r12 are scratch the generator never names). */
    private static final int BASE_REG = 8;

    @Test
    void interpretedCodeMatchesCompiledCode() {
        Random rnd = new Random(20261207);
        long interpreted = 0;
        for (int p = 0; p < PROGRAMS; p++) {
            int[] code = new int[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                code[i] = insn(rnd);
            }
            int[] regs = new int[8];
            for (int i = 0; i < 8; i++) {
                regs[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(64) - 32 : rnd.nextInt();
            }
            int nzcv = rnd.nextInt(16);
            A32Harness compiled = setUp(code, regs, nzcv, false);
            A32Harness tier0 = setUp(code, regs, nzcv, true);
            String what = "program " + p + ": " + hex(code);
            for (int n = 0; n < 15; n++) {
                assertEquals(compiled.r(n), tier0.r(n), what + ": r" + n);
            }
            assertEquals(compiled.nzcv(), tier0.nzcv(), what + ": NZCV");
            assertEquals(compiled.cpu.insns, tier0.cpu.insns, what + ": instructions retired");
            for (int a = 0; a < 0x400; a += 4) {
                assertEquals(compiled.mem.read(A32Harness.DATA + a, 4), tier0.mem.read(A32Harness.DATA + a, 4),
                        what + ": data word " + a);
            }
            assertEquals(0, compiled.cpu.tier0Insns);
            interpreted += tier0.cpu.tier0Insns;
        }
        assertTrue(interpreted > PROGRAMS * (long) LENGTH * 9 / 10, "only " + interpreted + " instructions interpreted");
    }

    private static A32Harness setUp(int[] code, int[] regs, int nzcv, boolean tier0) {
        A32Harness h = new A32Harness();
        if (tier0) {
            h.tier0();
        }
        h.code(code).flags(nzcv);
        for (int i = 0; i < 8; i++) {
            h.reg(i, regs[i]);
        }
        for (int a = 0; a < 0x400; a += 4) {
            h.mem.write(A32Harness.DATA + a, 4, a * 0x01010101 ^ 0x5a5a1234);
        }
        h.reg(BASE_REG, A32Harness.DATA + 0x200);
        return h.run();
    }

    private static int reg(Random r) {
        return r.nextInt(8);
    }

    private static int cond(Random r) {
        return r.nextInt(3) == 0 ? r.nextInt(14) : 14;
    }

    private static int insn(Random r) {
        int c = cond(r) << 28;
        switch (r.nextInt(12)) {
            case 0: case 1: case 2: { // data processing, immediate / shift by immediate / shift by register
                int op = r.nextInt(16);
                int s = op >= 8 && op <= 11 ? 1 : r.nextInt(2);
                int base = c | (op << 21) | (s << 20) | (reg(r) << 16) | (reg(r) << 12);
                switch (r.nextInt(3)) {
                    case 0: return base | (1 << 25) | (r.nextInt(16) << 8) | r.nextInt(256);
                    case 1: return base | (r.nextInt(32) << 7) | (r.nextInt(4) << 5) | reg(r);
                    default: return base | (reg(r) << 8) | (r.nextInt(4) << 5) | (1 << 4) | reg(r);
                }
            }
            case 3: { // LDR/STR/LDRB/STRB, immediate offset, base r8, offset/pre/post (no writeback drift past the area)
                int pw = r.nextInt(3); // 0: offset, 1: pre-indexed with writeback, 2: post-indexed
                int p = pw == 2 ? 0 : 1;
                int w = pw == 1 ? 1 : 0;
                int b = r.nextInt(2);
                int off = b == 1 ? r.nextInt(64) : 4 * r.nextInt(16) + (r.nextInt(8) == 0 ? 1 : 0);
                return c | (1 << 26) | (p << 24) | (r.nextInt(2) << 23) | (b << 22) | (w << 21) | (r.nextInt(2) << 20)
                        | (BASE_REG << 16) | (reg(r) << 12) | off;
            }
            case 4: { // LDR/STR with a shifted register offset (small index in the register)
                int rm = reg(r);
                return c | (3 << 25) | (1 << 24) | (r.nextInt(2) << 23) | (r.nextInt(2) << 22) | (r.nextInt(2) << 20)
                        | (BASE_REG << 16) | (reg(r) << 12) | (r.nextInt(3) << 7) | rm;
            }
            case 5: { // LDRH/STRH/LDRSB/LDRSH/LDRD/STRD, immediate offset
                int op2 = 1 + r.nextInt(3);
                int load = r.nextInt(2);
                int rt = op2 != 1 && load == 0 ? 2 * r.nextInt(4) : reg(r);
                int off = 2 * r.nextInt(32) & ~(op2 != 1 && load == 0 ? 7 : 1);
                return c | (1 << 24) | (r.nextInt(2) << 23) | (1 << 22) | (load << 20) | (BASE_REG << 16) | (rt << 12)
                        | ((off >> 4) << 8) | (1 << 7) | (op2 << 5) | (1 << 4) | (off & 15);
            }
            case 6: { // LDM/STM from r8 without writeback, list of r0-r7
                int list = 1 + r.nextInt(255);
                return c | (1 << 27) | (r.nextInt(2) << 24) | (r.nextInt(2) << 23) | (r.nextInt(2) << 20)
                        | (BASE_REG << 16) | list;
            }
            case 7: { // MUL/MLA/MLS and the long multiplies
                switch (r.nextInt(3)) {
                    case 0: return c | (r.nextInt(2) << 21) | (r.nextInt(2) << 20) | (reg(r) << 16) | (reg(r) << 12)
                            | (reg(r) << 8) | 0x90 | reg(r);
                    case 1: return c | 0x00600090 | (reg(r) << 16) | (reg(r) << 12) | (reg(r) << 8) | reg(r);
                    default: {
                        int hi = reg(r);
                        int lo = (hi + 1 + r.nextInt(7)) & 7;
                        return c | (1 << 23) | (r.nextInt(8) << 20) | (hi << 16) | (lo << 12) | (reg(r) << 8) | 0x90
                                | reg(r);
                    }
                }
            }
            case 8: { // SXTB/SXTH/UXTB/UXTH, with and without accumulate
                int op = new int[] {0x06a, 0x06b, 0x06e, 0x06f}[r.nextInt(4)];
                int rn = r.nextBoolean() ? 15 : reg(r);
                return c | (op << 20) | (rn << 16) | (reg(r) << 12) | (r.nextInt(4) << 10) | 0x70 | reg(r);
            }
            case 9: { // system instructions that stay in the block: MRS/MSR flags, TPIDRURW moves, barriers, hints
                switch (r.nextInt(6)) {
                    case 0: return c | 0x010f0000 | (reg(r) << 12);
                    case 1: return c | 0x0128f000 | reg(r);
                    case 2: return c | 0x0e0d0f50 | (reg(r) << 12);
                    case 3: return c | 0x0e1d0f50 | (reg(r) << 12);
                    case 4: return new int[] {0xf57ff05b, 0xf57ff04f, 0xf57ff01f, 0xf5d8f040, 0xf798f001,
                        0xf458f010}[r.nextInt(6)]; // DMB, DSB, CLREX, PLD [r8,#64], PLD [r8,r1], PLI [r8,#-16]
                    default: return c | 0x0320f000;
                }
            }
            case 10: { // BFI/BFC, SBFX/UBFX, REV/REV16/RBIT/REVSH, SDIV/UDIV (divisors include 0 and -1)
                int lsb = r.nextInt(32);
                switch (r.nextInt(4)) {
                    case 0: return c | 0x07c00010 | ((lsb + r.nextInt(32 - lsb)) << 16) | (reg(r) << 12) | (lsb << 7)
                            | (r.nextInt(4) == 0 ? 15 : reg(r));
                    case 1: return c | (r.nextBoolean() ? 0x07a00050 : 0x07e00050) | (r.nextInt(32 - lsb) << 16)
                            | (reg(r) << 12) | (lsb << 7) | reg(r);
                    case 2: return c | new int[] {0x06bf0f30, 0x06bf0fb0, 0x06ff0f30, 0x06ff0fb0}[r.nextInt(4)]
                            | (reg(r) << 12) | reg(r);
                    default: return c | (r.nextBoolean() ? 0x0710f010 : 0x0730f010) | (reg(r) << 16) | (reg(r) << 8)
                            | reg(r);
                }
            }
            default: { // MOVW/MOVT, CLZ
                switch (r.nextInt(3)) {
                    case 0: return c | 0x03000000 | (r.nextInt(16) << 16) | (reg(r) << 12) | r.nextInt(4096);
                    case 1: return c | 0x03400000 | (r.nextInt(16) << 16) | (reg(r) << 12) | r.nextInt(4096);
                    default: return c | 0x016f0f10 | (reg(r) << 12) | reg(r);
                }
            }
        }
    }

    private static String hex(int[] code) {
        return Arrays.toString(Arrays.stream(code).mapToObj(w -> String.format("%08x", w)).toArray());
    }
}
