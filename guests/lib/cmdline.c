/* Command-line access. QEMU's SYS_GET_CMDLINE gives "<kernel path as given> <-append text>"; the
 * kernel path depends on the directory QEMU was started from, so programs print only its last
 * component and read their options from the -append words. */
#include "guest.h"

static char line[512];
static int line_read;

const char *cmdline(void)
{
    if (!line_read) {
        sh_get_cmdline(line, sizeof line);
        line_read = 1;
    }
    return line;
}

static const char *kernel_end(const char *s)
{
    while (*s && *s != ' ') {
        s++;
    }
    return s;
}

const char *cmdline_args(void)
{
    const char *s = kernel_end(cmdline());
    while (*s == ' ') {
        s++;
    }
    return s;
}

static void copy_span(char *buf, size_t size, const char *from, const char *to)
{
    size_t n = (size_t)(to - from);
    if (n >= size) {
        n = size - 1;
    }
    memcpy(buf, from, n);
    buf[n] = '\0';
}

void cmdline_kernel_name(char *buf, size_t size)
{
    const char *start = cmdline();
    const char *end = kernel_end(start);
    const char *name = start;
    for (const char *p = start; p < end; p++) {
        if (*p == '/') {
            name = p + 1;
        }
    }
    copy_span(buf, size, name, end);
}

void cmdline_kernel_dir(char *buf, size_t size)
{
    const char *start = cmdline();
    const char *end = kernel_end(start);
    const char *slash = NULL;
    for (const char *p = start; p < end; p++) {
        if (*p == '/') {
            slash = p;
        }
    }
    static const char dot[] = ".";
    static const char root[] = "/";
    if (slash == NULL) {
        copy_span(buf, size, dot, dot + 1);
    } else if (slash == start) {
        copy_span(buf, size, root, root + 1);
    } else {
        copy_span(buf, size, start, slash);
    }
}

static int parse_number(const char *s, int *out)
{
    int neg = 0;
    uint32_t v = 0;
    int digits = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        for (;; s++, digits++) {
            char c = *s;
            if (c >= '0' && c <= '9') {
                v = v * 16 + (uint32_t)(c - '0');
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                v = v * 16 + (uint32_t)((c | 0x20) - 'a' + 10);
            } else {
                break;
            }
        }
    } else {
        for (; *s >= '0' && *s <= '9'; s++, digits++) {
            v = v * 10 + (uint32_t)(*s - '0');
        }
    }
    if (digits == 0 || (*s != '\0' && *s != ' ')) {
        return 0;
    }
    *out = neg ? -(int)v : (int)v;
    return 1;
}

int cmdline_int(const char *key, int def)
{
    size_t klen = strlen(key);
    const char *s = cmdline_args();
    while (*s) {
        while (*s == ' ') {
            s++;
        }
        if (strncmp(s, key, klen) == 0 && s[klen] == '=') {
            int v;
            return parse_number(s + klen + 1, &v) ? v : def;
        }
        s = kernel_end(s);
    }
    return def;
}
