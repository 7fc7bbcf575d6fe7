package io.mttcgj.it.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.it.diff.A32Batch.CaseResult;
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
 * Checks the differential test's generator and harness against QEMU alone: hand-written cases whose
 * results are worked out from the ARM ARM, a generated batch that must run cleanly (no exception, one
 * record per case, deterministic), the exception trap, and (with objdump) that generated code has no
 * UNPREDICTABLE encodings and covers the instruction classes the test promises.
 */
class A32GenSelfCheckTest {
    private static final int N = 1 << 31;
    private static final int Z = 1 << 30;
    private static final int C = 1 << 29;
    private static final int V = 1 << 28;
    private static final int Q = 1 << 27;
    private static final int FLAG_BITS = 0xf80f0000;

    /** A hand-written case and the check of its result against the ARM ARM. */
    private record Hand(String name, CaseSpec spec, BiConsumer<CaseSpec, CaseResult> check) {
    }

    private final List<Hand> hands = new ArrayList<>();

    /** r0-r11, lr start as 0x10000000 + index unless given; scratch byte i holds i * 0x11. */
    private static CaseSpec spec(int apsr, int[] code, int... regAndValue) {
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
        return new CaseSpec(0, regs, apsr, scratch, code);
    }

    /** Registers in {@code changed} (index, value pairs) have those values; all others kept their initial ones. */
    private static void regs(CaseSpec s, CaseResult r, int... changed) {
        Map<Integer, Integer> want = new HashMap<>();
        for (int i = 0; i < changed.length; i += 2) {
            want.put(changed[i], changed[i + 1]);
        }
        for (int i = 0; i < CaseSpec.REG_COUNT; i++) {
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

    private static void memoryUnchanged(CaseSpec s, CaseResult r) {
        assertArrayEquals(s.scratch(), r.scratch(), "scratch memory");
    }

    private void add(String name, CaseSpec spec, BiConsumer<CaseSpec, CaseResult> check) {
        hands.add(new Hand(name, spec, check));
    }

    @Test
    void handWrittenCasesGiveTheArmArmResultsOnQemu(@TempDir Path dir) {
        ProcessRunner.requireQemu();
        // ADDS r0, r1, r2: signed overflow into the sign bit
        add("adds", spec(0, new int[] {0xe0910002}, 1, 0x7fffffff, 2, 1), (s, r) -> {
            regs(s, r, 0, 0x80000000);
            flags(r, N | V);
            memoryUnchanged(s, r);
        });
        // MOVS r0, r1, LSR #32 (imm5 = 0): result 0, carry = bit 31; V untouched
        add("lsr #32", spec(V, new int[] {0xe1b00021}, 1, 0x80000000), (s, r) -> {
            regs(s, r, 0, 0);
            flags(r, Z | C | V);
        });
        // MOVS r3, r4, LSR r5 with r5 = 0x121: only the low byte counts, 33 > 32 gives 0 with carry 0
        add("lsr by register 33", spec(C, new int[] {0xe1b03534}, 4, -1, 5, 0x121), (s, r) -> {
            regs(s, r, 3, 0);
            flags(r, Z);
        });
        // MOVS r7, r4, LSL r6 with r6 low byte 32: result 0, carry = bit 0
        add("lsl by register 32", spec(0, new int[] {0xe1b07614}, 4, -1, 6, 0xffffff20), (s, r) -> {
            regs(s, r, 7, 0);
            flags(r, Z | C);
        });
        // MOVS r0, r1, RRX: carry in at the top, bit 0 out to carry
        add("rrx", spec(C, new int[] {0xe1b00061}, 1, 3), (s, r) -> {
            regs(s, r, 0, 0x80000001);
            flags(r, N | C);
        });
        // SSAT r0, #8, r1 saturates -300 to -128 and sets Q; flags otherwise kept
        add("ssat", spec(Z, new int[] {0xe6a70011}, 1, -300), (s, r) -> {
            regs(s, r, 0, -128);
            flags(r, Z | Q);
        });
        // USAT r2, #8, r3 of 255 is in range: no Q
        add("usat in range", spec(0, new int[] {0xe6e82013}, 3, 255), (s, r) -> {
            regs(s, r, 2, 255);
            flags(r, 0);
        });
        // SDIV by zero gives 0; INT_MIN / -1 gives INT_MIN; UDIV 100/7; SDIV rounds toward zero
        add("divide", spec(N | C, new int[] {0xe710f211, 0xe713f514, 0xe736f817, 0xe719fb1a}, 1, 1234, 2, 0, 4,
                0x80000000, 5, -1, 7, 100, 8, 7, 10, -7, 11, 2), (s, r) -> {
                    regs(s, r, 0, 0, 3, 0x80000000, 6, 14, 9, -3);
                    flags(r, N | C);
                });
        // UMULL r0, r1, r2, r3: 0xffffffff^2 = 0xfffffffe_00000001
        add("umull", spec(0, new int[] {0xe0810392}, 2, -1, 3, -1), (s, r) -> regs(s, r, 0, 1, 1, 0xfffffffe));
        // QADD r0, r1, r2 saturates and sets Q
        add("qadd", spec(0, new int[] {0xe1020051}, 1, 0x7fffffff, 2, 1), (s, r) -> {
            regs(s, r, 0, 0x7fffffff);
            flags(r, Q);
        });
        // UADD8 r0, r1, r2 sets GE per byte carry; SEL r3, r4, r5 picks r4's bytes where GE is set
        add("uadd8 + sel", spec(0, new int[] {0xe6510f92, 0xe6843fb5}, 1, 0x80ff0001, 2, 0x80010001, 4, 0x11223344, 5,
                0xaabbccdd), (s, r) -> {
                    regs(s, r, 0, 0x00000002, 3, 0x1122ccdd);
                    flags(r, 0b1100 << 16);
                });
        // ADDNE with Z set does nothing
        add("condition fails", spec(Z, new int[] {0x10810002}), (s, r) -> {
            regs(s, r);
            flags(r, Z);
        });
        // unaligned LDR r0, [r12, #1] (SCTLR.A = 0), then STRD r2, r3, [r12, #8]
        add("unaligned ldr + strd", spec(0, new int[] {0xe59c0001, 0xe1cc20f8}, 2, 0xdeadbeef, 3, 0x01020304),
                (s, r) -> {
                    regs(s, r, 0, 0x44332211);
                    byte[] want = s.scratch().clone();
                    byte[] stored = {(byte) 0xef, (byte) 0xbe, (byte) 0xad, (byte) 0xde, 4, 3, 2, 1};
                    System.arraycopy(stored, 0, want, 8, 8);
                    assertArrayEquals(want, r.scratch());
                });
        // ADD r5, r12, #16; LDMDB r5!, {r0, r1}
        add("ldmdb writeback", spec(0, new int[] {0xe28c5010, 0xe9350003}), (s, r) -> {
            regs(s, r, 0, 0xbbaa9988, 1, 0xffeeddcc, 5, A32Batch.SCRATCH_ADDRESS + 8);
            memoryUnchanged(s, r);
        });
        // MSR APSR_nzcvqg, r1 then MRS r2, APSR
        add("msr + mrs", spec(0, new int[] {0xe12cf001, 0xe10f2000}, 1, 0xffffffff), (s, r) -> {
            assertEquals(FLAG_BITS, r.regs()[2] & FLAG_BITS);
            flags(r, FLAG_BITS);
        });

        List<CaseSpec> specs = hands.stream().map(Hand::spec).toList();
        ProcessRunner.Result q = DiffRunner.runQemu(DiffRunner.writeElf(dir, "hand.elf", specs));
        assertNull(DiffRunner.qemuProblem(specs, q));
        List<CaseResult> results = A32Batch.parse(q.stdout()).records();
        for (int i = 0; i < hands.size(); i++) {
            Hand h = hands.get(i);
            try {
                h.check().accept(h.spec(), results.get(i));
            } catch (AssertionError e) {
                throw new AssertionError("hand case '" + h.name() + "': " + e.getMessage(), e);
            }
        }
    }

    @Test
    void generatedBatchRunsCleanlyAndDeterministicallyOnQemu(@TempDir Path dir) {
        ProcessRunner.requireQemu();
        List<CaseSpec> cases = new ArrayList<>();
        for (long s : DiffRunner.caseSeeds(0x5e1fc4ecL, 3000)) {
            cases.add(A32Gen.generate(s));
        }
        Path elf = DiffRunner.writeElf(dir, "gen.elf", cases);
        ProcessRunner.Result first = DiffRunner.runQemu(elf);
        assertNull(DiffRunner.qemuProblem(cases, first));
        assertEquals(cases.size() * A32Batch.RECORD_SIZE, first.stdout().length);
        for (CaseResult r : A32Batch.parse(first.stdout()).records()) {
            // still SVC mode, ARM state, A/I/F masked: no generated instruction may touch the control bits
            assertEquals(0x1d3, r.cpsr() & 0x1ff, () -> "case " + r.index() + " CPSR " + Integer.toHexString(r.cpsr()));
        }
        ProcessRunner.Result second = DiffRunner.runQemu(elf);
        assertArrayEquals(first.stdout(), second.stdout(), "QEMU must give the same output for the same batch");
    }

    @Test
    void noRecordIsLostWhenTheReaderIsSlow(@TempDir Path dir) {
        ProcessRunner.requireQemu();
        // QEMU's stdout is non-blocking: with a full pipe SYS_WRITE is partial, and the guest must retry
        List<CaseSpec> cases = new ArrayList<>();
        for (long s : DiffRunner.caseSeeds(0x510e, 1000)) {
            cases.add(A32Gen.generate(s));
        }
        Path elf = DiffRunner.writeElf(dir, "slow.elf", cases);
        String qemu = ProcessRunner.QEMU + " " + String.join(" ", DiffRunner.args(elf)).replace(elf.toString(),
                "'" + elf + "'");
        ProcessRunner.Result r = ProcessRunner.run(List.of("sh", "-c", qemu + " 2>/dev/null | (sleep 1; cat)"), null,
                DiffRunner.TIMEOUT);
        assertEquals(cases.size() * A32Batch.RECORD_SIZE, r.stdout().length, "bytes through a slow pipe");
        assertNull(DiffRunner.qemuProblem(cases, r));
    }

    @Test
    void anExceptionInACaseStopsTheRunWithStatus99(@TempDir Path dir) {
        ProcessRunner.requireQemu();
        CaseSpec good = A32Gen.generate(1);
        CaseSpec udf = spec(0, new int[] {0xe7f000f0}); // UDF #0: permanently undefined
        List<CaseSpec> cases = List.of(good, udf, good);
        ProcessRunner.Result r = DiffRunner.runQemu(DiffRunner.writeElf(dir, "udf.elf", cases));
        assertEquals(A32Batch.EXCEPTION_EXIT, r.exitStatus(), r::toString);
        A32Batch.Output out = A32Batch.parse(r.stdout());
        assertEquals(1, out.records().size());
        assertNotNull(out.exception());
        assertEquals(1, out.exception()[0], "undefined-instruction vector");
        String problem = DiffRunner.qemuProblem(cases, r);
        assertTrue(problem.contains("undefined instruction exception") && problem.contains("in case 1"), problem);
    }

    @Test
    void sameSeedSameCaseAndSeedsDiffer() {
        CaseSpec a = A32Gen.generate(42);
        CaseSpec b = A32Gen.generate(42);
        assertArrayEquals(a.code(), b.code());
        assertArrayEquals(a.regs(), b.regs());
        assertArrayEquals(a.scratch(), b.scratch());
        assertEquals(a.apsr(), b.apsr());
        assertNotEquals(a.codeHex(), A32Gen.generate(43).codeHex());
    }

    @Test
    void diffReportNamesEveryDifferingRegisterFlagAndWord() {
        int[] regs = new int[CaseSpec.REG_COUNT];
        byte[] mem = new byte[CaseSpec.SCRATCH_SIZE];
        CaseResult qemu = new CaseResult(0, regs, 0x600001d3, mem);
        assertEquals("", DiffReport.diff(qemu, new CaseResult(0, regs.clone(), 0x600001d3, mem.clone())));
        int[] otherRegs = regs.clone();
        otherRegs[3] = 7;
        otherRegs[12] = -1;
        byte[] otherMem = mem.clone();
        otherMem[0x41] = 1;
        String d = DiffReport.diff(qemu, new CaseResult(0, otherRegs, 0x400001d3, otherMem));
        assertTrue(d.contains("r3  qemu=00000000 ours=00000007"), d);
        assertTrue(d.contains("lr  qemu=00000000 ours=ffffffff"), d);
        assertTrue(d.contains("CPSR qemu=600001d3 (nZCvq GE=0000) ours=400001d3 (nZcvq GE=0000)"), d);
        assertTrue(d.contains("mem[r12+0x40] qemu=00 00 00 00 ours=00 01 00 00"), d);
        assertEquals(4, d.lines().count(), d);
    }

    private static final String[] PROMISED = {"and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq",
        "cmp", "cmn", "orr", "mov", "bic", "mvn", "ands", "adcs", "rscs", "movs", "lsl", "lsr", "asr", "ror", "rrx",
        "mul", "mla", "mls", "umull", "umlal", "smull", "smlal", "umaal", "smlabb", "smlatt", "smulbt", "smulwb",
        "smlawt", "smlalbt", "smuad", "smusd", "smlad", "smlsd", "smladx", "smlald", "smlsld", "smmul", "smmulr",
        "smmla", "smmlar", "smmls", "smmlsr", "sdiv", "udiv", "qadd", "qsub", "qdadd", "qdsub", "ssat", "usat",
        "ssat16", "usat16", "sadd16", "qasx", "shsax", "ssub16", "uadd8", "uqsub8", "uhsub16", "usax", "sel", "usad8",
        "usada8", "pkhbt", "pkhtb", "sxtb", "sxth", "sxtb16", "sxtab", "sxtah", "sxtab16", "uxtb", "uxth", "uxtb16",
        "uxtab", "uxtah", "uxtab16", "rev", "rev16", "revsh", "rbit", "clz", "bfc", "bfi", "sbfx", "ubfx", "movw",
        "movt", "mrs", "msr", "ldr", "str", "ldrb", "strb", "ldrh", "strh", "ldrsh", "ldrsb", "ldrd", "strd", "ldm",
        "stm", "ldmib", "ldmda", "ldmdb", "stmib", "stmda", "stmdb"};
    private static final String CONDITIONS = "(eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)?";

    @Test
    void generatedCodeHasNoUnpredictableEncodingsAndCoversThePromisedInstructions() {
        Objdump.require();
        List<Integer> words = new ArrayList<>();
        for (long s : DiffRunner.caseSeeds(0xd15a55e4L, 4000)) {
            for (int w : A32Gen.generate(s).code()) {
                words.add(w);
            }
        }
        List<String> lines = Objdump.disassemble(words.stream().mapToInt(Integer::intValue).toArray());
        assertNotNull(lines, "objdump output");
        Set<String> mnemonics = new HashSet<>();
        for (String line : lines) {
            String lower = line.toLowerCase();
            assertTrue(!lower.contains("unpredictable") && !lower.contains("undefined") && !lower.contains("illegal"),
                    line);
            // a PC, SP or r12 operand written by a generated instruction would break the harness
            String[] parts = lower.split("\\s+", 3);
            mnemonics.add(parts[1]);
            assertTrue(parts.length < 3 || !parts[2].matches("(pc|sp)\\b.*"), line);
        }
        List<String> missing = new ArrayList<>();
        for (String m : PROMISED) {
            if (mnemonics.stream().noneMatch(x -> x.matches(m + CONDITIONS))) {
                missing.add(m);
            }
        }
        assertTrue(missing.isEmpty(), "never generated: " + missing);
    }
}
