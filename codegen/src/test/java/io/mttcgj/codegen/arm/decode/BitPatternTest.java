package io.mttcgj.codegen.arm.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitPatternTest {
    @Test
    void fixedBitsFormMaskAndValue() {
        BitPattern p = BitPattern.of("cccc0000100Snnnnddddiiiiitt0mmmm");
        assertEquals(0x0fe00010, p.mask());
        assertEquals(0x00800000, p.value());
        assertTrue(p.matches(0xe0810182)); // add r0, r1, r2, lsl #3
        assertFalse(p.matches(0xe0410182)); // sub
        assertFalse(p.matches(0xe0810192)); // bit 4 set: register-shifted form
    }

    @Test
    void extractsContiguousFields() {
        BitPattern p = BitPattern.of("cccc0000100Snnnnddddiiiiitt0mmmm");
        int add = 0x10910182; // addsne r0, r1, r2, lsl #3
        assertEquals(1, p.field(add, 'c'));
        assertEquals(1, p.field(add, 'S'));
        assertEquals(1, p.field(add, 'n'));
        assertEquals(0, p.field(add, 'd'));
        assertEquals(3, p.field(add, 'i'));
        assertEquals(0, p.field(add, 't'));
        assertEquals(2, p.field(add, 'm'));
        assertEquals(5, p.fieldWidth('i'));
    }

    @Test
    void splitFieldsConcatenateMostSignificantFirst() {
        BitPattern bkpt = BitPattern.of("1110_0001_0010_iiii_iiii_iiii_0111_iiii");
        assertEquals(0xabcd, bkpt.field(0xe12abc7d, 'i'));
        BitPattern movw = BitPattern.of("cccc_0011_0000_iiii_dddd_iiii_iiii_iiii");
        assertEquals(0x1234, movw.field(0xe3010234, 'i'));
        assertEquals(16, movw.fieldWidth('i'));
    }

    @Test
    void dontCareBitsAreIgnoredAndSeparatorsAllowed() {
        BitPattern p = BitPattern.of("1111 0101 0111 1111 1111 0000 0101 ----");
        assertTrue(p.matches(0xf57ff05f));
        assertTrue(p.matches(0xf57ff050));
        assertFalse(p.matches(0xf57ff04f));
        assertEquals("1111010101111111111100000101----", p.pattern());
        assertFalse(p.hasField('o'));
    }

    @Test
    void malformedPatternsGiveClearMessages() {
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> BitPattern.of("0101"));
        assertTrue(shortOne.getMessage().contains("32 bits"), shortOne.getMessage());
        IllegalArgumentException badChar = assertThrows(IllegalArgumentException.class,
                () -> BitPattern.of("cccc0000100Snnnnddddiiiiitt0mmm*"));
        assertTrue(badChar.getMessage().contains("'*'"), badChar.getMessage());
        IllegalArgumentException noField = assertThrows(IllegalArgumentException.class,
                () -> BitPattern.of("cccc0000100Snnnnddddiiiiitt0mmmm").field(0, 'x'));
        assertTrue(noField.getMessage().contains("no field 'x'"), noField.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BitPattern.of(null));
    }
}
