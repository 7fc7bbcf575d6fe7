/* intbench kernels: plain portable C (no guest runtime), so the same file also builds on a host
 * compiler (see guests/tools/intbench_host.c). Each kernel has a fast version and a reference
 * version computed a different, simpler way; both return a 32-bit result for the same input. */
#ifndef KERNELS_H
#define KERNELS_H

#include <stdint.h>

enum { K_CRC, K_SIEVE, K_MATMUL, K_SORT, K_LZ, K_DIV, K_COUNT };

struct kernel_result {
    uint32_t fast;
    uint32_t ref;
};

extern const char *const kernel_names[K_COUNT];

/* Runs every kernel once on inputs derived from `iteration`; fills results[K_COUNT].
 * *lz_bytes receives the compressed size (informational). */
void run_iteration(uint32_t iteration, struct kernel_result results[K_COUNT], uint32_t *lz_bytes);

/* Mixes one result into a running checksum. */
uint32_t mix(uint32_t checksum, uint32_t value);

#endif
