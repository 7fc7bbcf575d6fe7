/* The Thumb half of newlib-mixed's callees (compiled -mthumb). */
#include <stdlib.h>
#include "mixed.h"

int thumb_triple(int x)
{
    return 3 * x;
}

int thumb_apply(int_fn f, int x)
{
    return f(x) - 1;
}

int thumb_is_odd(unsigned n)
{
    return n == 0 ? 0 : arm_is_even(n - 1);
}

void thumb_recurse_then_longjmp(jmp_buf env, int depth, int value)
{
    mixed_depth++;
    if (depth == 0) {
        longjmp(env, value);
    }
    arm_recurse_then_longjmp(env, depth - 1, value);
}

void thumb_longjmp(jmp_buf env, int value)
{
    longjmp(env, value);
}

int thumb_compare_keys(const void *key, const void *elem)
{
    int k = *(const int *)key;
    const struct record *r = elem;
    return (k > r->key) - (k < r->key);
}

int thumb_switch(int x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 23;
    case 2: return 5;
    case 3: return 97;
    case 4: return 41;
    case 5: return 3;
    case 6: return 77;
    case 7: return 19;
    case 8: return 60;
    case 9: return 8;
    case 10: return 31;
    case 11: return 2;
    default: return -x;
    }
}
