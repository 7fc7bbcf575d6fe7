/* Entry shim for the newlib guests (A32; the ELF entry, linked with -e _newlib_entry).
 *
 * QEMU starts every CPU at the ELF entry at once. newlib's rdimon crt0 (_start) has no notion of
 * secondary CPUs: each CPU would ask SYS_HEAPINFO for the same stack, clear the same BSS and run
 * main() again (measured on QEMU -smp 2: the output appears twice and the exit status is whichever
 * CPU exits first). So only the CPU with MPIDR.Aff0 == 0 goes on to _start; every other CPU sleeps
 * in WFI forever (interrupts are masked and never configured, so it stays there).
 *
 * _start is Thumb code (the thumb/v7-a/nofp multilib), hence BX rather than B. */
        .syntax unified
        .arm
        .section .text.newlib_entry, "ax"
        .global _newlib_entry
        .type _newlib_entry, %function
_newlib_entry:
        mrc     p15, 0, r4, c0, c0, 5           @ MPIDR
        ands    r4, r4, #0xff                   @ Aff0 = CPU number
        bne     1f
        mov     r0, #0                          @ the registers QEMU gives CPU 0 at entry
        mov     r1, #0
        mov     r2, #0
        ldr     r3, =_start
        bx      r3
1:      wfi
        b       1b
        .size _newlib_entry, . - _newlib_entry
        .ltorg
