package io.mttcgj.board;

import io.mttcgj.config.Debug;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;

/** QEMU's -d items and -D file: one sink for every category, to stderr unless a log file is given. */
public final class DebugLog implements AutoCloseable {
    private final Set<String> items;
    private final PrintStream out;
    private final boolean ownStream;

    public DebugLog(Debug debug, PrintStream stderr) throws IOException {
        this.items = debug.items();
        if (debug.logFile() != null) {
            this.out = new PrintStream(new FileOutputStream(debug.logFile()), true);
            this.ownStream = true;
        } else {
            this.out = stderr;
            this.ownStream = false;
        }
    }

    public boolean enabled(String item) {
        return items.contains(item);
    }

    public void log(String item, String message) {
        if (items.contains(item)) {
            synchronized (out) {
                out.println(message);
            }
        }
    }

    @Override
    public void close() {
        out.flush();
        if (ownStream) {
            out.close();
        }
    }
}
