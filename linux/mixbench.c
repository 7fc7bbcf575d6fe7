/*
 * mixbench: a deterministic CPU-bound workload for the Linux test kit.
 *
 *   mixbench [ITERATIONS]
 *
 * Each iteration mixes what a Dhrystone-like benchmark does (integer arithmetic with multiplies,
 * divides and shifts, record copies, string copies and compares, a small table kept sorted) with
 * double-precision arithmetic (armhf passes and computes doubles in VFP registers). Only operations
 * that IEEE 754 and C define exactly are used (no libm, no contraction into fused multiply-add), so
 * the checksum printed at the end is the same on any conforming machine: the kit compiles this file
 * for the host too and takes the host's checksum as the expected one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE 32

struct record {
    uint32_t id;
    int32_t value;
    char name[24];
};

static uint32_t state = 0x12345678u;

/* xorshift32: a cheap, fully defined pseudo-random sequence */
static uint32_t next(void) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static uint32_t mix(uint32_t h, uint32_t v) {
    h ^= v;
    h *= 0x01000193u; /* FNV-1a prime */
    return (h << 7) | (h >> 25);
}

/* Keeps table[] sorted by value: insertion of one new record, dropping the largest. */
static void insert(struct record *table, const struct record *r) {
    int i = TABLE - 1;
    if (r->value >= table[i].value) {
        return;
    }
    while (i > 0 && table[i - 1].value > r->value) {
        table[i] = table[i - 1];
        i--;
    }
    table[i] = *r;
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    if (iterations <= 0) {
        fprintf(stderr, "usage: mixbench [ITERATIONS > 0]\n");
        return 2;
    }
    static struct record table[TABLE];
    for (int i = 0; i < TABLE; i++) {
        table[i].id = i;
        table[i].value = INT32_MAX;
        strcpy(table[i].name, "EMPTY RECORD");
    }
    static const char *const words[] = {"DHRYSTONE", "PROGRAM", "SOME STRING", "1'ST STRING", "2'ND STRING",
                                        "3'RD STRING", "MTTCG-J", "VEXPRESS-A15"};
    char buf[24];
    uint32_t h = 0x811c9dc5u;
    double x = 1.0, y = 0.5, z = 0.0;

    for (long n = 0; n < iterations; n++) {
        uint32_t a = next();
        uint32_t b = next() | 1u;
        /* integer: multiply, divide, modulo, shifts, compare-and-select */
        uint32_t q = a / b + a % (b >> 8 | 1u);
        int32_t s = (int32_t)(a ^ (b << 3)) / (int32_t)((b & 0xffu) + 1u);
        h = mix(h, q + (uint32_t)s);
        h = mix(h, a > b ? a - b : b - a);

        /* records and strings */
        struct record r;
        r.id = (uint32_t)n;
        r.value = (int32_t)(a >> 1) - (int32_t)(b >> 2);
        strcpy(r.name, words[a & 7]);
        strcat(r.name, a & 8 ? "!" : "?");
        insert(table, &r);
        memcpy(buf, r.name, sizeof buf);
        int c = strcmp(buf, words[b & 7]); /* only its sign is defined */
        h = mix(h, (uint32_t)((c > 0) - (c < 0)) + (uint32_t)strlen(buf));

        /* doubles: products, quotients and sums that stay in a bounded range */
        double d = (double)(a & 0xffff) / 65536.0;
        x = x * (1.0 + d * 1e-3) / (1.0 + y * 1e-3);
        y = 0.5 * y + 0.25 * d + 1.0 / (double)(n + 2);
        z += x * y - d / (x + 1.0);
        if (z > 1e6 || z < -1e6) {
            z *= 1e-6;
        }
    }

    for (int i = 0; i < TABLE; i++) {
        h = mix(h, table[i].id);
        h = mix(h, (uint32_t)table[i].value);
        for (const char *c = table[i].name; *c; c++) {
            h = mix(h, (uint8_t)*c);
        }
    }
    uint64_t xb, yb, zb;
    memcpy(&xb, &x, 8);
    memcpy(&yb, &y, 8);
    memcpy(&zb, &z, 8);
    uint64_t fh = xb ^ (yb << 1 | yb >> 63) ^ (zb << 2 | zb >> 62);
    printf("mixbench iterations=%ld checksum=%08x%016llx\n", iterations, (unsigned)h, (unsigned long long)fh);
    return 0;
}
