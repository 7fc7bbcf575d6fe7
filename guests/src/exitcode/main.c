/* exitcode: exits with the status given as "code=N" on the -append line (default 42) through
 * semihosting SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, N}. QEMU's process exit status is
 * N & 0xff, so code=300 exits with 44. */
#include "guest.h"

int main(void)
{
    int code = cmdline_int("code", 42);
    uprintf("exitcode guest: exiting with code %d\n", code);
    return code;
}
