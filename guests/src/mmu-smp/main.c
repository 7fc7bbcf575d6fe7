/* mmu-smp: TLB maintenance broadcast to another CPU (ARM ARM v7-A/R, B3.10.2 Inner Shareable TLB
 * operations, B3.10.1 completion by DSB). Needs 2 CPUs.
 *  - each CPU runs on its own first-level table and ASID (CPU 0: ASID 1, CPU 1: ASID 2); a nG
 *    VA maps to a different page in each;
 *  - both tables point to one shared second-level table holding a global page G and a nG page N.
 *    Every round CPU 1 reads G and N (so its TLB may hold them) and acknowledges; CPU 0 then points
 *    them at new pages, runs a broadcast TLBI (TLBIMVAIS, TLBIMVAAIS, TLBIASIDIS(2) or TLBIALLIS)
 *    and DSB ISH, which completes it on CPU 1 too, and publishes the round (DSB + SEV); CPU 1 (WFE
 *    until then) must read the new pages. TLBIASIDIS does not touch global entries, so G is left
 *    unchanged in those rounds.
 * Every wait is bounded by the generic timer (2 s), so a lost broadcast prints FAIL instead of
 * hanging. CPU 0 prints one line per check, then "PASS n/n" (exit 0) or "FAIL" (exit 1). */
#include "mmu.h"
#include "smp.h"

#define PAGE_G      0x40000000u
#define PAGE_N      0x40001000u
#define PRIVATE_VA  0x41000000u
#define DATA_PA(k)  (SCRATCH_PA + 0x10000 + (k) * 0x1000)
#define ROUNDS      8
#define OFF         0x44u

static uint32_t *t0, *t1;
static volatile uint32_t tables_ready, round_pub, round_ack, cpu1_failed;
static volatile uint32_t seen_g[ROUNDS], seen_n[ROUNDS], cpu1_private;
static uint32_t g_pa[ROUNDS], n_pa[ROUNDS];

static const char *const op_names[] = { "TLBIMVAIS", "TLBIMVAAIS", "TLBIASIDIS(2)", "TLBIALLIS" };

static uint64_t counter(void)
{
    uint32_t lo, hi;
    __asm__ volatile("isb\n\tmrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));    /* CNTPCT */
    return (uint64_t)hi << 32 | lo;
}

static uint64_t deadline(void)
{
    uint32_t freq;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));                  /* CNTFRQ */
    return counter() + 2ull * (freq ? freq : 62500000u);
}

/* Waits until *p == v; 0 on timeout. WFE only where the other CPU is known to SEV after its store
 * (CPU 1 waiting for CPU 0); CPU 0 polls, so it notices a CPU 1 that died. */
static int wait_for(volatile uint32_t *p, uint32_t v, int use_wfe)
{
    uint64_t end = deadline();
    while (*p != v) {
        if (counter() > end) {
            return 0;
        }
        if (use_wfe) {
            wfe();
        }
    }
    dmb();
    return 1;
}

void secondary_main(int cpu)
{
    if (cpu != 1) {
        return;
    }
    while (tables_ready == 0) {
        wfe();
    }
    dmb();
    mmu_on(t1, DACR_ALL_CLIENT, 2, 0);
    cpu1_private = REG32(PRIVATE_VA + OFF);
    for (uint32_t r = 0; r < ROUNDS; r++) {
        if (!wait_for(&round_pub, r + 1, 1)) {
            cpu1_failed = r + 1;
            break;
        }
        seen_g[r] = REG32(PAGE_G + OFF);
        seen_n[r] = REG32(PAGE_N + OFF);
        publish(&round_ack, r + 1);
    }
    mmu_off();
}

static void broadcast(uint32_t r)
{
    uint32_t attrs = SMALL_NORMAL | l2_ap(AP_FULL) | L2_SMALL;
    uint32_t op = r % 4;
    g_pa[r] = op == 2 && r > 0 ? g_pa[r - 1] : DATA_PA(2 * r);
    n_pa[r] = DATA_PA(2 * r + 1);
    pte_write(small_slot(t0, PAGE_G), g_pa[r] | attrs);
    pte_write(small_slot(t0, PAGE_N), n_pa[r] | attrs | L2_NG);
    switch (op) {
    case 0:
        tlbimvais(PAGE_G | 1);
        tlbimvais(PAGE_N | 2);
        break;
    case 1:
        tlbimvaais(PAGE_G);
        tlbimvaais(PAGE_N);
        break;
    case 2:
        tlbiasidis(2);
        break;
    default:
        tlbiallis(0);
        break;
    }
    dsb_ish();
    isb_sy();
}

int main(void)
{
    uprintf("mmu-smp: broadcast TLB maintenance, per-CPU tables and ASIDs\n");
    if (smp_cpus() < 2) {
        uprintf("mmu-smp needs 2 CPUs (-smp 2)\nFAIL\n");
        return 1;
    }
    for (uint32_t k = 0; k < 2 * ROUNDS + 2; k++) {
        fill_pattern(DATA_PA(k) + OFF, 1);
    }
    t0 = mmu_new_l1();
    t1 = mmu_new_l1();
    l2_table(t0, PAGE_G, L1_DOMAIN(0));
    t1[PAGE_G >> 20] = t0[PAGE_G >> 20];            /* the shared second-level table */
    l2_table(t0, PRIVATE_VA, L1_DOMAIN(0));
    l2_table(t1, PRIVATE_VA, L1_DOMAIN(0));
    map_small(t0, PRIVATE_VA, DATA_PA(2 * ROUNDS), SMALL_NORMAL | l2_ap(AP_FULL) | L2_NG);
    map_small(t1, PRIVATE_VA, DATA_PA(2 * ROUNDS + 1), SMALL_NORMAL | l2_ap(AP_FULL) | L2_NG);
    broadcast(0);                                   /* round 0's pages, before anyone uses them */
    mmu_on(t0, DACR_ALL_CLIENT, 1, 0);
    publish(&tables_ready, 1);

    uint32_t mine = REG32(PRIVATE_VA + OFF);
    check(mine == pat(DATA_PA(2 * ROUNDS) + OFF), "cpu0, own table, ASID 1: nG VA 0x%08x -> 0x%08x",
          PRIVATE_VA + OFF, mine);

    uint32_t answered = 0;
    for (uint32_t r = 0; r < ROUNDS; r++) {
        if (r > 0) {
            broadcast(r);
        }
        uint32_t g0 = REG32(PAGE_G + OFF);          /* CPU 0's own view (ASID 1, global page) */
        publish(&round_pub, r + 1);
        if (!wait_for(&round_ack, r + 1, 0)) {
            check(0, "round %u: cpu1 did not answer within 2 s", r);
            break;
        }
        answered++;
        check(seen_g[r] == pat(g_pa[r] + OFF) && seen_n[r] == pat(n_pa[r] + OFF) && g0 == pat(g_pa[r] + OFF),
              "round %u, %s by cpu0: cpu1 reads G 0x%08x (PA 0x%08x) N 0x%08x (PA 0x%08x)", r,
              r == 0 ? "first use" : op_names[r % 4], seen_g[r], g_pa[r], seen_n[r], n_pa[r]);
    }
    if (answered > 0) {
        check(cpu1_private == pat(DATA_PA(2 * ROUNDS + 1) + OFF),
              "cpu1, own table, ASID 2: nG VA 0x%08x -> 0x%08x", PRIVATE_VA + OFF, cpu1_private);
    }
    if (cpu1_failed) {
        check(0, "cpu1 timed out waiting for round %u", cpu1_failed - 1);
    }
    mmu_off();
    return summary();
}
