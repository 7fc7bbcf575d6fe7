package io.mttcgj.codegen.arm.disasm;

import io.mttcgj.codegen.arm.decode.BitPattern;
import java.util.List;

/**
 * ARMv7-A A32 disassembler for {@code -d in_asm} style logging (no VFP / Advanced SIMD).
 *
 * <p>Output follows GNU objdump's spelling (UAL mnemonics, {@code sl/fp/ip/sp/lr/pc} register names, signed
 * decimal immediates, absolute branch targets) with a single space between mnemonic and operands. Deliberate
 * differences from objdump 2.40, chosen to follow the ARM ARM:
 * <ul>
 *   <li>coprocessor operands read {@code mrc p15, 0, r0, c1, c0, 0} (objdump: {@code 15, ..., cr1, ..., {0}});</li>
 *   <li>LDRD/STRD/LDREXD/STREXD list both transfer registers ({@code ldrd r2, r3, [r1]});</li>
 *   <li>SSAT/USAT with an ASR #0 encoding print {@code asr #32}; barrier options 7/6 print {@code nsh/nshst};</li>
 *   <li>the architectural NOP hint prints {@code nop} (objdump: {@code nop {0}}); coprocessors 10/11 are printed
 *       in generic coprocessor form, never as VFP/NEON instructions.</li>
 * </ul>
 * Encodings it does not know (NEON, VFP data processing in the unconditional space, architecturally undefined
 * or unallocated space) come back as {@code .word 0x...}.
 *
 * <p>Decoding is two tables of {@link BitPattern} rows (see {@link A32Table}): words with condition field
 * {@code 1111} use the unconditional table, all others the conditional one. Within a table the first row
 * whose pattern matches and whose formatter accepts the word wins.
 */
public final class A32Disassembler {
    private static final List<A32Table.Row> UNCONDITIONAL = A32Table.unconditional();
    private static final List<A32Table.Row> CONDITIONAL = A32Table.conditional();

    private A32Disassembler() {
    }

    /**
     * Disassembles one A32 instruction word.
     *
     * @param insn the instruction word (as loaded little-endian from memory)
     * @param pc   the address of the instruction, used for PC-relative branch targets
     * @return e.g. {@code "add r0, r1, r2, lsl #3"}, or {@code ".word 0x..."} for an unknown encoding
     */
    public static String disassemble(int insn, int pc) {
        List<A32Table.Row> table = (insn >>> 28) == 0xf ? UNCONDITIONAL : CONDITIONAL;
        for (A32Table.Row row : table) {
            if (row.pattern().matches(insn)) {
                String text = row.formatter().format(new Fields(insn, pc, row.pattern()));
                if (text != null) {
                    return text;
                }
            }
        }
        return unknown(insn);
    }

    static String unknown(int insn) {
        return String.format(".word 0x%08x", insn);
    }
}
