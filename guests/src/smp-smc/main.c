/* smp-smc: self-modifying and cross-modifying code on every CPU.
 *  1. Self-modifying: each CPU owns a 64-byte buffer (the buffers are adjacent, so several CPUs'
 *     code shares a page). Every round it writes a new function returning a value K that depends
 *     on the CPU and the round, alternating two layouts (`movw r0,#K; bx lr` and
 *     `movw r0,#K-1; add r0,r0,#1; bx lr`), cleans the data cache to the point of unification
 *     (DCCMVAU), then DSB; ICIALLU; DSB; ISB, calls it and checks that it returns K.
 *  2. Cross-modifying: CPU 0 rewrites a function in a shared buffer (returning 0x8000 + round),
 *     DCCMVAU, DSB, ICIALLUIS (invalidate on every CPU of the Inner Shareable domain), DSB, then
 *     publishes the round number. Every other CPU waits for the round, executes ISB (ARM ARM
 *     B2.2.9: the other CPU needs only a context synchronisation event), calls the function and
 *     checks the new value; CPU 0 waits for all their answers before the next round, and calls it
 *     too. With one CPU only CPU 0's own calls check it.
 * Prints the number of wrong results per CPU (0 expected) and PASS/FAIL.
 * n=ROUNDS of self-modification (default 300), x=ROUNDS of cross-modification (default 100: each
 * round waits for every CPU, which QEMU, whose WFE only yields, does slowly with 4 vCPUs on 2 host
 * cores). */
#include "smp.h"

#define INSN_BX_LR          0xe12fff1eu
#define INSN_ADD_R0_R0_1    0xe2800001u

static uint32_t self_code[SMP_MAX_CPUS][16] __attribute__((aligned(64)));
static uint32_t shared_code[16] __attribute__((aligned(64)));

static struct smp_barrier bar;
static volatile uint32_t ncpus;
static uint32_t n, x;
static volatile uint32_t self_wrong[SMP_MAX_CPUS], cross_wrong[SMP_MAX_CPUS], cross_calls[SMP_MAX_CPUS];
static volatile uint32_t self_first_bad[SMP_MAX_CPUS], cross_first_bad[SMP_MAX_CPUS];
static volatile uint32_t published_round, acks;

typedef uint32_t (*fn_t)(void);

static uint32_t movw_r0(uint32_t imm16)
{
    return 0xe3000000u | (imm16 >> 12) << 16 | (imm16 & 0xfff);
}

/* Makes the new instructions visible to instruction fetch: clean each data cache line to the PoU
 * (a no-op while caches are off, required when they are on), then invalidate the instruction
 * caches, locally or on every CPU of the Inner Shareable domain. */
static void sync_icache(const uint32_t *code, uint32_t words, int broadcast)
{
    for (uint32_t i = 0; i < words; i += 16) {  /* 64-byte lines: one clean per line */
        __asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(code + i) : "memory");
    }
    dsb();
    if (broadcast) {
        __asm__ volatile("mcr p15, 0, %0, c7, c1, 0" : : "r"(0) : "memory");   /* ICIALLUIS */
    } else {
        __asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0) : "memory");   /* ICIALLU */
    }
    dsb();
    isb();
}

static uint32_t write_function(uint32_t *code, uint32_t k, int layout)
{
    if (layout == 0) {
        code[0] = movw_r0(k);
        code[1] = INSN_BX_LR;
        return 2;
    }
    code[0] = movw_r0((k - 1) & 0xffff);
    code[1] = INSN_ADD_R0_R0_1;
    code[2] = INSN_BX_LR;
    return 3;
}

static void self_modify(uint32_t cpu)
{
    uint32_t *code = self_code[cpu];
    fn_t f = (fn_t)(uintptr_t)code;
    for (uint32_t r = 0; r < n; r++) {
        uint32_t k = cpu << 12 | (r % 4000 + 1);
        uint32_t words = write_function(code, k, (int)(r & 1));
        sync_icache(code, words, 0);
        uint32_t got = f();
        if (got != k) {
            if (self_wrong[cpu]++ == 0) {
                self_first_bad[cpu] = r;
            }
        }
    }
}

static void check_cross(uint32_t cpu, uint32_t round)
{
    fn_t f = (fn_t)(uintptr_t)shared_code;
    uint32_t got = f();
    cross_calls[cpu]++;
    if (got != (0x8000u | round)) {
        if (cross_wrong[cpu]++ == 0) {
            cross_first_bad[cpu] = round;
        }
    }
}

static void cross_modify_writer(void)
{
    uint32_t others = ncpus - 1;
    for (uint32_t r = 1; r <= x; r++) {
        uint32_t words = write_function(shared_code, 0x8000u | r, (int)(r & 1));
        sync_icache(shared_code, words, 1);
        publish(&published_round, r);
        check_cross(0, r);
        while (acks != others * r) {
            wfe();
        }
        dmb();  /* everybody has called this round's code before it is overwritten */
    }
}

static void cross_modify_reader(uint32_t cpu)
{
    for (uint32_t r = 1; r <= x; r++) {
        while (published_round != r) {
            wfe();
        }
        isb();  /* the code was published by another CPU: resynchronise our instruction stream */
        check_cross(cpu, r);
        dmb();
        atomic_add(&acks, 1);
        dsb();
        sev();
    }
}

static void work(uint32_t cpu)
{
    uint32_t sense = 0;
    barrier_wait(&bar, &sense);
    self_modify(cpu);
    barrier_wait(&bar, &sense);
    if (cpu == 0) {
        cross_modify_writer();
    } else {
        cross_modify_reader(cpu);
    }
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
    n = (uint32_t)cmdline_int("n", 300);
    x = (uint32_t)cmdline_int("x", 100);
    if (x > 30000) {
        x = 30000;      /* the round number must fit the 15 bits of the returned value */
    }
    barrier_init(&bar, cpus);
    publish(&ncpus, cpus);
    uprintf("smp-smc: %u cpus, n=%u self-modifying rounds, x=%u cross-modifying rounds\n", cpus, n, x);
    work(0);

    int failures = 0;
    for (uint32_t c = 0; c < cpus; c++) {
        uprintf("self-modifying code, cpu %u: %u rounds, wrong results %u", c, n, self_wrong[c]);
        if (self_wrong[c] != 0) {
            uprintf(" (first in round %u)", self_first_bad[c]);
        }
        uprintf("\n");
        failures += self_wrong[c] != 0;
    }
    if (cpus == 1) {
        uprintf("cross-modifying code: one cpu, only cpu 0 calls the rewritten function\n");
    }
    for (uint32_t c = 0; c < cpus; c++) {
        uprintf("cross-modifying code, cpu %u: %u calls, wrong results %u", c, cross_calls[c],
                cross_wrong[c]);
        if (cross_wrong[c] != 0) {
            uprintf(" (first in round %u)", cross_first_bad[c]);
        }
        uprintf("\n");
        failures += cross_wrong[c] != 0 || cross_calls[c] != x;
    }
    uprintf("%s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
