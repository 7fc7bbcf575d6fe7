/* Shared runtime of the mmu-* guests: VMSAv7 short-descriptor page tables built at run time,
 * CP15 accessors, TLB and cache maintenance, abort handlers that record the fault and resume,
 * User-mode calls (back to SVC through SVC #0), and the one-line-per-check reporting.
 * Descriptor layouts and fault codes: ARM ARM v7-A/R, B3.5 (short-descriptor format), B3.7
 * (access permissions, domains), B3.13 (fault status encodings), B4.1 (CP15 registers). */
#ifndef MMU_H
#define MMU_H

#include "guest.h"

/* ---- memory layout (main RAM 0x80000000, at least 128 MiB) ---- */
#define RAM_BASE        0x80000000u
#define RAM_SIZE        0x08000000u     /* identity-mapped: the 128 MiB every run has */
#define DEV_BASE        0x1c000000u     /* motherboard peripherals: UART0 at 0x1c090000 */
#define DEV_SIZE        0x00200000u
#define SCRATCH_PA      0x84000000u     /* 16 MiB of RAM far above the image: aliasing targets */
#define TEST_VA         0x40000000u     /* test mappings live at 0x40000000-0x5fffffff */

/* A word's expected contents at physical address pa, written by fill_pattern(). */
static inline uint32_t pat(uint32_t pa) { return pa ^ 0x5a5a5a5au; }

/* ---- first-level descriptors (B3.5.1) ---- */
#define L1_PAGETABLE    0x1u
#define L1_SECTION      0x2u
#define L1_SECT_PXN     (1u << 0)       /* section/supersection PXN (VMSAv7 with PXN) */
#define L1_PT_PXN       (1u << 2)       /* PXN in a page-table descriptor */
#define L1_B            (1u << 2)
#define L1_C            (1u << 3)
#define L1_XN           (1u << 4)
#define L1_DOMAIN(d)    ((uint32_t)(d) << 5)
#define L1_TEX(t)       ((uint32_t)(t) << 12)
#define L1_S            (1u << 16)
#define L1_NG           (1u << 17)
#define L1_SUPER        (1u << 18)
/* AP[2:0] = APX:AP[1:0]: APX is bit 15, AP[1:0] bits 11:10 */
static inline uint32_t l1_ap(uint32_t ap) { return (ap & 3) << 10 | (ap >> 2 & 1) << 15; }

/* ---- second-level descriptors ---- */
#define L2_SMALL        0x2u
#define L2_LARGE        0x1u
#define L2_SMALL_XN     (1u << 0)
#define L2_LARGE_XN     (1u << 15)
#define L2_B            (1u << 2)
#define L2_C            (1u << 3)
#define L2_SMALL_TEX(t) ((uint32_t)(t) << 6)
#define L2_LARGE_TEX(t) ((uint32_t)(t) << 12)
#define L2_S            (1u << 10)
#define L2_NG           (1u << 11)
static inline uint32_t l2_ap(uint32_t ap) { return (ap & 3) << 4 | (ap >> 2 & 1) << 9; }

/* Memory types with SCTLR.TRE = 0: Normal write-back write-allocate (TEX=001 C=1 B=1, shareable)
 * and, for the peripherals, Strongly-ordered (TEX=000 C=0 B=0: also Strongly-ordered with TRE = 1,
 * where index 0 selects PRRR.TR0, 0b00 in Linux's PRRR). */
#define SECT_NORMAL     (L1_TEX(1) | L1_C | L1_B | L1_S)
#define SECT_DEVICE     0u
#define SMALL_NORMAL    (L2_SMALL_TEX(1) | L2_C | L2_B | L2_S)
#define LARGE_NORMAL    (L2_LARGE_TEX(1) | L2_C | L2_B | L2_S)

/* AP[2:0] values (SCTLR.AFE = 0), B3.7.1 table B3-8 */
#define AP_NONE         0u  /* PL1 no access, PL0 no access */
#define AP_PRIV         1u  /* PL1 RW, PL0 none */
#define AP_USER_RO      2u  /* PL1 RW, PL0 RO */
#define AP_FULL         3u  /* PL1 RW, PL0 RW */
#define AP_PRIV_RO      5u  /* PL1 RO, PL0 none */
#define AP_RO           7u  /* PL1 RO, PL0 RO */

/* ---- fault status (short-descriptor DFSR/IFSR, B3.13.3 table B3-23); FS[4] is bit 10 ---- */
#define FS_ALIGNMENT    0x001u
#define FS_AF_SECTION   0x003u
#define FS_TRANS_SECT   0x005u
#define FS_AF_PAGE      0x006u
#define FS_TRANS_PAGE   0x007u
#define FS_DOMAIN_SECT  0x009u
#define FS_DOMAIN_PAGE  0x00bu
#define FS_PERM_SECT    0x00du
#define FS_PERM_PAGE    0x00fu
#define DFSR_WNR        (1u << 11)
#define DFSR_DOMAIN(d)  ((uint32_t)(d) << 4)
/* The DFSR bits every fault defines: FS, WnR, ExT, CM. The Domain field (bits 7:4) is compared only
 * where the ARM ARM defines it (domain faults, second-level translation faults): for permission,
 * alignment and first-level translation faults it is UNKNOWN. */
#define DFSR_MASK       0x3c0fu
#define DFSR_MASK_DOM   0x3cffu
#define IFSR_MASK       0x140fu     /* FS and ExT: IFSR has no Domain field */

/* ---- SCTLR bits ---- */
#define SCTLR_M         (1u << 0)
#define SCTLR_A         (1u << 1)
#define SCTLR_C         (1u << 2)
#define SCTLR_Z         (1u << 11)
#define SCTLR_I         (1u << 12)
#define SCTLR_TRE       (1u << 28)
#define SCTLR_AFE       (1u << 29)

/* ---- CP15 access ---- */
#define CP15_RW(name, op1, crn, crm, op2)                                                     \
    static inline uint32_t read_##name(void)                                                  \
    {                                                                                         \
        uint32_t v;                                                                           \
        __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v));       \
        return v;                                                                             \
    }                                                                                         \
    static inline void write_##name(uint32_t v)                                               \
    {                                                                                         \
        __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 "\n\tisb"         \
                         : : "r"(v) : "memory");                                              \
    }
CP15_RW(sctlr, 0, c1, c0, 0)
CP15_RW(ttbr0, 0, c2, c0, 0)
CP15_RW(ttbr1, 0, c2, c0, 1)
CP15_RW(ttbcr, 0, c2, c0, 2)
CP15_RW(dacr, 0, c3, c0, 0)
CP15_RW(dfsr, 0, c5, c0, 0)
CP15_RW(ifsr, 0, c5, c0, 1)
CP15_RW(dfar, 0, c6, c0, 0)
CP15_RW(ifar, 0, c6, c0, 2)
CP15_RW(par, 0, c7, c4, 0)
CP15_RW(prrr, 0, c10, c2, 0)
CP15_RW(nmrr, 0, c10, c2, 1)
CP15_RW(contextidr, 0, c13, c0, 1)
CP15_RW(idmmfr0, 0, c0, c1, 4)

/* CP15 operations that take a register (c7 cache/ATS, c8 TLB); none is followed by a barrier:
 * the callers place DSB/ISB where the ARM ARM requires them. */
#define CP15_OP(name, crn, crm, op2)                                                          \
    static inline void name(uint32_t v)                                                       \
    {                                                                                         \
        __asm__ volatile("mcr p15, 0, %0, " #crn ", " #crm ", " #op2 : : "r"(v) : "memory");  \
    }
CP15_OP(tlbiall, c8, c7, 0)
CP15_OP(tlbimva, c8, c7, 1)         /* operand: VA[31:12] | ASID */
CP15_OP(tlbiasid, c8, c7, 2)        /* operand: ASID */
CP15_OP(tlbimvaa, c8, c7, 3)        /* operand: VA[31:12], all ASIDs */
CP15_OP(tlbiallis, c8, c3, 0)
CP15_OP(tlbimvais, c8, c3, 1)
CP15_OP(tlbiasidis, c8, c3, 2)
CP15_OP(tlbimvaais, c8, c3, 3)
CP15_OP(ats1cpr, c7, c8, 0)
CP15_OP(ats1cpw, c7, c8, 1)
CP15_OP(ats1cur, c7, c8, 2)
CP15_OP(ats1cuw, c7, c8, 3)
CP15_OP(iciallu, c7, c5, 0)
CP15_OP(icialluis, c7, c1, 0)
CP15_OP(bpiall, c7, c5, 6)
CP15_OP(dccmvau, c7, c11, 1)
CP15_OP(dccmvac, c7, c10, 1)

static inline void dsb_sy(void) { __asm__ volatile("dsb sy" : : : "memory"); }
static inline void dsb_ish(void) { __asm__ volatile("dsb ish" : : : "memory"); }
static inline void dmb_ish(void) { __asm__ volatile("dmb ish" : : : "memory"); }
static inline void isb_sy(void) { __asm__ volatile("isb" : : : "memory"); }

static inline uint32_t read_cpsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

/* ---- page tables (mmu.c) ---- */
/* A new first-level table (16 KiB, zeroed = all faults) with the identity map every program needs:
 * RAM as global Normal memory, full access, domain 0; the peripherals as global Strongly-ordered memory, PL1
 * only, execute-never. */
uint32_t *mmu_new_l1(void);
/* A zeroed 16 KiB-aligned first-level table with no mappings (for TTBCR.N > 0 splits). */
uint32_t *mmu_blank_l1(void);
void map_section(uint32_t *l1, uint32_t va, uint32_t pa, uint32_t attrs);
void map_supersection(uint32_t *l1, uint32_t va, uint32_t pa, uint32_t attrs);
/* The second-level table covering va's MiB, created (zeroed) on first use with the given
 * page-table descriptor bits (domain, PXN). */
uint32_t *l2_table(uint32_t *l1, uint32_t va, uint32_t l1_bits);
/* A small page's / large page's descriptor slot(s); the L2 table must exist. */
uint32_t *small_slot(uint32_t *l1, uint32_t va);
void map_small(uint32_t *l1, uint32_t va, uint32_t pa, uint32_t attrs);
void map_large(uint32_t *l1, uint32_t va, uint32_t pa, uint32_t attrs);
/* Writes a descriptor and makes it visible to the table walk (DSB; no TLB maintenance). */
void pte_write(volatile uint32_t *slot, uint32_t desc);
/* Writes pat() into `words` words from pa on, through the identity map (or with the MMU off). */
void fill_pattern(uint32_t pa, uint32_t words);

/* Turns the MMU on: TTBCR = 0, TTBR0 = l1, DACR = dacr, CONTEXTIDR = contextidr, TLBIALL, then
 * SCTLR.M/C/I/Z plus extra bits. */
void mmu_on(uint32_t *l1, uint32_t dacr, uint32_t contextidr, uint32_t sctlr_extra);
void mmu_off(void);
#define TTBR_FLAGS      0x6au   /* walks: Inner/Outer WBWA, Shareable, Inner Shareable */
#define DACR_ALL_CLIENT 0x55555555u

/* ---- fault recording (vectors.S + mmu.c) ---- */
struct fault {
    uint32_t count;     /* aborts taken since fault_reset() */
    uint32_t kind;      /* 3 prefetch abort, 4 data abort */
    uint32_t fsr;       /* DFSR or IFSR */
    uint32_t far;       /* DFAR or IFAR */
    uint32_t lr;        /* LR_abt as the exception set it */
    uint32_t spsr;      /* SPSR_abt */
    uint32_t r[13];     /* r0-r12 at the abort */
};
extern volatile struct fault last_fault;
/* Where the next prefetch abort resumes (set by probe_exec); data aborts resume after the
 * faulting instruction. An abort while none is expected reports itself and exits with 1. */
extern volatile uint32_t fault_resume;
extern volatile uint32_t fault_expected;
void fault_reset(void);

/* ---- probes (probe.S): run at PL1, or at PL0 through run_user ---- */
#define PROBE_NONE      0xdeadfa17u     /* what a probe returns when its access aborted */
uint32_t probe_read(uint32_t va);       /* LDR; PROBE_NONE if it aborted */
uint32_t probe_write(uint32_t va, uint32_t v);  /* STR; returns 0, or PROBE_NONE if it aborted */
uint32_t probe_exec(uint32_t va);       /* BLX va; its r0, or PROBE_NONE on a prefetch abort */
extern const char probe_read_insn[], probe_write_insn[];
/* Calls fn(arg) in User mode (CPSR.M = 0x10, A/I/F masked) and returns its result; the User
 * stack is the SYS-mode stack crt0 set up. */
uint32_t run_user(uint32_t (*fn)(uint32_t), uint32_t arg);
uint32_t user_read(uint32_t va);        /* probe_read at PL0 */
uint32_t user_write(uint32_t va);       /* probe_write(va, 0x600d0000 ^ va) at PL0 */
uint32_t user_exec(uint32_t va);        /* probe_exec at PL0 */

/* Encodes `movw r0, #imm16` (A1): code written at run time returns imm16 with `bx lr`. */
static inline uint32_t insn_movw_r0(uint32_t imm16)
{
    return 0xe3000000u | (imm16 >> 12) << 16 | (imm16 & 0xfff);
}
#define INSN_BX_LR      0xe12fff1eu

/* ---- reporting ---- */
/* Prints "<text> ok" or "<text> FAILED" and counts the check. */
void check(int ok, const char *fmt, ...);
/* "PASS n/n" (returns 0) or "FAIL k/n passed" (returns 1). */
int summary(void);
/* Checks one expected data abort: count 1, DFSR (masked) and DFAR; prints one line. */
void expect_dabt(const char *what, uint32_t fsr_expected, uint32_t mask, uint32_t far_expected);
void expect_pabt(const char *what, uint32_t fsr_expected, uint32_t far_expected);
void expect_no_fault(const char *what, uint32_t got, uint32_t expected);

#endif
