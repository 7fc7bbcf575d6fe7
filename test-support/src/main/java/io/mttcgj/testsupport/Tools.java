package io.mttcgj.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Host tools a test needs (QEMU, GNU binutils, cross compilers, the Linux kit's inputs). A missing one
 * never lets a test pass unseen: with {@code CI=true} in the environment the test fails, elsewhere it is
 * skipped; either way the message names the Debian package that brings the tool ({@code bin/test}
 * installs them all).
 */
public final class Tools {
    private Tools() {
    }

    /** True when the environment says this is a CI run ({@code CI=true}): a missing tool is then a failure. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** True when {@code tool} is an executable file in a directory of {@code PATH}. */
    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Requires {@code tool} on {@code PATH}; {@code debianPackage} is what installs it. */
    public static void require(String tool, String debianPackage) {
        require(onPath(tool), tool + " is not on PATH", debianPackage);
    }

    /**
     * Requires something that a check found present or not (a tool that must also start, a library file).
     * Absent: fails the test when {@code CI=true}, else skips it; the message is {@code what} and the
     * package(s) to install.
     *
     * @param debianPackages one or more Debian package names, separated by spaces
     */
    public static void require(boolean present, String what, String debianPackages) {
        if (present) {
            return;
        }
        String msg = message(what, debianPackages);
        if (inCi()) {
            Assertions.fail(msg + " (CI=true: a missing tool fails the test)");
        }
        Assumptions.assumeTrue(false, msg + " (skipped; with CI=true this fails)");
    }

    /** The message for a missing tool: what is missing and the apt-get command that brings it. */
    public static String message(String what, String debianPackages) {
        return what + ": install Debian package " + debianPackages + " (apt-get install " + debianPackages
                + ", or run bin/test, which installs every package the tests need)";
    }
}
