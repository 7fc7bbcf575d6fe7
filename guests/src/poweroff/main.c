/* poweroff: prints a line, then asks the board to power off through the Versatile Express system
 * registers: SYS_CFGCTRL (0x1c010000 + 0xa4) = start | write | function 8 (shutdown) = 0xc0800000.
 * QEMU exits with status 0. No semihosting is used, so it also runs without -semihosting. */
#include "guest.h"

#define SYS_CFGDATA  REG32(0x1c0100a0u)
#define SYS_CFGCTRL  REG32(0x1c0100a4u)

int main(void)
{
    uprintf("poweroff guest: powering off through SYS_CFGCTRL\n");
    SYS_CFGDATA = 0;
    SYS_CFGCTRL = 0xc0800000u;
    /* QEMU handles the request asynchronously: the CPU keeps running for a moment, so anything
     * printed here would race with the exit. Sleep instead; a board that ignores the request
     * leaves the program hanging, which a test sees as a timeout. */
    for (;;) {
        __asm__ volatile("wfi");
    }
}
