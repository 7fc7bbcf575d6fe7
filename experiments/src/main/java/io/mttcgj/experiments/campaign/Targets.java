package io.mttcgj.experiments.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The injections of a campaign: the explicit ones, then {@code random.count} drawn with {@code random.seed}. */
final class Targets {
    private Targets() {
    }

    /** {@code goldenInsns[c]}: instructions vCPU c retired in the golden run (random points fall inside it). */
    static List<Injection> plan(CampaignConfig cfg, long[] goldenInsns) {
        List<Injection> all = new ArrayList<>(cfg.explicit());
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        for (int i = 0; i < cfg.randomCount(); i++) {
            FaultModel m = cfg.randomModels().get(rnd.nextInt(cfg.randomModels().size()));
            int vcpu = rnd.nextInt(cfg.cpus());
            long at = goldenInsns[vcpu] > 0 ? rnd.nextLong(goldenInsns[vcpu]) : 0;
            Map<String, String> p = new LinkedHashMap<>();
            for (String k : m.params()) {
                p.put(k, switch (k) {
                    case "reg" -> m == FaultModel.SYSREG_BITFLIP
                            ? FaultModel.SYSREGS.get(rnd.nextInt(FaultModel.SYSREGS.size()))
                            : String.valueOf(rnd.nextInt(16));
                    case "bit" -> String.valueOf(rnd.nextInt(m == FaultModel.UART_CORRUPT ? 8 : 32));
                    case "addr" -> String.format("0x%x", cfg.ramFrom() + 4 * rnd.nextLong((cfg.ramTo() - cfg.ramFrom()) / 4));
                    case "ns" -> String.valueOf(1 + rnd.nextLong(4_000_000));
                    default -> throw new AssertionError(k);
                });
            }
            all.add(new Injection(all.size(), m.id(), vcpu, at, p));
        }
        return all;
    }
}
