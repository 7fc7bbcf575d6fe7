package io.mttcgj.codegen.arm.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden cases that run without objdump. Expected texts are objdump 2.40's output for the instruction
 * ({@code -Mforce-thumb}), with one space for objdump's tabs, comments other than literal addresses left out,
 * and rewritten where {@link ThumbDisassembler} deliberately differs (marked "ARM ARM", as in
 * {@link A32DisassemblerTest}). Four hex digits are a 16-bit instruction, eight a 32-bit one (first halfword
 * first).
 */
class ThumbDisassemblerTest {
    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // 16-bit
        "0000 | 80000000 | movs r0, r0",
        "1c88 | 80000002 | adds r0, r1, #2",
        "0808 | 80000000 | lsrs r0, r1, #32",
        "4248 | 80000004 | negs r0, r1",
        "4348 | 80000006 | muls r0, r1",
        "4468 | 80000008 | add r0, sp",
        "46c0 | 8000000a | nop",
        "4778 | 8000000c | bx pc",
        "5e88 | 8000000e | ldrsh r0, [r1, r2]",
        "6808 | 80000010 | ldr r0, [r1, #0]",
        "4800 | 80000012 | ldr r0, [pc, #0] @ (0x80000014)",
        "a001 | 80000014 | add r0, pc, #4 @ (adr r0, 0x8000001c)",
        "9801 | 80000016 | ldr r0, [sp, #4]",
        "b081 | 80000018 | sub sp, #4",
        "b510 | 8000001a | push {r4, lr}",
        "bd10 | 8000001c | pop {r4, pc}",
        "c803 | 8000001e | ldmia r0, {r0, r1}",
        "c802 | 80000020 | ldmia r0!, {r1}",
        "b673 | 80000022 | cpsid if",
        "b658 | 80000024 | setend be",
        "be01 | 80000026 | bkpt 0x0001",
        "b101 | 80000028 | cbz r1, 0x8000002c",
        "b9ff | 8000002a | cbnz r7, 0x8000006c",
        "d0fe | 8000002c | beq.n 0x8000002c",
        "d180 | 8000002e | bne.n 0x7fffff32",
        "e7fe | 80000030 | b.n 0x80000030",
        "e400 | 80000032 | b.n 0x7ffff836",
        "e7fc | 00000000 | b.n 0xfffffffc",
        "de00 | 80000034 | udf #0",
        "df01 | 80000036 | svc 1",
        "dfff | 80000038 | svc 255",
        "bf00 | 8000003a | nop",
        "bf60 | 8000003c | nop {6}",
        "ba80 | 8000003e | hlt 0x0000",
        "bf3a | 80000000 | itte cc",
        "bfe4 | 80000000 | itt al",
        // 32-bit data processing
        "f1000001 | 80000040 | add.w r0, r0, #1",
        "f1100f01 | 80000044 | cmn.w r0, #1",
        "f0100f01 | 80000048 | tst.w r0, #1",
        "f0900f01 | 8000004c | teq r0, #1",
        "f04f30ff | 80000050 | mov.w r0, #4294967295",
        "ea4f0181 | 80000054 | mov.w r1, r1, lsl #2",
        "ea5f0131 | 80000058 | movs.w r1, r1, rrx",
        "ea610202 | 8000005c | orn r2, r1, r2",
        "ebc10202 | 80000060 | rsb r2, r1, r2",
        "eac10022 | 80000064 | pkhtb r0, r1, r2, asr #32",
        "fa01f002 | 80000068 | lsl.w r0, r1, r2",
        "f20f0004 | 8000006c | addw r0, pc, #4",
        "f2401234 | 80000070 | movw r2, #308",
        "f6cf70ff | 80000074 | movt r0, #65535",
        "f3010045 | 80000078 | ssat r0, #6, r1, lsl #1",
        "f3610105 | 8000007c | bfi r1, r1, #0, #6",
        "f36f0105 | 80000080 | bfc r1, #0, #6",
        "f3410105 | 80000084 | sbfx r1, r1, #0, #6",
        // multiplies, media
        "fb00f102 | 80000088 | mul.w r1, r0, r2",
        "fb013112 | 8000008c | mls r1, r1, r2, r3",
        "fb11f002 | 80000090 | smulbb r0, r1, r2",
        "fba13002 | 80000094 | umull r3, r0, r1, r2",
        "fbb1f0f2 | 80000098 | udiv r0, r1, r2",
        "fa0ff091 | 8000009c | sxth.w r0, r1, ror #8",
        "fa01f091 | 800000a0 | sxtah r0, r1, r1, ror #8",
        "fa2ff081 | 800000a4 | sxtb16 r0, r1",
        "fa81f002 | 800000a8 | sadd8 r0, r1, r2",
        "fa82f0b1 | 800000ac | qdsub r0, r1, r2",
        "fa91f0a1 | 800000b0 | rbit r0, r1",
        // loads and stores
        "f8d10004 | 800000b4 | ldr.w r0, [r1, #4]",
        "f8510c00 | 800000b8 | ldr.w r0, [r1]",
        "f8510d04 | 800000bc | ldr.w r0, [r1, #-4]!",
        "f8510b04 | 800000c0 | ldr.w r0, [r1], #4",
        "f8510e04 | 800000c4 | ldrt r0, [r1, #4]",
        "f9110e04 | 800000c8 | ldrsbt r0, [r1, #4]",
        "f8510022 | 800000cc | ldr.w r0, [r1, r2, lsl #2]",
        "f811f00c | 800000d0 | pld [r1, ip]",
        "f81ff004 | 800000d4 | pld [pc, #-4] @ 0x800000d4",
        "f8b1f004 | 800000d8 | pldw [r1, #4]",
        "f991f004 | 800000dc | pli [r1, #4]",
        "f8df0004 | 800000e0 | ldr.w r0, [pc, #4] @ 0x800000e8",
        "f85f0004 | 800000e4 | ldr.w r0, [pc, #-4] @ 0x800000e4",
        "e9c10100 | 800000e8 | strd r0, r1, [r1]",
        "e9410100 | 800000ec | strd r0, r1, [r1, #-0]",
        "e9df0101 | 800000f0 | ldrd r0, r1, [pc, #4] @ 0x800000f8",
        "e8510f01 | 800000f4 | ldrex r0, [r1, #4]",
        "e8d1017f | 800000f8 | ldrexd r0, r1, [r1]",
        "e8c12373 | 800000fc | strexd r3, r2, r3, [r1]",
        "e8d1f012 | 80000100 | tbh [r1, r2, lsl #1]",
        "e891000c | 80000104 | ldmia.w r1, {r2, r3}",
        "e92d4010 | 80000108 | stmdb sp!, {r4, lr}",
        "e8bd8010 | 8000010c | ldmia.w sp!, {r4, pc}",
        "e9adc013 | 80000110 | srsia sp!, #19",
        "e811c000 | 80000114 | rfedb r1",
        // branches, system
        "f000b800 | 80000118 | b.w 0x8000011c",
        "f43faffe | 8000011c | beq.w 0x8000011c",
        "f000f800 | 80000120 | bl 0x80000124",
        "f7fff800 | 80000124 | bl 0x7ffff128",
        "f000e800 | 80000128 | blx 0x8000012c",
        "f000e800 | 8000012a | blx 0x8000012c",
        "f3808c00 | 8000012c | msr CPSR_fs, r0",
        "f3808120 | 80000130 | msr R9_usr, r0",
        "f3ef8000 | 80000134 | mrs r0, CPSR",
        "f3f08030 | 80000138 | mrs r0, SPSR_irq",
        "f3af8000 | 8000013c | nop.w",
        "f3af8006 | 80000140 | nop.w {6}",
        "f3af8014 | 80000144 | csdb",
        "f3af80f3 | 80000148 | dbg #3",
        "f3af84e0 | 8000014c | cpsie.w aif",
        "f3af8520 | 80000150 | cpsie f, #0",
        "f3af8113 | 80000154 | cps #19",
        "f3bf8f2f | 80000158 | clrex",
        "f3bf8f4f | 8000015c | dsb sy",
        "f3bf8f61 | 80000164 | isb #1",
        "f3c08f00 | 80000168 | bxj r0",
        "f3de8f04 | 8000016c | subs pc, lr, #4",
        "f7e08000 | 80000170 | hvc #0",
        "f7f08000 | 80000174 | smc #0",
        "f7f0a0ff | 80000178 | udf.w #255",
        // ARM ARM spellings where objdump differs (as in A32DisassemblerTest):
        "ee100f10 | 8000017c | mrc p15, 0, r0, c0, c0, 0",
        "ec510f20 | 80000180 | mrrc p15, 2, r0, r1, c0",
        "ed312305 | 80000184 | ldc p3, c2, [r1, #-20]!",
        "fe100fb0 | 80000188 | mrc2 p15, 0, r0, c0, c0, 5",
        "ee110a10 | 8000018c | mrc p10, 0, r0, c1, c0, 0",
        "f3bf8f57 | 80000160 | dmb nsh",
        "e9e10100 | 80000000 | strd r0, r1, [r1, #0]!",
        "f3bf8f40 | 80000000 | dsb #0",
        "f3af8005 | 80000000 | nop.w {5}",
        // unknown to us: NEON, undefined, UNPREDICTABLE encodings, half of a 32-bit instruction
        "efc00010 | 80000190 | .inst.w 0xefc00010",
        "f9200000 | 80000000 | .inst.w 0xf9200000",
        "b600 | 80000000 | .inst.n 0xb600",
        "b668 | 80000000 | .inst.n 0xb668",
        "b660 | 80000000 | .inst.n 0xb660",
        "4701 | 80000000 | .inst.n 0x4701",
        "bff8 | 80000000 | .inst.n 0xbff8",
        "bfe6 | 80000000 | .inst.n 0xbfe6",
        "f3c08000 | 80000000 | .inst.w 0xf3c08000",
        "f3af8610 | 80000000 | .inst.w 0xf3af8610",
        "f3af8400 | 80000000 | .inst.w 0xf3af8400",
        "f3ef8001 | 80000000 | .inst.w 0xf3ef8001",
        "f39e8f30 | 80000000 | .inst.w 0xf39e8f30",
        "f3c1601f | 80000000 | .inst.w 0xf3c1601f",
        "f3611400 | 80000000 | .inst.w 0xf3611400",
        "fa91f0a2 | 80000000 | .inst.w 0xfa91f0a2",
        "f8df0004 | 80000000 | ldr.w r0, [pc, #4] @ 0x80000008",
        "e8002001 | 80000000 | .inst.w 0xe8002001",
    })
    void disassembles(String word, String pc, String expected) {
        boolean wide = word.length() > 4;
        int insn = (int) Long.parseLong(word, 16);
        int address = (int) Long.parseLong(pc, 16);
        assertEquals(expected, ThumbDisassembler.disassemble(insn, wide, address));
    }

    /** Inside an IT block: the block's condition, no flag-setting "s" on 16-bit forms (objdump 2.40). */
    @ParameterizedTest(name = "{0} with ITSTATE {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "4308 | 08 | orreq r0, r1",
        "1c88 | 1c | addne r0, r1, #2",
        "f1000001 | 18 | addne.w r0, r0, #1",
        "4308 | e8 | orral r0, r1",
        "fe100f10 | 0c | mrc2eq p15, 0, r0, c0, c0, 0",
        "e8bd8010 | 18 | ldmiane.w sp!, {r4, pc}",
        "bf00 | ac | nopge",
        "f3af8000 | b8 | noplt.w",
        "d0fe | 18 | beq.n 0x7ffffffc",
        "be01 | 08 | bkpt 0x0001",
        "2801 | 08 | cmpeq r0, #1",
        "f8d10004 | 38 | ldrcc.w r0, [r1, #4]",
        "f891f004 | 38 | pldcc [r1, #4]",
        "4308 | 00 | orrs r0, r1",
    })
    void disassemblesInsideItBlocks(String word, String itState, String expected) {
        boolean wide = word.length() > 4;
        int insn = (int) Long.parseLong(word, 16);
        assertEquals(expected, ThumbDisassembler.disassemble(insn, wide, 0x7ffffffc, Integer.parseInt(itState, 16)));
    }

    /**
     * Every halfword (alone and as a first half), and 100,000 random words, with random ITSTATEs and PCs:
     * text, never an exception.
     */
    @Test
    void neverThrows() {
        Random random = new Random(0x7b1_7e57L);
        for (int hw = 0; hw < 0x10000; hw++) {
            check(hw, false, random);
            check(hw << 16 | random.nextInt(0x10000), true, random);
        }
        for (int i = 0; i < 50_000; i++) {
            int w = random.nextInt();
            check(w | 0xe8000000, true, random);
            check(w, random.nextBoolean(), random);
        }
    }

    private static void check(int insn, boolean wide, Random random) {
        int it = random.nextInt(4) == 0 ? random.nextInt(256) : 0;
        String text = ThumbDisassembler.disassemble(insn, wide, random.nextInt(), it);
        assertNotNull(text);
        assertFalse(text.isEmpty());
    }
}
