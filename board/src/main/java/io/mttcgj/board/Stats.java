package io.mttcgj.board;

import io.mttcgj.codegen.exec.Tier1Compiler;
import io.mttcgj.codegen.tb.TbCache;
import io.mttcgj.cpu.SafeWorkStats;
import io.mttcgj.cpu.Vcpu;
import java.util.List;
import java.util.Locale;

/** Run statistics (-d stats, --stats, --stats-json): per vCPU and for the shared translation cache. */
public final class Stats {
    private Stats() {
    }

    public static String text(List<Vcpu> vcpus, TbCache cache, Tier1Compiler tier1, SafeWorkStats safe,
            long elapsedNanos) {
        StringBuilder sb = new StringBuilder();
        double secs = elapsedNanos / 1e9;
        sb.append(String.format(Locale.ROOT, "mttcg stats: wall %.3f s%n", secs));
        long total = 0;
        for (Vcpu v : vcpus) {
            long hits = v.exec.jumpCacheHits();
            long lookups = hits + v.exec.jumpCacheMisses();
            total += v.state.insns;
            sb.append(String.format(Locale.ROOT,
                    "  cpu%d: %,d insns, %.1f MIPS, %,d blocks run, jump cache hit %.1f%%, halted %.3f s, translating %.3f s%s%n",
                    v.index(), v.state.insns, v.state.insns / secs / 1e6, v.exec.blocksExecuted,
                    lookups == 0 ? 0.0 : 100.0 * hits / lookups, v.haltedNanos() / 1e9, v.exec.translateNanos / 1e9, mmu(v)));
            sb.append(String.format(Locale.ROOT,
                    "        tiers: %,d insns interpreted (%.1f%%), %,d blocks interpreted, %,d compiled at once (no "
                    + "tier-0 form), %,d promoted when hot, compiling %.3f s on this thread%n",
                    v.state.tier0Insns, v.state.insns == 0 ? 0.0 : 100.0 * v.state.tier0Insns / v.state.insns,
                    v.exec.tier0Blocks, v.exec.compiledBlocks, v.exec.promotions, v.exec.compileNanos / 1e9));
        }
        if (tier1 != null) {
            sb.append(String.format(Locale.ROOT,
                    "  tier-1 thread: %,d hot blocks compiled (%,d installed; the others were invalidated meanwhile), "
                    + "%,d left interpreted, compiling %.3f s%n",
                    tier1.compiled(), tier1.installed(), tier1.dropped(), tier1.compileNanos() / 1e9));
        }
        sb.append(String.format(Locale.ROOT,
                "  total: %,d insns, %.1f MIPS; TBs translated %,d, invalidated %,d, flushes %d, cached %d%n",
                total, total / secs / 1e6, cache.translated.get(), cache.invalidated.get(), cache.flushes.get(),
                cache.size()));
        sb.append(String.format(Locale.ROOT,
                "  safe work: %d rounds (%d requests; %d run directly, every other vCPU halted), quiescence wait mean %.1f us, "
                + "p50 %.1f us, p99 %.1f us, max %.1f us%n",
                safe.rounds(), safe.works(), safe.direct(), safe.meanWaitMicros(), safe.percentileMicros(50),
                safe.percentileMicros(99), safe.maxWaitMicros()));
        return sb.toString();
    }

    /** Soft-TLB figures, once the guest has turned the MMU on. */
    private static String mmu(Vcpu v) {
        long fills = v.state.tlbFills();
        if (fills == 0) {
            return "";
        }
        return String.format(Locale.ROOT, ", TLB fills %,d, TLB flushes %,d", fills, v.state.tlbFlushes);
    }

    public static String json(List<Vcpu> vcpus, TbCache cache, Tier1Compiler tier1, SafeWorkStats safe,
            long elapsedNanos) {
        double secs = elapsedNanos / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"wallSeconds\": ").append(String.format(Locale.ROOT, "%.6f", secs)).append(",\n  \"cpus\": [");
        for (int i = 0; i < vcpus.size(); i++) {
            Vcpu v = vcpus.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "    {\"cpu\": %d, \"insns\": %d, \"mips\": %.3f, \"blocks\": %d, \"jumpCacheHits\": %d, "
                    + "\"jumpCacheMisses\": %d, \"haltedSeconds\": %.6f, \"tlbFills\": %d, \"tlbFlushes\": %d, "
                    + "\"tier0Insns\": %d, \"tier0Blocks\": %d, \"compiledBlocks\": %d, \"promotions\": %d, "
                    + "\"compileSeconds\": %.6f}",
                    v.index(), v.state.insns, v.state.insns / secs / 1e6, v.exec.blocksExecuted, v.exec.jumpCacheHits(), v.exec.jumpCacheMisses(),
                    v.haltedNanos() / 1e9, v.state.tlbFills(), v.state.tlbFlushes, v.state.tier0Insns, v.exec.tier0Blocks,
                    v.exec.compiledBlocks, v.exec.promotions, v.exec.compileNanos / 1e9));
        }
        sb.append("\n  ],\n  \"tbTranslated\": ").append(cache.translated.get())
                .append(",\n  \"tbInvalidated\": ").append(cache.invalidated.get())
                .append(",\n  \"tbFlushes\": ").append(cache.flushes.get())
                .append(",\n  \"tbCached\": ").append(cache.size())
                .append(",\n  \"tier1ThreadCompiled\": ").append(tier1 == null ? 0 : tier1.compiled())
                .append(",\n  \"tier1ThreadInstalled\": ").append(tier1 == null ? 0 : tier1.installed())
                .append(",\n  \"tier1ThreadDropped\": ").append(tier1 == null ? 0 : tier1.dropped())
                .append(String.format(Locale.ROOT, ",%n  \"tier1ThreadCompileSeconds\": %.6f",
                        tier1 == null ? 0.0 : tier1.compileNanos() / 1e9))
                .append(",\n  \"safeWorkRounds\": ").append(safe.rounds())
                .append(",\n  \"safeWorkRequests\": ").append(safe.works())
                .append(",\n  \"safeWorkDirect\": ").append(safe.direct())
                .append(String.format(Locale.ROOT, ",%n  \"quiescenceWaitMeanMicros\": %.3f", safe.meanWaitMicros()))
                .append(String.format(Locale.ROOT, ",%n  \"quiescenceWaitP50Micros\": %.3f", safe.percentileMicros(50)))
                .append(String.format(Locale.ROOT, ",%n  \"quiescenceWaitP99Micros\": %.3f", safe.percentileMicros(99)))
                .append(String.format(Locale.ROOT, ",%n  \"quiescenceWaitMaxMicros\": %.3f", safe.maxWaitMicros()))
                .append("\n}\n");
        return sb.toString();
    }
}
