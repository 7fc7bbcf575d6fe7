/* The A32 half of newlib-mixed (compiled -marm). */
#include <stdio.h>
#include <stdlib.h>
#include "mixed.h"

volatile int mixed_depth;

int arm_square(int x)
{
    return x * x;
}

int arm_apply(int_fn f, int x)
{
    return f(x) + 1;
}

int arm_apply_twice_via_thumb(int_fn f, int x)
{
    return thumb_apply(f, thumb_apply(f, x));
}

int arm_tail_to_thumb(int x)
{
    return thumb_triple(x + 1);
}

int arm_compare_records(const void *a, const void *b)
{
    const struct record *ra = a, *rb = b;
    return (ra->key > rb->key) - (ra->key < rb->key);
}

int arm_is_even(unsigned n)
{
    return n == 0 ? 1 : thumb_is_odd(n - 1);
}

void arm_recurse_then_longjmp(jmp_buf env, int depth, int value)
{
    mixed_depth++;
    if (depth == 0) {
        longjmp(env, value);
    }
    thumb_recurse_then_longjmp(env, depth - 1, value);
}

int arm_setjmp_from_thumb_longjmp(int value)
{
    jmp_buf env;
    volatile int before = 0;
    int r = setjmp(env);
    if (r == 0) {
        before = 1;
        thumb_longjmp(env, value);
        return -1;   /* not reached */
    }
    return before ? r : -2;
}

long long arm_mul_div(long long a, long long b, long long c)
{
    return a * b / c;   /* __aeabi_ldivmod: Thumb-2 libgcc */
}

int_fn arm_pick(int which)
{
    return (which & 1) ? thumb_triple : arm_square;
}

const char *arm_find_name(const struct record *sorted, int n, int key)
{
    const struct record *r = bsearch(&key, sorted, (size_t)n, sizeof *sorted, thumb_compare_keys);
    return r != NULL ? r->name : "(none)";
}
