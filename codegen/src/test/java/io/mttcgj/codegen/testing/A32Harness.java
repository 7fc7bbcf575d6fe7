package io.mttcgj.codegen.testing;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.codegen.emit.BlockCompiler;
import io.mttcgj.codegen.exec.CpuExec;
import io.mttcgj.codegen.exec.ExecHooks;
import io.mttcgj.codegen.tb.JumpCache;
import io.mttcgj.codegen.tb.TbCache;
import io.mttcgj.memory.AddressSpace;
import io.mttcgj.platform.GenericTimerPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a few A32 instruction words on a bare CPU with 1 MiB of RAM at 0x80000000 and returns the
 * resulting state. The program is terminated by {@link #STOP} (SVC #0x123456 as seen by the hook),
 * which this harness appends; exception vectors (VBAR = {@link #VECTORS}) each hold a STOP too, so a
 * guest exception stops the run with the CPU in the exception mode.
 */
public final class A32Harness {
    public static final int BASE = 0x80000000;
    public static final int DATA = 0x80080000;
    public static final int VECTORS = 0x800f0000;
    public static final int STOP = 0xef123456;

    public final AddressSpace mem = new AddressSpace();
    public final CpuState cpu;
    public final TbCache cache = new TbCache(4096);
    public final CpuExec exec;
    public final List<String> log = new ArrayList<>();
    private boolean stopped;
    public int maxBlockInsns = 64;

    public A32Harness() {
        this(64);
    }

    public A32Harness(int maxBlockInsns) {
        mem.mapRam("ram", BASE, 1 << 20);
        cpu = new CpuState(0, mem, new SystemRegisters(0, 1, new FakeTimer()));
        cpu.cp15.vbar = VECTORS;
        for (int i = 0; i < 8; i++) {
            mem.write(VECTORS + 4 * i, 4, STOP);
        }
        ExecHooks hooks = new ExecHooks() {
            @Override
            public boolean semihosting(CpuState c, int kind, int imm) {
                if (kind == CpuState.EXIT_SVC && (imm == 0x123456 || (c.thumb() && imm == 0xab))) {
                    stopped = true;
                    c.exitRequest = true;
                    return true;
                }
                return false;
            }

            @Override
            public void log(String item, String message) {
                log.add(item + ": " + message);
            }

            @Override
            public boolean logging(String item) {
                return true;
            }
        };
        BlockCompiler compiler = new BlockCompiler(mem, A32.decoder(), io.mttcgj.codegen.arm.thumb.Thumb.t16(),
                io.mttcgj.codegen.arm.thumb.Thumb.t32(), maxBlockInsns);
        exec = new CpuExec(cpu, cache, new JumpCache(10), compiler, hooks);
        cpu.r[15] = BASE;
    }

    /** Runs A32 and Thumb code in tier 0 from now on (interpreted, never promoted) where it has a tier-0 form. */
    public A32Harness tier0() {
        io.mttcgj.codegen.arm.decode.DecodeTable t = A32.decoder();
        io.mttcgj.codegen.arm.decode.DecodeTable t16 = io.mttcgj.codegen.arm.thumb.Thumb.t16();
        io.mttcgj.codegen.arm.decode.DecodeTable t32 = io.mttcgj.codegen.arm.thumb.Thumb.t32();
        io.mttcgj.codegen.interp.Tier0Ops.attach(t, t16, t32);
        exec.setTier0(new io.mttcgj.codegen.interp.Tier0Builder(mem, t, t16, t32, maxBlockInsns, Integer.MAX_VALUE),
                false);
        return this;
    }

    /** Writes {@code words} at BASE followed by STOP. */
    public A32Harness code(int... words) {
        for (int i = 0; i < words.length; i++) {
            mem.write(BASE + 4 * i, 4, words[i]);
        }
        mem.write(BASE + 4 * words.length, 4, STOP);
        return this;
    }

    /** Thumb stop: SVC #0xAB (16-bit). */
    public static final int THUMB_STOP = 0xdfab;

    /**
     * Writes Thumb code at BASE followed by THUMB_STOP and starts the CPU in Thumb state. A 32-bit
     * instruction is given as one int with its first halfword in bits 31:16 (as objdump prints it), a
     * 16-bit one as a value below 0x10000.
     */
    public A32Harness thumb(int... insns) {
        int a = BASE;
        for (int w : insns) {
            if ((w >>> 16) != 0) {
                mem.write(a, 2, w >>> 16);
                mem.write(a + 2, 2, w & 0xffff);
                a += 4;
            } else {
                mem.write(a, 2, w);
                a += 2;
            }
        }
        mem.write(a, 2, THUMB_STOP);
        cpu.cpsrCtl |= CpuState.CPSR_T;
        return this;
    }

    public A32Harness reg(int n, int v) {
        cpu.r[n] = v;
        return this;
    }

    public A32Harness flags(int nzcv) {
        cpu.setFlags(nzcv << 28);
        return this;
    }

    /** Runs until STOP (at most {@code maxInsns}); fails if it never stops. */
    public A32Harness run(long maxInsns) {
        stopped = false;
        cpu.exitRequest = false;
        long start = cpu.insns;
        while (!stopped) {
            exec.run(maxInsns);
            if (!stopped && cpu.insns - start >= maxInsns) {
                throw new AssertionError("guest did not stop within " + maxInsns + " instructions:\n"
                        + cpu.describe());
            }
            cpu.exitRequest = false;
        }
        return this;
    }

    public A32Harness run() {
        return run(100_000);
    }

    public int r(int n) {
        return cpu.r[n];
    }

    /** NZCV as a 4-bit value. */
    public int nzcv() {
        return cpu.cpsr() >>> 28;
    }

    /** A generic timer that counts nothing: enough for code that never touches it. */
    public static final class FakeTimer implements GenericTimerPort {
        private final int[] regs = new int[16];
        private final long[] regs64 = new long[32];

        @Override
        public int read32(int reg) {
            return reg == CNTFRQ ? 62_500_000 : regs[reg];
        }

        @Override
        public void write32(int reg, int value) {
            regs[reg] = value;
        }

        @Override
        public long read64(int reg) {
            return regs64[reg];
        }

        @Override
        public void write64(int reg, long value) {
            regs64[reg] = value;
        }
    }
}
