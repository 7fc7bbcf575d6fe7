/* The intbench kernels. Inputs come from a xorshift generator seeded by the iteration number, so
 * every iteration works on different data and the final checksum depends on the iteration count. */
#include "kernels.h"

const char *const kernel_names[K_COUNT] = { "crc32", "sieve", "matmul", "sort", "lz", "div" };

static uint32_t rng;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

uint32_t mix(uint32_t checksum, uint32_t value)
{
    checksum = (checksum << 5 | checksum >> 27) ^ value;
    return checksum * 0x9e3779b1u;
}

/* ---- CRC32 (IEEE, reflected): table driven vs bit by bit ---- */
#define CRC_LEN 1024
static uint8_t crc_buf[CRC_LEN];
static uint32_t crc_table[256];

static void crc_init_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[i] = c;
    }
}

static uint32_t crc_fast(const uint8_t *p, int n)
{
    uint32_t c = 0xffffffffu;
    for (int i = 0; i < n; i++) {
        c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    }
    return ~c;
}

static uint32_t crc_bitwise(const uint8_t *p, int n)
{
    uint32_t c = 0xffffffffu;
    for (int i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) {
            uint32_t mask = -(c & 1);
            c = (c >> 1) ^ (0xedb88320u & mask);
        }
    }
    return ~c;
}

static void kernel_crc(struct kernel_result *r)
{
    for (int i = 0; i < CRC_LEN; i += 4) {
        uint32_t v = rnd();
        crc_buf[i] = (uint8_t)v;
        crc_buf[i + 1] = (uint8_t)(v >> 8);
        crc_buf[i + 2] = (uint8_t)(v >> 16);
        crc_buf[i + 3] = (uint8_t)(v >> 24);
    }
    r->fast = crc_fast(crc_buf, CRC_LEN);
    r->ref = crc_bitwise(crc_buf, CRC_LEN);
}

/* ---- primes below a limit: sieve of Eratosthenes vs trial division ---- */
#define SIEVE_MAX 3072
static uint8_t composite[SIEVE_MAX];

static void kernel_sieve(struct kernel_result *r)
{
    uint32_t limit = 2048 + (rnd() & 1023);
    for (uint32_t i = 0; i < limit; i++) {
        composite[i] = 0;
    }
    uint32_t count = 0, sum = 0;
    for (uint32_t i = 2; i < limit; i++) {
        if (!composite[i]) {
            count++;
            sum += i * count;
            for (uint32_t j = i * i; j < limit; j += i) {
                composite[j] = 1;
            }
        }
    }
    r->fast = count ^ (sum << 8);

    count = 0;
    sum = 0;
    for (uint32_t v = 2; v < limit; v++) {
        int prime = 1;
        for (uint32_t d = 2; d * d <= v; d++) {
            if (v % d == 0) {
                prime = 0;
                break;
            }
        }
        if (prime) {
            count++;
            sum += v * count;
        }
    }
    r->ref = count ^ (sum << 8);
}

/* ---- 16x16 integer matrix product, reduced to u^T (A B) v; the reference computes
 * (u^T A)(B v), which is equal in the ring of integers mod 2^32 and needs no product matrix ---- */
#define MN 16
static int32_t ma[MN][MN], mb[MN][MN], mc[MN][MN];

static void kernel_matmul(struct kernel_result *r)
{
    for (int i = 0; i < MN; i++) {
        for (int j = 0; j < MN; j++) {
            ma[i][j] = (int32_t)(rnd() & 0xfff) - 0x800;
            mb[i][j] = (int32_t)(rnd() & 0xfff) - 0x800;
        }
    }
    for (int i = 0; i < MN; i++) {
        for (int j = 0; j < MN; j++) {
            int32_t s = 0;
            for (int k = 0; k < MN; k++) {
                s += ma[i][k] * mb[k][j];
            }
            mc[i][j] = s;
        }
    }
    uint32_t h = 0;
    for (int i = 0; i < MN; i++) {
        for (int j = 0; j < MN; j++) {
            h += (uint32_t)(2 * i + 1) * (uint32_t)(3 * j + 7) * (uint32_t)mc[i][j];
        }
    }
    r->fast = h;

    uint32_t ua[MN], bv[MN];
    for (int k = 0; k < MN; k++) {
        ua[k] = 0;
        bv[k] = 0;
        for (int i = 0; i < MN; i++) {
            ua[k] += (uint32_t)(2 * i + 1) * (uint32_t)ma[i][k];
            bv[k] += (uint32_t)mb[k][i] * (uint32_t)(3 * i + 7);
        }
    }
    h = 0;
    for (int k = 0; k < MN; k++) {
        h += ua[k] * bv[k];
    }
    r->ref = h;
}

/* ---- sorting 256 words: quicksort (insertion sort below 12 elements) vs plain insertion sort;
 * the result is a position-weighted hash of the sorted array ---- */
#define SN 256
static uint32_t sort_a[SN], sort_b[SN];

static void insertion_sort(uint32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quick_sort(uint32_t *a, int lo, int hi)
{
    while (hi - lo > 12) {
        uint32_t pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                uint32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* recurse into the smaller part, loop on the larger: bounded stack depth */
        if (j - lo < hi - i) {
            quick_sort(a, lo, j);
            lo = i;
        } else {
            quick_sort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a + lo, hi - lo + 1);
}

static uint32_t sorted_hash(const uint32_t *a, int n)
{
    uint32_t h = 0;
    for (int i = 0; i < n; i++) {
        h = mix(h, a[i] + (uint32_t)i);
    }
    return h;
}

static void kernel_sort(struct kernel_result *r)
{
    for (int i = 0; i < SN; i++) {
        /* a narrow value range gives duplicates, which quicksort must handle */
        sort_a[i] = rnd() % 1000u;
        sort_b[i] = sort_a[i];
    }
    quick_sort(sort_a, 0, SN - 1);
    insertion_sort(sort_b, SN);
    r->fast = sorted_hash(sort_a, SN);
    r->ref = sorted_hash(sort_b, SN);
}

/* ---- LZ77 compression of word-like text, checked by decompressing: the result is the FNV-1a
 * hash of the decompressed bytes, the reference the hash of the original ---- */
#define LZ_LEN 1024
#define LZ_HASH_BITS 10
static uint8_t lz_in[LZ_LEN], lz_out[LZ_LEN * 2 + 16], lz_back[LZ_LEN + 16];
static int16_t lz_head[1 << LZ_HASH_BITS];

static uint32_t fnv1a(const uint8_t *p, int n)
{
    uint32_t h = 0x811c9dc5u;
    for (int i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x01000193u;
    }
    return h;
}

/* Token format: a control byte L (1..127) followed by L literal bytes, or 0x80|len-4 (4..131)
 * followed by a 2-byte little-endian distance (1..LZ_LEN). */
static int lz_compress(const uint8_t *in, int n, uint8_t *out)
{
    for (int i = 0; i < (1 << LZ_HASH_BITS); i++) {
        lz_head[i] = -1;
    }
    int o = 0, lit_start = 0, i = 0;
    while (i < n) {
        int best_len = 0, best_pos = 0;
        if (i + 4 <= n) {
            uint32_t key = (uint32_t)in[i] | (uint32_t)in[i + 1] << 8 | (uint32_t)in[i + 2] << 16
                    | (uint32_t)in[i + 3] << 24;
            uint32_t h = (key * 2654435761u) >> (32 - LZ_HASH_BITS);
            int cand = lz_head[h];
            lz_head[h] = (int16_t)i;
            if (cand >= 0) {
                int len = 0;
                while (i + len < n && len < 131 && in[cand + len] == in[i + len]) {
                    len++;
                }
                if (len >= 4) {
                    best_len = len;
                    best_pos = cand;
                }
            }
        }
        if (best_len == 0) {
            i++;
            if (i - lit_start == 127) {
                out[o++] = 127;
                for (int k = lit_start; k < i; k++) {
                    out[o++] = in[k];
                }
                lit_start = i;
            }
            continue;
        }
        if (i > lit_start) {
            out[o++] = (uint8_t)(i - lit_start);
            for (int k = lit_start; k < i; k++) {
                out[o++] = in[k];
            }
        }
        int dist = i - best_pos;
        out[o++] = (uint8_t)(0x80 | (best_len - 4));
        out[o++] = (uint8_t)dist;
        out[o++] = (uint8_t)(dist >> 8);
        i += best_len;
        lit_start = i;
    }
    if (i > lit_start) {
        out[o++] = (uint8_t)(i - lit_start);
        for (int k = lit_start; k < i; k++) {
            out[o++] = in[k];
        }
    }
    return o;
}

static int lz_decompress(const uint8_t *in, int n, uint8_t *out, int cap)
{
    int o = 0, i = 0;
    while (i < n) {
        uint8_t c = in[i++];
        if (c & 0x80) {
            int len = (c & 0x7f) + 4;
            int dist = in[i] | in[i + 1] << 8;
            i += 2;
            if (dist == 0 || dist > o || o + len > cap) {
                return -1;
            }
            for (int k = 0; k < len; k++, o++) {
                out[o] = out[o - dist];     /* byte by byte: overlapping copies repeat */
            }
        } else {
            if (o + c > cap) {
                return -1;
            }
            for (int k = 0; k < c; k++) {
                out[o++] = in[i++];
            }
        }
    }
    return o;
}

static void kernel_lz(struct kernel_result *r, uint32_t *lz_bytes)
{
    static const char *const words[] = { "the ", "quick ", "brown ", "fox ", "jumps ", "over ",
        "lazy ", "dog ", "emulator ", "actor ", "thread ", "cpu ", "\n", "0123", "arm ", "jvm " };
    int n = 0;
    while (n < LZ_LEN) {
        uint32_t v = rnd();
        const char *w = words[v & 15];
        if ((v >> 4 & 7) == 0) {
            /* an occasional random byte keeps literals in the stream */
            lz_in[n++] = (uint8_t)(v >> 8);
            continue;
        }
        while (*w && n < LZ_LEN) {
            lz_in[n++] = (uint8_t)*w++;
        }
    }
    int clen = lz_compress(lz_in, LZ_LEN, lz_out);
    int dlen = lz_decompress(lz_out, clen, lz_back, LZ_LEN);
    *lz_bytes = (uint32_t)clen;
    r->fast = fnv1a(lz_back, dlen < 0 ? 0 : dlen) ^ (uint32_t)(dlen != LZ_LEN);
    r->ref = fnv1a(lz_in, LZ_LEN);
}

/* ---- division: the CPU's UDIV/SDIV (GCC emits them for -mcpu=cortex-a15) vs shift-subtract ---- */
static uint32_t soft_udivmod(uint32_t n, uint32_t d, uint32_t *rem)
{
    uint32_t q = 0, rm = 0;
    for (int bit = 31; bit >= 0; bit--) {
        rm = rm << 1 | (n >> bit & 1);
        if (rm >= d) {
            rm -= d;
            q |= 1u << bit;
        }
    }
    *rem = rm;
    return q;
}

static void kernel_div(struct kernel_result *r)
{
    uint32_t hf = 0, hr = 0;
    for (int i = 0; i < 32; i++) {
        uint32_t a = rnd();
        uint32_t b = rnd() >> (rnd() & 31);
        if (b == 0) {
            b = 7;
        }
        int32_t sa = (int32_t)a, sb = (int32_t)b;
        if (i & 1) {
            sb = -sb;
        }
        if (sa == INT32_MIN && sb == -1) {
            sb = 3;     /* the one overflowing case is undefined in C */
        }
        hf = mix(hf, a / b);
        hf = mix(hf, a % b);
        hf = mix(hf, (uint32_t)(sa / sb));
        hf = mix(hf, (uint32_t)(sa % sb));

        uint32_t rem;
        hr = mix(hr, soft_udivmod(a, b, &rem));
        hr = mix(hr, rem);
        /* C truncates toward zero: divide magnitudes, quotient negative when signs differ,
         * remainder takes the dividend's sign */
        uint32_t ma_ = sa < 0 ? 0u - (uint32_t)sa : (uint32_t)sa;
        uint32_t mb_ = sb < 0 ? 0u - (uint32_t)sb : (uint32_t)sb;
        uint32_t q = soft_udivmod(ma_, mb_, &rem);
        hr = mix(hr, (sa < 0) != (sb < 0) ? 0u - q : q);
        hr = mix(hr, sa < 0 ? 0u - rem : rem);
    }
    r->fast = hf;
    r->ref = hr;
}

void run_iteration(uint32_t iteration, struct kernel_result results[K_COUNT], uint32_t *lz_bytes)
{
    if (crc_table[1] == 0) {
        crc_init_table();
    }
    rng = 0x2545f491u ^ (iteration * 0x9e3779b9u);
    if (rng == 0) {
        rng = 1;
    }
    kernel_crc(&results[K_CRC]);
    kernel_sieve(&results[K_SIEVE]);
    kernel_matmul(&results[K_MATMUL]);
    kernel_sort(&results[K_SORT]);
    kernel_lz(&results[K_LZ], lz_bytes);
    kernel_div(&results[K_DIV]);
}
