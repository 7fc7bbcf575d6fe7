package io.mttcgj.experiments.campaign;

import io.mttcgj.board.Main;
import io.mttcgj.codegen.tb.TbKey;
import io.mttcgj.cpu.SliceHook;
import io.mttcgj.cpu.Vcpu;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Test helper: runs the campaign's machine with a hook that acts on vCPU 0 at an instruction count. */
final class PcProbe {
    private PcProbe() {
    }

    /** What the probe saw at the point: the PC, the word there, whether a translated block for it existed. */
    record Seen(int pc, int word, boolean translated, int status) {
    }

    /** Runs to {@code at}; there, if {@code newWord} is non-null, stores it over the word at the PC, and runs on. */
    static Seen run(CampaignConfig cfg, long at, Integer newWord) {
        int[] pc = new int[1];
        int[] word = new int[1];
        boolean[] translated = new boolean[1];
        int status = Main.run(cfg.qemuArgs().toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), new ByteArrayInputStream(new byte[0]), m -> {
                    m.setSliceHook(new SliceHook() {
                        boolean done;

                        @Override
                        public long budget(Vcpu v, long quantum) {
                            return done ? quantum : Math.min(quantum, at - v.state.insns);
                        }

                        @Override
                        public void afterTurn(Vcpu v) {
                            if (!done && v.state.insns >= at) {
                                done = true;
                                pc[0] = v.state.r[15];
                                word[0] = m.bus(0).read(pc[0], 4);
                                translated[0] = m.cache().get(pc[0], TbKey.flagsOf(v.state)) != null;
                                if (newWord != null) {
                                    m.bus(0).write(pc[0], 4, newWord);
                                } else {
                                    m.shutdown(0);
                                }
                            }
                        }
                    });
                });
        return new Seen(pc[0], word[0], translated[0], status);
    }
}
