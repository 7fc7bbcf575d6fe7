/* newlib-printf: newlib's printf family on integers, strings, characters and (soft-float) doubles,
 * and snprintf into small buffers. main is A32 code; newlib, its printf and libgcc's soft-float
 * routines are Thumb-2 (multilib thumb/v7-a/nofp), so every call here is an interworking call.
 * Output goes through rdimon's SYS_WRITE to the ":tt" stdout handle. Exit 0 when every snprintf
 * check held, else 1. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the truncation checks below truncate on purpose */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static int failures;

/* snprintf's result and buffer must be what C99 7.19.6.5 says; the expectation is written here
 * from the standard, not from a run. */
static void check(const char *what, int got_len, const char *got, int want_len, const char *want)
{
    if (got_len != want_len || strcmp(got, want) != 0) {
        printf("FAIL %s: got %d \"%s\", want %d \"%s\"\n", what, got_len, got, want_len, want);
        failures++;
    }
}

static void integers(void)
{
    volatile int zero = 0;   /* keeps GCC from folding the printf calls into puts */
    printf("int: %d %d %d %d %d\n", zero, 42, -42, INT_MIN, INT_MAX);
    printf("unsigned: %u %u %x %X %o %#x %#o\n", 0u, UINT_MAX, 0xdeadbeefu, 0xdeadbeefu, 511u, 255u, 8u);
    printf("long: %ld %ld %lu %lx\n", LONG_MIN, LONG_MAX, ULONG_MAX, 0x12345678UL);
    printf("long long: %lld %lld %lld %llu %llx\n", LLONG_MIN, LLONG_MAX, -1234567890123LL, ULLONG_MAX,
           0x0123456789abcdefULL);
    printf("short/char: %hd %hu %hhd %hhu\n", (short)-12345, (unsigned short)65535, (signed char)-128,
           (unsigned char)200);
    printf("width: [%8d] [%-8d] [%08d] [%+d] [% d] [%.5d] [%*d] [%-*d]\n", 123, 123, -123, 7, 7, 42, 6, -9, 6,
           -9);
    printf("hex width: [%8x] [%-8X] [%08x] [%#010x] [%.4x]\n", 0xabcu, 0xabcu, 0xabcu, 0xabcu, 0xau);
    printf("long long width: [%20lld] [%-20lld] [%020lld]\n", -9876543210LL, 9876543210LL, -9876543210LL);
    int64_t acc = 1;
    for (int i = 1; i <= 20; i++) {
        acc *= i;   /* 20! fits in 63 bits; the multiply is libgcc-free (UMULL), the printing divides */
    }
    printf("20! = %lld, /7 = %lld, %%1000003 = %lld\n", acc, acc / 7, acc % 1000003);
}

static void strings_and_chars(void)
{
    const char *s = "newlib";
    printf("str: [%s] [%10s] [%-10s] [%.3s] [%10.2s] [%s]\n", s, s, s, s, s, "");
    printf("char: [%c] [%3c] [%-3c] [%c%c%c] 100%%\n", 'A', 'b', 'c', 'x', 'y', 'z');
    char line[64];
    for (int i = 0; i < 26; i++) {
        line[i] = (char)('a' + (i * 7) % 26);
    }
    line[26] = '\0';
    printf("letters: %s (%d)\n", line, (int)strlen(line));
}

static void doubles(void)
{
    volatile double pi = 3.14159265358979323846;   /* volatile: computed at run time, soft float */
    volatile double big = 12345.678901;
    volatile double tiny = 0.000123456;
    printf("f: %f %.0f %.1f %.2f %.10f\n", pi, pi, pi, pi, pi);
    printf("f width: [%10.3f] [%-10.3f] [%010.3f] [%+.2f]\n", pi, pi, -pi, pi);
    printf("rounding: %.0f %.0f %.0f %.1f %.2f\n", 0.5, 1.5, 2.5, 0.25, 1.005);
    printf("e: %e %.3e %E %.0e %e\n", big, big, tiny, big, -tiny);
    printf("g: %g %g %g %g %g %.10g %g\n", pi, big, tiny, 1e20, 100000.0, pi, 1000000.0);
    printf("g small: %g %g %#g %.3g\n", 0.0001, 0.00001, 1.0, 2.0 / 3.0);
    printf("specials: %f %f %e %g %f\n", -0.0, (double)INFINITY, (double)-INFINITY, big * 1e300, (double)NAN);
    double sum = 0.0;
    for (int k = 1; k <= 1000; k++) {
        sum += 1.0 / ((double)k * k);   /* -> pi^2/6 */
    }
    printf("sum 1/k^2, k<=1000 = %.12f, pi^2/6 = %.12f\n", sum, pi * pi / 6.0);
    printf("sqrt(2) = %.15f, exp(1) = %.15f, sin(1) = %.15f\n", sqrt(2.0), exp(1.0), sin(1.0));
    printf("atof(\"-1.5e3\") = %f, strtod(\"0x1p-3\") = %g\n", atof("-1.5e3"), strtod("0x1p-3", NULL));
    printf("float promoted: %f %.3e\n", (double)1.1f, (double)(float)big);
}

static void snprintf_checks(void)
{
    char buf[16];
    int n;
    n = snprintf(buf, sizeof buf, "%d-%s", 12345, "abc");
    check("fits", n, buf, 9, "12345-abc");
    n = snprintf(buf, sizeof buf, "%s", "0123456789abcdefghij");
    check("truncated", n, buf, 20, "0123456789abcde");
    n = snprintf(buf, 5, "%08x", 0xbeefu);
    check("size 5", n, buf, 8, "0000");
    memset(buf, 'Z', sizeof buf);
    n = snprintf(buf, 0, "%d", 99);
    buf[15] = '\0';
    check("size 0 writes nothing", n, buf, 2, "ZZZZZZZZZZZZZZZ");
    n = snprintf(buf, sizeof buf, "%.3f|%lld", 2.0 / 3.0, -5LL);
    check("double", n, buf, 8, "0.667|-5");
    n = snprintf(buf, sizeof buf, "%5.1e", 123456.0);
    check("exponent", n, buf, 7, "1.2e+05");

    char big[200];
    int len = 0;
    for (int i = 0; i < 20; i++) {
        len += snprintf(big + len, sizeof big - (size_t)len, "%d,", i * i);
    }
    printf("appended: %s (%d)\n", big, len);
    char out[32];
    int a = 0;
    unsigned b = 0;
    double c = 0;
    char word[8];
    int got = sscanf("  -17 0x1f 2.75 hello", "%d %x %lf %7s", &a, &b, &c, word);
    snprintf(out, sizeof out, "%d %u %.2f %s", a, b, c, word);
    printf("sscanf: %d fields -> %s\n", got, out);
}

int main(void)
{
    printf("newlib-printf\n");
    integers();
    strings_and_chars();
    doubles();
    snprintf_checks();
    printf("%s: %d failed snprintf checks\n", failures == 0 ? "PASS" : "FAIL", failures);
    exit(failures == 0 ? 0 : 1);
}
