/* The tiny runtime shared by every guest: PL011 console, semihosting, string helpers. */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* ---- uart.c: PL011 UART0 at 0x1c090000 (QEMU -nographic puts it on stdout) ---- */
void uart_putc(char c);
void uart_puts(const char *s);
int uart_getc(void);                 /* blocks until a byte arrives (polls FR.RXFE) */
/* printf-lite: %d %u %x %X %s %c %%, flags - and 0, a width; l is accepted and ignored (int and
 * long are both 32 bits). No format attribute: GCC would reject %u for uint32_t (a long here). */
void uprintf(const char *fmt, ...);
void uvprintf(const char *fmt, va_list ap);
/* Formats into buf (always NUL-terminated); returns the length written. */
int usnprintf(char *buf, size_t size, const char *fmt, ...);

/* ---- semihost.c: ARM semihosting, A32 form (SVC 0x123456) ---- */
enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05,
    SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08, SYS_ISTTY = 0x09, SYS_SEEK = 0x0a,
    SYS_FLEN = 0x0c, SYS_TMPNAM = 0x0d, SYS_REMOVE = 0x0e, SYS_RENAME = 0x0f, SYS_CLOCK = 0x10,
    SYS_TIME = 0x11, SYS_SYSTEM = 0x12, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20, SYS_ELAPSED = 0x30,
    SYS_TICKFREQ = 0x31
};
/* SYS_OPEN modes (ISO C fopen modes in the specification's order). */
enum { SH_R = 0, SH_RB = 1, SH_RP = 2, SH_RPB = 3, SH_W = 4, SH_WB = 5, SH_WP = 6, SH_WPB = 7,
       SH_A = 8, SH_AB = 9, SH_AP = 10, SH_APB = 11 };
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

int sh_call(int op, void *arg);
int sh_open(const char *name, int mode);
int sh_close(int fd);
int sh_write(int fd, const void *buf, int len);     /* returns bytes NOT written */
int sh_read(int fd, void *buf, int len);            /* returns bytes NOT read */
void sh_writec(char c);
void sh_write0(const char *s);
int sh_istty(int fd);
int sh_seek(int fd, int pos);
int sh_flen(int fd);
int sh_iserror(int status);
int sh_errno(void);
int sh_clock(void);
int sh_time(void);
int sh_elapsed(uint64_t *ticks);                    /* 0 on success */
int sh_tickfreq(void);
void sh_heapinfo(uint32_t block[4]);                /* heap base, heap limit, stack base, stack limit */
int sh_get_cmdline(char *buf, int size);            /* NUL-terminated; 0 on success */
void sh_exit(int code) __attribute__((noreturn));   /* SYS_EXIT_EXTENDED {ApplicationExit, code} */

/* ---- libc.c ---- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* ---- cmdline.c: SYS_GET_CMDLINE returns "<kernel path as given> <-append text>" ---- */
/* Reads the command line once; returns it (empty string if semihosting refuses). */
const char *cmdline(void);
/* The text after the kernel path: what was given to -append. */
const char *cmdline_args(void);
/* The kernel path's last component (the path itself depends on where the program was run from). */
void cmdline_kernel_name(char *buf, size_t size);
/* The kernel path's directory, without the trailing '/'; "." when the path has none. */
void cmdline_kernel_dir(char *buf, size_t size);
/* Value of KEY=NUMBER among the -append words (decimal, optional '-', or 0x hex), else def. */
int cmdline_int(const char *key, int def);

/* ---- runtime.c ---- */
void irq_handler(void);              /* weak default: reports an unexpected IRQ */
void vbar_set(const void *table);
uint32_t cpu_id(void);               /* MPIDR.Aff0 */

#endif
