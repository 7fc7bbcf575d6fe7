/* faultcheck: the target program of fault-injection campaigns (bin/mttcg campaign). It computes
 * CRC32 over n blocks of pseudo-random data twice, with a lookup table and bit by bit, checks that
 * both agree (the self-check), then waits for an SP804 one-shot interrupt (so that lost, spurious
 * or delayed interrupts have something to hit) and prints the checksum.
 *   exit 0: both ways agree ("OK"); exit 1: they differ ("FAIL", detected by the guest);
 *   exit 125: an unexpected exception (the runtime's default vectors report it);
 *   exit 4: an unexpected interrupt ID.
 * n=BLOCKS (default 8). Short on purpose: a campaign runs it hundreds of times. */
#include "guest.h"

#define GICD            0x2c001000u
#define GICD_CTLR       REG32(GICD + 0x000)
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
#define SP804_CTRL      REG32(SP804 + 0x08)
#define SP804_INTCLR    REG32(SP804 + 0x0c)
#define ID_SP804        34u
#define BLOCK_BYTES     256u

static uint32_t table[256];
static uint8_t data[BLOCK_BYTES];
static volatile uint32_t fired, bad_irq;

static uint32_t xorshift32(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

static uint32_t crc_table(const uint8_t *p, uint32_t len)
{
    uint32_t c = 0xffffffffu;
    for (uint32_t i = 0; i < len; i++) {
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    }
    return ~c;
}

static uint32_t crc_bitwise(const uint8_t *p, uint32_t len)
{
    uint32_t c = 0xffffffffu;
    for (uint32_t i = 0; i < len; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
    }
    return ~c;
}

void irq_handler(void)
{
    uint32_t iar = GICC_IAR;
    if ((iar & 0x3ff) == ID_SP804) {
        SP804_INTCLR = 1;
        fired++;
    } else if ((iar & 0x3ff) != 1023) {
        bad_irq = iar;
    }
    GICC_EOIR = iar;
}

static void set_byte(volatile uint32_t *reg, uint32_t id, uint32_t value)
{
    uint32_t shift = (id % 4) * 8;
    *reg = (*reg & ~(0xffu << shift)) | (value << shift);
}

static void start_timer(void)
{
    GICD_CTLR = 0;
    set_byte(&GICD_IPRIORITYR(ID_SP804 / 4), ID_SP804, 0x80);
    set_byte(&GICD_ITARGETSR(ID_SP804 / 4), ID_SP804, 0x01);
    GICD_ISENABLER(ID_SP804 / 32) = 1u << (ID_SP804 % 32);
    GICD_CTLR = 1;
    GICC_PMR = 0xf0;
    GICC_CTLR = 1;
    SP804_LOAD = 2000;                          /* 2 ms at 1 MHz */
    SP804_CTRL = 0x80 | 0x20 | 0x02 | 0x01;     /* enable, interrupt, 32-bit, one-shot */
    __asm__ volatile("cpsie i" ::: "memory");
}

int main(void)
{
    uint32_t n = (uint32_t)cmdline_int("n", 8);
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
    start_timer();
    uint32_t seed = 0x12345678u, fast = 0, slow = 0;
    for (uint32_t b = 0; b < n; b++) {
        for (uint32_t i = 0; i < BLOCK_BYTES; i += 4) {
            uint32_t x = xorshift32(&seed);
            memcpy(&data[i], &x, 4);
        }
        fast = (fast << 3 | fast >> 29) ^ crc_table(data, BLOCK_BYTES);
        slow = (slow << 3 | slow >> 29) ^ crc_bitwise(data, BLOCK_BYTES);
    }
    while (!fired && !bad_irq) {
        __asm__ volatile("wfi" ::: "memory");
    }
    if (bad_irq) {
        uprintf("faultcheck: unexpected interrupt 0x%x\n", bad_irq);
        return 4;
    }
    uprintf("faultcheck: %u blocks, crc 0x%08x\n", n, fast);
    if (fast != slow) {
        uprintf("FAIL: table 0x%08x bitwise 0x%08x\n", fast, slow);
        return 1;
    }
    uprintf("OK\n");
    return 0;
}
