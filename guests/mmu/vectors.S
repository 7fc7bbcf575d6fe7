/* Exception vectors, probes and User-mode calls of the mmu-* guests (pure A32).
 * Aborts save r0-r12 with SRS/STM, call abort_handler() (mmu.c), which records DFSR/IFSR,
 * DFAR/IFAR, LR_abt, SPSR_abt and the registers and chooses where to resume, then return with RFE
 * (to the mode the abort came from, User mode included). SVC #0 is only used to come back from
 * User mode (run_user); semihosting's SVC 0x123456 is QEMU's and never reaches the vector. */
        .syntax unified
        .arm

        .equ PROBE_NONE_LO, 0xfa17
        .equ PROBE_NONE_HI, 0xdead

        .section .text.mmu_vectors, "ax"
        .align 5
        .global mmu_vectors
mmu_vectors:
        b       unexpected_reset
        b       und_entry
        b       svc_entry
        b       pabt_entry
        b       dabt_entry
        b       unexpected_hyp
        b       irq_entry
        b       fiq_entry

        /* frame from sp upwards: r0-r12, lr of ABT mode, LR_abt (resume address), SPSR_abt:
         * 16 words, so sp stays 8-byte aligned for the C handler (struct abort_frame in mmu.c) */
        .macro ABORT_ENTRY name, kind
\name:
        srsdb   sp!, #0x17
        push    {r0-r12, lr}
        mov     r0, #\kind
        mov     r1, sp
        bl      abort_handler
        pop     {r0-r12, lr}
        rfeia   sp!
        .endm

        ABORT_ENTRY pabt_entry, 3
        ABORT_ENTRY dabt_entry, 4

        .macro UNEXPECTED name, kind
\name:
        mov     r0, #\kind
        mov     r1, lr
        mrs     r2, spsr
        bl      unexpected_exception
        .endm

        UNEXPECTED unexpected_reset, 0
        UNEXPECTED und_entry, 1
        UNEXPECTED unexpected_hyp, 5
        UNEXPECTED irq_entry, 6
        UNEXPECTED fiq_entry, 7

/* Back from User mode: SVC #0 at the end of user_entry. The SVC-mode stack pointer run_user saved
 * brings back its frame; r0 holds the User function's result. */
svc_entry:
        mrs     r1, spsr
        and     r1, r1, #0x1f
        cmp     r1, #0x10
        movne   r0, #2
        movne   r1, lr
        mrsne   r2, spsr
        blne    unexpected_exception
        ldr     sp, =user_return_sp
        ldr     sp, [sp]
        pop     {r4-r11, pc}

        .text
/* uint32_t run_user(uint32_t (*fn)(uint32_t), uint32_t arg) */
        .global run_user
        .type run_user, %function
run_user:
        push    {r4-r11, lr}
        ldr     r2, =user_return_sp
        str     sp, [r2]
        mov     r2, r0
        mov     r0, r1
        mov     r3, #0x1d0                      @ User mode, A/I/F masked
        msr     spsr_cxsf, r3
        ldr     lr, =user_entry
        movs    pc, lr                          @ exception return into User mode
user_entry:
        blx     r2
        svc     #0
        .size run_user, . - run_user

/* uint32_t probe_read(uint32_t va): the LDR at probe_read_insn either loads or aborts; an aborted
 * load leaves r0 = PROBE_NONE (the ARM ARM: an aborted load does not write its destination). */
        .global probe_read, probe_read_insn
        .type probe_read, %function
probe_read:
        ldr     r1, =fault_expected
        mov     r3, #1
        str     r3, [r1]
        mov     r2, r0
        movw    r0, #PROBE_NONE_LO
        movt    r0, #PROBE_NONE_HI
probe_read_insn:
        ldr     r0, [r2]
        mov     r3, #0
        str     r3, [r1]
        bx      lr
        .size probe_read, . - probe_read

/* uint32_t probe_write(uint32_t va, uint32_t v): the STR at probe_write_insn; returns 0. Whether it
 * aborted is in last_fault.count. */
        .global probe_write, probe_write_insn
        .type probe_write, %function
probe_write:
        ldr     r2, =fault_expected
        mov     r3, #1
        str     r3, [r2]
probe_write_insn:
        str     r1, [r0]
        mov     r3, #0
        str     r3, [r2]
        mov     r0, #0
        bx      lr
        .size probe_write, . - probe_write

/* uint32_t probe_exec(uint32_t va): calls the code at va; a prefetch abort there resumes at 1:
 * with r0 = PROBE_NONE. */
        .global probe_exec
        .type probe_exec, %function
probe_exec:
        push    {r4, lr}
        ldr     r1, =fault_resume
        adr     r2, 1f
        str     r2, [r1]
        ldr     r1, =fault_expected
        mov     r2, #1
        str     r2, [r1]
        mov     r4, r0
        movw    r0, #PROBE_NONE_LO
        movt    r0, #PROBE_NONE_HI
        blx     r4
1:      ldr     r1, =fault_resume
        mov     r2, #0
        str     r2, [r1]
        ldr     r1, =fault_expected
        str     r2, [r1]
        pop     {r4, pc}
        .size probe_exec, . - probe_exec

        .data
        .align 2
user_return_sp:
        .word   0
