package io.mttcgj.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Two host threads standing in for two vCPUs hammering one word of guest RAM. */
class ConcurrencyTest {
    private static final int RAM = 0x8000_0000;
    private static final int N = 1_000_000;

    /** Runs {@code body(threadIndex)} on two threads started together; rethrows the first failure. */
    private static void runTwo(ThreadBody body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] ts = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            ts[t] = new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "vcpu-" + t);
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join(60_000);
            assertTrue(!t.isAlive(), "worker did not finish");
        }
        if (failure.get() != null) {
            throw new AssertionError("worker failed", failure.get());
        }
    }

    @FunctionalInterface
    interface ThreadBody {
        void run(int id) throws Exception;
    }

    @Test
    void byteCasIncrementsOnAdjacentBytesLoseNothing() throws Exception {
        AddressSpace as = new AddressSpace();
        as.mapRam("ram", RAM, 4096);
        // Each thread increments its own byte (as LDREXB/ADD/STREXB retried until STREX succeeds),
        // plus a shared counter word both increment with word CAS.
        AtomicLong retries = new AtomicLong();
        runTwo(id -> {
            int addr = RAM + 0x100 + id;
            long myRetries = 0;
            for (int i = 0; i < N; i++) {
                while (true) {
                    int seen = as.read(addr, 1);
                    if (as.cas(addr, 1, seen, (seen + 1) & 0xff) == seen) {
                        break;
                    }
                    myRetries++;
                }
                while (true) {
                    int seen = as.read(RAM + 0x200, 4);
                    if (as.cas(RAM + 0x200, 4, seen, seen + 1) == seen) {
                        break;
                    }
                }
            }
            retries.addAndGet(myRetries);
        });
        assertEquals(N & 0xff, as.read(RAM + 0x100, 1));
        assertEquals(N & 0xff, as.read(RAM + 0x101, 1));
        assertEquals(0, as.read(RAM + 0x102, 2), "neighbouring bytes untouched");
        assertEquals(2 * N, as.read(RAM + 0x200, 4));
    }

    @Test
    void halfwordCasIncrementsLoseNothing() throws Exception {
        AddressSpace as = new AddressSpace();
        as.mapRam("ram", RAM, 4096);
        runTwo(id -> {
            int addr = RAM + 0x10 + 2 * id;
            for (int i = 0; i < N / 4; i++) {
                int seen;
                do {
                    seen = as.read(addr, 2);
                } while (as.cas(addr, 2, seen, (seen + 1) & 0xffff) != seen);
            }
        });
        assertEquals((N / 4) & 0xffff, as.read(RAM + 0x10, 2));
        assertEquals((N / 4) & 0xffff, as.read(RAM + 0x12, 2));
    }

    @Test
    void multiThreadedByteStoresToAdjacentBytesNeverLoseOne() throws Exception {
        AddressSpace as = new AddressSpace();
        RamRegion ram = as.mapRam("ram", RAM, 4096);
        // Only thread `id` writes byte `id`, so reading back anything but its own last value
        // means the other thread's store to the same word overwrote it.
        runTwo(id -> {
            int off = 0x40 + id;
            for (int i = 0; i < N; i++) {
                int v = (i * 7 + id) & 0xff;
                if ((i & 1) == 0) {
                    ram.write8(off, v);
                } else {
                    as.write(RAM + off, 1, v);
                }
                int back = ram.read8(off);
                if (back != v) {
                    throw new AssertionError("thread " + id + " lost its byte store at iteration " + i
                            + ": wrote " + v + ", read " + back);
                }
            }
        });
        assertEquals(((N - 1) * 7) & 0xff, ram.read8(0x40));
        assertEquals(((N - 1) * 7 + 1) & 0xff, ram.read8(0x41));
    }

    @Test
    void multiThreadedHalfwordStoresNeverLoseOne() throws Exception {
        AddressSpace as = new AddressSpace();
        RamRegion ram = as.mapRam("ram", RAM, 4096);
        runTwo(id -> {
            int off = 0x80 + 2 * id;
            for (int i = 0; i < N / 2; i++) {
                int v = (i * 13 + id) & 0xffff;
                ram.write16(off, v);
                int back = ram.read16(off);
                if (back != v) {
                    throw new AssertionError("thread " + id + " lost its halfword store: wrote " + v + ", read " + back);
                }
            }
        });
    }

    @Test
    void cas64IsAtomicAgainstOtherCas64() throws Exception {
        AddressSpace as = new AddressSpace();
        as.mapRam("ram", RAM, 4096);
        int addr = RAM + 0x18;
        // Increment a 64-bit counter whose low word overflows often: a torn update would show
        // up as a wrong total because the carry into the high word would be lost or doubled.
        as.write64(addr, 0xffff_ff00L);
        int perThread = 200_000;
        runTwo(id -> {
            for (int i = 0; i < perThread; i++) {
                long seen;
                do {
                    seen = as.read64(addr);
                } while (as.cas64(addr, seen, seen + 0x101) != seen);
            }
        });
        assertEquals(0xffff_ff00L + 2L * perThread * 0x101, as.read64(addr));
    }
}
