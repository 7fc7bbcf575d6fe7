package io.mttcgj.config;

import java.nio.file.Path;

/**
 * Semihosting settings.
 *
 * @param enabled        whether {@code SVC 0x123456} / {@code SVC 0xAB} / {@code HLT 0xF000} are semihosting calls
 * @param target         "native" or "auto" (both handled natively: there is no GDB stub to forward to)
 * @param chardevSerial0 semihosting console output goes to UART0's output (stdout) instead of stderr
 * @param root           absolute, normalized directory that SYS_OPEN of host files is confined to
 */
public record Semihosting(boolean enabled, String target, boolean chardevSerial0, Path root) {
}
