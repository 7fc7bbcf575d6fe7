package io.mttcgj.it.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.it.diff.A32Batch.CaseResult;
import io.mttcgj.it.diff.ThumbCase.Insn;
import io.mttcgj.it.support.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the Thumb generator and its A32 wrapper against QEMU alone: hand-written cases whose results
 * come from the ARM ARM (flag setting outside and not inside IT blocks, ThumbExpandImm and its carry,
 * interworking calls, PUSH/POP, CBZ, divide by zero), that a generated batch runs cleanly and
 * deterministically, and (with objdump) that generated code has no UNPREDICTABLE encodings and
 * covers the promised instructions.
 */
class ThumbGenSelfCheckTest {
    private static final int N = 1 << 31;
    private static final int Z = 1 << 30;
    private static final int C = 1 << 29;
    private static final int V = 1 << 28;
    private static final int FLAG_BITS = 0xf80f0000;
    private static final int SP = A32Batch.SCRATCH_ADDRESS + ThumbCase.SP_OFFSET;

    private record Hand(String name, ThumbCase thumb, BiConsumer<CaseSpec, CaseResult> check) {
    }

    private final List<Hand> hands = new ArrayList<>();

    /** r0-r11, lr start as 0x10000000 + index unless given; scratch byte i holds i * 0x11. */
    private static ThumbCase thumb(int apsr, int[] code, List<int[]> stubs, int... regAndValue) {
        int[] regs = new int[CaseSpec.REG_COUNT];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = 0x10000000 + i;
        }
        for (int i = 0; i < regAndValue.length; i += 2) {
            regs[regAndValue[i]] = regAndValue[i + 1];
        }
        byte[] scratch = new byte[CaseSpec.SCRATCH_SIZE];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = (byte) (i * 0x11);
        }
        List<Insn> body = new ArrayList<>();
        for (int w : code) {
            body.add(Insn.of(w));
        }
        return ThumbCase.assemble(0, regs, apsr, scratch, body, stubs);
    }

    private static ThumbCase thumb(int apsr, int[] code, int... regAndValue) {
        return thumb(apsr, code, List.of(), regAndValue);
    }

    private static void regs(CaseSpec s, CaseResult r, int... changed) {
        Map<Integer, Integer> want = new HashMap<>();
        for (int i = 0; i < changed.length; i += 2) {
            want.put(changed[i], changed[i + 1]);
        }
        for (int i = 0; i < CaseSpec.REG_COUNT; i++) {
            if (i == 12 && !want.containsKey(12)) {
                continue; // lr: checked by the cases that care
            }
            int expected = want.getOrDefault(i, s.regs()[i]);
            int actual = r.regs()[i];
            String name = CaseSpec.regName(i);
            assertEquals(expected, actual, () -> String.format("%s: want %08x, got %08x", name, expected, actual));
        }
    }

    private static void flags(CaseResult r, int expected) {
        assertEquals(Integer.toHexString(expected), Integer.toHexString(r.cpsr() & FLAG_BITS),
                () -> "flags " + CaseSpec.Flags.describe(r.cpsr()) + " want " + CaseSpec.Flags.describe(expected));
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private void add(String name, ThumbCase c, BiConsumer<CaseSpec, CaseResult> check) {
        hands.add(new Hand(name, c, check));
    }

    @Test
    void handWrittenThumbCasesGiveTheArmArmResultsOnQemu(@TempDir Path dir) {
        ProcessRunner.requireQemu();
        // ADDS r0, r1, r2 (T16, outside IT: sets flags): signed overflow into the sign bit
        add("adds", thumb(0, new int[] {0x1888}, 1, 0x7fffffff, 2, 1), (s, r) -> {
            regs(s, r, 0, 0x80000000);
            flags(r, N | V);
            assertArrayEquals(s.scratch(), r.scratch(), "scratch");
        });
        // LSLS r3, r4, #0 is MOVS r3, r4: N and Z from the value, C and V unchanged
        add("movs via lsl #0", thumb(C | V, new int[] {0x0023}, 4, 0), (s, r) -> {
            regs(s, r, 3, 0);
            flags(r, Z | C | V);
        });
        // CMP r0, r1; ITE EQ; MOVS r2, #1; MOVS r2, #2: inside IT the MOVS do not set flags (Z stays 1)
        add("ite", thumb(N, new int[] {0x4288, 0xbf0c, 0x2201, 0x2202}, 0, 77, 1, 77), (s, r) -> {
            regs(s, r, 2, 1);
            flags(r, Z | C);
        });
        // CMP r0, r1 (r0 < r1); ITTE NE: ADDNE r3, r3, #1 (ADDS in IT: no flags); MOVNE.W r4, r0; MOVEQ r5, #9
        add("itte ne", thumb(0, new int[] {0x4288, 0xbf1a, 0x1c5b, 0xea4f0400, 0x2509}, 0, 1, 1, 2, 3, -1), (s, r) -> {
            regs(s, r, 3, 0, 4, 1);
            flags(r, N);
        });
        // ANDS.W r0, r1, #0x80000000 (i:imm3:imm8 = 0x400, a rotation): C is bit 31 of the constant; V kept
        assertEquals(0x80000000, T32.expandImm(0x400));
        add("thumb expand imm carry", thumb(V, new int[] {T32.modImm(0, 1, 1, 0, 0x400)}, 1, -1), (s, r) -> {
            regs(s, r, 0, 0x80000000);
            flags(r, N | C | V);
        });
        // EOR.W r5, r6, #0x00ab00ab (pattern 01) and ORR.W r7, r6, #0xcdcdcdcd (pattern 11): no flags
        assertEquals(0xcdcdcdcd, T32.expandImm(0x3cd));
        add("thumb expand imm patterns", thumb(Z, new int[] {T32.modImm(4, 0, 6, 5, 0x1ab), T32.modImm(2, 0, 6, 7,
                0x3cd)}, 6, 0x01000100), (s, r) -> {
                    regs(s, r, 5, 0x01ab01ab, 7, 0xcdcdcdcd);
                    flags(r, Z);
                });
        // PUSH {r0, r1}; POP {r2, r3}: SP = r12 + 64, so the pushed words land at r12 + 56
        add("push pop", thumb(0, new int[] {0xb403, 0xbc0c}, 0, 0xcafe0000, 1, 0xbeef0001), (s, r) -> {
            regs(s, r, 2, 0xcafe0000, 3, 0xbeef0001);
            assertEquals(0xcafe0000, word(r.scratch(), 56));
            assertEquals(0xbeef0001, word(r.scratch(), 60));
        });
        // CBZ r0 over MOVS r1, #7 (taken), CBNZ r0 over MOVS r2, #8 (not taken)
        add("cbz cbnz", thumb(0, new int[] {0xb100, 0x2107, 0xb900, 0x2208}, 0, 0), (s, r) -> regs(s, r, 2, 8));
        // SDIV r0, r1, r2 with r2 = 0 gives 0; UDIV r3, r4, r5 = 100 / 7
        add("divide", thumb(0, new int[] {0xfb91f0f2, 0xfbb4f3f5}, 1, 5, 2, 0, 4, 100, 5, 7),
                (s, r) -> regs(s, r, 0, 0, 3, 14));
        // LDRD r0, r1, [r12, #8]; STR.W r0, [r12, #-0]... : STRD r0, r1, [r12, #120]
        add("ldrd strd", thumb(0, new int[] {0xe9dc0102, 0xe9cc011e}), (s, r) -> {
            int lo = word(s.scratch(), 8);
            int hi = word(s.scratch(), 12);
            regs(s, r, 0, lo, 1, hi);
            assertEquals(lo, word(r.scratch(), 120));
            assertEquals(hi, word(r.scratch(), 124));
        });
        // BLX to an A32 stub ADD r0, r0, #5 that returns with BX LR: lr = the return address with bit 0 set
        add("blx to a32 and back", ThumbCase.assemble(0, thumb(0, new int[] {0x2000}).spec().regs(), 0,
                thumb(0, new int[] {0x2000}).spec().scratch(), List.of(Insn.of(0x2003),
                        new Insn(0xf000c000, ThumbCase.Fix.BLX_STUB, 0), Insn.of(0x3101)),
                List.<int[]>of(new int[] {0xe2800005})), (s, r) -> {
                    regs(s, r, 0, 8, 1, 0x10000002, 12, r.regs()[12]);
                    assertEquals(1, r.regs()[12] & 1, "lr after BLX from Thumb: Thumb return address");
                    assertTrue(Integer.compareUnsigned(r.regs()[12], A32Batch.LOAD_ADDRESS) > 0);
                });
        // ADR r6, stub; BLX r6; the stub MOVS r1, #3 (A32) sets flags
        add("adr + blx register", ThumbCase.assemble(0, thumb(0, new int[] {0x2000}).spec().regs(), C,
                thumb(0, new int[] {0x2000}).spec().scratch(), List.of(new Insn(0xa600, ThumbCase.Fix.ADR_STUB, 0),
                        Insn.of(0x47b0)), List.<int[]>of(new int[] {0xe3b01000})), (s, r) -> {
                    assertEquals(0, r.regs()[1]);
                    assertEquals(0, r.regs()[6] & 3, "ADR of an A32 stub is word aligned");
                    flags(r, Z | C);
                });

        List<CaseSpec> specs = hands.stream().map(h -> h.thumb().spec()).toList();
        List<ThumbCase> cases = hands.stream().map(Hand::thumb).toList();
        ProcessRunner.Result q = DiffRunner.runQemu(DiffRunner.writeElf(dir, "hand.elf", specs));
        assertNull(ThumbDifferentialTest.qemuProblem(cases, q));
        List<CaseResult> results = A32Batch.parse(q.stdout()).records();
        for (int i = 0; i < hands.size(); i++) {
            Hand h = hands.get(i);
            CaseResult r = results.get(i);
            assertEquals(0x1d3, r.cpsr() & 0x1ff, h.name() + ": back in A32, SVC mode");
            try {
                h.check().accept(h.thumb().spec(), r);
            } catch (AssertionError e) {
                throw new AssertionError(h.name() + ": " + e.getMessage() + "\n" + ThumbReport.code(h.thumb()), e);
            }
        }
    }

    @Test
    void generatedBatchRunsCleanlyAndDeterministicallyOnQemu(@TempDir Path dir) {
        ProcessRunner.requireQemu();
        List<ThumbCase> cases = new ArrayList<>();
        for (long s : DiffRunner.caseSeeds(0x7e1fc4ecL, 3000)) {
            cases.add(ThumbGen.generate(s));
        }
        Path elf = DiffRunner.writeElf(dir, "gen.elf", cases.stream().map(ThumbCase::spec).toList());
        ProcessRunner.Result first = DiffRunner.runQemu(elf);
        assertNull(ThumbDifferentialTest.qemuProblem(cases, first));
        assertEquals(cases.size() * A32Batch.RECORD_SIZE, first.stdout().length);
        for (CaseResult r : A32Batch.parse(first.stdout()).records()) {
            // back in A32 state (T = 0), IT state clear, SVC mode, A/I/F masked
            assertEquals(0x1d3, r.cpsr() & 0x0600fdff, () -> "case " + r.index() + " CPSR "
                    + Integer.toHexString(r.cpsr()));
        }
        ProcessRunner.Result second = DiffRunner.runQemu(elf);
        assertArrayEquals(first.stdout(), second.stdout(), "QEMU must give the same output for the same batch");
    }

    @Test
    void anUndefinedThumbInstructionStopsTheRunWithStatus99(@TempDir Path dir) {
        ProcessRunner.requireQemu();
        ThumbCase good = ThumbGen.generate(1);
        ThumbCase udf = thumb(0, new int[] {0xde00}); // UDF #0 (T16)
        List<ThumbCase> cases = List.of(good, udf, good);
        ProcessRunner.Result r = DiffRunner.runQemu(DiffRunner.writeElf(dir, "udf.elf",
                cases.stream().map(ThumbCase::spec).toList()));
        assertEquals(A32Batch.EXCEPTION_EXIT, r.exitStatus(), r::toString);
        A32Batch.Output out = A32Batch.parse(r.stdout());
        assertEquals(1, out.records().size());
        assertNotNull(out.exception());
        assertEquals(1, out.exception()[0], "undefined-instruction vector");
        String problem = ThumbDifferentialTest.qemuProblem(cases, r);
        assertTrue(problem.contains("in case 1") && problem.contains("de00"), problem);
    }

    @Test
    void sameSeedSameCaseAndSeedsDiffer() {
        ThumbCase a = ThumbGen.generate(42);
        ThumbCase b = ThumbGen.generate(42);
        assertArrayEquals(a.thumb(), b.thumb());
        assertArrayEquals(a.stubs(), b.stubs());
        assertArrayEquals(a.spec().code(), b.spec().code());
        assertArrayEquals(a.spec().regs(), b.spec().regs());
        assertArrayEquals(a.spec().scratch(), b.spec().scratch());
        assertNotEquals(a.thumbHex(), ThumbGen.generate(43).thumbHex());
    }

    @Test
    void encodersMatchTheAssembler() {
        // values from arm-none-eabi-as -mthumb (see the ARM ARM field layouts)
        assertEquals(0xf2011023, T32.addw(0, 1, 0x123));
        assertEquals(0xf2a11023, T32.subw(0, 1, 0x123));
        assertEquals(0xf2412034, T32.movw(0, 0x1234));
        assertEquals(0xf2c12034, T32.movt(0, 0x1234));
        assertEquals(0xf000b87e, T32.branch(0xfc, false));        // b.w .+0x100 (PC = this + 4)
        assertEquals(0xf000f87e, T32.branch(0xfc, true));         // bl .+0x100
        assertEquals(0xf000807e, T32.branchCond(0, 0xfc));        // beq.w .+0x100
        assertEquals(0xf7ffbffe, T32.branch(-4, false));          // b.w . (negative: S, J1, J2)
        assertEquals(0xf000e87e, T32.blx(0xfc));                  // blx .+0x100 from a word-aligned address
        assertEquals(0xf04f4400, T32.modImm(2, 0, 15, 4, 0x400)); // mov.w r4, #0x80000000
    }

    private static final String[] PROMISED = {"adds", "subs", "movs", "cmp", "cmn", "tst", "ands", "eors", "orrs",
        "bics", "mvns", "adcs", "sbcs", "rsbs", "negs", "muls", "lsls", "lsrs", "asrs", "rors", "add", "mov", "sxtb",
        "sxth", "uxtb", "uxth", "rev", "rev16", "revsh", "ldr", "str", "ldrb", "strb", "ldrh", "strh", "ldrsb",
        "ldrsh", "ldrd", "strd", "ldmia", "stmia", "ldmdb", "stmdb", "push", "pop", "and", "bic", "orr", "orn", "eor",
        "adc", "sbc", "sub", "rsb", "teq", "mvn", "pkhbt", "pkhtb", "lsl", "lsr", "asr", "ror", "addw",
        "subw", "movw", "movt", "bfi", "bfc", "sbfx", "ubfx", "ssat", "usat", "ssat16", "usat16", "mul", "mla",
        "mls", "smull", "umull", "smlal", "umlal", "umaal", "smlabb", "smulwt", "smlad", "smuad", "smlsd", "smusd",
        "smmla", "smmul", "smmls", "usad8", "usada8", "sdiv", "udiv", "sadd16", "uqsub8", "shasx", "uhsax", "qadd",
        "qdsub", "sel", "clz", "rbit", "sxtab", "uxtah", "sxtb16", "mrs", "msr", "it", "ite", "itt", "itte", "itet",
        "ittt", "iteee", "cbz", "cbnz", "b", "bl", "blx", "beq", "bne", "bx", "nop"};
    private static final String CONDITIONS = "(eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?";

    @Test
    void generatedCodeHasNoUnpredictableEncodingsAndCoversThePromisedInstructions() {
        Objdump.require();
        List<Integer> insns = new ArrayList<>();
        List<Integer> stubWords = new ArrayList<>();
        for (long s : DiffRunner.caseSeeds(0xd15a55e5L, 4000)) {
            ThumbCase c = ThumbGen.generate(s);
            for (int i : c.thumb()) {
                insns.add(i);
            }
            for (int w : c.stubs()) {
                stubWords.add(w);
            }
        }
        // one stream: every case ends with BX PC outside any IT block, so objdump's IT tracking stays in step
        List<String> lines = ThumbReport.disassemble(insns.stream().mapToInt(Integer::intValue).toArray());
        assertNotNull(lines, "objdump output (one line per instruction)");
        List<String> arm = Objdump.disassemble(stubWords.stream().mapToInt(Integer::intValue).toArray());
        assertNotNull(arm, "objdump output for the A32 stubs");
        Set<String> mnemonics = new HashSet<>();
        for (String line : lines) {
            String lower = line.toLowerCase();
            assertTrue(!lower.contains("unpredictable") && !lower.contains("undefined") && !lower.contains("illegal")
                    && !lower.contains(".word") && !lower.contains(".short"), line);
            String[] parts = lower.split("\\s+");
            String m = parts[parts[1].matches("[0-9a-f]{4}") ? 2 : 1]; // after one or two halfwords
            mnemonics.add(m.replaceAll("\\.[wn]$", ""));
        }
        for (String line : arm) {
            String lower = line.toLowerCase();
            assertTrue(!lower.contains("unpredictable") && !lower.contains("undefined"), line);
        }
        List<String> missing = new ArrayList<>();
        for (String m : PROMISED) {
            if (mnemonics.stream().noneMatch(x -> x.matches(m + CONDITIONS))) {
                missing.add(m);
            }
        }
        if (lines.stream().noneMatch(l -> l.endsWith(", rrx"))) {
            missing.add("rrx (objdump shows it as a shift operand)");
        }
        assertTrue(missing.isEmpty(), "never generated: " + missing);
    }
}
