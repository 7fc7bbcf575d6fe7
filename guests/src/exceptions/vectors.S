/* Exception entry for the exceptions guest. Undefined, prefetch abort and data abort save their
 * frame with SRS and return with RFE; SVC saves with STM and returns with LDM ^ (PC in the list:
 * CPSR <- SPSR), after writing back the SPSR the C handler may have changed. Frame layouts:
 * struct exc_frame and struct svc_frame in main.c. */
        .syntax unified
        .arm

        .text
        .align 5
        .global exc_vectors
exc_vectors:
        b       .                       @ reset: not expected
        b       und_entry
        b       svc_entry
        b       pabt_entry
        b       dabt_entry
        b       .                       @ hyp trap: not expected
        b       .                       @ IRQ: masked throughout
        b       .                       @ FIQ: masked throughout

        /* frame, from the final sp upwards: r0-r12, lr of the handler mode, return address, SPSR */
        .macro SRS_ENTRY name, mode, kind
\name:
        srsdb   sp!, #\mode             @ push LR_<mode> (return address) and SPSR_<mode>
        push    {r0-r12, lr}
        mov     r0, #\kind
        mov     r1, sp
        bl      exc_handler
        pop     {r0-r12, lr}
        rfeia   sp!                     @ pc and CPSR from the (possibly updated) frame
        .endm

        SRS_ENTRY und_entry,  0x1b, 1
        SRS_ENTRY pabt_entry, 0x17, 3
        SRS_ENTRY dabt_entry, 0x17, 4

/* SVC frame, from sp upwards: SPSR, a pad word (keeps sp 8-byte aligned), r0-r12, return address
 * (struct svc_frame in main.c). */
svc_entry:
        push    {r0-r12, lr}
        mrs     r0, spsr
        push    {r0, r1}
        mov     r0, sp
        bl      svc_handler
        pop     {r0, r1}
        msr     spsr_fsxc, r0           @ the handler may have changed the saved flags
        ldmfd   sp!, {r0-r12, pc}^      @ exception return: CPSR <- SPSR_svc

/* void banked_test(uint32_t out[10], uint32_t save[10])
 * Gives SP and LR of FIQ, IRQ, ABT, UND and SYS (= USR) distinct values (0x5aa5MM00 and
 * 0xa55aMM0e, MM = mode number) by CPS into each mode, then reads all of them back into out[]
 * and restores the originals from save[]. Ends in SVC mode. */
        .global banked_test
banked_test:
        push    {r4, lr}
        mov     r4, r1
        .irp    m, 0x11, 0x12, 0x17, 0x1b, 0x1f
        cps     #\m
        str     sp, [r1], #4
        str     lr, [r1], #4
        movw    sp, #(\m << 8)
        movt    sp, #0x5aa5
        movw    lr, #((\m << 8) | 0x0e)
        movt    lr, #0xa55a
        .endr
        cps     #0x13
        .irp    m, 0x11, 0x12, 0x17, 0x1b, 0x1f
        cps     #\m
        str     sp, [r0], #4
        str     lr, [r0], #4
        .endr
        .irp    m, 0x11, 0x12, 0x17, 0x1b, 0x1f
        cps     #\m
        ldr     sp, [r4], #4
        ldr     lr, [r4], #4
        .endr
        cps     #0x13
        pop     {r4, pc}

/* int fiq_bank_test(void): r8-r12 are banked in FIQ mode. Returns 0 when SVC's r8-r12 survive
 * FIQ-mode writes and FIQ's own copies keep their values across a round trip through SVC. */
        .global fiq_bank_test
fiq_bank_test:
        push    {r4-r11, lr}
        mov     r8, #8
        mov     r9, #9
        mov     r10, #10
        mov     r11, #11
        mov     r12, #12
        cps     #0x11
        push    {r8-r12}                @ FIQ's originals, on FIQ's own stack
        mov     r8, #0x80
        mov     r9, #0x90
        mov     r10, #0xa0
        mov     r11, #0xb0
        mov     r12, #0xc0
        cps     #0x13
        mov     r0, #0
        cmp     r8, #8
        cmpeq   r9, #9
        cmpeq   r10, #10
        cmpeq   r11, #11
        cmpeq   r12, #12
        orrne   r0, r0, #1              @ SVC copies were overwritten
        cps     #0x11
        cmp     r8, #0x80
        cmpeq   r9, #0x90
        cmpeq   r10, #0xa0
        cmpeq   r11, #0xb0
        cmpeq   r12, #0xc0
        orrne   r0, r0, #2              @ FIQ copies were lost
        pop     {r8-r12}
        cps     #0x13
        pop     {r4-r11, pc}

/* void user_regs_test(uint32_t out[4]): from SVC, LDM ^ loads the User-mode SP and LR; SYS mode
 * (same registers) reads them back; STM ^ stores them again; originals restored. */
        .global user_regs_test
user_regs_test:
        push    {r4-r6, lr}
        sub     sp, sp, #16
        mov     r6, sp
        stmia   r6, {sp, lr}^           @ save User SP/LR at [sp], [sp+4]
        nop                             @ no banked-register access right after LDM/STM ^
        ldr     r4, =0x0badcafe
        ldr     r5, =0x0f00dbad
        str     r4, [sp, #8]
        str     r5, [sp, #12]
        add     r6, sp, #8
        ldmia   r6, {sp, lr}^           @ User SP/LR <- 0x0badcafe, 0x0f00dbad
        nop
        cps     #0x1f
        mov     r4, sp
        mov     r5, lr
        cps     #0x13
        str     r4, [r0]
        str     r5, [r0, #4]
        stmia   r6, {sp, lr}^           @ and back out through STM ^
        nop
        ldr     r4, [sp, #8]
        ldr     r5, [sp, #12]
        str     r4, [r0, #8]
        str     r5, [r0, #12]
        mov     r6, sp
        ldmia   r6, {sp, lr}^           @ restore
        nop
        add     sp, sp, #16
        pop     {r4-r6, pc}

/* uint32_t rfe_test(void): RFE from SVC to a label in SYS mode with Z and C set; returns the CPSR
 * seen there. */
        .global rfe_test
rfe_test:
        push    {r4, lr}
        adr     r1, 1f
        ldr     r2, =0x600001df         @ Z, C, A, I, F, SYS mode
        push    {r1, r2}
        rfeia   sp!
1:      mrs     r0, cpsr
        cps     #0x13
        pop     {r4, pc}

/* void srs_test(uint32_t out[3]): SRS from SVC onto the SYS-mode stack; returns the two words it
 * stored (LR_svc, SPSR_svc) and how far SYS's SP moved. */
        .global srs_test
srs_test:
        push    {r4-r6, lr}
        cps     #0x1f
        mov     r4, sp
        cps     #0x13
        ldr     r5, =0x900001d0         @ N, V, A, I, F, USR mode
        msr     spsr_fsxc, r5
        mov     r6, lr
        adr     lr, srs_test            @ a known LR value
        srsdb   sp!, #0x1f
        mov     lr, r6
        cps     #0x1f
        ldr     r1, [sp]
        ldr     r2, [sp, #4]
        sub     r3, r4, sp
        add     sp, sp, #8
        cps     #0x13
        adr     r5, srs_test
        sub     r1, r1, r5              @ 0 when the stored LR was srs_test's address
        stmia   r0, {r1, r2, r3}
        pop     {r4-r6, pc}
