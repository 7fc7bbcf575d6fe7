/* newlib-mixed: A32 and Thumb objects calling each other. main (this file) and thumb_thumb.c are
 * -mthumb, arm.c is -marm, newlib and libgcc are Thumb-2. Covered: direct calls both ways (the
 * linker turns BL into BLX), function pointers both ways (BLX register, bit 0 of the address
 * selecting the state), a sibling call from A32 into Thumb (a linker veneer), Thumb calling back
 * into A32 through newlib's qsort and A32 through bsearch into Thumb, mutual recursion switching
 * state at every level, setjmp/longjmp across both states, a dense switch (TBB/TBH) and 64-bit
 * division in libgcc. Expected values are worked out from C's rules in the comments; exit 0 when
 * every check held. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mixed.h"

static int failures;

static void expect(const char *what, long long got, long long want)
{
    printf("%-34s %lld%s\n", what, got, got == want ? "" : "  <-- WRONG");
    if (got != want) {
        printf("FAIL %s: want %lld\n", what, want);
        failures++;
    }
}

static int thumb_add_ten(int x)
{
    return x + 10;
}

static void calls_and_pointers(void)
{
    expect("arm_square(7)", arm_square(7), 49);
    expect("thumb_triple(7)", thumb_triple(7), 21);
    expect("arm_apply(thumb_triple, 5)", arm_apply(thumb_triple, 5), 16);           /* 15 + 1 */
    expect("arm_apply(static thumb fn, 5)", arm_apply(thumb_add_ten, 5), 16);       /* 15 + 1 */
    expect("arm_apply(arm_square, 5)", arm_apply(arm_square, 5), 26);               /* 25 + 1 */
    expect("thumb_apply(arm_square, 6)", thumb_apply(arm_square, 6), 35);           /* 36 - 1 */
    expect("arm->thumb->arm twice (3)", arm_apply_twice_via_thumb(arm_square, 3), 63); /* 9-1=8, 64-1 */
    expect("arm tail call into thumb (4)", arm_tail_to_thumb(4), 15);               /* 3 * 5 */

    /* a table of pointers to both kinds: the Thumb entries have bit 0 set */
    static const int_fn table[] = { arm_square, thumb_triple, thumb_add_ten, arm_square, thumb_triple };
    int acc = 0;
    int thumb_entries = 0;
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++) {
        acc = acc * 3 + table[i]((int)i + 1);
        thumb_entries += (int)((unsigned long)table[i] & 1u);
    }
    /* 1, 6, 13, 16, 15: ((((1)*3+6)*3+13)*3+16)*3+15 = 423 */
    expect("pointer table fold", acc, 423);
    expect("pointers with bit 0 set", thumb_entries, 3);
    int picked = 0;
    for (int w = 0; w < 4; w++) {
        picked += arm_pick(w)(w + 2);   /* square(2) + triple(3) + square(4) + triple(5) */
    }
    expect("arm_pick results", picked, 4 + 9 + 16 + 15);
}

static void library_callbacks(void)
{
    enum { N = 300 };
    static struct record recs[N];
    static char names[N][8];
    unsigned seed = 2024;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        recs[i].key = (int)((seed >> 8) % 100000) * N + i;   /* distinct keys */
        snprintf(names[i], sizeof names[i], "r%d", i);
        recs[i].name = names[i];
    }
    int key150 = recs[150].key;
    qsort(recs, N, sizeof recs[0], arm_compare_records);   /* Thumb newlib calling A32 */
    int sorted = 1;
    for (int i = 1; i < N; i++) {
        sorted = sorted && recs[i - 1].key < recs[i].key;
    }
    expect("qsort(ARM comparator) sorted", sorted, 1);
    printf("smallest keys: %d %s, %d %s, %d %s\n", recs[0].key, recs[0].name, recs[1].key, recs[1].name,
           recs[2].key, recs[2].name);
    const char *found = arm_find_name(recs, N, key150);       /* A32 bsearch caller, Thumb comparator */
    expect("bsearch finds r150", strcmp(found, "r150") == 0, 1);
    expect("bsearch misses key -1", strcmp(arm_find_name(recs, N, -1), "(none)") == 0, 1);
}

static void recursion_and_jumps(void)
{
    expect("arm_is_even(1000)", arm_is_even(1000), 1);
    expect("arm_is_even(1001)", arm_is_even(1001), 0);
    expect("thumb_is_odd(777)", thumb_is_odd(777), 1);

    jmp_buf env;
    volatile int stage = 1;
    mixed_depth = 0;
    int r = setjmp(env);   /* Thumb setjmp, longjmp from A32 ten frames down */
    if (r == 0) {
        stage = 2;
        arm_recurse_then_longjmp(env, 9, 1234);
        stage = 99;        /* not reached */
    }
    expect("setjmp result after longjmp", r, 1234);
    expect("volatile local kept", stage, 2);
    expect("frames entered before longjmp", mixed_depth, 10);
    expect("A32 setjmp, Thumb longjmp(77)", arm_setjmp_from_thumb_longjmp(77), 77);
    expect("A32 setjmp, Thumb longjmp(0)", arm_setjmp_from_thumb_longjmp(0), 1);   /* C: 0 becomes 1 */
}

static void arithmetic(void)
{
    expect("arm_mul_div(123456789012, 1000, -7)", arm_mul_div(123456789012LL, 1000, -7), -17636684144571LL);
    volatile long long a = -9000000000000000000LL;
    expect("thumb 64-bit a / 1000000007", a / 1000000007, -8999999937LL);
    expect("thumb 64-bit a % 1000000007", a % 1000000007, -441LL);
    int s = 0;
    for (int x = -2; x <= 13; x++) {
        s += thumb_switch(x);
    }
    expect("thumb_switch sum over -2..13", s, 355);
}

int main(void)
{
    printf("newlib-mixed\n");
    calls_and_pointers();
    library_callbacks();
    recursion_and_jumps();
    arithmetic();
    printf("%s: %d failed checks\n", failures == 0 ? "PASS" : "FAIL", failures);
    exit(failures == 0 ? 0 : 1);
}
