package io.mttcgj.it.diff;

import io.mttcgj.it.diff.A32Batch.CaseResult;
import java.util.List;

/** Human-readable descriptions of one case and of how two results for it differ. */
final class DiffReport {
    private DiffReport() {
    }

    /** The instruction words, disassembled when objdump is installed, else as hex. */
    static String code(CaseSpec spec) {
        List<String> dis = Objdump.disassemble(spec.code());
        if (dis == null) {
            return "  " + spec.codeHex();
        }
        StringBuilder sb = new StringBuilder();
        for (String line : dis) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Every register, flag and scratch byte that differs; empty when the results are equal. */
    static String diff(CaseResult expected, CaseResult actual) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < CaseSpec.REG_COUNT; i++) {
            if (expected.regs()[i] != actual.regs()[i]) {
                sb.append(String.format("  %-3s qemu=%08x ours=%08x%n", CaseSpec.regName(i), expected.regs()[i],
                        actual.regs()[i]));
            }
        }
        if (expected.cpsr() != actual.cpsr()) {
            sb.append(String.format("  CPSR qemu=%08x (%s) ours=%08x (%s)%n", expected.cpsr(),
                    CaseSpec.Flags.describe(expected.cpsr()), actual.cpsr(), CaseSpec.Flags.describe(actual.cpsr())));
        }
        byte[] e = expected.scratch();
        byte[] a = actual.scratch();
        for (int word = 0; word < e.length; word += 4) {
            boolean differs = false;
            for (int k = 0; k < 4; k++) {
                differs |= e[word + k] != a[word + k];
            }
            if (differs) {
                sb.append(String.format("  mem[r12+0x%02x] qemu=%s ours=%s%n", word, bytes(e, word), bytes(a, word)));
            }
        }
        return sb.toString();
    }

    private static String bytes(byte[] b, int from) {
        return String.format("%02x %02x %02x %02x", b[from] & 0xff, b[from + 1] & 0xff, b[from + 2] & 0xff,
                b[from + 3] & 0xff);
    }
}
