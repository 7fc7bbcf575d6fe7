package io.mttcgj.codegen.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.disasm.A32Disassembler;
import io.mttcgj.codegen.arm.thumb.Thumb;
import io.mttcgj.codegen.tb.TbKey;
import io.mttcgj.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * -d in_asm and -d op for interpreted blocks: every instruction of the block is listed once, in order, with
 * its address and text; -d op names each instruction's tier-0 form and shows its condition.
 */
class Tier0LogTest {
    private static final int BASE = 0x80000000;

    @Test
    void interpretedBlocksAreListedInstructionByInstruction() {
        AddressSpace mem = new AddressSpace();
        mem.mapRam("ram", BASE, 1 << 16);
        int[] code = {0xe3a01001, 0x10811002, 0xe5912004, 0xeafffffc}; // mov r1,#1; addne r1,r1,r2; ldr r2,[r1,#4]; b
        for (int i = 0; i < code.length; i++) {
            mem.write(BASE + 4 * i, 4, code[i]);
        }
        DecodeTable a32 = A32.decoder();
        DecodeTable t16 = Thumb.t16();
        DecodeTable t32 = Thumb.t32();
        Tier0Ops.attach(a32, t16, t32);
        Tier0Builder b = new Tier0Builder(mem, a32, t16, t32, 64, 1000);
        List<String> inAsm = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        b.setLogs(inAsm::add, ops::add, (insn, pc, thumb, wide, it) -> A32Disassembler.disassemble(insn, pc));
        InterpretedBlock tb = b.build(BASE, BASE, 0);
        assertNotNull(tb);
        assertEquals(4, tb.insnCount);
        assertEquals(1, inAsm.size());
        assertEquals(1, ops.size());
        String[] asmLines = inAsm.get(0).split("\n");
        String[] opLines = ops.get(0).split("\n");
        assertEquals(5, asmLines.length, inAsm.get(0));
        assertEquals(5, opLines.length, ops.get(0));
        for (int i = 0; i < code.length; i++) {
            String addr = String.format("0x%08x", BASE + 4 * i);
            String text = A32Disassembler.disassemble(code[i], BASE + 4 * i);
            assertTrue(asmLines[i + 1].startsWith(addr) && asmLines[i + 1].contains(String.format("%08x", code[i]))
                    && asmLines[i + 1].endsWith(text), asmLines[i + 1]);
            assertTrue(opLines[i + 1].contains(addr) && opLines[i + 1].endsWith(text), opLines[i + 1]);
        }
        assertTrue(opLines[1].contains("Dp"), opLines[1]);
        assertTrue(opLines[2].contains("Dp") && opLines[2].contains(" ne "), opLines[2]);
        assertTrue(opLines[3].contains("LdSt"), opLines[3]);
        assertTrue(opLines[4].contains("Branch"), opLines[4]);
    }

    @Test
    void thumbBlocksWithoutTier0FormsAreLeftToTheCompiler() {
        AddressSpace mem = new AddressSpace();
        mem.mapRam("ram", BASE, 1 << 16);
        mem.write(BASE, 2, 0xde00); // UDF #0: never interpreted
        DecodeTable a32 = A32.decoder();
        DecodeTable t16 = Thumb.t16();
        DecodeTable t32 = Thumb.t32();
        Tier0Ops.attach(a32, t16, t32);
        Tier0Builder b = new Tier0Builder(mem, a32, t16, t32, 64, 1000);
        assertEquals(null, b.build(BASE, BASE, TbKey.THUMB));
    }
}
