package io.mttcgj.codegen.arm.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden cases that run without objdump. Expected texts are objdump 2.40's output for the word, rewritten where
 * {@link A32Disassembler} deliberately follows the ARM ARM instead (marked "ARM ARM").
 */
class A32DisassemblerTest {
    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "e0810182 | 80000000 | add r0, r1, r2, lsl #3",
        "e5310004 | 80000000 | ldr r0, [r1, #-4]!",
        "1a000002 | 80000008 | bne 0x80000018",
        "eafffffe | 800000fc | b 0x800000fc",
        "fa000000 | 800000f0 | blx 0x800000f8",
        "fbffffff | 800000f4 | blx 0x800000fa",
        "e92d4010 | 0 | push {r4, lr}",
        "e8bd8010 | 0 | pop {r4, pc}",
        "e52d4004 | 0 | push {r4}",
        "e92d0010 | 0 | stmfd sp!, {r4}",
        "e8d00006 | 0 | ldm r0, {r1, r2}^",
        "e9ad0006 | 0 | stmib sp!, {r1, r2}",
        "e3a004ff | 0 | mov r0, #-16777216",
        "e21eee14 | 0 | ands lr, lr, #20, 28",
        "e1a00061 | 0 | rrx r0, r1",
        "e1a00331 | 0 | lsr r0, r1, r3",
        "e1b0f00e | 0 | movs pc, lr",
        "e12fff1e | 0 | bx lr",
        "ef000001 | 0 | svc 0x00000001",
        "e1200070 | 0 | bkpt 0x0000",
        "e7f000f0 | 0 | udf #0",
        "e1000200 | 0 | mrs r0, R8_usr",
        "e12df300 | 0 | msr SP_mon, r0",
        "e129f000 | 0 | msr CPSR_fc, r0",
        "f10a01d3 | 0 | cpsie aif, #19",
        "f8bd0a00 | 0 | rfeia sp!",
        "1192af9f | 0 | ldrexne sl, [r2]",
        "e0b100b4 | 0 | ldrht r0, [r1], r4",
        "e7910062 | 0 | ldr r0, [r1, r2, rrx]",
        "e7e50251 | 0 | ubfx r0, r1, #4, #6",
        "e7a50251 | 0 | sbfx r0, r1, #4, #6",
        "e6af0472 | 0 | sxtb r0, r2, ror #8",
        "e75012f1 | 0 | smmlsr r0, r1, r2, r1",
        "e3410234 | 0 | movt r0, #4660",
        // ARM ARM spellings where objdump differs:
        "ee100fb0 | 0 | mrc p15, 0, r0, c0, c0, 5",
        "ee010f10 | 0 | mcr p15, 0, r0, c1, c0, 0",
        "ec510f20 | 0 | mrrc p15, 2, r0, r1, c0",
        "ed312305 | 0 | ldc p3, c2, [r1, #-20]!",
        "e1c120d4 | 0 | ldrd r2, r3, [r1, #4]",
        "e1b00f9f | 0 | ldrexd r0, r1, [r0]",
        "e1a10f92 | 0 | strexd r0, r2, r3, [r1]",
        "e6a00052 | 0 | ssat r0, #1, r2, asr #32",
        "e320f000 | 0 | nop",
        "e1a00000 | 0 | nop",
        "f57ff057 | 0 | dmb nsh",
        "f57ff056 | 0 | dmb nshst",
        // unknown to us: undefined, UNPREDICTABLE bitfield, NEON
        "e7101211 | 0 | .word 0xe7101211",
        "e7cf0f1f | 0 | .word 0xe7cf0f1f",
        "e7e50f51 | 0 | .word 0xe7e50f51",
        "f4000000 | 0 | .word 0xf4000000",
        "07f000f0 | 0 | .word 0x07f000f0",
    })
    void disassembles(String word, String pc, String expected) {
        int insn = (int) Long.parseLong(word, 16);
        int address = (int) Long.parseLong(pc, 16);
        assertEquals(expected, A32Disassembler.disassemble(insn, address));
    }
}
