/* ARM semihosting wrappers. A32 programs trap with SVC 0x123456: r0 = operation, r1 = argument
 * (usually a parameter block), result in r0. QEMU handles the call without taking an exception. */
#include "guest.h"

int sh_call(int op, void *arg)
{
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    /* lr is clobbered in case semihosting is off and the SVC is taken as an exception in SVC mode */
    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr", "cc");
    return r0;
}

int sh_open(const char *name, int mode)
{
    uint32_t block[3] = { (uint32_t)(uintptr_t)name, (uint32_t)mode, (uint32_t)strlen(name) };
    return sh_call(SYS_OPEN, block);
}

int sh_close(int fd)
{
    uint32_t block[1] = { (uint32_t)fd };
    return sh_call(SYS_CLOSE, block);
}

int sh_write(int fd, const void *buf, int len)
{
    uint32_t block[3] = { (uint32_t)fd, (uint32_t)(uintptr_t)buf, (uint32_t)len };
    return sh_call(SYS_WRITE, block);
}

int sh_read(int fd, void *buf, int len)
{
    uint32_t block[3] = { (uint32_t)fd, (uint32_t)(uintptr_t)buf, (uint32_t)len };
    return sh_call(SYS_READ, block);
}

void sh_writec(char c)
{
    sh_call(SYS_WRITEC, &c);
}

void sh_write0(const char *s)
{
    sh_call(SYS_WRITE0, (void *)s);
}

int sh_istty(int fd)
{
    uint32_t block[1] = { (uint32_t)fd };
    return sh_call(SYS_ISTTY, block);
}

int sh_seek(int fd, int pos)
{
    uint32_t block[2] = { (uint32_t)fd, (uint32_t)pos };
    return sh_call(SYS_SEEK, block);
}

int sh_flen(int fd)
{
    uint32_t block[1] = { (uint32_t)fd };
    return sh_call(SYS_FLEN, block);
}

int sh_iserror(int status)
{
    uint32_t block[1] = { (uint32_t)status };
    return sh_call(SYS_ISERROR, block);
}

int sh_errno(void)
{
    return sh_call(SYS_ERRNO, NULL);
}

int sh_clock(void)
{
    return sh_call(SYS_CLOCK, NULL);
}

int sh_time(void)
{
    return sh_call(SYS_TIME, NULL);
}

int sh_elapsed(uint64_t *ticks)
{
    uint32_t block[2] = { 0, 0 };
    int r = sh_call(SYS_ELAPSED, block);
    *ticks = ((uint64_t)block[1] << 32) | block[0];
    return r;
}

int sh_tickfreq(void)
{
    return sh_call(SYS_TICKFREQ, NULL);
}

void sh_heapinfo(uint32_t block[4])
{
    /* the argument is the address of a word holding the address of the 4-word result block */
    uint32_t *ptr = block;
    sh_call(SYS_HEAPINFO, &ptr);
}

int sh_get_cmdline(char *buf, int size)
{
    uint32_t block[2] = { (uint32_t)(uintptr_t)buf, (uint32_t)(size - 1) };
    int r = sh_call(SYS_GET_CMDLINE, block);
    if (r != 0) {
        buf[0] = '\0';
        return r;
    }
    buf[block[1] < (uint32_t)size ? block[1] : (uint32_t)size - 1] = '\0';
    return 0;
}

void sh_exit(int code)
{
    uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code };
    sh_call(SYS_EXIT_EXTENDED, block);
    for (;;) {
        __asm__ volatile("wfi");
    }
}
