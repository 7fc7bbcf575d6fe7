package io.mttcgj.codegen.arm.disasm;

import java.util.List;

/**
 * ARMv7-A Thumb (T16 and T32) disassembler for {@code -d in_asm} style logging, the Thumb counterpart of
 * {@link A32Disassembler} with the same conventions.
 *
 * <p>Output follows GNU objdump's Thumb spelling (UAL mnemonics with objdump's {@code .n}/{@code .w}
 * qualifiers, {@code sl/fp/ip/sp/lr/pc}, absolute branch targets, T32 immediates in unsigned decimal,
 * literal addresses as a trailing {@code @ ...} comment) with a single space between mnemonic and operands.
 * Inside an IT block (see {@link #disassemble(int, boolean, int, int)}) mnemonics carry the block's
 * condition and the 16-bit flag-setting forms lose their {@code s}, as objdump prints them.
 * Deliberate differences from objdump 2.40, the same as for A32:
 * <ul>
 *   <li>coprocessor operands read {@code mrc p15, 0, r0, c1, c0, 0} (objdump: {@code 15, ..., cr1, ..., {0}}),
 *       and coprocessors 10/11 are printed in that generic form, never as VFP instructions;</li>
 *   <li>barrier options 7/6 print {@code nsh/nshst} (objdump: {@code un/unst});</li>
 *   <li>only ARMv7-A is decoded: the ARMv8 and M-profile names objdump gives some hint, barrier and
 *       unallocated encodings ({@code sevl}, {@code esb}, {@code bti}, {@code pac}, {@code ssbb},
 *       {@code crc32b}, ...) print as the v7 instruction ({@code nop.w {5}}, {@code dsb #0}) or as unknown;</li>
 *   <li>LDRD/STRD pre-indexed with writeback and offset 0 print {@code [rn, #0]!} (objdump drops the
 *       writeback: {@code [rn]}).</li>
 * </ul>
 * Encodings it does not know (Advanced SIMD, architecturally UNDEFINED or unallocated space, encodings whose
 * fields are UNPREDICTABLE as a whole, such as a bit-field with msb &lt; lsb) come back as
 * {@code .inst.n 0x....} / {@code .inst.w 0x........}, the assembler directive that re-creates them. The
 * disassembler never throws.
 *
 * <p>Decoding is tables of {@link io.mttcgj.codegen.arm.decode.BitPattern} rows as for A32 (see
 * {@link ThumbTable}): 16-bit instructions are matched in the low halfword ({@link T16Rows}); 32-bit ones
 * with the first halfword in bits 31:16 ({@link T32DataRows}, {@link T32MultiplyRows},
 * {@link T32MemoryRows}, {@link T32ControlRows}), the coprocessor space through {@link A32Table}'s
 * coprocessor rows, whose encodings are the Thumb ones with 1110 (or 1111: the *2 forms) on top.
 */
public final class ThumbDisassembler {
    private static final List<A32Table.Row> T16 = ThumbTable.t16();
    private static final List<A32Table.Row> T32 = ThumbTable.t32();
    private static final List<A32Table.Row> COPROCESSOR = A32Table.coprocessor(false);
    private static final List<A32Table.Row> COPROCESSOR_2 = A32Table.coprocessor(true);
    private static final String[] IT_CONDS = {
        "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

    private ThumbDisassembler() {
    }

    /**
     * Disassembles one Thumb instruction outside an IT block.
     *
     * @param insn a 32-bit instruction with its first halfword in bits 31:16 and the second in 15:0, or a
     *             16-bit one in bits 15:0
     * @param wide true for a 32-bit instruction
     * @param pc   the address of the instruction, for branch targets and literal addresses
     * @return e.g. {@code "adds r0, r1, #3"}, {@code "b.n 0x80000010"}, or {@code ".inst.w 0x..."}
     */
    public static String disassemble(int insn, boolean wide, int pc) {
        return disassemble(insn, wide, pc, 0);
    }

    /**
     * Disassembles one Thumb instruction that runs with ITSTATE {@code itState} (CPSR.IT as the ARM ARM and
     * {@link io.mttcgj.codegen.arm.thumb.ItState} keep it: firstcond in bits 7:4, 0 outside an IT block).
     * Inside a block the mnemonic carries the block's current condition, as objdump shows it.
     */
    public static String disassemble(int insn, boolean wide, int pc, int itState) {
        String cond = (itState & 0xf) != 0 ? IT_CONDS[(itState >>> 4) & 15] : "";
        if (!wide) {
            int hw = insn & 0xffff;
            if ((hw >>> 11) >= 0b11101) {
                return unknown(hw, false); // the first half of a 32-bit instruction
            }
            String text = match(T16, hw, pc, cond);
            return text != null ? text : unknown(hw, false);
        }
        if ((insn >>> 27) < 0b11101) {
            return unknown(insn, true);
        }
        String text = null;
        if ((insn & 0xec000000) == 0xec000000) {
            text = match((insn >>> 28) == 0xf ? COPROCESSOR_2 : COPROCESSOR, insn, pc, cond);
        }
        if (text == null) {
            text = match(T32, insn, pc, cond);
        }
        return text != null ? text : unknown(insn, true);
    }

    private static String match(List<A32Table.Row> table, int insn, int pc, String cond) {
        for (A32Table.Row row : table) {
            if (row.pattern().matches(insn)) {
                String text = row.formatter().format(new Fields(insn, pc, row.pattern(), cond));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    static String unknown(int insn, boolean wide) {
        return wide ? String.format(".inst.w 0x%08x", insn) : String.format(".inst.n 0x%04x", insn & 0xffff);
    }
}
