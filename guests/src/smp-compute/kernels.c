/* The CPU-bound integer kernels of smp-compute (see kernels.h). Each CPU calls them with its own
 * buffers on its own stack, so the CPUs share nothing but the code and the CRC table. */
#include "kernels.h"

#define BUF_WORDS   256
#define SIEVE_MAX   2000
#define DIM         8

static uint32_t xorshift32(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

void crc_table_init(uint32_t table[256])
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, uint32_t len, const uint32_t table[256])
{
    uint32_t c = 0xffffffffu;
    for (uint32_t i = 0; i < len; i++) {
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    }
    return c ^ 0xffffffffu;
}

static uint32_t sieve(uint32_t limit)
{
    uint8_t composite[SIEVE_MAX];
    uint32_t count = 0, sum = 0;
    for (uint32_t i = 0; i < limit; i++) {
        composite[i] = 0;
    }
    for (uint32_t i = 2; i < limit; i++) {
        if (!composite[i]) {
            count++;
            sum += i;
            for (uint32_t j = i * i; j < limit; j += i) {
                composite[j] = 1;
            }
        }
    }
    return count * 65599u + sum;
}

static uint32_t matrix(const uint32_t *data)
{
    int32_t a[DIM][DIM], b[DIM][DIM], c[DIM][DIM];
    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++) {
            a[i][j] = (int32_t)(data[i * DIM + j] & 0xffff) - 0x8000;
            b[i][j] = (int32_t)(data[64 + i * DIM + j] >> 20) - 0x800;
        }
    }
    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++) {
            int32_t s = 0;
            for (int k = 0; k < DIM; k++) {
                s += a[i][k] * b[k][j];
            }
            c[i][j] = s;
        }
    }
    uint32_t h = 2166136261u;       /* FNV-1a over the product */
    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++) {
            h = (h ^ (uint32_t)c[i][j]) * 16777619u;
        }
    }
    return h;
}

uint32_t work_unit(uint32_t seed, const uint32_t table[256])
{
    uint32_t buf[BUF_WORDS];
    uint32_t s = seed * 2654435761u + 1;
    for (int i = 0; i < BUF_WORDS; i++) {
        buf[i] = xorshift32(&s);
    }
    uint32_t crc = crc32((const uint8_t *)buf, sizeof buf, table);
    uint32_t primes = sieve(1000 + seed % 1000);
    uint32_t mat = matrix(buf);
    return (crc ^ (primes * 31u)) + (mat << 7 | mat >> 25);
}
