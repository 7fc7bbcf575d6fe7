/* Host build of the intbench kernels, to cross-check the guest's checksum with a different
 * compiler and CPU:  cc -O2 -I src/intbench -o /tmp/intbench-host tools/intbench_host.c \
 *                        src/intbench/kernels.c && /tmp/intbench-host 5000
 * It prints the same "checksum ... expected ..." line as the guest for the same iteration count. */
#include <stdio.h>
#include <stdlib.h>
#include "kernels.h"

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    uint32_t checksum = 0, expected = 0, lz_total = 0;
    for (int it = 0; it < n; it++) {
        struct kernel_result r[K_COUNT];
        uint32_t lz_bytes;
        run_iteration((uint32_t)it, r, &lz_bytes);
        lz_total += lz_bytes;
        for (int k = 0; k < K_COUNT; k++) {
            checksum = mix(checksum, r[k].fast);
            expected = mix(expected, r[k].ref);
        }
    }
    printf("lz: %u bytes compressed to %u\n", (unsigned)n * 1024u, (unsigned)lz_total);
    printf("checksum 0x%08x expected 0x%08x\n", (unsigned)checksum, (unsigned)expected);
    return checksum == expected ? 0 : 1;
}
