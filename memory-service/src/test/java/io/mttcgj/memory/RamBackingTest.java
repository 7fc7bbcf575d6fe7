package io.mttcgj.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Both RAM backings give the same little-endian guest view, whichever this JVM uses for its regions
 * (RamRegionTest covers the one chosen; this test runs the other too), and the choice follows what the
 * JDK's byte-array views support.
 */
class RamBackingTest {

    @Test
    void choiceFollowsTheJdk() {
        boolean viewsAtomic = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN)
                .isAccessModeSupported(VarHandle.AccessMode.COMPARE_AND_EXCHANGE);
        assertEquals(viewsAtomic ? RamRegion.Backing.ARRAY : RamRegion.Backing.BUFFER, RamRegion.chooseBacking(null));
        assertEquals(RamRegion.Backing.BUFFER, RamRegion.chooseBacking("buffer"));
        if (!viewsAtomic) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RamRegion.chooseBacking("array"));
            assertEquals(true, e.getMessage().contains("use buffer"), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> RamRegion.chooseBacking("heap"));
    }

    @Test
    void bufferBackingIsLittleEndianAndAtomic() {
        ByteBuffer b = BufferRam.allocate("t", 4096);
        BufferRam.set32(b, 8, 0x44332211);
        assertEquals(0x11, BufferRam.get8(b, 8));
        assertEquals(0x44, BufferRam.read8(b, 11));
        assertEquals(0x4433, BufferRam.read16(b, 10));
        BufferRam.set8(b, 9, 0xab);
        assertEquals(0x4433ab11, BufferRam.get32(b, 8));
        BufferRam.write16(b, 10, 0xbeef);
        assertEquals(0xbeefab11, BufferRam.read32(b, 8));
        assertEquals(0xbeefab11, BufferRam.cas32(b, 8, 0xbeefab11, 7));
        assertEquals(7, BufferRam.cas32(b, 8, 0, 9)); // fails: the witness is the value found
        assertEquals(7, BufferRam.read32(b, 8));
        assertEquals(0L, BufferRam.cas64(b, 16, 0L, 0x1122334455667788L));
        assertEquals(0x55667788, BufferRam.get32(b, 16));
        assertEquals(0x1122334455667788L, BufferRam.read64Atomic(b, 16));
        BufferRam.write8(b, 4095, 0x5a);
        assertEquals(0x5a, BufferRam.get8(b, 4095));
    }

    @Test
    void arrayBackingMatchesTheBuffer() {
        byte[] a = new byte[64];
        ArrayRam.set32(a, 8, 0x44332211);
        ArrayRam.set8(a, 9, 0xab);
        assertEquals(0x4433ab11, ArrayRam.get32(a, 8));
        assertEquals(0xab, ArrayRam.get8(a, 9));
        if (ArrayRam.supported()) {
            ArrayRam.write16(a, 10, 0xbeef);
            assertEquals(0xbeef, ArrayRam.read16(a, 10));
            assertEquals(0xbeefab11, ArrayRam.cas32(a, 8, 0xbeefab11, 7));
            assertEquals(0L, ArrayRam.cas64(a, 16, 0L, 0x1122334455667788L));
            assertEquals(0x1122334455667788L, ArrayRam.read64Atomic(a, 16));
        }
    }

    @Test
    void regionsUseTheChosenBacking() {
        RamRegion r = new RamRegion("r", 0x8000_0000, 4096);
        assertEquals(RamRegion.BACKING == RamRegion.Backing.ARRAY, r.bytes != null);
        assertEquals(RamRegion.BACKING == RamRegion.Backing.BUFFER, r.buf != null);
        r.write16(2, 0x1234);
        assertEquals(0x12340000, r.read32(0));
    }
}
