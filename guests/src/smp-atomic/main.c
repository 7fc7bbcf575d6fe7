/* smp-atomic: every CPU increments shared counters n times; no increment may be lost.
 *  (a) a test-and-set spinlock (LDREX/STREX, WFE while it is held, DMB + DSB + SEV on unlock)
 *      protecting a plain counter;
 *  (b) a lock-free LDREX/STREX increment of a word;
 *  (c) LDREXB/STREXB and LDREXH/STREXH on byte and halfword counters that share words: one counter
 *      per CPU plus a shared one, all adjacent, so a store to one must never clobber a neighbour;
 *  (d) LDREXD/STREXD on a 64-bit counter that starts just below 2^32, so the carry crosses words.
 * The parts run one after the other, separated by barriers, so every CPU hammers the same part.
 * CPU 0 prints each final value next to the expected one (narrow counters wrap: expected modulo
 * 2^8 / 2^16) and exits 0 when all match, 1 otherwise. n=COUNT per CPU per counter (default 2000). */
#include "smp.h"

#define D_START 0xffffff00ull       /* (d) starts 256 below 2^32 */

static struct smp_barrier bar;
static volatile uint32_t ncpus;    /* published by CPU 0 when everything is set up */
static uint32_t n;

/* (a) */
static volatile uint32_t lock_word;
static volatile uint32_t locked_counter;
/* (b) */
static volatile uint32_t lockfree_counter;
/* (c): bytes[0..3] per CPU, bytes[4] shared; halves[0..3] per CPU, halves[4] shared */
static volatile uint8_t bytes[8] __attribute__((aligned(8)));
static volatile uint16_t halves[8] __attribute__((aligned(16)));
/* (d) */
static volatile uint64_t dword __attribute__((aligned(8)));

/* Test-and-set rather than ticket: a fair lock hands over to the next waiter even when its vCPU
 * thread is descheduled, and with 4 vCPUs on 2 host cores QEMU (whose WFE only yields) then
 * crawls at one hand-over per host time slice. */
static void spin_lock(void)
{
    uint32_t old, fail;
    __asm__ volatile(
        "1: ldrex   %0, [%2]\n\t"
        "   teq     %0, #0\n\t"
        "   wfene\n\t"                 /* held: sleep until the owner's SEV, then retry */
        "   bne     1b\n\t"
        "   strex   %1, %3, [%2]\n\t"
        "   teq     %1, #0\n\t"
        "   bne     1b"
        : "=&r"(old), "=&r"(fail) : "r"(&lock_word), "r"(1) : "memory", "cc");
    dmb();      /* the critical section starts after we own the lock */
}

static void spin_unlock(void)
{
    dmb();      /* the critical section's stores are visible before the lock is free */
    lock_word = 0;
    dsb();      /* the release is visible before the waiters wake */
    sev();
}

static void add_byte(volatile uint8_t *p)
{
    uint32_t v, fail;
    __asm__ volatile(
        "1: ldrexb  %0, [%2]\n\t"
        "   add     %0, %0, #1\n\t"
        "   strexb  %1, %0, [%2]\n\t"
        "   teq     %1, #0\n\t"
        "   bne     1b"
        : "=&r"(v), "=&r"(fail) : "r"(p) : "memory", "cc");
}

static void add_half(volatile uint16_t *p)
{
    uint32_t v, fail;
    __asm__ volatile(
        "1: ldrexh  %0, [%2]\n\t"
        "   add     %0, %0, #1\n\t"
        "   strexh  %1, %0, [%2]\n\t"
        "   teq     %1, #0\n\t"
        "   bne     1b"
        : "=&r"(v), "=&r"(fail) : "r"(p) : "memory", "cc");
}

static void add_dword(volatile uint64_t *p)
{
    uint64_t v;
    uint32_t fail;
    /* %Q / %R: low / high register of the 64-bit pair (an even/odd pair, as LDREXD requires) */
    __asm__ volatile(
        "1: ldrexd  %0, %H0, [%2]\n\t"
        "   adds    %Q0, %Q0, #1\n\t"
        "   adc     %R0, %R0, #0\n\t"
        "   strexd  %1, %0, %H0, [%2]\n\t"
        "   teq     %1, #0\n\t"
        "   bne     1b"
        : "=&r"(v), "=&r"(fail) : "r"(p) : "memory", "cc");
}

static void work(uint32_t cpu)
{
    uint32_t sense = 0;
    barrier_wait(&bar, &sense);
    for (uint32_t i = 0; i < n; i++) {
        spin_lock();
        locked_counter = locked_counter + 1;
        spin_unlock();
    }
    barrier_wait(&bar, &sense);
    for (uint32_t i = 0; i < n; i++) {
        atomic_add(&lockfree_counter, 1);
    }
    barrier_wait(&bar, &sense);
    for (uint32_t i = 0; i < n; i++) {
        add_byte(&bytes[cpu]);
        add_byte(&bytes[4]);
    }
    barrier_wait(&bar, &sense);
    for (uint32_t i = 0; i < n; i++) {
        add_half(&halves[cpu]);
        add_half(&halves[4]);
    }
    barrier_wait(&bar, &sense);
    for (uint32_t i = 0; i < n; i++) {
        add_dword(&dword);
    }
    barrier_wait(&bar, &sense);
}

void secondary_main(int cpu)
{
    if ((uint32_t)cpu < wait_nonzero(&ncpus)) {
        work((uint32_t)cpu);
    }
}

static int failures;

static void report(const char *what, uint32_t got, uint32_t want)
{
    uprintf("%-26s %10u expected %10u %s\n", what, got, want, got == want ? "ok" : "LOST");
    if (got != want) {
        failures++;
    }
}

int main(void)
{
    n = (uint32_t)cmdline_int("n", 2000);
    barrier_init(&bar, smp_cpus());
    dword = D_START;
    publish(&ncpus, smp_cpus());

    uprintf("smp-atomic: %u cpus, n=%u increments per cpu per counter\n", ncpus, n);
    work(0);

    uint32_t total = ncpus * n;
    report("(a) spinlock counter", locked_counter, total);
    report("(b) ldrex/strex word", lockfree_counter, total);
    char name[32];
    for (uint32_t c = 0; c < ncpus; c++) {
        usnprintf(name, sizeof name, "(c) byte, cpu %u", c);
        report(name, bytes[c], n & 0xff);
    }
    report("(c) byte, shared", bytes[4], total & 0xff);
    for (uint32_t c = 0; c < ncpus; c++) {
        usnprintf(name, sizeof name, "(c) halfword, cpu %u", c);
        report(name, halves[c], n & 0xffff);
    }
    report("(c) halfword, shared", halves[4], total & 0xffff);
    /* the counters of CPUs that do not exist stay 0: nobody wrote past its own byte */
    for (uint32_t c = ncpus; c < 4; c++) {
        if (bytes[c] != 0 || halves[c] != 0) {
            uprintf("(c) unused counter %u changed\n", c);
            failures++;
        }
    }
    uint64_t want = D_START + (uint64_t)total;
    uint64_t got = dword;
    uprintf("%-26s 0x%08x%08x expected 0x%08x%08x %s\n", "(d) ldrexd/strexd dword",
            (uint32_t)(got >> 32), (uint32_t)got, (uint32_t)(want >> 32), (uint32_t)want,
            got == want ? "ok" : "LOST");
    if (got != want) {
        failures++;
    }
    uprintf("%s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
