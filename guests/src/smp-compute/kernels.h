/* smp-compute's work: plain C with no guest dependencies, so it also builds on the host. */
#ifndef SMP_COMPUTE_KERNELS_H
#define SMP_COMPUTE_KERNELS_H

#include <stdint.h>

/* One unit of work seeded by `seed`: fills a buffer with xorshift32 data, CRC32s it (table),
 * sieves primes below 1000 + seed % 1000, multiplies two 8x8 matrices built from the data and
 * returns a checksum of the three results. `table` is the 256-entry CRC table (crc_table_init). */
uint32_t work_unit(uint32_t seed, const uint32_t table[256]);
void crc_table_init(uint32_t table[256]);

#endif
