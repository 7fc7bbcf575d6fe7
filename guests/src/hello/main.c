/* hello: the default guest. Shows that the CPU computes correctly (primes, Fibonacci, Collatz,
 * a few divisions) and that semihosting SYS_GET_CMDLINE works; "n=NUMBER" on the -append line
 * sets how far the tables go (default 100, clamped to 2..10000). */
#include "guest.h"

static int is_prime(uint32_t v)
{
    if (v < 2) {
        return 0;
    }
    for (uint32_t d = 2; d * d <= v; d++) {
        if (v % d == 0) {
            return 0;
        }
    }
    return 1;
}

static uint32_t collatz_steps(uint32_t v)
{
    uint32_t steps = 0;
    while (v != 1) {
        v = (v & 1) ? 3 * v + 1 : v / 2;
        steps++;
    }
    return steps;
}

int main(void)
{
    char kernel[64];
    cmdline_kernel_name(kernel, sizeof kernel);
    uprintf("mttcg-j hello guest: Cortex-A15, vexpress-a15\n");
    uprintf("cpu %u, MIDR 0x%08x\n", cpu_id(), ({
        uint32_t midr;
        __asm__("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
        midr;
    }));
    uprintf("kernel: %s\n", kernel);
    uprintf("args: \"%s\"\n", cmdline_args());

    int n = cmdline_int("n", 100);
    if (n < 2) {
        n = 2;
    }
    if (n > 10000) {
        n = 10000;
    }
    uprintf("n = %d\n", n);

    uprintf("primes below %d:", n);
    int count = 0;
    for (int v = 2; v < n; v++) {
        if (is_prime((uint32_t)v)) {
            if (count % 10 == 0) {
                uprintf("\n ");
            }
            uprintf(" %5d", v);
            count++;
        }
    }
    uprintf("\n%d primes\n", count);

    uprintf("fibonacci:\n");
    uint32_t a = 0, b = 1;
    int shown = 0;
    for (int i = 0; i <= 47 && i < n; i++, shown++) {
        if (i % 4 == 0) {
            uprintf(" ");
        }
        uprintf(" F(%2d)=%10u", i, a);
        if (i % 4 == 3) {
            uprintf("\n");
        }
        uint32_t next = a + b;
        a = b;
        b = next;
    }
    if (shown % 4 != 0) {
        uprintf("\n");
    }

    uint32_t best = 1, best_steps = 0;
    for (uint32_t v = 1; v < (uint32_t)n; v++) {
        uint32_t s = collatz_steps(v);
        if (s > best_steps) {
            best = v;
            best_steps = s;
        }
    }
    uprintf("collatz: below %d, %u takes the most steps (%u)\n", n, best, best_steps);

    int32_t num = -7 * n - 3;
    uprintf("division: %d / 7 = %d rem %d; 0x%08x / %u = %u\n", num, num / 7, num % 7,
            0xfedcba98u, (uint32_t)n, 0xfedcba98u / (uint32_t)n);
    uprintf("bye\n");
    return 0;
}
