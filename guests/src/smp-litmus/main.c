/* smp-litmus: two classic memory-model litmus tests, n iterations each, on pairs of CPUs
 * (CPUs 0+1, and 2+3 with four CPUs; each pair has its own variables and its own barrier).
 *  MP (message passing): the writer stores data then flag, DMB between; the reader loads flag then
 *     data, DMB between. Forbidden (ARM ARM A3.8.3, barriers order the two accesses on each side):
 *     the new flag seen together with the old data.
 *  SB (store buffering): each CPU stores its own variable, DMB, loads the other's. Forbidden: both
 *     load the old value (a DMB orders a store before a later load).
 * Each iteration writes the iteration number + 1, so "old" means "less than that"; a two-CPU
 * barrier starts every iteration and another ends it before the outcome is checked. The same tests
 * without barriers are allowed to show the forbidden outcomes: their counts depend on timing and
 * are printed on lines starting with "info:" (not compared). Exits 0 when the barrier variants
 * never showed a forbidden outcome. n=ITERATIONS per test (default 2000). With one CPU there is no
 * pair: the program says so and passes. */
#include "smp.h"

struct pair {
    struct smp_barrier bar;
    uint32_t pad0[5];
    volatile uint32_t data;             /* MP */
    uint32_t pad1[7];
    volatile uint32_t flag;
    uint32_t pad2[7];
    volatile uint32_t x;                /* SB */
    uint32_t pad3[7];
    volatile uint32_t y;
    uint32_t pad4[7];
    volatile uint32_t seen_by_b;        /* SB: what the second CPU loaded */
    uint32_t mp_flag_seen, mp_forbidden, sb_forbidden;
    uint32_t mp_flag_seen_nb, mp_forbidden_nb, sb_forbidden_nb;
} __attribute__((aligned(64)));

static struct pair pairs[2];
static struct smp_barrier all;
static volatile uint32_t ncpus;
static uint32_t n;

/* The ordered accesses are written in assembly so the compiler can neither reorder nor merge them;
 * `fenced` selects a DMB ISH between the two accesses or nothing. */
static inline void store_store(volatile uint32_t *a, uint32_t va, volatile uint32_t *b, uint32_t vb,
                               int fenced)
{
    if (fenced) {
        __asm__ volatile("str %1, [%0]\n\tdmb ish\n\tstr %3, [%2]"
                         : : "r"(a), "r"(va), "r"(b), "r"(vb) : "memory");
    } else {
        __asm__ volatile("str %1, [%0]\n\tstr %3, [%2]"
                         : : "r"(a), "r"(va), "r"(b), "r"(vb) : "memory");
    }
}

static inline void load_load(volatile uint32_t *a, uint32_t *va, volatile uint32_t *b, uint32_t *vb,
                             int fenced)
{
    uint32_t ra, rb;
    if (fenced) {
        __asm__ volatile("ldr %0, [%2]\n\tdmb ish\n\tldr %1, [%3]"
                         : "=&r"(ra), "=&r"(rb) : "r"(a), "r"(b) : "memory");
    } else {
        __asm__ volatile("ldr %0, [%2]\n\tldr %1, [%3]"
                         : "=&r"(ra), "=&r"(rb) : "r"(a), "r"(b) : "memory");
    }
    *va = ra;
    *vb = rb;
}

static inline uint32_t store_load(volatile uint32_t *st, uint32_t v, volatile uint32_t *ld, int fenced)
{
    uint32_t r;
    if (fenced) {
        __asm__ volatile("str %2, [%1]\n\tdmb ish\n\tldr %0, [%3]"
                         : "=&r"(r) : "r"(st), "r"(v), "r"(ld) : "memory");
    } else {
        __asm__ volatile("str %2, [%1]\n\tldr %0, [%3]"
                         : "=&r"(r) : "r"(st), "r"(v), "r"(ld) : "memory");
    }
    return r;
}

/* One pair runs MP then SB, fenced and unfenced. role 0 = writer / first, 1 = reader / second. */
static void run_pair(struct pair *p, int role)
{
    uint32_t sense = 0;
    for (int fenced = 1; fenced >= 0; fenced--) {
        uint32_t seen = 0, forbidden = 0;
        barrier_wait(&p->bar, &sense);
        p->data = 0;
        p->flag = 0;
        for (uint32_t i = 1; i <= n; i++) {
            barrier_wait(&p->bar, &sense);
            if (role == 0) {
                store_store(&p->data, i, &p->flag, i, fenced);
            } else {
                uint32_t f, d;
                /* a short, varying delay so the reader meets the writer at different points */
                for (volatile uint32_t k = 0; k < (i & 7); k++) {
                }
                load_load(&p->flag, &f, &p->data, &d, fenced);
                if (f == i) {
                    seen++;
                    if (d != i) {
                        forbidden++;
                    }
                }
            }
        }
        barrier_wait(&p->bar, &sense);
        if (role == 1) {
            if (fenced) {
                p->mp_flag_seen = seen;
                p->mp_forbidden = forbidden;
            } else {
                p->mp_flag_seen_nb = seen;
                p->mp_forbidden_nb = forbidden;
            }
        }
    }
    for (int fenced = 1; fenced >= 0; fenced--) {
        uint32_t forbidden = 0;
        barrier_wait(&p->bar, &sense);
        p->x = 0;
        p->y = 0;
        for (uint32_t i = 1; i <= n; i++) {
            barrier_wait(&p->bar, &sense);
            if (role == 0) {
                uint32_t r = store_load(&p->x, i, &p->y, fenced);
                barrier_wait(&p->bar, &sense);
                if (r != i && p->seen_by_b != i) {
                    forbidden++;
                }
            } else {
                p->seen_by_b = store_load(&p->y, i, &p->x, fenced);
                barrier_wait(&p->bar, &sense);
            }
        }
        barrier_wait(&p->bar, &sense);
        if (role == 0) {
            if (fenced) {
                p->sb_forbidden = forbidden;
            } else {
                p->sb_forbidden_nb = forbidden;
            }
        }
    }
}

static void work(uint32_t cpu)
{
    uint32_t sense = 0;
    barrier_wait(&all, &sense);
    if (cpu / 2 < ncpus / 2) {
        run_pair(&pairs[cpu / 2], (int)(cpu & 1));
    }
    barrier_wait(&all, &sense);
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
    n = (uint32_t)cmdline_int("n", 2000);
    barrier_init(&all, cpus);
    for (int i = 0; i < 2; i++) {
        barrier_init(&pairs[i].bar, 2);
    }
    publish(&ncpus, cpus);

    uint32_t npairs = cpus / 2;
    uprintf("smp-litmus: %u cpus, %u pair(s), n=%u iterations per test\n", cpus, npairs, n);
    if (npairs == 0) {
        uprintf("one cpu: the litmus tests need two, nothing to run\n");
        uprintf("PASS\n");
        return 0;
    }
    work(0);

    int failures = 0;
    for (uint32_t i = 0; i < npairs; i++) {
        struct pair *p = &pairs[i];
        uprintf("pair %u (cpus %u+%u): MP with DMB: forbidden (flag new, data old) %u\n", i, 2 * i,
                2 * i + 1, p->mp_forbidden);
        uprintf("pair %u (cpus %u+%u): SB with DMB: forbidden (both loads old) %u\n", i, 2 * i,
                2 * i + 1, p->sb_forbidden);
        uprintf("info: pair %u MP with DMB: flag seen %u/%u\n", i, p->mp_flag_seen, n);
        uprintf("info: pair %u MP without barriers: flag seen %u, data old %u\n", i,
                p->mp_flag_seen_nb, p->mp_forbidden_nb);
        uprintf("info: pair %u SB without barriers: both loads old %u/%u\n", i, p->sb_forbidden_nb, n);
        failures += p->mp_forbidden != 0;
        failures += p->sb_forbidden != 0;
    }
    if (cpus & 1) {
        uprintf("cpu %u has no partner and only joined the barriers\n", cpus - 1);
    }
    uprintf("%s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
