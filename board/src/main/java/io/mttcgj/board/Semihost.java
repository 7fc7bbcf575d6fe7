package io.mttcgj.board;

import io.mttcgj.board.loader.LoadedImage;
import io.mttcgj.board.semihosting.Semihosting;
import io.mttcgj.board.semihosting.SemihostingSettings;
import io.mttcgj.config.MachineConfig;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
        Semihosting sh = new Semihosting(SemihostingSettings.from(cfg, image.highAddr()), in,
                new AfterUart(out, m), new AfterUart(err, m), m, s -> debug.log("unimp", s));
        if (cfg.icount()) {
            sh.useVirtualClock(m::virtualNanos);
        }
        m.setSemihosting(sh::handle);
    }

    /**
     * UART writes are posted to the UART actor, semihosting writes happen on the vCPU thread: to keep
     * the guest's order on the console, a semihosting write first waits until the UART has written
     * everything this vCPU sent it before.
     */
    private static final class AfterUart extends FilterOutputStream {
        private final Machine machine;

        AfterUart(OutputStream out, Machine machine) {
            super(out);
            this.machine = machine;
        }

        @Override
        public void write(int b) throws IOException {
            machine.drainConsole();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            machine.drainConsole();
            out.write(b, off, len);
            out.flush();
        }
    }
}
