/* newlib-args: the command line as newlib's rdimon crt0 hands it to main (it asks SYS_GET_CMDLINE
 * for "<kernel path> <-append text>" and splits it at blanks, honouring "..." and '...' quotes),
 * clock() (rdimon: SYS_CLOCK) non-negative and monotonic across some work, and exit(n) with n from
 * a "code=N" argument (default 0). argv[0] is printed as its last path component only: the path
 * itself depends on the directory QEMU was started from. clock values are checked, never printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    printf("newlib-args: argc=%d\n", argc);
    const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
    printf("argv[0] file name: %s\n", argc > 0 ? (slash != NULL ? slash + 1 : argv[0]) : "(none)");
    int code = 0;
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] = [%s] (%d chars)\n", i, argv[i], (int)strlen(argv[i]));
        if (strncmp(argv[i], "code=", 5) == 0) {
            code = atoi(argv[i] + 5);
        }
    }
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");

    int clock_ok = 1;
    clock_t prev = clock();
    /* clock_t is unsigned here; an error ((clock_t)-1) or a negative SYS_CLOCK shows as a negative long */
    if ((long)prev < 0) {
        clock_ok = 0;
    }
    volatile unsigned x = 1;
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 20000; i++) {
            x = x * 1664525u + 1013904223u;
        }
        clock_t now = clock();
        if ((long)now < 0 || now < prev) {
            clock_ok = 0;
        }
        prev = now;
    }
    printf("clock: %s (CLOCKS_PER_SEC = %ld)\n", clock_ok ? "non-negative and monotonic" : "BROKEN",
           (long)CLOCKS_PER_SEC);
    if (!clock_ok) {
        exit(100);
    }
    printf("exit(%d)\n", code);
    exit(code);
}
