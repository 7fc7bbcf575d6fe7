/* timer-irq: interrupts through the GICv2.
 *  1. The generic virtual timer (CNTV, PPI 27) every 10 ms: the IRQ handler acknowledges through
 *     GICC_IAR, reloads CNTV_TVAL and writes GICC_EOIR; the main loop sleeps in WFI and prints
 *     each tick, five of them, then stops the timer.
 *  2. An SP804 (timer module at 0x1c110000, SPI 2 = GIC ID 34) one-shot of 1 ms.
 * The main loop keeps IRQs masked while it looks at the tick count and unmasks them only after
 * WFI has woken (a pending interrupt wakes WFI even when masked), so no tick can slip in between
 * the check and the WFI. Only deterministic facts are printed. */
#include "guest.h"

#define GICD            0x2c001000u
#define GICD_CTLR       REG32(GICD + 0x000)
#define GICD_TYPER      REG32(GICD + 0x004)
#define GICD_ISENABLER(n) REG32(GICD + 0x100 + 4 * (n))
#define GICD_IPRIORITYR(n) REG32(GICD + 0x400 + 4 * (n))
#define GICD_ITARGETSR(n) REG32(GICD + 0x800 + 4 * (n))
#define GICC            0x2c002000u
#define GICC_CTLR       REG32(GICC + 0x00)
#define GICC_PMR        REG32(GICC + 0x04)
#define GICC_IAR        REG32(GICC + 0x0c)
#define GICC_EOIR       REG32(GICC + 0x10)

#define SP804           0x1c110000u
#define SP804_LOAD      REG32(SP804 + 0x00)
#define SP804_VALUE     REG32(SP804 + 0x04)
#define SP804_CONTROL   REG32(SP804 + 0x08)
#define SP804_INTCLR    REG32(SP804 + 0x0c)
#define SP804_RIS       REG32(SP804 + 0x10)
#define SP804_MIS       REG32(SP804 + 0x14)
/* Control: enable, interrupt enable, 32-bit counter, one-shot */
#define SP804_ONESHOT_32 (0x80u | 0x20u | 0x02u | 0x01u)

#define ID_VTIMER       27
#define ID_SP804        34
#define TICKS           5

static uint32_t tick_period;
static volatile uint32_t ticks, sp804_fired, other_irqs, last_id;
static volatile uint32_t sp804_ris, sp804_mis, sp804_ris_after;

static inline void cntv_tval_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tisb" : : "r"(v));
}

static inline void cntv_ctl_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" : : "r"(v));
}

static inline uint64_t cntvct(void)
{
    uint32_t lo, hi;
    __asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
    return (uint64_t)hi << 32 | lo;
}

void irq_handler(void)
{
    uint32_t iar = GICC_IAR;
    uint32_t id = iar & 0x3ff;
    if (id == 1023) {
        return;     /* spurious: nothing to end */
    }
    last_id = id;
    if (id == ID_VTIMER) {
        ticks++;
        if (ticks < TICKS) {
            cntv_tval_write(tick_period);   /* also clears the timer condition */
        } else {
            cntv_ctl_write(0);              /* disabled: the level interrupt drops */
        }
    } else if (id == ID_SP804) {
        sp804_ris = SP804_RIS;
        sp804_mis = SP804_MIS;
        SP804_INTCLR = 1;
        sp804_ris_after = SP804_RIS;
        sp804_fired++;
    } else {
        other_irqs++;
    }
    GICC_EOIR = iar;
}

static void set_byte(volatile uint32_t *reg_base_word, uint32_t id, uint32_t value)
{
    /* priority and target registers hold one byte per interrupt: read-modify-write a word */
    volatile uint32_t *w = reg_base_word;
    uint32_t shift = (id & 3) * 8;
    *w = (*w & ~(0xffu << shift)) | value << shift;
}

static void gic_init(void)
{
    GICD_CTLR = 0;
    set_byte(&GICD_IPRIORITYR(ID_VTIMER / 4), ID_VTIMER, 0x80);
    set_byte(&GICD_IPRIORITYR(ID_SP804 / 4), ID_SP804, 0x80);
    set_byte(&GICD_ITARGETSR(ID_SP804 / 4), ID_SP804, 0x01);     /* to CPU 0 */
    GICD_ISENABLER(ID_VTIMER / 32) = 1u << (ID_VTIMER % 32);
    GICD_ISENABLER(ID_SP804 / 32) = 1u << (ID_SP804 % 32);
    GICD_CTLR = 1;          /* Secure view: enable group 0 (every interrupt is group 0 at reset) */
    GICC_PMR = 0xf0;
    GICC_CTLR = 1;          /* group 0 signalled as IRQ (FIQEn = 0) */
}

/* Sleeps until *counter reaches target, printing each step when print is set. */
static void wait_for(volatile uint32_t *counter, uint32_t target, int print)
{
    uint32_t seen = 0;
    while (seen < target) {
        __asm__ volatile("wfi");
        __asm__ volatile("cpsie i\n\tisb\n\tcpsid i" : : : "memory");
        while (seen < *counter) {
            seen++;
            if (print) {
                uprintf("tick %u (GIC ID %u)\n", seen, last_id);
            }
        }
    }
}

int main(void)
{
    uint32_t cbar, freq;
    __asm__ volatile("mrc p15, 4, %0, c15, c0, 0" : "=r"(cbar));
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));
    uprintf("timer-irq guest: CBAR 0x%08x, GICD_TYPER 0x%08x, CNTFRQ %u Hz\n", cbar, GICD_TYPER,
            freq);
    gic_init();

    tick_period = freq / 100;
    uprintf("virtual timer: %d ticks of %u counts (10 ms)\n", TICKS, tick_period);
    uint64_t start = cntvct();
    cntv_tval_write(tick_period);
    cntv_ctl_write(1);
    wait_for(&ticks, TICKS, 1);
    uint64_t elapsed = cntvct() - start;
    uprintf("5 ticks took at least 50 ms of CNTVCT: %s\n",
            elapsed >= (uint64_t)TICKS * tick_period ? "yes" : "NO");

    SP804_LOAD = 1000;      /* 1 MHz timer clock: 1 ms */
    SP804_CONTROL = SP804_ONESHOT_32;
    wait_for(&sp804_fired, 1, 0);
    uprintf("sp804 one-shot: GIC ID %u, RIS %u MIS %u, RIS after clear %u, value %u\n", last_id,
            sp804_ris, sp804_mis, sp804_ris_after, SP804_VALUE);
    SP804_CONTROL = 0;

    uprintf("unexpected interrupts: %u\n", other_irqs);
    return ticks == TICKS && sp804_fired == 1 && other_irqs == 0 ? 0 : 1;
}
