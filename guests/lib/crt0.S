/* Shared startup for every guest (pure A32).
 *
 * QEMU starts ALL CPUs at the ELF entry at once, in Secure SVC mode with A/I/F masked and the MMU
 * off. Every CPU gets its own stacks (one per exception mode) chosen from MPIDR.Aff0 and points
 * VBAR at the default vector table. CPU 0 clears the BSS, then runs main() and exits through
 * semihosting SYS_EXIT_EXTENDED with main's return value. The other CPUs wait until CPU 0 has
 * cleared the BSS, then call secondary_main(cpu) if the program defines one (SMP programs), else
 * park in a WFI loop forever.
 */
        .syntax unified
        .arm

        .equ MAX_CPUS,      4
        .equ STACK_PER_CPU, 0x8000
        /* Offsets below each CPU's stack top: SVC 16K, IRQ 4K, FIQ 2K, ABT 4K, UND 4K, SYS 2K. */
        .equ IRQ_SP_OFF,    0x4000
        .equ FIQ_SP_OFF,    0x5000
        .equ ABT_SP_OFF,    0x5800
        .equ UND_SP_OFF,    0x6800
        .equ SYS_SP_OFF,    0x7800

        .equ MODE_FIQ, 0x11
        .equ MODE_IRQ, 0x12
        .equ MODE_SVC, 0x13
        .equ MODE_ABT, 0x17
        .equ MODE_UND, 0x1b
        .equ MODE_SYS, 0x1f

        .section .text.start, "ax"
        .global _start
        .type _start, %function
_start:
        cpsid   aif, #MODE_SVC
        mrc     p15, 0, r4, c0, c0, 5           @ MPIDR
        and     r4, r4, #0xff                   @ Aff0 = CPU number
        cmp     r4, #MAX_CPUS
        bhs     __park                          @ no stack for it: never run C code there

        ldr     r5, =__stack_bottom
        add     r5, r5, r4, lsl #15             @ STACK_PER_CPU = 1 << 15
        add     r5, r5, #STACK_PER_CPU          @ r5 = this CPU's stack top

        cps     #MODE_IRQ
        sub     sp, r5, #IRQ_SP_OFF
        cps     #MODE_FIQ
        sub     sp, r5, #FIQ_SP_OFF
        cps     #MODE_ABT
        sub     sp, r5, #ABT_SP_OFF
        cps     #MODE_UND
        sub     sp, r5, #UND_SP_OFF
        cps     #MODE_SYS
        sub     sp, r5, #SYS_SP_OFF
        cps     #MODE_SVC
        mov     sp, r5

        ldr     r0, =__vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR (SCTLR.V is 0 at reset)
        isb

        cmp     r4, #0
        bne     __secondary

        ldr     r0, =__bss_start
        ldr     r1, =__bss_end
        mov     r2, #0
        mov     r3, #0
1:      cmp     r0, r1
        strdlo  r2, r3, [r0], #8
        blo     1b

        ldr     r0, =__runtime_ready
        mov     r1, #1
        dsb
        str     r1, [r0]
        dsb
        sev

        bl      main
        bl      sh_exit                         @ SYS_EXIT_EXTENDED(main's return value)
        b       __park

__secondary:
        ldr     r1, =__runtime_ready
2:      ldr     r0, [r1]
        cmp     r0, #0
        bne     3f
        wfe
        b       2b
3:      dmb
        ldr     r2, =secondary_main             @ weak: 0 when the program is not an SMP program
        cmp     r2, #0
        beq     __park
        mov     r0, r4
        blx     r2
        /* fall through: a CPU whose secondary_main returns parks */
        .global __park
__park:
        wfi
        b       __park
        .size _start, . - _start

        .weak secondary_main

/* Default vector table: IRQs go to the C function irq_handler() (weak: a program that enables
 * interrupts defines it); everything else reports the exception and exits with status 125.
 * Programs that want to handle other exceptions install their own table with vbar_set(). */
        .section .vectors, "ax"
        .align 5
        .global __vectors
__vectors:
        b       _start
        b       __und_entry
        b       __svc_entry
        b       __pabt_entry
        b       __dabt_entry
        b       __hyp_entry
        b       __irq_entry
        b       __fiq_entry

        .text
        .macro UNHANDLED name, kind
\name:
        push    {r0-r3, r12, lr}
        mov     r0, #\kind
        mov     r1, lr
        mrs     r2, spsr
        bl      __unhandled_exception
        b       __park
        .endm

        UNHANDLED __und_entry,  1
        UNHANDLED __svc_entry,  2
        UNHANDLED __pabt_entry, 3
        UNHANDLED __dabt_entry, 4
        UNHANDLED __hyp_entry,  5
        UNHANDLED __fiq_entry,  7

/* IRQ: lr_irq is the interrupted instruction + 4. Saves the caller-saved registers (the C handler
 * keeps the others), 6 words keep the stack 8-byte aligned, and LDM ^ with the PC returns and
 * restores CPSR from SPSR_irq. No nesting: IRQs stay masked inside the handler. */
        .global __irq_entry
__irq_entry:
        sub     lr, lr, #4
        push    {r0-r3, r12, lr}
        bl      irq_handler
        ldmfd   sp!, {r0-r3, r12, pc}^

        .data
        .align 2
        .global __runtime_ready
__runtime_ready:
        .word   0
