/* mmu-basic: short-descriptor translation (ARM ARM v7-A/R, B3.5) with the page tables built here at
 * run time: sections, supersections, small and large pages read and written through aliases of
 * known physical RAM; translation faults at both levels (DFSR/DFAR, WnR, the domain of a
 * second-level fault); ATS1CPR/CPW/CUR/CUW and the PAR (B4.1.112: PA, SS, fault status);
 * TTBCR.N = 2 (TTBR0 below 1 GiB, TTBR1 above) and TTBCR.PD0; TEX remap (SCTLR.TRE with Linux's
 * PRRR/NMRR); the access flag (SCTLR.AFE: access flag faults, then the simplified AP model).
 * One line per check; "PASS n/n" and exit 0, or "FAIL" and exit 1. */
#include "mmu.h"

static uint32_t *l1;

/* The PAR fields every implementation reports (B4.1.112): PA[31:12], SS and F on success;
 * FS (bits 6:1) and F on a fault. Inner/Outer/SH/NS/NOS are IMPLEMENTATION DEFINED or depend on
 * the attributes, so they are not compared. */
static uint32_t par_ok_bits(uint32_t par) { return par & 0xfffff003u; }
static uint32_t par_fault_bits(uint32_t par) { return par & 0x7fu; }
#define PAR_FAULT(fs) ((((fs) & 0xf) << 1) | (((fs) >> 10 & 1) << 5) | 1u)

static void read_check(const char *what, uint32_t va, uint32_t pa)
{
    fault_reset();
    uint32_t got = probe_read(va);
    char line[96];
    usnprintf(line, sizeof line, "%s: read VA 0x%08x (PA 0x%08x)", what, va, pa);
    expect_no_fault(line, got, pat(pa));
}

static void test_formats(void)
{
    /* section: 1 MiB */
    map_section(l1, TEST_VA, SCRATCH_PA + 0x100000, SECT_NORMAL | l1_ap(AP_FULL));
    /* supersection: 16 MiB, 16 repeated entries, domain 0 by definition */
    map_supersection(l1, 0x41000000u, SCRATCH_PA, SECT_NORMAL | l1_ap(AP_FULL));
    /* second-level table in domain 5 (DACR: all client): small and large pages */
    l2_table(l1, 0x42000000u, L1_DOMAIN(5));
    map_small(l1, 0x42003000u, SCRATCH_PA + 0x205000, SMALL_NORMAL | l2_ap(AP_FULL));
    map_large(l1, 0x42010000u, SCRATCH_PA + 0x310000, LARGE_NORMAL | l2_ap(AP_FULL));
    map_small(l1, 0x42005000u, SCRATCH_PA + 0x206000, SMALL_NORMAL | l2_ap(AP_PRIV));
    map_small(l1, 0x42006000u, SCRATCH_PA + 0x207000, SMALL_NORMAL | l2_ap(AP_PRIV_RO));
    map_small(l1, 0x42007000u, SCRATCH_PA + 0x208000, SMALL_NORMAL | l2_ap(AP_USER_RO));
    /* section in domain 3, which the DACR makes "no access" for the ATS domain-fault check */
    map_section(l1, 0x45000000u, SCRATCH_PA + 0x900000, SECT_NORMAL | l1_ap(AP_FULL) | L1_DOMAIN(3));
    tlbiall(0);
    dsb_sy();
    isb_sy();

    read_check("section", TEST_VA + 0x12344, SCRATCH_PA + 0x112344);
    read_check("section", TEST_VA + 0xffffc, SCRATCH_PA + 0x1ffffc);
    read_check("supersection", 0x41abcde4u, SCRATCH_PA + 0xabcde4);
    read_check("supersection", 0x41f0000cu, SCRATCH_PA + 0xf0000c);
    read_check("small page", 0x42003010u, SCRATCH_PA + 0x205010);
    read_check("small page", 0x42003ffcu, SCRATCH_PA + 0x205ffc);
    read_check("large page", 0x42010000u, SCRATCH_PA + 0x310000);
    read_check("large page", 0x4201abc4u, SCRATCH_PA + 0x31abc4);
    read_check("large page", 0x4201fffcu, SCRATCH_PA + 0x31fffc);

    /* a write through a mapping lands at its physical address (seen through the identity map) */
    fault_reset();
    probe_write(0x42003100u, 0x13572468u);
    probe_write(0x4201e204u, 0x24681357u);
    uint32_t a = REG32(SCRATCH_PA + 0x205100), b = REG32(SCRATCH_PA + 0x31e204);
    check(last_fault.count == 0 && a == 0x13572468u && b == 0x24681357u,
          "write through small and large page -> PA 0x%08x = 0x%08x, PA 0x%08x = 0x%08x",
          SCRATCH_PA + 0x205100, a, SCRATCH_PA + 0x31e204, b);

    /* translation faults: first level (no domain reported), second level (domain of the table) */
    fault_reset();
    probe_read(0x50000010u);
    expect_dabt("unmapped section: read", FS_TRANS_SECT, DFSR_MASK, 0x50000010u);
    fault_reset();
    probe_write(0x50000ff0u, 1);
    expect_dabt("unmapped section: write", FS_TRANS_SECT | DFSR_WNR, DFSR_MASK, 0x50000ff0u);
    fault_reset();
    probe_read(0x42004008u);
    expect_dabt("unmapped small page in domain 5: read", FS_TRANS_PAGE | DFSR_DOMAIN(5), DFSR_MASK_DOM,
                0x42004008u);
    fault_reset();
    probe_write(0x42020000u, 1);
    expect_dabt("unmapped small page in domain 5: write", FS_TRANS_PAGE | DFSR_DOMAIN(5) | DFSR_WNR,
                DFSR_MASK_DOM, 0x42020000u);
}

static void ats_ok(const char *what, void (*op)(uint32_t), uint32_t va, uint32_t mask, uint32_t expected)
{
    fault_reset();
    op(va);
    isb_sy();
    uint32_t par = read_par() & mask;
    check(par == expected && last_fault.count == 0, "ATS %s VA 0x%08x -> PAR=0x%08x", what, va, par);
}

static void ats_fault(const char *what, void (*op)(uint32_t), uint32_t va, uint32_t fs)
{
    fault_reset();
    op(va);
    isb_sy();
    uint32_t par = par_fault_bits(read_par());
    check(par == PAR_FAULT(fs) && last_fault.count == 0, "ATS %s VA 0x%08x -> PAR=0x%08x (fault, no abort)",
          what, va, par);
}

static void test_ats(void)
{
    ats_ok("1CPR section", ats1cpr, TEST_VA + 0x12344, 0xfffff003u, SCRATCH_PA + 0x112000);
    /* supersection: PAR.SS = 1, PA[31:24] in bits 31:24 (bits 23:12 are not all PA bits) */
    ats_ok("1CPR supersection", ats1cpr, 0x41abcde4u, 0xff000003u, (SCRATCH_PA & 0xff000000u) | 2u);
    ats_ok("1CPR small page", ats1cpr, 0x42003010u, 0xfffff003u, SCRATCH_PA + 0x205000);
    ats_ok("1CPR large page", ats1cpr, 0x4201abc4u, 0xfffff003u, SCRATCH_PA + 0x31a000);
    ats_ok("1CPW identity RAM", ats1cpw, 0x80001234u, 0xfffff003u, 0x80001000u);
    ats_ok("1CPR PL1-only page", ats1cpr, 0x42005000u, 0xfffff003u, SCRATCH_PA + 0x206000);
    ats_ok("1CUR user read-only page", ats1cur, 0x42007000u, 0xfffff003u, SCRATCH_PA + 0x208000);
    ats_fault("1CPR unmapped section", ats1cpr, 0x50000000u, FS_TRANS_SECT);
    ats_fault("1CPR unmapped page", ats1cpr, 0x42004000u, FS_TRANS_PAGE);
    ats_fault("1CUR PL1-only page", ats1cur, 0x42005000u, FS_PERM_PAGE);
    ats_fault("1CPW PL1 read-only page", ats1cpw, 0x42006000u, FS_PERM_PAGE);
    ats_fault("1CUW user read-only page", ats1cuw, 0x42007000u, FS_PERM_PAGE);
    write_dacr(DACR_ALL_CLIENT & ~(3u << 6));   /* domain 3: no access */
    ats_fault("1CPR section in no-access domain 3", ats1cpr, 0x45000000u, FS_DOMAIN_SECT);
    write_dacr(DACR_ALL_CLIENT);
    (void)par_ok_bits;
}

/* TTBCR.N = 2: VAs below 2^30 use TTBR0 (a 4 KiB table), the others TTBR1 (B3.5.4). The UART is in
 * TTBR0's half, so nothing is printed until the split is undone. */
static void test_split(void)
{
    uint32_t *t0 = mmu_blank_l1();
    map_section(t0, DEV_BASE, DEV_BASE, SECT_DEVICE | L1_XN | l1_ap(AP_PRIV));
    map_section(t0, DEV_BASE + 0x100000, DEV_BASE + 0x100000, SECT_DEVICE | L1_XN | l1_ap(AP_PRIV));
    map_section(t0, 0x30000000u, SCRATCH_PA + 0x400000, SECT_NORMAL | l1_ap(AP_FULL));
    /* the same VA in the TTBR1 table maps elsewhere: must not be used while N = 2 */
    map_section(l1, 0x30000000u, SCRATCH_PA + 0x500000, SECT_NORMAL | l1_ap(AP_FULL));

    /* order matters: this code runs above 1 GiB, so TTBR1 and the split come before TTBR0 changes */
    write_ttbr1((uint32_t)(uintptr_t)l1 | TTBR_FLAGS);
    write_ttbcr(2);
    write_ttbr0((uint32_t)(uintptr_t)t0 | TTBR_FLAGS);
    tlbiall(0);
    dsb_sy();
    isb_sy();
    uint32_t ttbcr = read_ttbcr();
    fault_reset();
    uint32_t low = probe_read(0x30000040u);
    uint32_t high = probe_read(TEST_VA + 0x40);
    ats1cpr(0x30000040u);
    isb_sy();
    uint32_t par = read_par();
    uint32_t faults = last_fault.count;

    write_ttbcr(2 | 1u << 4);       /* PD0: no walks through TTBR0 */
    tlbiall(0);
    dsb_sy();
    isb_sy();
    fault_reset();
    uint32_t pd0 = probe_read(0x30000080u);
    struct fault pd0_fault = last_fault;

    write_ttbr0((uint32_t)(uintptr_t)l1 | TTBR_FLAGS);
    write_ttbcr(0);
    tlbiall(0);
    dsb_sy();
    isb_sy();

    check(ttbcr == 2, "TTBCR.N=2: TTBCR reads 0x%08x", ttbcr);
    check(low == pat(SCRATCH_PA + 0x400040) && faults == 0,
          "TTBCR.N=2: VA 0x30000040 through TTBR0 -> 0x%08x", low);
    check(high == pat(SCRATCH_PA + 0x100040) && faults == 0,
          "TTBCR.N=2: VA 0x%08x through TTBR1 -> 0x%08x", TEST_VA + 0x40, high);
    check((par & 0xfffff003u) == SCRATCH_PA + 0x400000, "TTBCR.N=2: ATS1CPR VA 0x30000040 -> PAR=0x%08x",
          par & 0xfffff003u);
    check(pd0 == PROBE_NONE && pd0_fault.count == 1 && (pd0_fault.fsr & DFSR_MASK) == FS_TRANS_SECT
          && pd0_fault.far == 0x30000080u,
          "TTBCR.PD0=1: read VA 0x30000080 -> data abort DFSR=0x%08x DFAR=0x%08x",
          pd0_fault.fsr & DFSR_MASK, pd0_fault.far);
    read_check("TTBCR.N=0 again", 0x30000040u, SCRATCH_PA + 0x500040);
}

/* SCTLR.TRE = 1 (B3.8.3): TEX[0]:C:B index PRRR/NMRR and TEX[2:1] are free for the OS, so a
 * descriptor with TEX = 0b110 still translates normally. PRRR/NMRR are Linux's values. */
static void test_tex_remap(void)
{
    write_prrr(0xff0a81a8u);
    write_nmrr(0x40e040e0u);
    check(read_prrr() == 0xff0a81a8u && read_nmrr() == 0x40e040e0u, "TRE: PRRR=0x%08x NMRR=0x%08x",
          read_prrr(), read_nmrr());
    write_sctlr(read_sctlr() | SCTLR_TRE);
    map_section(l1, 0x43000000u, SCRATCH_PA + 0x600000, L1_TEX(6) | L1_C | L1_B | L1_S | l1_ap(AP_FULL));
    map_small(l1, 0x42008000u, SCRATCH_PA + 0x209000, L2_SMALL_TEX(7) | L2_B | l2_ap(AP_FULL));
    tlbiall(0);
    dsb_sy();
    isb_sy();
    check((read_sctlr() & SCTLR_TRE) != 0, "TRE: SCTLR.TRE reads 1");
    read_check("TRE: section TEX=110 C=1 B=1", 0x43000ab8u, SCRATCH_PA + 0x600ab8);
    read_check("TRE: small page TEX=111 C=0 B=1", 0x42008ff0u, SCRATCH_PA + 0x209ff0);
    write_sctlr(read_sctlr() & ~SCTLR_TRE);
    tlbiall(0);
    dsb_sy();
    isb_sy();
}

/* SCTLR.AFE = 1 (B3.7.3): AP[0] is the access flag, a descriptor with AP[0] = 0 gives an access flag
 * fault; AP[2:1] alone select the permissions (00 PL1 RW, 01 RW both, 10 PL1 RO, 11 RO both). */
static void test_access_flag(void)
{
    map_section(l1, 0x44000000u, SCRATCH_PA + 0x700000, SECT_NORMAL | l1_ap(2));    /* AP[2:1]=01 AF=0 */
    l2_table(l1, 0x44100000u, L1_DOMAIN(0));
    map_small(l1, 0x44100000u, SCRATCH_PA + 0x800000, SMALL_NORMAL | l2_ap(2));
    write_sctlr(read_sctlr() | SCTLR_AFE);
    tlbiall(0);
    dsb_sy();
    isb_sy();

    fault_reset();
    probe_read(0x44000100u);
    expect_dabt("AFE: section with AF=0: read", FS_AF_SECTION, DFSR_MASK, 0x44000100u);
    fault_reset();
    probe_write(0x44100200u, 5);
    expect_dabt("AFE: small page with AF=0: write", FS_AF_PAGE | DFSR_WNR, DFSR_MASK, 0x44100200u);

    map_section(l1, 0x44000000u, SCRATCH_PA + 0x700000, SECT_NORMAL | l1_ap(3));     /* AF=1 */
    map_small(l1, 0x44100000u, SCRATCH_PA + 0x800000, SMALL_NORMAL | l2_ap(3));
    tlbimvaa(0x44000000u);
    tlbimvaa(0x44100000u);
    dsb_sy();
    isb_sy();
    read_check("AFE: section with AF=1 after TLBIMVAA", 0x44000100u, SCRATCH_PA + 0x700100);
    read_check("AFE: small page with AF=1 after TLBIMVAA", 0x44100200u, SCRATCH_PA + 0x800200);
    fault_reset();
    user_write(0x44000300u);
    check(last_fault.count == 0 && REG32(SCRATCH_PA + 0x700300) == (0x600d0000u ^ 0x44000300u),
          "AFE: AP[2:1]=01: user write -> 0x%08x", REG32(SCRATCH_PA + 0x700300));

    map_section(l1, 0x44000000u, SCRATCH_PA + 0x700000, SECT_NORMAL | l1_ap(5));     /* AP[2:1]=10 */
    tlbimvaa(0x44000000u);
    dsb_sy();
    isb_sy();
    fault_reset();
    probe_write(0x44000400u, 7);
    expect_dabt("AFE: AP[2:1]=10 (PL1 read-only): PL1 write", FS_PERM_SECT | DFSR_WNR, DFSR_MASK, 0x44000400u);
    read_check("AFE: AP[2:1]=10: PL1 read", 0x44000400u, SCRATCH_PA + 0x700400);

    write_sctlr(read_sctlr() & ~SCTLR_AFE);
    tlbiall(0);
    dsb_sy();
    isb_sy();
}

int main(void)
{
    uprintf("mmu-basic: short-descriptor translation\n");
    fill_pattern(SCRATCH_PA + 0x100000, 0x40000);                   /* section: 1 MiB */
    static const uint32_t spots[] = { 0xabcde4, 0xf0000c, 0x205010, 0x205ffc, 0x310000, 0x31abc4,
                                      0x31fffc, 0x400040, 0x500040, 0x600ab8, 0x209ff0, 0x700100,
                                      0x800200, 0x700400 };
    for (uint32_t i = 0; i < sizeof spots / sizeof spots[0]; i++) {
        fill_pattern(SCRATCH_PA + spots[i], 1);
    }

    l1 = mmu_new_l1();
    mmu_on(l1, DACR_ALL_CLIENT, 0, 0);
    check((read_sctlr() & SCTLR_M) != 0, "MMU on: SCTLR.M reads 1, TTBR0 = table 0x%08x",
          read_ttbr0() & 0xffffc000u);

    test_formats();
    test_ats();
    test_split();
    test_tex_remap();
    test_access_flag();

    mmu_off();
    return summary();
}
