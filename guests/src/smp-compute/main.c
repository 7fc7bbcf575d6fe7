/* smp-compute: every CPU runs the same CPU-bound integer work (CRC32 of pseudo-random data, a
 * prime sieve, an 8x8 matrix product: kernels.c) for n units, seeds 0..n-1, and folds the results
 * into a checksum. All CPUs must arrive at the same checksum; CPU 0 prints it (it does not depend
 * on the number of CPUs) and whether they agree. Used for the TB-flush storm (a tiny translation
 * cache makes every CPU retranslate all the time while the others run) and as a scaling benchmark:
 * the work per CPU is fixed by n=UNITS (default 200), so ideal scaling keeps the wall time flat.
 * Exits 0 when every CPU's checksum is the same, else 1. */
#include "smp.h"
#include "kernels.h"

static uint32_t crc_table[256];
static struct smp_barrier bar;
static volatile uint32_t ncpus;
static uint32_t n;
static volatile uint32_t result[SMP_MAX_CPUS];

static void work(uint32_t cpu)
{
    uint32_t sense = 0;
    barrier_wait(&bar, &sense);
    uint32_t sum = 0;
    for (uint32_t i = 0; i < n; i++) {
        sum = (sum << 5 | sum >> 27) ^ work_unit(i, crc_table);
    }
    result[cpu] = sum;
    barrier_wait(&bar, &sense);
}

void secondary_main(int cpu)
{
    if ((uint32_t)cpu < wait_nonzero(&ncpus)) {
        work((uint32_t)cpu);
    }
}

int main(void)
{
    uint32_t cpus = smp_cpus();
    n = (uint32_t)cmdline_int("n", 200);
    crc_table_init(crc_table);
    barrier_init(&bar, cpus);
    publish(&ncpus, cpus);
    uprintf("smp-compute: %u cpus, n=%u work units per cpu\n", cpus, n);
    work(0);

    int agree = 1;
    for (uint32_t c = 1; c < cpus; c++) {
        if (result[c] != result[0]) {
            agree = 0;
            uprintf("cpu %u checksum 0x%08x differs from cpu 0's\n", c, result[c]);
        }
    }
    uprintf("checksum 0x%08x, %s\n", result[0], agree ? "all cpus agree" : "cpus DISAGREE");
    uprintf("%s\n", agree ? "PASS" : "FAIL");
    return agree ? 0 : 1;
}
