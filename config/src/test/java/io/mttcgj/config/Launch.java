package io.mttcgj.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

/** Test helpers: parse in an isolated working directory with no application.conf on the class path. */
final class Launch {
    private Launch() {
    }

    static MachineConfig parse(Path workDir, String... args) throws UsageException {
        return LaunchOptions.parse(args, Launch.class.getClassLoader(), workDir);
    }

    /** Parses a command line that must be refused, and returns the exception. */
    static UsageException refused(Path workDir, String... args) {
        return assertThrows(UsageException.class, () -> parse(workDir, args));
    }
}
