/* mmu-tlb: TLB maintenance, ASIDs and code through aliases (ARM ARM v7-A/R, B3.9 TLBs, B3.10 TLB
 * maintenance, B4.2.2 operations, B3.11 caches and translation changes).
 *  - stale translations: a mapping is used (so a TLB may hold it), its descriptor is changed, and
 *    after TLBIALL / TLBIMVA / TLBIASID / TLBIMVAA or the Inner Shareable forms + DSB + ISB the new
 *    one must be used. What is read between the change and the TLBI is UNPREDICTABLE, so never
 *    looked at. TLBIMVA must also remove global entries whatever its ASID operand, and any address
 *    inside a section or supersection invalidates the whole entry.
 *  - ASIDs: the same VA mapped non-global (nG) to different pages in two tables under ASIDs 1 and
 *    2; switching TTBR0 + CONTEXTIDR back and forth needs no TLB maintenance. TLBIASID and
 *    TLBIMVA aimed at the other ASID.
 *  - code: a page written through a writable execute-never alias and executed through a read-only
 *    executable mapping after DCCMVAU, DSB, ICIALLU, DSB, ISB; writes to the executable mapping and
 *    execution of the alias fault; a VA remapped from one code page to another executes the new
 *    code after TLBIMVA + BPIALL + DSB + ISB (CTR.L1Ip = PIPT: no I-cache maintenance needed).
 * One line per check; "PASS n/n" and exit 0, or "FAIL" and exit 1. */
#include "mmu.h"

static uint32_t *ta, *tb;       /* tables of ASID 1 and ASID 2 */

#define PAGE_G      0x40000000u     /* global small page */
#define PAGE_NG     0x40001000u     /* non-global small page */
#define SECT_VA     0x41000000u
#define SUPER_VA    0x42000000u
#define ASID_VA     0x43000000u     /* nG in both tables, different pages */
#define CODE_X      0x44000000u     /* code page, read-only executable */
#define CODE_W      0x44001000u     /* same page, writable execute-never */
#define CODE_R      0x44002000u     /* remapped between two code pages */
#define DATA_PA(k)  (SCRATCH_PA + 0x10000 + (k) * 0x1000)
#define CODE_PA     (SCRATCH_PA + 0x80000)
#define CODE1_PA    (SCRATCH_PA + 0x81000)
#define CODE2_PA    (SCRATCH_PA + 0x82000)

static void sync(void)
{
    dsb_sy();
    isb_sy();
}

/* Switches to (table, asid) through the reserved ASID 0 (B3.10.4): no nG entry of the new ASID can
 * be created from the old table in between. */
static void set_context(uint32_t *table, uint32_t contextidr)
{
    write_contextidr(0);
    write_ttbr0((uint32_t)(uintptr_t)table | TTBR_FLAGS);
    write_contextidr(contextidr);
}

static uint32_t read_va(uint32_t va)
{
    fault_reset();
    return probe_read(va);
}

/* Uses va (expecting pa), points the small page at new_pa, runs op, reads again. */
static uint32_t next_page;

static void remap_small(const char *what, uint32_t *l1, uint32_t va, uint32_t attrs, void (*op)(uint32_t),
                        uint32_t operand)
{
    uint32_t *slot = small_slot(l1, va);
    uint32_t old_pa = *slot & 0xfffff000u;
    uint32_t before = read_va(va + 0x24);
    uint32_t new_pa = DATA_PA(next_page++);
    pte_write(slot, new_pa | attrs | L2_SMALL);
    op(operand);
    sync();
    uint32_t after = read_va(va + 0x24);
    check(before == pat(old_pa + 0x24) && after == pat(new_pa + 0x24) && last_fault.count == 0,
          "%s: VA 0x%08x PA 0x%08x -> 0x%08x: reads 0x%08x", what, va, old_pa, new_pa, after);
}

static void test_stale(void)
{
    l2_table(ta, PAGE_G, L1_DOMAIN(0));
    map_small(ta, PAGE_G, DATA_PA(0), SMALL_NORMAL | l2_ap(AP_FULL));
    map_small(ta, PAGE_NG, DATA_PA(1), SMALL_NORMAL | l2_ap(AP_FULL) | L2_NG);
    next_page = 2;
    tlbiall(0);
    sync();

    uint32_t g = SMALL_NORMAL | l2_ap(AP_FULL), ng = g | L2_NG;
    remap_small("TLBIALL, global page", ta, PAGE_G, g, tlbiall, 0);
    remap_small("TLBIMVA same ASID, global page", ta, PAGE_G, g, tlbimva, PAGE_G | 1);
    remap_small("TLBIMVA other ASID, global page", ta, PAGE_G, g, tlbimva, PAGE_G | 7);
    remap_small("TLBIMVAA, global page", ta, PAGE_G, g, tlbimvaa, PAGE_G);
    remap_small("TLBIALLIS, global page", ta, PAGE_G, g, tlbiallis, 0);
    remap_small("TLBIMVAIS, global page", ta, PAGE_G, g, tlbimvais, PAGE_G | 1);
    remap_small("TLBIMVAAIS, global page", ta, PAGE_G, g, tlbimvaais, PAGE_G);
    remap_small("TLBIMVA, nG page", ta, PAGE_NG, ng, tlbimva, PAGE_NG | 1);
    remap_small("TLBIASID, nG page", ta, PAGE_NG, ng, tlbiasid, 1);
    remap_small("TLBIMVAA, nG page", ta, PAGE_NG, ng, tlbimvaa, PAGE_NG);
    remap_small("TLBIASIDIS, nG page", ta, PAGE_NG, ng, tlbiasidis, 1);
    remap_small("TLBIMVAIS, nG page", ta, PAGE_NG, ng, tlbimvais, PAGE_NG | 1);
    remap_small("TLBIMVAAIS, nG page", ta, PAGE_NG, ng, tlbimvaais, PAGE_NG);

    /* a valid page made invalid: translation fault after the TLBI */
    uint32_t before = read_va(PAGE_G + 0x28);
    uint32_t pa = *small_slot(ta, PAGE_G) & 0xfffff000u;
    pte_write(small_slot(ta, PAGE_G), 0);
    tlbimva(PAGE_G | 1);
    sync();
    fault_reset();
    probe_read(PAGE_G + 0x28);
    check(before == pat(pa + 0x28) && last_fault.count == 1 && (last_fault.fsr & DFSR_MASK) == FS_TRANS_PAGE,
          "TLBIMVA, page made invalid: read -> DFSR=0x%08x", last_fault.fsr & DFSR_MASK);

    /* section and supersection: an MVA anywhere inside invalidates the whole entry */
    map_section(ta, SECT_VA, SCRATCH_PA + 0x100000, SECT_NORMAL | l1_ap(AP_FULL));
    map_supersection(ta, SUPER_VA, 0x85000000u, SECT_NORMAL | l1_ap(AP_FULL));
    tlbiall(0);
    sync();
    uint32_t s1 = read_va(SECT_VA + 0x10);
    uint32_t s2 = read_va(SUPER_VA + 0x10);
    map_section(ta, SECT_VA, SCRATCH_PA + 0x200000, SECT_NORMAL | l1_ap(AP_FULL));
    map_supersection(ta, SUPER_VA, SCRATCH_PA, SECT_NORMAL | l1_ap(AP_FULL));
    tlbimva((SECT_VA + 0xabc00) | 1);
    tlbimvaa(SUPER_VA + 0xd80000);
    sync();
    uint32_t s1n = read_va(SECT_VA + 0x10);
    uint32_t s2n = read_va(SUPER_VA + 0x10);
    check(s1 == pat(SCRATCH_PA + 0x100010) && s1n == pat(SCRATCH_PA + 0x200010) && last_fault.count == 0,
          "TLBIMVA at section VA + 0xabc00: section remapped, reads 0x%08x", s1n);
    check(s2 == pat(0x85000010u) && s2n == pat(SCRATCH_PA + 0x10) && last_fault.count == 0,
          "TLBIMVAA at supersection VA + 0xd80000: supersection remapped, reads 0x%08x", s2n);
}

static void test_asid(void)
{
    l2_table(ta, ASID_VA, L1_DOMAIN(0));
    l2_table(tb, ASID_VA, L1_DOMAIN(0));
    uint32_t ng = SMALL_NORMAL | l2_ap(AP_FULL) | L2_NG;
    map_small(ta, ASID_VA, DATA_PA(20), ng);
    map_small(tb, ASID_VA, DATA_PA(21), ng);
    tlbiall(0);
    sync();

    static const char *const names[] = { "ASID 1", "ASID 2", "ASID 1 again", "ASID 2 again" };
    for (int i = 0; i < 4; i++) {
        int b = i & 1;
        set_context(b ? tb : ta, b ? 0x1202u : 0x3401u);
        uint32_t v = read_va(ASID_VA + 0x30);
        uint32_t pa = DATA_PA(b ? 21 : 20) + 0x30;
        check(v == pat(pa) && last_fault.count == 0, "%s: nG VA 0x%08x -> 0x%08x (PA 0x%08x), no TLBI",
              names[i], ASID_VA + 0x30, v, pa);
    }
    uint32_t cid = read_contextidr();
    check(cid == 0x1202u, "CONTEXTIDR reads 0x%08x (PROCID 0x12, ASID 2)", cid);

    /* under ASID 2: change ASID 1's page, invalidate ASID 1 by MVA from here, go back */
    pte_write(small_slot(ta, ASID_VA), DATA_PA(22) | ng | L2_SMALL);
    tlbimva(ASID_VA | 1);
    sync();
    set_context(ta, 0x3401u);
    uint32_t v = read_va(ASID_VA + 0x30);
    check(v == pat(DATA_PA(22) + 0x30) && last_fault.count == 0,
          "TLBIMVA for ASID 1 issued under ASID 2: ASID 1 reads 0x%08x", v);
    /* under ASID 1: change ASID 2's page, TLBIASID(2) from here, go back */
    pte_write(small_slot(tb, ASID_VA), DATA_PA(23) | ng | L2_SMALL);
    tlbiasid(2);
    sync();
    set_context(tb, 0x1202u);
    v = read_va(ASID_VA + 0x30);
    check(v == pat(DATA_PA(23) + 0x30) && last_fault.count == 0,
          "TLBIASID(2) issued under ASID 1: ASID 2 reads 0x%08x", v);
    set_context(ta, 0x3401u);
}

static uint32_t call(uint32_t va)
{
    fault_reset();
    return probe_exec(va);
}

static void test_code(void)
{
    uint32_t ctr;
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr));
    check((ctr >> 14 & 3) == 3, "CTR.L1Ip = %u (PIPT instruction cache)", ctr >> 14 & 3);

    l2_table(ta, CODE_X, L1_DOMAIN(0));
    map_small(ta, CODE_X, CODE_PA, SMALL_NORMAL | l2_ap(AP_PRIV_RO));
    map_small(ta, CODE_W, CODE_PA, SMALL_NORMAL | l2_ap(AP_PRIV) | L2_SMALL_XN);
    REG32(CODE1_PA) = insn_movw_r0(0x2001);
    REG32(CODE1_PA + 4) = INSN_BX_LR;
    REG32(CODE2_PA) = insn_movw_r0(0x2002);
    REG32(CODE2_PA + 4) = INSN_BX_LR;
    dccmvau(CODE1_PA);
    dccmvau(CODE2_PA);
    dsb_sy();
    iciallu(0);
    map_small(ta, CODE_R, CODE1_PA, SMALL_NORMAL | l2_ap(AP_PRIV_RO));
    tlbiall(0);
    sync();

    for (uint32_t k = 1; k <= 4; k++) {
        volatile uint32_t *w = (volatile uint32_t *)(uintptr_t)CODE_W;
        uint32_t value = 0x100 + k;
        if (k & 1) {
            w[0] = insn_movw_r0(value);
            w[1] = INSN_BX_LR;
        } else {
            w[0] = insn_movw_r0(value - 1);
            w[1] = 0xe2800001u;     /* add r0, r0, #1 */
            w[2] = INSN_BX_LR;
        }
        dccmvau(CODE_W);
        dsb_sy();
        iciallu(0);
        dsb_sy();
        isb_sy();
        uint32_t got = call(CODE_X);
        check(got == value && last_fault.count == 0,
              "code written at VA 0x%08x, run at VA 0x%08x (round %u) -> 0x%08x", CODE_W, CODE_X, k, got);
    }
    fault_reset();
    probe_write(CODE_X + 8, 0);
    expect_dabt("write to the read-only code mapping", FS_PERM_PAGE | DFSR_WNR, DFSR_MASK, CODE_X + 8);
    fault_reset();
    probe_exec(CODE_W);
    expect_pabt("execute the writable XN alias", FS_PERM_PAGE, CODE_W);

    uint32_t a = call(CODE_R);
    pte_write(small_slot(ta, CODE_R), CODE2_PA | SMALL_NORMAL | l2_ap(AP_PRIV_RO) | L2_SMALL);
    tlbimva(CODE_R | 1);
    bpiall(0);
    sync();
    uint32_t b = call(CODE_R);
    pte_write(small_slot(ta, CODE_R), CODE1_PA | SMALL_NORMAL | l2_ap(AP_PRIV_RO) | L2_SMALL);
    tlbimvaa(CODE_R);
    bpiall(0);
    sync();
    uint32_t c = call(CODE_R);
    check(a == 0x2001 && b == 0x2002 && c == 0x2001 && last_fault.count == 0,
          "VA 0x%08x remapped code page 1 -> 2 -> 1: returns 0x%04x 0x%04x 0x%04x", CODE_R, a, b, c);
}

int main(void)
{
    uprintf("mmu-tlb: TLB maintenance, ASIDs, code through aliases\n");
    for (uint32_t k = 0; k < 24; k++) {
        fill_pattern(DATA_PA(k), 16);
    }
    fill_pattern(SCRATCH_PA, 16);
    fill_pattern(SCRATCH_PA + 0x100000, 16);
    fill_pattern(SCRATCH_PA + 0x200000, 16);
    fill_pattern(0x85000000u, 16);

    ta = mmu_new_l1();
    tb = mmu_new_l1();
    mmu_on(ta, DACR_ALL_CLIENT, 0x3401u, 0);
    test_stale();
    test_asid();
    test_code();
    mmu_off();
    return summary();
}
