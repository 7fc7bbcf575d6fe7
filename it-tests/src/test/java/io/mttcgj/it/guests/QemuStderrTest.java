package io.mttcgj.it.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mttcgj.it.support.ProcessRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * QEMU as the tests run it prints nothing of its own: a guest that writes nothing to stderr leaves QEMU's
 * stderr empty, unfiltered, on 1 and 2 CPUs (on a host without sound, and with Debian's QEMU without
 * qemu-system-gui, QEMU's audio probing would otherwise print a dozen lines at every start).
 */
class QemuStderrTest {
    @Test
    void qemuWithItsAudioOffPrintsNothingOnStderr() {
        ProcessRunner.requireQemu();
        for (String cpus : List.of("1", "2")) {
            ProcessRunner.Result r = ProcessRunner.runQemu(List.of("-M", "vexpress-a15", "-smp", cpus, "-m", "256M",
                    "-nographic", "-semihosting-config", "enable=on,target=native", "-kernel", "guests/bin/hello.elf",
                    "-append", "n=10"), null, Duration.ofSeconds(60));
            assertFalse(r.timedOut(), r.toString());
            assertEquals(0, r.exitStatus(), r.toString());
            assertEquals("", r.err(), "QEMU's own stderr with -smp " + cpus + ":\n" + r);
        }
    }

    @Test
    void qemuAudioDiagnosticsAreNotGuestOutput() {
        String qemu = "qemu: module audio-audio-pa not found, do you want to install qemu-system-gui package?\n"
                + "guest line\n"
                + "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n"
                + "alsa: Could not initialize DAC\n"
                + "audio: Failed to create voice `lm4549.out'\n";
        assertEquals("guest line\n", ProcessRunner.withoutQemuDiagnostics(qemu));
    }
}
