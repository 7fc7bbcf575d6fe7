package io.mttcgj.board;

import io.mttcgj.board.loader.LoadedImage;
import io.mttcgj.board.semihosting.Semihosting;
import io.mttcgj.board.semihosting.SemihostingSettings;
import io.mttcgj.config.MachineConfig;
import java.io.InputStream;
import java.io.PrintStream;

/** Connects semihosting (when enabled) to every vCPU's execution loop. */
final class Semihost {
    private Semihost() {
    }

    static void install(Machine m, MachineConfig cfg, LoadedImage image, PrintStream out, PrintStream err,
            InputStream in, DebugLog debug) {
        if (!cfg.semihosting().enabled()) {
            return;
        }
        Semihosting sh = new Semihosting(SemihostingSettings.from(cfg, image.highAddr()), in, out, err, m,
                s -> debug.log("unimp", s));
        m.setSemihosting(sh::handle);
    }
}
