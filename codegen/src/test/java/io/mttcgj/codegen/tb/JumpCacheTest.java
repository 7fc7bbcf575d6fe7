package io.mttcgj.codegen.tb;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mttcgj.codegen.arm.state.CpuState;
import org.junit.jupiter.api.Test;

/** A TLBI drops the jump cache's blocks of the flushed span, and keeps blocks of other pages. */
class JumpCacheTest {
    private static TranslationBlock block(int pc) {
        TranslationBlock tb = new TranslationBlock() {
            @Override
            public TranslationBlock exec(CpuState cpu) {
                return null;
            }
        };
        tb.pc = pc;
        return tb;
    }

    @Test
    void flushSpanDropsEveryBlockOfThePagesAndKeepsTheNeighbours() {
        JumpCache j = new JumpCache(12);
        int[] inPage = {0x80001000, 0x80001004, 0x80001002, 0x80001ffc, 0x80001800};
        for (int pc : inPage) {
            j.put(block(pc));
        }
        j.put(block(0x80000ff8));
        j.put(block(0x80002000));
        j.flushSpan(0x80001234, 12);
        for (int pc : inPage) {
            assertNull(j.get(pc, 0, 0), String.format("block at %08x survived its page's flush", pc));
        }
        assertNotNull(j.get(0x80000ff8, 0, 0));
        assertNotNull(j.get(0x80002000, 0, 0));
    }

    @Test
    void flushSpanOfASectionDropsBlocksOnAllItsPages() {
        JumpCache j = new JumpCache(12);
        for (int p = 0; p < 256; p += 17) {
            j.put(block(0xc0300000 + (p << 12) + 0x40));
        }
        j.put(block(0xc0400040));
        j.flushSpan(0xc03abcde, 20);
        for (int p = 0; p < 256; p += 17) {
            assertNull(j.get(0xc0300000 + (p << 12) + 0x40, 0, 0));
        }
        // 256 pages: more than the 64 page groups, so the whole cache goes (correct, if not minimal).
        j.put(block(0xc0420040)); // its page group (0x30) is none of the 64 KiB span's (0x10-0x1f)
        j.flushSpan(0xc0012000, 16);
        assertNotNull(j.get(0xc0420040, 0, 0), "a 64 KiB span elsewhere must not drop this block");
    }
}
