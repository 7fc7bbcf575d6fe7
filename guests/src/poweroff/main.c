/* poweroff: prints a line, then asks the board to power off through the Versatile Express system
 * registers: SYS_CFGCTRL (0x1c010000 + 0xa4) = start | write | function 8 (shutdown) = 0xc0800000.
 * QEMU exits with status 0. No semihosting is used, so it also runs without -semihosting. */
#include "guest.h"

#define SYS_CFGDATA  REG32(0x1c0100a0u)
#define SYS_CFGCTRL  REG32(0x1c0100a4u)
#define SYS_CFGSTAT  REG32(0x1c0100a8u)

int main(void)
{
    uprintf("poweroff guest: powering off through SYS_CFGCTRL\n");
    SYS_CFGDATA = 0;
    SYS_CFGCTRL = 0xc0800000u;
    /* the board stops us right away; if it does not, say so and fail through semihosting */
    for (volatile int i = 0; i < 1000000; i++) {
    }
    uprintf("poweroff: still running, SYS_CFGSTAT = 0x%x\n", SYS_CFGSTAT);
    return 1;
}
