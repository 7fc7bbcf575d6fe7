/* newlib-mixed: functions of arm.c (compiled -marm) and thumb_thumb.c / main_thumb.c (-mthumb)
 * that call each other directly, through function pointers and through newlib (Thumb) callbacks. */
#ifndef MIXED_H
#define MIXED_H

#include <setjmp.h>

struct record {
    int key;
    const char *name;
};

typedef int (*int_fn)(int);

/* ---- arm.c (A32) ---- */
int arm_square(int x);
int arm_apply(int_fn f, int x);                 /* f may be Thumb: BLX register */
int arm_apply_twice_via_thumb(int_fn f, int x); /* A32 -> thumb_apply -> f */
int arm_tail_to_thumb(int x);                   /* a sibling call into Thumb code: thumb_triple(x + 1) */
int arm_compare_records(const void *a, const void *b);
int arm_is_even(unsigned n);                    /* mutual recursion with thumb_is_odd */
void arm_recurse_then_longjmp(jmp_buf env, int depth, int value);
int arm_setjmp_from_thumb_longjmp(int value);   /* setjmp here, longjmp in Thumb; returns setjmp's 2nd result */
long long arm_mul_div(long long a, long long b, long long c);
int_fn arm_pick(int which);                     /* an A32 or a Thumb function, by which's parity */
const char *arm_find_name(const struct record *sorted, int n, int key);  /* bsearch, Thumb comparator */

/* ---- thumb_thumb.c (Thumb) ---- */
int thumb_triple(int x);
int thumb_apply(int_fn f, int x);
int thumb_is_odd(unsigned n);
void thumb_recurse_then_longjmp(jmp_buf env, int depth, int value);
void thumb_longjmp(jmp_buf env, int value);
int thumb_compare_keys(const void *key, const void *elem);
int thumb_switch(int x);                        /* dense switch: a TBB/TBH table */

/* recursion depth reached before the longjmp (both files count) */
extern volatile int mixed_depth;

#endif
