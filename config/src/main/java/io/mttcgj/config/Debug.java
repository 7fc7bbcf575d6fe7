package io.mttcgj.config;

import java.util.Set;

/**
 * QEMU-style {@code -d} logging.
 *
 * @param items   enabled log items (see {@link LaunchOptions#DEBUG_ITEMS})
 * @param logFile file for the log, or null for stderr
 */
public record Debug(Set<String> items, String logFile) {
    public Debug {
        items = Set.copyOf(items);
    }

    public boolean has(String item) {
        return items.contains(item);
    }
}
