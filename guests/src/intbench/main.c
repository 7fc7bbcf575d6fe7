/* intbench: CPU-bound integer benchmark with a self-checked result.
 *
 * Each iteration runs six kernels (CRC32, prime sieve, matrix product, sort, LZ77 round trip,
 * hardware division) on fresh pseudo-random data. Every kernel is computed twice: a fast way and
 * an independent simpler way (kernels.c says which). The printed checksum mixes the fast results;
 * the expected checksum mixes the reference results. PASS (exit 0) when they are equal, else FAIL
 * (exit 1) with the first iteration where each failing kernel disagreed.
 * "n=ITERATIONS" on the -append line; the default takes about 1.5 s on QEMU 7.2 (TCG). */
#include "guest.h"
#include "kernels.h"

#define DEFAULT_ITERATIONS 5000

int main(void)
{
    int n = cmdline_int("n", DEFAULT_ITERATIONS);
    if (n < 1) {
        n = 1;
    }
    uprintf("intbench: %d iterations of", n);
    for (int k = 0; k < K_COUNT; k++) {
        uprintf(" %s", kernel_names[k]);
    }
    uprintf("\n");

    uint32_t checksum = 0, expected = 0, lz_total = 0;
    int first_bad[K_COUNT];
    for (int k = 0; k < K_COUNT; k++) {
        first_bad[k] = -1;
    }
    for (int it = 0; it < n; it++) {
        struct kernel_result r[K_COUNT];
        uint32_t lz_bytes;
        run_iteration((uint32_t)it, r, &lz_bytes);
        lz_total += lz_bytes;
        for (int k = 0; k < K_COUNT; k++) {
            checksum = mix(checksum, r[k].fast);
            expected = mix(expected, r[k].ref);
            if (r[k].fast != r[k].ref && first_bad[k] < 0) {
                first_bad[k] = it;
                uprintf("%s: iteration %d: got 0x%08x, expected 0x%08x\n", kernel_names[k], it,
                        r[k].fast, r[k].ref);
            }
        }
    }
    uprintf("lz: %u bytes compressed to %u\n", (uint32_t)n * 1024u, lz_total);
    uprintf("checksum 0x%08x expected 0x%08x\n", checksum, expected);
    int ok = checksum == expected;
    for (int k = 0; k < K_COUNT; k++) {
        ok = ok && first_bad[k] < 0;
    }
    uprintf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
