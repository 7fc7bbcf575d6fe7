/* Faulting accesses whose register state the checks inspect (pure A32). Each sets fault_expected
 * around one access at a global label, so the C side can compare LR_abt with the label + 8. */
        .syntax unified
        .arm
        .text

        .macro EXPECT_ON
        ldr     r12, =fault_expected
        mov     r2, #1
        str     r2, [r12]
        .endm
        .macro EXPECT_OFF
        mov     r2, #0
        str     r2, [r12]
        .endm

/* void precise_load(uint32_t va, uint32_t out[3]): LDR r4, [r3, #16]! with r3 = va, r4 and r5
 * preset; out = r3, r4, r5 afterwards. An aborted load leaves r4 and the base r3 unchanged. */
        .global precise_load, precise_load_insn
precise_load:
        push    {r4-r6, lr}
        mov     r6, r1
        mov     r3, r0
        movw    r4, #0x4444
        movt    r4, #0x4444
        movw    r5, #0x5555
        movt    r5, #0x5555
        EXPECT_ON
precise_load_insn:
        ldr     r4, [r3, #16]!
        EXPECT_OFF
        stmia   r6, {r3, r4, r5}
        pop     {r4-r6, pc}

/* void precise_store(uint32_t va, uint32_t out[3]): STR r5, [r3], #8 (post-indexed writeback). */
        .global precise_store, precise_store_insn
precise_store:
        push    {r4-r6, lr}
        mov     r6, r1
        mov     r3, r0
        movw    r4, #0x4444
        movt    r4, #0x4444
        movw    r5, #0x5555
        movt    r5, #0x5555
        EXPECT_ON
precise_store_insn:
        str     r5, [r3], #8
        EXPECT_OFF
        stmia   r6, {r3, r4, r5}
        pop     {r4-r6, pc}

/* uint32_t probe_ldrex(uint32_t va): LDREX; returns 0xdeadfa17 if it aborted. */
        .global probe_ldrex
probe_ldrex:
        mov     r1, r0
        movw    r0, #0xfa17
        movt    r0, #0xdead
        EXPECT_ON
        ldrex   r0, [r1]
        EXPECT_OFF
        clrex
        bx      lr

/* uint32_t probe_ldm(uint32_t va): LDM of two words; returns their sum, 0xdeadfa17 if aborted. */
        .global probe_ldm
probe_ldm:
        mov     r1, r0
        movw    r0, #0xfa17
        movt    r0, #0xdead
        mov     r3, r0
        EXPECT_ON
        ldm     r1, {r0, r3}
        EXPECT_OFF
        add     r0, r0, r3
        bx      lr

/* uint32_t probe_ldrd(uint32_t va): LDRD r2, r3; returns their sum, 0xdeadfa17 if aborted. */
        .global probe_ldrd
probe_ldrd:
        mov     r1, r0
        movw    r0, #0xfa17
        movt    r0, #0xdead
        EXPECT_ON
        ldrd    r2, r3, [r1]
        add     r0, r2, r3
        EXPECT_OFF
        bx      lr
