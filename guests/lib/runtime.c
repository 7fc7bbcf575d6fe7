/* Default exception reporting and small CPU helpers. */
#include "guest.h"

static const char *const exception_names[] = {
    "reset", "undefined instruction", "SVC", "prefetch abort", "data abort", "hyp trap", "IRQ", "FIQ"
};

/* Called from the default vectors in crt0.S for anything the program did not ask for. */
void __unhandled_exception(int kind, uint32_t lr, uint32_t spsr)
{
    uprintf("\nunhandled exception: %s, lr=0x%08x spsr=0x%08x cpu=%u\n",
            exception_names[kind & 7], lr, spsr, cpu_id());
    sh_exit(125);
}

__attribute__((weak)) void irq_handler(void)
{
    uint32_t spsr;
    __asm__ volatile("mrs %0, spsr" : "=r"(spsr));
    __unhandled_exception(6, 0, spsr);
}

void vbar_set(const void *table)
{
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0\n\tisb" : : "r"(table) : "memory");
}

uint32_t cpu_id(void)
{
    uint32_t mpidr;
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
    return mpidr & 0xff;
}
