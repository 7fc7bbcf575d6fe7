/* Page tables, MMU on/off, abort recording and check reporting for the mmu-* guests (mmu.h). */
#include "mmu.h"

#define L1_POOL 4           /* first-level tables: 16 KiB each, 16 KiB aligned */
#define L2_POOL 24          /* second-level tables: 1 KiB each */

static uint32_t l1_pool[L1_POOL][4096] __attribute__((aligned(16384)));
static uint32_t l2_pool[L2_POOL][256] __attribute__((aligned(1024)));
static volatile uint32_t l1_used, l2_used;

volatile struct fault last_fault;
volatile uint32_t fault_resume;
volatile uint32_t fault_expected;

extern const char mmu_vectors[];

static uint32_t *alloc_l1(void)
{
    if (l1_used == L1_POOL) {
        uprintf("mmu: out of first-level tables\nFAIL\n");
        sh_exit(1);
    }
    return l1_pool[l1_used++];
}

uint32_t *mmu_blank_l1(void)
{
    uint32_t *l1 = alloc_l1();
    memset(l1, 0, 16384);
    return l1;
}

uint32_t *mmu_new_l1(void)
{
    uint32_t *l1 = mmu_blank_l1();
    for (uint32_t off = 0; off < RAM_SIZE; off += 0x100000) {
        map_section(l1, RAM_BASE + off, RAM_BASE + off, SECT_NORMAL | l1_ap(AP_FULL) | L1_DOMAIN(0));
    }
    for (uint32_t off = 0; off < DEV_SIZE; off += 0x100000) {
        map_section(l1, DEV_BASE + off, DEV_BASE + off, SECT_DEVICE | L1_XN | l1_ap(AP_PRIV) | L1_DOMAIN(0));
    }
    return l1;
}

void pte_write(volatile uint32_t *slot, uint32_t desc)
{
    *slot = desc;
    /* the walk reads memory: the store must have completed before any TLB maintenance */
    __asm__ volatile("dsb ishst" : : : "memory");
}

void map_section(uint32_t *l1, uint32_t va, uint32_t pa, uint32_t attrs)
{
    pte_write(&l1[va >> 20], (pa & 0xfff00000u) | attrs | L1_SECTION);
}

void map_supersection(uint32_t *l1, uint32_t va, uint32_t pa, uint32_t attrs)
{
    /* 16 identical entries (B3.5.1: a supersection descriptor is repeated 16 times) */
    for (uint32_t i = 0; i < 16; i++) {
        pte_write(&l1[(va >> 20) + i], (pa & 0xff000000u) | attrs | L1_SUPER | L1_SECTION);
    }
}

uint32_t *l2_table(uint32_t *l1, uint32_t va, uint32_t l1_bits)
{
    uint32_t desc = l1[va >> 20];
    if ((desc & 3) == L1_PAGETABLE) {
        return (uint32_t *)(uintptr_t)(desc & 0xfffffc00u);
    }
    if (l2_used == L2_POOL) {
        uprintf("mmu: out of second-level tables\nFAIL\n");
        sh_exit(1);
    }
    uint32_t *l2 = l2_pool[l2_used++];
    memset(l2, 0, 1024);
    pte_write(&l1[va >> 20], (uint32_t)(uintptr_t)l2 | l1_bits | L1_PAGETABLE);
    return l2;
}

uint32_t *small_slot(uint32_t *l1, uint32_t va)
{
    uint32_t desc = l1[va >> 20];
    return (uint32_t *)(uintptr_t)(desc & 0xfffffc00u) + (va >> 12 & 0xff);
}

void map_small(uint32_t *l1, uint32_t va, uint32_t pa, uint32_t attrs)
{
    pte_write(small_slot(l1, va), (pa & 0xfffff000u) | attrs | L2_SMALL);
}

void map_large(uint32_t *l1, uint32_t va, uint32_t pa, uint32_t attrs)
{
    /* 16 identical entries (B3.5.1: a large page descriptor is repeated 16 times) */
    uint32_t *slot = small_slot(l1, va & 0xffff0000u);
    for (uint32_t i = 0; i < 16; i++) {
        pte_write(&slot[i], (pa & 0xffff0000u) | attrs | L2_LARGE);
    }
}

void fill_pattern(uint32_t pa, uint32_t words)
{
    for (uint32_t i = 0; i < words; i++) {
        REG32(pa + 4 * i) = pat(pa + 4 * i);
    }
    dsb_sy();
}

void mmu_on(uint32_t *l1, uint32_t dacr, uint32_t contextidr, uint32_t sctlr_extra)
{
    vbar_set(mmu_vectors);
    write_ttbcr(0);
    write_ttbr0((uint32_t)(uintptr_t)l1 | TTBR_FLAGS);
    write_dacr(dacr);
    write_contextidr(contextidr);
    dsb_sy();
    tlbiall(0);
    iciallu(0);
    bpiall(0);
    dsb_sy();
    isb_sy();
    write_sctlr(read_sctlr() | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_Z | sctlr_extra);
}

void mmu_off(void)
{
    write_sctlr(read_sctlr() & ~(SCTLR_M | SCTLR_C));
    tlbiall(0);
    dsb_sy();
    isb_sy();
}

/* ---- aborts ---- */
struct abort_frame {        /* built by ABORT_ENTRY in vectors.S */
    uint32_t r[13];
    uint32_t lr_abt_mode;
    uint32_t ret;           /* LR_abt on entry; where RFE resumes */
    uint32_t spsr;
};

static const char *const exception_names[] = {
    "reset", "undefined instruction", "SVC", "prefetch abort", "data abort", "hyp trap", "IRQ", "FIQ"
};

void unexpected_exception(uint32_t kind, uint32_t lr, uint32_t spsr)
{
    uprintf("unexpected %s: LR=0x%08x SPSR=0x%08x DFSR=0x%08x DFAR=0x%08x IFSR=0x%08x IFAR=0x%08x\nFAIL\n",
            exception_names[kind & 7], lr, spsr, read_dfsr(), read_dfar(), read_ifsr(), read_ifar());
    sh_exit(1);
}

void abort_handler(uint32_t kind, struct abort_frame *f)
{
    last_fault.count++;
    last_fault.kind = kind;
    last_fault.fsr = kind == 4 ? read_dfsr() : read_ifsr();
    last_fault.far = kind == 4 ? read_dfar() : read_ifar();
    last_fault.lr = f->ret;
    last_fault.spsr = f->spsr;
    for (int i = 0; i < 13; i++) {
        last_fault.r[i] = f->r[i];
    }
    /* an abort nobody asked for, or one that repeats (a resume address that faults again), ends the
     * run with a report rather than a loop */
    if (!fault_expected || last_fault.count > 4 || (kind == 3 && fault_resume == 0)) {
        unexpected_exception(kind, f->ret, f->spsr);
    }
    if (kind == 3) {
        f->ret = fault_resume;
    } else {
        f->ret -= 4;        /* LR_abt = faulting instruction + 8: resume after it */
    }
}

void fault_reset(void)
{
    last_fault.count = 0;
    last_fault.fsr = 0;
    last_fault.far = 0;
}

/* ---- User-mode wrappers ---- */
static uint32_t user_write_fn(uint32_t va)
{
    return probe_write(va, 0x600d0000u ^ va);
}

uint32_t user_read(uint32_t va)
{
    return run_user(probe_read, va);
}

uint32_t user_write(uint32_t va)
{
    return run_user(user_write_fn, va);
}

uint32_t user_exec(uint32_t va)
{
    return run_user(probe_exec, va);
}

/* ---- reporting ---- */
static uint32_t checks, passed;

void check(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    uvprintf(fmt, ap);
    va_end(ap);
    uprintf(ok ? " ok\n" : " FAILED\n");
    checks++;
    passed += ok ? 1 : 0;
}

int summary(void)
{
    if (passed == checks) {
        uprintf("PASS %u/%u\n", passed, checks);
        return 0;
    }
    uprintf("FAIL %u/%u passed\n", passed, checks);
    return 1;
}

void expect_dabt(const char *what, uint32_t fsr_expected, uint32_t mask, uint32_t far_expected)
{
    uint32_t fsr = last_fault.fsr & mask;
    int ok = last_fault.count == 1 && last_fault.kind == 4 && fsr == fsr_expected
            && last_fault.far == far_expected;
    if (!ok) {
        uprintf("(expected one data abort, DFSR=0x%08x DFAR=0x%08x)\n", fsr_expected, far_expected);
    }
    check(ok, "%s -> %s DFSR=0x%08x DFAR=0x%08x", what, last_fault.count == 0 ? "no abort" : "data abort",
          fsr, last_fault.far);
}

void expect_pabt(const char *what, uint32_t fsr_expected, uint32_t far_expected)
{
    uint32_t fsr = last_fault.fsr & IFSR_MASK;
    int ok = last_fault.count == 1 && last_fault.kind == 3 && fsr == fsr_expected
            && last_fault.far == far_expected;
    if (!ok) {
        uprintf("(expected one prefetch abort, IFSR=0x%08x IFAR=0x%08x)\n", fsr_expected, far_expected);
    }
    check(ok, "%s -> %s IFSR=0x%08x IFAR=0x%08x", what, last_fault.count == 0 ? "no abort" : "prefetch abort",
          fsr, last_fault.far);
}

void expect_no_fault(const char *what, uint32_t got, uint32_t expected)
{
    int ok = last_fault.count == 0 && got == expected;
    if (!ok) {
        uprintf("(expected 0x%08x and no abort)\n", expected);
    }
    check(ok, "%s -> 0x%08x%s", what, got, last_fault.count == 0 ? "" : " (aborted)");
}
