/* exceptions: takes and returns from the synchronous exceptions and checks the mode-banked state.
 *  - UDF (undefined instruction): the handler decodes the immediate; LR_und = UDF + 4
 *  - SVC #imm: the handler reads the immediate from the instruction, changes r0 and the saved
 *    flags; return with LDM ^ restores CPSR from SPSR_svc
 *  - BKPT: a prefetch abort (debug event, IFSR.FS = 0b00010); LR_abt = BKPT + 4
 *  - unaligned LDR with SCTLR.A = 1: data abort, alignment fault (DFSR.FS = 0b00001), DFAR = the
 *    address; LR_abt = LDR + 8. With SCTLR.A = 0 the same load succeeds.
 *  - SP/LR banked per mode (CPS into FIQ, IRQ, ABT, UND, SYS), FIQ's r8-r12, MRS of a banked
 *    register, MSR/MRS of CPSR and SPSR, SRS to another mode's stack, RFE into SYS mode,
 *    LDM/STM ^ of the User registers.
 * Expected values come from the ARM Architecture Reference Manual (ARMv7-A/R, B1.8 and B1.9).
 * Each check prints one line ending in "ok" or "FAILED"; exits 0 when all pass, else 1. */
#include "guest.h"

struct exc_frame {                /* built by SRS_ENTRY in vectors.S */
    uint32_t r[13];
    uint32_t lr_mode;
    uint32_t ret;                 /* where RFE returns to */
    uint32_t spsr;                /* the CPSR RFE restores */
};

struct svc_frame {                /* built by svc_entry in vectors.S */
    uint32_t spsr;
    uint32_t pad;
    uint32_t r[13];
    uint32_t ret;
};

extern const char exc_vectors[];
extern const char __vectors[];
extern char udf_site[], svc_site[], bkpt_site[], ldr_site[];
void banked_test(uint32_t out[10], uint32_t save[10]);
int fiq_bank_test(void);
void user_regs_test(uint32_t out[4]);
uint32_t rfe_test(void);
void srs_test(uint32_t out[3]);

static int failures;
static volatile int taken[5];
static volatile uint32_t seen_imm, seen_ret, seen_spsr, seen_mode, seen_fsr, seen_far, seen_sctlr_a;

static void check(const char *what, int ok)
{
    uprintf("%-52s %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) {
        failures++;
    }
}

static uint32_t read_cpsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

static uint32_t read_sctlr(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
    return v;
}

static void write_sctlr(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n\tisb" : : "r"(v) : "memory");
}

void exc_handler(int kind, struct exc_frame *f)
{
    uint32_t insn = *(const uint32_t *)(uintptr_t)(f->ret - 4);
    taken[kind]++;
    seen_mode = read_cpsr() & 0x1f;
    seen_ret = f->ret;
    seen_spsr = f->spsr;
    switch (kind) {
    case 1:     /* UDF: cond 1110 0111 1111 imm12 1111 imm4 */
        seen_imm = (insn >> 4 & 0xfff0) | (insn & 0xf);
        break;  /* LR_und already points past the UDF */
    case 3: {   /* BKPT: cond 0001 0010 imm12 0111 imm4 */
        uint32_t ifsr;
        __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(ifsr));
        seen_fsr = ifsr;
        seen_imm = (insn >> 4 & 0xfff0) | (insn & 0xf);
        break;  /* LR_abt = BKPT + 4: returning there skips it */
    }
    case 4: {
        uint32_t dfsr, dfar;
        uint32_t sctlr = read_sctlr();
        seen_sctlr_a = sctlr >> 1 & 1;
        write_sctlr(sctlr & ~2u);   /* the rest of the program runs with alignment checks off */
        __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(dfsr));
        __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(dfar));
        seen_fsr = dfsr;
        seen_far = dfar;
        f->ret -= 4;                /* LR_abt = LDR + 8; skip the faulting load */
        break;
    }
    default:
        break;
    }
}

void svc_handler(struct svc_frame *f)
{
    uint32_t insn = *(const uint32_t *)(uintptr_t)(f->ret - 4);
    taken[2]++;
    seen_mode = read_cpsr() & 0x1f;
    seen_imm = insn & 0xffffff;
    seen_ret = f->ret;
    seen_spsr = f->spsr;
    f->r[0] = f->r[0] * 100 + seen_imm;
    f->spsr &= ~0x10000000u;        /* clear V in the saved flags: LDM ^ must restore that */
}

static void test_udf(void)
{
    uint32_t flags_after;
    __asm__ volatile(
        "msr APSR_nzcvq, #0xf8000000\n\t"
        ".global udf_site\n"
        "udf_site: udf #0x1234\n\t"
        "mrs %0, apsr"
        : "=r"(flags_after) : : "cc", "memory");
    char line[96];
    usnprintf(line, sizeof line, "UDF: handler ran in mode 0x%02x (UND)", seen_mode);
    check(line, taken[1] == 1 && seen_mode == 0x1b);
    usnprintf(line, sizeof line, "UDF: immediate 0x%04x", seen_imm);
    check(line, seen_imm == 0x1234);
    check("UDF: LR_und = UDF address + 4", seen_ret == (uint32_t)(uintptr_t)udf_site + 4);
    usnprintf(line, sizeof line, "UDF: SPSR_und = 0x%08x", seen_spsr);
    check(line, seen_spsr == 0xf80001d3);
    usnprintf(line, sizeof line, "UDF: flags after RFE = 0x%08x", flags_after & 0xf8000000u);
    check(line, (flags_after & 0xf8000000u) == 0xf8000000u);
}

static void test_svc(void)
{
    uint32_t r0, flags_after;
    /* SVC taken from SVC mode overwrites LR_svc and SPSR_svc: tell the compiler about lr.
     * r0 is set and read inside the asm (a register variable would not survive later calls). */
    __asm__ volatile(
        "mov r0, #5\n\t"
        "msr APSR_nzcvq, #0x30000000\n\t"
        ".global svc_site\n"
        "svc_site: svc #0x42\n\t"
        "mrs %1, apsr\n\t"
        "mov %0, r0"
        : "=r"(r0), "=r"(flags_after) : : "r0", "cc", "memory", "lr");
    char line[96];
    usnprintf(line, sizeof line, "SVC: handler ran in mode 0x%02x (SVC)", seen_mode);
    check(line, taken[2] == 1 && seen_mode == 0x13);
    usnprintf(line, sizeof line, "SVC: immediate 0x%x, r0 5 -> %u", seen_imm, r0);
    check(line, seen_imm == 0x42 && r0 == 5 * 100 + 0x42);
    check("SVC: LR_svc = SVC address + 4", seen_ret == (uint32_t)(uintptr_t)svc_site + 4);
    usnprintf(line, sizeof line, "SVC: SPSR_svc = 0x%08x", seen_spsr);
    check(line, seen_spsr == 0x300001d3);
    usnprintf(line, sizeof line, "SVC: flags after LDM ^ = 0x%08x (V cleared)",
              flags_after & 0xf8000000u);
    check(line, (flags_after & 0xf8000000u) == 0x20000000u);
}

static void test_bkpt(void)
{
    __asm__ volatile(
        "msr APSR_nzcvq, #0x80000000\n\t"
        ".global bkpt_site\n"
        "bkpt_site: bkpt #0xabc"
        : : : "cc", "memory");
    char line[96];
    usnprintf(line, sizeof line, "BKPT: prefetch abort in mode 0x%02x (ABT)", seen_mode);
    check(line, taken[3] == 1 && seen_mode == 0x17);
    usnprintf(line, sizeof line, "BKPT: immediate 0x%x", seen_imm);
    check(line, seen_imm == 0xabc);
    usnprintf(line, sizeof line, "BKPT: IFSR = 0x%08x (debug event)", seen_fsr);
    check(line, (seen_fsr & 0x40f) == 0x002);
    check("BKPT: LR_abt = BKPT address + 4", seen_ret == (uint32_t)(uintptr_t)bkpt_site + 4);
    usnprintf(line, sizeof line, "BKPT: SPSR_abt = 0x%08x", seen_spsr);
    check(line, seen_spsr == 0x800001d3);
}

static void test_alignment(void)
{
    static uint32_t words[2] = { 0x44332211, 0x88776655 };
    const uint8_t *bytes = (const uint8_t *)words;
    uint32_t value;
    char line[96];

    /* SCTLR.A = 0 (reset value): an unaligned LDR just works */
    __asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(bytes + 1) : "memory");
    usnprintf(line, sizeof line, "unaligned LDR with SCTLR.A=0 reads 0x%08x", value);
    check(line, value == 0x55443322 && taken[4] == 0);

    uint32_t sctlr = read_sctlr();
    value = 0xdeadbeef;
    __asm__ volatile(
        "mcr p15, 0, %1, c1, c0, 0\n\t"
        "isb\n\t"
        ".global ldr_site\n"
        "ldr_site: ldr %0, [%2]"
        : "+r"(value) : "r"(sctlr | 2), "r"(bytes + 1) : "memory");
    usnprintf(line, sizeof line, "LDR with SCTLR.A=1: data abort in mode 0x%02x (ABT)", seen_mode);
    check(line, taken[4] == 1 && seen_mode == 0x17 && seen_sctlr_a == 1);
    usnprintf(line, sizeof line, "data abort: DFSR = 0x%08x (alignment fault)", seen_fsr);
    check(line, (seen_fsr & 0x40f) == 0x001 && (seen_fsr & 0x800) == 0);
    usnprintf(line, sizeof line, "data abort: DFAR = 0x%08x (words + 1)", seen_far);
    check(line, seen_far == (uint32_t)(uintptr_t)(bytes + 1));
    check("data abort: LR_abt = LDR address + 8", seen_ret == (uint32_t)(uintptr_t)ldr_site + 8);
    check("data abort: the load did not write its register", value == 0xdeadbeef);
    check("SCTLR.A is 0 again", (read_sctlr() & 2) == 0);
}

static void test_banked(void)
{
    static const uint32_t modes[5] = { 0x11, 0x12, 0x17, 0x1b, 0x1f };
    static const char *const names[5] = { "FIQ", "IRQ", "ABT", "UND", "SYS" };
    uint32_t out[10], save[10];
    char line[96];
    banked_test(out, save);
    for (int i = 0; i < 5; i++) {
        uint32_t sp = out[2 * i], lr = out[2 * i + 1];
        usnprintf(line, sizeof line, "banked %s: SP=0x%08x LR=0x%08x", names[i], sp, lr);
        check(line, sp == (0x5aa50000u | modes[i] << 8) && lr == (0xa55a000eu | modes[i] << 8));
    }
    check("CPS back to SVC", (read_cpsr() & 0x1f) == 0x13);
    check("FIQ banks r8-r12", fiq_bank_test() == 0);

    uint32_t sp_usr, sp_sys;
    __asm__ volatile("mrs %0, SP_usr" : "=r"(sp_usr));
    __asm__ volatile("cps #0x1f\n\tmov %0, sp\n\tcps #0x13" : "=r"(sp_sys));
    check("MRS SP_usr (banked register) = SYS-mode SP", sp_usr == sp_sys && sp_usr != 0);
}

static void test_psr(void)
{
    char line[96];
    uint32_t v;
    __asm__ volatile("msr APSR_nzcvq, %1\n\tmrs %0, apsr" : "=r"(v) : "r"(0xa8000000u) : "cc");
    usnprintf(line, sizeof line, "MSR/MRS APSR flags: 0x%08x", v & 0xf8000000u);
    check(line, (v & 0xf8000000u) == 0xa8000000u);

    __asm__ volatile("msr cpsr_c, #0xd2\n\tmrs %0, cpsr\n\tmsr cpsr_c, #0xd3" : "=r"(v) : : "memory");
    usnprintf(line, sizeof line, "MSR CPSR_c to IRQ mode: CPSR = 0x%03x", v & 0x1ff);
    check(line, (v & 0x1ff) == 0x1d2);

    /* SPSR of UND mode, written and read in UND mode */
    __asm__ volatile(
        "cps #0x1b\n\t"
        "msr spsr_fsxc, %1\n\t"
        "mrs %0, spsr\n\t"
        "cps #0x13"
        : "=r"(v) : "r"(0x500f0110u) : "memory");
    usnprintf(line, sizeof line, "MSR/MRS SPSR_und: 0x%08x", v);
    check(line, v == 0x500f0110u);

    v = rfe_test();
    usnprintf(line, sizeof line, "RFE into SYS mode: CPSR = 0x%08x", v);
    check(line, v == 0x600001dfu);

    uint32_t srs[3];
    srs_test(srs);
    usnprintf(line, sizeof line, "SRS to SYS stack: SPSR 0x%08x, SP moved %u", srs[1], srs[2]);
    check(line, srs[0] == 0 && srs[1] == 0x900001d0u && srs[2] == 8);

    uint32_t user[4];
    user_regs_test(user);
    usnprintf(line, sizeof line, "LDM ^ sets User SP/LR: 0x%08x 0x%08x", user[0], user[1]);
    check(line, user[0] == 0x0badcafe && user[1] == 0x0f00dbad);
    check("STM ^ stores User SP/LR", user[2] == 0x0badcafe && user[3] == 0x0f00dbad);
}

int main(void)
{
    uprintf("exceptions guest: CPSR at main = 0x%03x\n", read_cpsr() & 0x1ff);
    vbar_set(exc_vectors);
    test_udf();
    test_svc();
    test_bkpt();
    test_alignment();
    test_banked();
    test_psr();
    vbar_set(__vectors);
    uprintf("%d failed checks\n", failures);
    return failures == 0 ? 0 : 1;
}
