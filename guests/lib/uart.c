/* PL011 console and a small printf. QEMU's PL011 transmits without any initialisation. */
#include "guest.h"

#define UART0       0x1c090000u
#define UART_DR     REG32(UART0 + 0x00)
#define UART_FR     REG32(UART0 + 0x18)
#define FR_RXFE     (1u << 4)
#define FR_TXFF     (1u << 5)

void uart_putc(char c)
{
    while (UART_FR & FR_TXFF) {
    }
    UART_DR = (uint8_t)c;
}

void uart_puts(const char *s)
{
    while (*s) {
        uart_putc(*s++);
    }
}

int uart_getc(void)
{
    while (UART_FR & FR_RXFE) {
    }
    return (int)(UART_DR & 0xff);
}

/* Output goes either to the UART or into a bounded buffer. */
struct sink {
    char *buf;
    size_t size;
    size_t len;
};

static void emit(struct sink *s, char c)
{
    if (s->buf == NULL) {
        uart_putc(c);
    } else if (s->len + 1 < s->size) {
        s->buf[s->len] = c;
    }
    s->len++;
}

static void emit_padded(struct sink *s, const char *text, int len, int width, int left, char pad)
{
    if (!left && pad == '0' && len > 0 && text[0] == '-') {
        /* zero padding goes between the sign and the digits */
        emit(s, '-');
        text++;
        len--;
        width--;
    }
    if (!left) {
        for (int i = len; i < width; i++) {
            emit(s, pad);
        }
    }
    for (int i = 0; i < len; i++) {
        emit(s, text[i]);
    }
    if (left) {
        for (int i = len; i < width; i++) {
            emit(s, ' ');
        }
    }
}

static int format_unsigned(char *out, uint32_t v, unsigned base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v != 0);
    for (int i = 0; i < n; i++) {
        out[i] = tmp[n - 1 - i];
    }
    return n;
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
    while (*fmt) {
        char c = *fmt++;
        if (c != '%') {
            emit(s, c);
            continue;
        }
        int left = 0;
        char pad = ' ';
        int width = 0;
        for (;; fmt++) {
            if (*fmt == '-') {
                left = 1;
            } else if (*fmt == '0') {
                pad = '0';
            } else {
                break;
            }
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l') {
            fmt++;
        }
        char num[13];
        int len;
        switch (*fmt) {
        case 'd': {
            int32_t v = va_arg(ap, int32_t);
            if (v < 0) {
                num[0] = '-';
                len = 1 + format_unsigned(num + 1, (uint32_t)0 - (uint32_t)v, 10, 0);
            } else {
                len = format_unsigned(num, (uint32_t)v, 10, 0);
            }
            emit_padded(s, num, len, width, left, pad);
            break;
        }
        case 'u':
            len = format_unsigned(num, va_arg(ap, uint32_t), 10, 0);
            emit_padded(s, num, len, width, left, pad);
            break;
        case 'x':
        case 'X':
            len = format_unsigned(num, va_arg(ap, uint32_t), 16, *fmt == 'X');
            emit_padded(s, num, len, width, left, pad);
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (str == NULL) {
                str = "(null)";
            }
            emit_padded(s, str, (int)strlen(str), width, left, ' ');
            break;
        }
        case 'c':
            num[0] = (char)va_arg(ap, int);
            emit_padded(s, num, 1, width, left, ' ');
            break;
        case '%':
            emit(s, '%');
            break;
        case '\0':
            return;
        default:
            /* unknown conversion: show it rather than guess */
            emit(s, '%');
            emit(s, *fmt);
            break;
        }
        fmt++;
    }
}

void uvprintf(const char *fmt, va_list ap)
{
    struct sink s = { NULL, 0, 0 };
    format(&s, fmt, ap);
}

void uprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    uvprintf(fmt, ap);
    va_end(ap);
}

int usnprintf(char *buf, size_t size, const char *fmt, ...)
{
    struct sink s = { buf, size, 0 };
    va_list ap;
    va_start(ap, fmt);
    format(&s, fmt, ap);
    va_end(ap);
    if (size > 0) {
        buf[s.len < size ? s.len : size - 1] = '\0';
    }
    return (int)s.len;
}
