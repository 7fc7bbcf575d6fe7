/* newlib-malloc: newlib's malloc/free/realloc/calloc (dlmalloc on the heap that rdimon's _sbrk takes
 * from SYS_HEAPINFO) under a few allocation patterns, with every byte checked. Compiled -mthumb,
 * like newlib itself. Prints what it did (never an address); exit 0 when every check held. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void fail(const char *what, long index)
{
    if (failures < 10) {
        printf("FAIL %s at %ld\n", what, index);
    }
    failures++;
}

struct node {
    struct node *next;
    uint32_t value;
    char name[12];
};

/* A singly linked list built at the head, reversed in place, walked, then freed. */
static void linked_list(void)
{
    enum { N = 2000 };
    struct node *head = NULL;
    for (uint32_t i = 0; i < N; i++) {
        struct node *n = malloc(sizeof *n);
        if (n == NULL) {
            fail("list malloc", (long)i);
            return;
        }
        n->value = i * i;
        snprintf(n->name, sizeof n->name, "n%u", (unsigned)i);
        n->next = head;
        head = n;
    }
    struct node *rev = NULL;
    while (head != NULL) {
        struct node *next = head->next;
        head->next = rev;
        rev = head;
        head = next;
    }
    uint64_t sum = 0;
    uint32_t i = 0;
    char want[12];
    for (struct node *n = rev; n != NULL; n = n->next, i++) {
        snprintf(want, sizeof want, "n%u", (unsigned)i);
        if (n->value != i * i || strcmp(n->name, want) != 0) {
            fail("list node", (long)i);
        }
        sum += n->value;
    }
    while (rev != NULL) {
        struct node *next = rev->next;
        free(rev);
        rev = next;
    }
    printf("list: %u nodes, sum of squares %llu\n", (unsigned)i, (unsigned long long)sum);
}

/* An array grown by realloc one element at a time (and by doubling), contents checked after each
 * move; then shrunk. */
static void growing_array(void)
{
    uint32_t *a = NULL;
    size_t moves = 0;
    size_t n;
    for (n = 0; n < 5000; n++) {
        uint32_t *b = realloc(a, (n + 1) * sizeof *b);
        if (b == NULL) {
            fail("realloc grow", (long)n);
            free(a);
            return;
        }
        if (b != a) {
            moves++;
            for (size_t k = 0; k < n; k++) {
                if (b[k] != k * 2654435761u) {
                    fail("realloc kept contents", (long)k);
                    break;
                }
            }
        }
        a = b;
        a[n] = (uint32_t)n * 2654435761u;
    }
    size_t cap = n;
    while (cap < 200000) {
        cap *= 2;
        a = realloc(a, cap * sizeof *a);
        if (a == NULL) {
            fail("realloc double", (long)cap);
            return;
        }
        for (size_t k = cap / 2; k < cap; k++) {
            a[k] = (uint32_t)k * 2654435761u;
        }
    }
    a = realloc(a, 100 * sizeof *a);
    uint32_t x = 0;
    for (size_t k = 0; k < 100; k++) {
        x ^= a[k];
        if (a[k] != (uint32_t)k * 2654435761u) {
            fail("realloc shrink", (long)k);
        }
    }
    free(a);
    printf("array: grew to %u elements (%s moves), doubled to %u, shrunk to 100, xor 0x%08x\n",
           (unsigned)n, moves > 0 ? "some" : "no", (unsigned)cap, (unsigned)x);
}

/* A few thousand blocks of mixed sizes: calloc must give zeroes, every block keeps its own pattern
 * while half of them are freed and reallocated in a different size. */
static void many_blocks(void)
{
    enum { N = 3000 };
    static unsigned char *blk[N];
    static size_t len[N];
    uint32_t seed = 12345;
    size_t total = 0;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        len[i] = 1 + (seed >> 16) % 300;
        blk[i] = calloc(len[i], 1);
        if (blk[i] == NULL) {
            fail("calloc", i);
            return;
        }
        for (size_t k = 0; k < len[i]; k++) {
            if (blk[i][k] != 0) {
                fail("calloc zeroed", i);
                break;
            }
        }
        memset(blk[i], (unsigned char)i, len[i]);
        total += len[i];
    }
    for (int i = 0; i < N; i += 2) {
        free(blk[i]);
        len[i] = 1 + (size_t)(i * 37) % 500;
        blk[i] = malloc(len[i]);
        if (blk[i] == NULL) {
            fail("malloc again", i);
            return;
        }
        memset(blk[i], (unsigned char)(i ^ 0x5a), len[i]);
    }
    uint32_t check = 0;
    for (int i = 0; i < N; i++) {
        unsigned char want = (unsigned char)(i % 2 == 0 ? (i ^ 0x5a) : i);
        for (size_t k = 0; k < len[i]; k++) {
            if (blk[i][k] != want) {
                fail("block pattern", i);
                break;
            }
            check = check * 31u + blk[i][k];
        }
    }
    for (int i = N - 1; i >= 0; i--) {
        free(blk[i]);
    }
    /* everything is free again: one large block must fit where the small ones were */
    void *large = malloc(total);
    if (large == NULL) {
        fail("large malloc after frees", (long)total);
    }
    free(large);
    printf("blocks: %d calloc'd (%u bytes), %d reallocated, checksum 0x%08x\n", N, (unsigned)total, N / 2,
           (unsigned)check);
}

static void strings(void)
{
    char *s = strdup("interworking");
    for (int i = 0; i < 6; i++) {
        /* s + "+" + second half of s, built in a fresh block so source and target never overlap */
        size_t len = strlen(s);
        char *t = malloc(len + 1 + (len - len / 2) + 1);
        strcpy(t, s);
        strcat(t, "+");
        strcat(t, s + len / 2);
        free(s);
        s = t;
    }
    size_t len = strlen(s);
    printf("strings: length %u, starts \"%.16s\", ends \"%s\"\n", (unsigned)len, s, s + len - 8);
    free(s);
}

int main(void)
{
    printf("newlib-malloc\n");
    linked_list();
    growing_array();
    many_blocks();
    strings();
    printf("%s: %d failed checks\n", failures == 0 ? "PASS" : "FAIL", failures);
    exit(failures == 0 ? 0 : 1);
}
