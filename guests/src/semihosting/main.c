/* semihosting: exercises the ARM semihosting calls QEMU implements and prints only what is
 * deterministic (values that depend on the host clock are checked, not printed).
 * Opens guests/data/sample.txt, found next to the kernel: <dir of kernel>/../data/sample.txt, so
 * it works from the repository root with "-kernel guests/bin/semihosting.elf" and with an
 * absolute kernel path from anywhere. Exits through SYS_EXIT_EXTENDED with status 3. */
#include "guest.h"

static int failures;

static void check(const char *what, int ok)
{
    uprintf("%-44s %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) {
        failures++;
    }
}

static void console_handles(void)
{
    int in = sh_open(":tt", SH_R);
    int out = sh_open(":tt", SH_W);
    int err = sh_open(":tt", SH_A);
    check("SYS_OPEN :tt r/w/a gives three handles", in >= 0 && out >= 0 && err >= 0);
    check("the three handles differ", in != out && out != err && in != err);

    static const char msg_out[] = "SYS_WRITE to :tt (w) reaches stdout\n";
    int left = sh_write(out, msg_out, (int)strlen(msg_out));
    check("SYS_WRITE to stdout returns 0 bytes left", left == 0);
    static const char msg_err[] = "SYS_WRITE to :tt (a) reaches stderr\n";
    left = sh_write(err, msg_err, (int)strlen(msg_err));
    check("SYS_WRITE to stderr returns 0 bytes left", left == 0);

    /* QEMU answers isatty() of its own stdout: 1 on a terminal, 0 into a pipe or file */
    int tty = sh_istty(out);
    check("SYS_ISTTY(:tt) is 0 or 1", tty == 0 || tty == 1);
    check("SYS_CLOSE(:tt w) is 0", sh_close(out) == 0);
    check("SYS_CLOSE(:tt a) is 0", sh_close(err) == 0);
    check("SYS_CLOSE(:tt r) is 0", sh_close(in) == 0);
}

static void write_calls(void)
{
    sh_write0("SYS_WRITE0 reaches stderr\n");
    static const char msg[] = "SYS_WRITEC reaches stderr\n";
    for (const char *p = msg; *p; p++) {
        sh_writec(*p);
    }
    check("SYS_WRITE0 and SYS_WRITEC returned", 1);
}

static void host_file(void)
{
    char dir[400], path[460];
    cmdline_kernel_dir(dir, sizeof dir);
    usnprintf(path, sizeof path, "%s/../data/sample.txt", dir);

    int fd = sh_open(path, SH_RB);
    check("SYS_OPEN data/sample.txt (rb)", fd >= 0);
    if (fd < 0) {
        return;
    }
    int len = sh_flen(fd);
    uprintf("SYS_FLEN: %d\n", len);
    check("SYS_ISTTY(file) is 0", sh_istty(fd) == 0);

    char buf[128];
    memset(buf, 0, sizeof buf);
    int left = sh_read(fd, buf, 32);
    uprintf("SYS_READ 32: %d left, \"%s\"\n", left, buf);

    check("SYS_SEEK to 33 is 0", sh_seek(fd, 33) == 0);
    memset(buf, 0, sizeof buf);
    left = sh_read(fd, buf, 21);
    uprintf("SYS_READ 21 at 33: %d left, \"%s\"\n", left, buf);

    /* a read past the end returns the number of bytes it could not read */
    check("SYS_SEEK to 60 is 0", sh_seek(fd, 60) == 0);
    memset(buf, 0, sizeof buf);
    left = sh_read(fd, buf, 100);
    uprintf("SYS_READ 100 at 60: %d left, \"%s\"\n", left, buf);
    left = sh_read(fd, buf, 10);
    uprintf("SYS_READ 10 at end: %d left\n", left);

    check("SYS_CLOSE(file) is 0", sh_close(fd) == 0);
}

static void errors(void)
{
    int fd = sh_open("guests/data/this-file-does-not-exist.txt", SH_R);
    uprintf("SYS_OPEN of a missing file: %d\n", fd);
    uprintf("SYS_ERRNO: %d (ENOENT is 2)\n", sh_errno());
    uprintf("SYS_ISERROR(-1)=%d SYS_ISERROR(0)=%d SYS_ISERROR(5)=%d\n", sh_iserror(-1) != 0,
            sh_iserror(0) != 0, sh_iserror(5) != 0);
    check("SYS_CLOSE of a bad handle is -1", sh_close(12345) == -1);
}

static void clocks(void)
{
    int c0 = sh_clock();
    volatile uint32_t spin = 0;
    for (int i = 0; i < 200000; i++) {
        spin += (uint32_t)i;
    }
    int c1 = sh_clock();
    check("SYS_CLOCK is non-negative and monotonic", c0 >= 0 && c1 >= c0);

    int t = sh_time();
    /* 2020-01-01 .. 2100-01-01: any plausible host clock */
    check("SYS_TIME is a plausible Unix time", t >= 1577836800 && (uint32_t)t < 4102444800u);

    uint64_t e0, e1;
    int r0 = sh_elapsed(&e0);
    for (int i = 0; i < 200000; i++) {
        spin += (uint32_t)i;
    }
    int r1 = sh_elapsed(&e1);
    check("SYS_ELAPSED succeeds and increases", r0 == 0 && r1 == 0 && e1 > e0);
    uprintf("SYS_TICKFREQ: %d\n", sh_tickfreq());
}

static void heap_and_features(void)
{
    uint32_t info[4] = { 0, 0, 0, 0 };
    sh_heapinfo(info);
    uprintf("SYS_HEAPINFO: heap 0x%08x..0x%08x stack 0x%08x..0x%08x\n", info[0], info[1], info[2],
            info[3]);

    int fd = sh_open(":semihosting-features", SH_RB);
    check("SYS_OPEN :semihosting-features", fd >= 0);
    if (fd < 0) {
        return;
    }
    int len = sh_flen(fd);
    uint8_t bytes[8] = { 0 };
    int want = len > 0 && len <= 8 ? len : 8;
    int left = sh_read(fd, bytes, want);
    uprintf(":semihosting-features: length %d, read %d:", len, want - left);
    for (int i = 0; i < want - left; i++) {
        uprintf(" %02x", bytes[i]);
    }
    uprintf("\n");
    sh_close(fd);
}

int main(void)
{
    char kernel[64];
    cmdline_kernel_name(kernel, sizeof kernel);
    uprintf("semihosting guest: kernel %s, args \"%s\"\n", kernel, cmdline_args());
    console_handles();
    write_calls();
    host_file();
    errors();
    clocks();
    heap_and_features();
    uprintf("%d failed checks; exiting with SYS_EXIT_EXTENDED 3\n", failures);
    return 3;
}
