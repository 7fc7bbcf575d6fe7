/* Header-only SMP helpers for the smp-* guests (static inline, so programs that do not include this
 * header are unchanged): CPU count, LDREX/STREX atomics, a sense-reversing barrier, WFE/SEV.
 * Memory ordering follows the ARM ARM (v7-A, A3.8): DMB orders the accesses of one CPU as seen by
 * the others; DSB also waits for completion (needed before SEV so the woken CPU sees the store). */
#ifndef SMP_H
#define SMP_H

#include "guest.h"

#define SMP_MAX_CPUS 4      /* crt0.S gives stacks to CPUs 0..3 only */

static inline void dmb(void) { __asm__ volatile("dmb ish" : : : "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb ish" : : : "memory"); }
static inline void isb(void) { __asm__ volatile("isb" : : : "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" : : : "memory"); }
static inline void sev(void) { __asm__ volatile("sev" : : : "memory"); }

/* Number of CPUs in the cluster: Cortex-A15 L2CTLR[25:24] + 1 (QEMU fills it from -smp). */
static inline uint32_t smp_cpus(void)
{
    uint32_t l2ctlr;
    __asm__ volatile("mrc p15, 1, %0, c9, c0, 2" : "=r"(l2ctlr));
    uint32_t n = ((l2ctlr >> 24) & 3) + 1;
    return n > SMP_MAX_CPUS ? SMP_MAX_CPUS : n;
}

/* Atomically adds v to *p (LDREX/STREX retry loop); returns the old value. No ordering implied. */
static inline uint32_t atomic_add(volatile uint32_t *p, uint32_t v)
{
    uint32_t old, tmp, fail;
    __asm__ volatile(
        "1: ldrex   %0, [%3]\n\t"
        "   add     %1, %0, %4\n\t"
        "   strex   %2, %1, [%3]\n\t"
        "   teq     %2, #0\n\t"
        "   bne     1b"
        : "=&r"(old), "=&r"(tmp), "=&r"(fail)
        : "r"(p), "r"(v)
        : "memory", "cc");
    return old;
}

/* Start-up hand-off: CPU 0 sets up shared state in main(), then publishes a non-zero word; the
 * secondaries (which crt0 starts as soon as the BSS is clear) wait for it before touching that state. */
static inline void publish(volatile uint32_t *p, uint32_t v)
{
    dmb();
    *p = v;
    dsb();
    sev();
}

static inline uint32_t wait_nonzero(volatile uint32_t *p)
{
    uint32_t v;
    while ((v = *p) == 0) {
        wfe();
    }
    dmb();
    return v;
}

/* Sense-reversing barrier for `count` CPUs. Each CPU keeps its own sense (starting at 0). The last
 * arriving CPU resets the counter and flips the shared sense; the others wait for the flip in WFE. */
struct smp_barrier {
    volatile uint32_t arrived;
    volatile uint32_t sense;
    uint32_t count;
};

static inline void barrier_init(struct smp_barrier *b, uint32_t count)
{
    b->arrived = 0;
    b->sense = 0;
    b->count = count;
}

static inline void barrier_wait(struct smp_barrier *b, uint32_t *my_sense)
{
    uint32_t s = *my_sense ^ 1;
    *my_sense = s;
    dmb();      /* everything before the barrier is visible before we count ourselves in */
    if (atomic_add(&b->arrived, 1) == b->count - 1) {
        b->arrived = 0;
        dmb();  /* the reset counter is visible before the release */
        b->sense = s;
        dsb();
        sev();
    } else {
        while (b->sense != s) {
            wfe();
        }
    }
    dmb();      /* nothing after the barrier is done before we saw the release */
}

#endif
