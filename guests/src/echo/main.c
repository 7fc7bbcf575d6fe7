/* echo: reads UART0 by polling FR.RXFE and echoes every byte, letters in upper case, until it
 * reads a '.' (QEMU never signals end of input: with stdin at EOF it simply delivers no more
 * bytes, so the input must contain the terminator). Then prints how many bytes it read and exits
 * 0. Ctrl-A (0x01) must not appear in the input: QEMU's -nographic console treats it as an escape. */
#include "guest.h"

#define UART0_CR  REG32(0x1c090030u)

int main(void)
{
    UART0_CR = 0x301;       /* UARTEN | TXE | RXE: QEMU does not need it, real PL011s do */
    uprintf("echo guest: type text, end with '.'\n");
    uint32_t count = 0, letters = 0;
    for (;;) {
        int c = uart_getc();
        count++;
        if (c >= 'a' && c <= 'z') {
            c -= 'a' - 'A';
            letters++;
        } else if (c >= 'A' && c <= 'Z') {
            letters++;
        }
        uart_putc((char)c);
        if (c == '.') {
            break;
        }
    }
    uprintf("\necho: %u bytes, %u letters\n", count, letters);
    return 0;
}
