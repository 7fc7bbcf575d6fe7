/* smp-ipi: inter-processor interrupts and per-CPU timers through the GICv2 (distributor
 * 0x2c001000, CPU interfaces 0x2c002000, banked per CPU; GIC architecture spec v2, 4.3.15 GICD_SGIR
 * and 4.4.4 GICC_IAR).
 *  1. SGI to self on every CPU (GICD_SGIR TargetListFilter = 0b10): n each; the handler checks
 *     that IAR's CPUID field names the CPU itself.
 *  2. Ping-pong, CPU 0 with each other CPU in turn: CPU 0 sends SGI 1 to CPU t (target list bit t),
 *     t's handler acknowledges it, checks the source (IAR[12:10] = 0), ends it (EOIR) and answers
 *     with SGI 2 to CPU 0, whose handler checks the source is t. n round trips per peer. Skipped
 *     (and said so) with one CPU.
 *  3. Generic timer: every CPU arms its own virtual timer (CNTV, PPI 27, banked per CPU) and
 *     counts k ticks of 2 ms in its handler while sleeping in WFI.
 * Waiting uses WFI with IRQs masked (a pending interrupt wakes WFI even then) and a short unmask
 * window, so no interrupt can arrive between the check and the WFI. Prints the counts (all
 * deterministic) and PASS/FAIL. n=ROUND_TRIPS (default 200), k=TICKS (default 5). */
#include "smp.h"

#define GICD            0x2c001000u
#define GICD_CTLR       REG32(GICD + 0x000)
#define GICD_ISENABLER0 REG32(GICD + 0x100)
#define GICD_IPRIORITYR(n) REG32(GICD + 0x400 + 4 * (n))
#define GICD_SGIR       REG32(GICD + 0xf00)
#define GICC            0x2c002000u
#define GICC_CTLR       REG32(GICC + 0x00)
#define GICC_PMR        REG32(GICC + 0x04)
#define GICC_IAR        REG32(GICC + 0x0c)
#define GICC_EOIR       REG32(GICC + 0x10)

#define SGI_PING        1
#define SGI_PONG        2
#define SGI_SELF        3
#define SGI_WAKE        4
#define ID_VTIMER       27
#define SGIR_TO_SELF    (2u << 24)     /* TargetListFilter 0b10 */
#define SGIR_TO_OTHERS  (1u << 24)     /* TargetListFilter 0b01 */

struct percpu {
    volatile uint32_t self_sgis, pings, pongs_from[SMP_MAX_CPUS], ticks;
    volatile uint32_t bad_source, unexpected;
} __attribute__((aligned(64)));

static struct percpu pc[SMP_MAX_CPUS];
static struct smp_barrier bar;
static volatile uint32_t ncpus, pingpong_done;
static uint32_t n, k, tick_period;

static inline void cntv_tval_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tisb" : : "r"(v));
}

static inline void cntv_ctl_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" : : "r"(v));
}

void irq_handler(void)
{
    uint32_t cpu = cpu_id();
    struct percpu *me = &pc[cpu];
    uint32_t iar = GICC_IAR;
    uint32_t id = iar & 0x3ff;
    uint32_t src = iar >> 10 & 7;
    if (id == 1023) {
        return;     /* spurious: nothing to end */
    }
    switch (id) {
    case SGI_SELF:
        me->self_sgis++;
        me->bad_source += src != cpu;
        break;
    case SGI_PING:
        me->pings++;
        me->bad_source += src != 0;
        GICC_EOIR = iar;
        dsb();
        GICD_SGIR = (1u << 16) | SGI_PONG;  /* answer CPU 0 */
        return;
    case SGI_PONG:
        if (src < SMP_MAX_CPUS) {
            me->pongs_from[src]++;
        }
        break;
    case SGI_WAKE:
        break;
    case ID_VTIMER:
        me->ticks++;
        if (me->ticks < k) {
            cntv_tval_write(tick_period);   /* also clears the timer condition */
        } else {
            cntv_ctl_write(0);              /* disabled: the level interrupt drops */
        }
        break;
    default:
        me->unexpected++;
        break;
    }
    GICC_EOIR = iar;
}

/* Sleeps until *counter >= target (or, when stop is given, *stop != 0). */
static void wait_irqs(volatile uint32_t *counter, uint32_t target, volatile uint32_t *stop)
{
    for (;;) {
        if (stop != NULL ? *stop != 0 : *counter >= target) {
            return;
        }
        __asm__ volatile("wfi");
        __asm__ volatile("cpsie i\n\tisb\n\tcpsid i" : : : "memory");
    }
}

static void set_priority(uint32_t id, uint32_t prio)
{
    volatile uint32_t *w = &GICD_IPRIORITYR(id / 4);
    uint32_t shift = (id & 3) * 8;
    *w = (*w & ~(0xffu << shift)) | prio << shift;
}

/* SGI and PPI enables and priorities are banked: every CPU sets up its own. */
static void gic_cpu_init(void)
{
    set_priority(SGI_PING, 0x80);
    set_priority(SGI_PONG, 0x80);
    set_priority(SGI_SELF, 0x80);
    set_priority(SGI_WAKE, 0x80);
    set_priority(ID_VTIMER, 0x80);
    GICD_ISENABLER0 = 1u << SGI_PING | 1u << SGI_PONG | 1u << SGI_SELF | 1u << SGI_WAKE
                      | 1u << ID_VTIMER;
    GICC_PMR = 0xf0;
    GICC_CTLR = 1;          /* group 0 (everything, Secure) signalled as IRQ */
}

static void work(uint32_t cpu)
{
    uint32_t sense = 0;
    struct percpu *me = &pc[cpu];
    gic_cpu_init();
    barrier_wait(&bar, &sense);

    for (uint32_t i = 0; i < n; i++) {
        GICD_SGIR = SGIR_TO_SELF | SGI_SELF;
        wait_irqs(&me->self_sgis, i + 1, NULL);
    }
    barrier_wait(&bar, &sense);

    if (cpu == 0) {
        for (uint32_t t = 1; t < ncpus; t++) {
            for (uint32_t i = 0; i < n; i++) {
                GICD_SGIR = (1u << (16 + t)) | SGI_PING;
                wait_irqs(&me->pongs_from[t], i + 1, NULL);
            }
        }
        publish(&pingpong_done, 1);
        GICD_SGIR = SGIR_TO_OTHERS | SGI_WAKE;
    } else {
        /* the answers are sent by the handler; the stop flag comes with SGI_WAKE to all others
         * (SEV does not end a WFI) */
        wait_irqs(NULL, 0, &pingpong_done);
    }
    barrier_wait(&bar, &sense);

    cntv_tval_write(tick_period);
    cntv_ctl_write(1);
    wait_irqs(&me->ticks, k, NULL);
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
    uint32_t freq;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));
    n = (uint32_t)cmdline_int("n", 200);
    k = (uint32_t)cmdline_int("k", 5);
    tick_period = freq / 500;       /* 2 ms */
    barrier_init(&bar, cpus);
    GICD_CTLR = 1;                  /* Secure view: enable group 0 */
    publish(&ncpus, cpus);
    uprintf("smp-ipi: %u cpus, n=%u round trips, k=%u timer ticks of 2 ms\n", cpus, n, k);
    work(0);

    int failures = 0;
    for (uint32_t c = 0; c < cpus; c++) {
        struct percpu *p = &pc[c];
        uprintf("cpu %u: SGI to self %u/%u\n", c, p->self_sgis, n);
        failures += p->self_sgis != n;
    }
    if (cpus == 1) {
        uprintf("ping-pong: one cpu, nobody to ping (SGI to self and timer only)\n");
    }
    for (uint32_t t = 1; t < cpus; t++) {
        uprintf("ping-pong cpu 0 <-> cpu %u: %u pings received, %u pongs received\n", t, pc[t].pings,
                pc[0].pongs_from[t]);
        failures += pc[t].pings != n || pc[0].pongs_from[t] != n;
    }
    for (uint32_t c = 0; c < cpus; c++) {
        struct percpu *p = &pc[c];
        uprintf("cpu %u: virtual timer ticks %u/%u, wrong SGI sources %u, unexpected IRQs %u\n", c,
                p->ticks, k, p->bad_source, p->unexpected);
        failures += p->ticks != k || p->bad_source != 0 || p->unexpected != 0;
    }
    uprintf("%s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
