/*
 * isoscope-agent: serial lines carrying frames (PROTOCOL.md "Frames"), output queues, and small helpers.
 */
#include "agent.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Slack beyond one whole frame, so that compacting the receive buffer always frees at least this much. */
#define RX_CAPACITY (MAX_FRAME + 65536)
/* A started frame whose next byte does not come within this time is dropped (PROTOCOL.md: "truncated frame"). */
#define PARTIAL_FRAME_MS 2000
/* A line whose reader is gone keeps at most this much queued; later frames are dropped. */
#define LINE_HARD_LIMIT (4u << 20)

long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

int parse_num(const char *s, unsigned long max, unsigned long *out)
{
    if (!*s || strlen(s) > 10)
        return -1;
    unsigned long v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return -1;
        v = v * 10 + (unsigned long)(*s - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

ssize_t read_text(const char *path, char *out, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t len = 0;
    ssize_t r;
    while (len < size - 1 && (r = read(fd, out + len, size - 1 - len)) > 0)
        len += (size_t)r;
    close(fd);
    out[len] = '\0';
    return (ssize_t)len;
}

/* ---- buffers ------------------------------------------------------------------------------------------------- */

void buf_add(struct buf *b, const void *p, size_t n)
{
    if (b->failed || n == 0)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        char *data = realloc(b->data, cap);
        if (!data) {
            b->failed = 1;
            return;
        }
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void put_str(struct buf *b, const char *s) { buf_add(b, s, strlen(s) + 1); }

void put_num(struct buf *b, long long v)
{
    char s[24];
    snprintf(s, sizeof s, "%lld", v);
    put_str(b, s);
}

void buf_free(struct buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

size_t outq_len(const struct outq *o) { return o->q.len - o->off; }

int outq_flush(struct outq *o, int fd)
{
    while (o->off < o->q.len) {
        ssize_t w = write(fd, o->q.data + o->off, o->q.len - o->off);
        if (w > 0) {
            o->off += (size_t)w;
            continue;
        }
        if (w < 0 && (errno == EAGAIN || errno == EINTR))
            break;
        o->q.len = o->off = 0; /* the descriptor is gone: nothing queued can reach it */
        return -1;
    }
    if (o->off == o->q.len) {
        o->q.len = o->off = 0;
        if (o->q.cap > (1u << 20)) /* a burst is over: give the memory back */
            buf_free(&o->q);
    } else if (o->off > (64u << 10) && o->off * 2 > o->q.len) {
        memmove(o->q.data, o->q.data + o->off, o->q.len - o->off);
        o->q.len -= o->off;
        o->off = 0;
    }
    return 0;
}

/* Waits until a serial port has sent what its driver holds: tcdrain alone could wait for ever on a stalled host. */
static void drain_tty(int fd, long long deadline)
{
    int queued = 0;
    while (ioctl(fd, TIOCOUTQ, &queued) == 0 && queued > 0 && now_ms() < deadline)
        sleep_ms(5);
    if (queued == 0)
        tcdrain(fd); /* only the UART's own FIFO is left: bounded by the kernel */
}

void outq_drain(struct outq *o, int fd, long long deadline)
{
    if (fd < 0)
        return;
    while (outq_len(o) > 0 && now_ms() < deadline) {
        if (outq_flush(o, fd) < 0)
            return;
        if (outq_len(o) > 0) {
            struct pollfd pfd = { fd, POLLOUT, 0 };
            poll(&pfd, 1, (int)(deadline - now_ms() > 0 ? deadline - now_ms() : 0));
        }
    }
    drain_tty(fd, deadline);
}

/* ---- frames -------------------------------------------------------------------------------------------------- */

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

/* CRC-32 IEEE, chainable like zlib's crc32(crc, buf, len). */
static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
    if (!crc_table[1])
        crc_init();
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Data frames (INPUT, OUTPUT) carry two strings and then raw bytes; all others only strings. */
static int is_data_frame(int type) { return type == REQ_INPUT || type == REP_OUTPUT; }

/* Opens a serial port raw (8N1, no echo, no flow control, 115200 baud: irrelevant under QEMU but explicit). */
int port_open(const char *path)
{
    /* O_NONBLOCK for the open itself too: a line without carrier must not block it. */
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        logmsg("%s: %s", path, strerror(errno));
        return -1;
    }
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        t.c_iflag &= ~(tcflag_t)(IXOFF | IXANY | INPCK); /* an XOFF byte would corrupt the frame stream */
        t.c_cflag &= ~(tcflag_t)(CRTSCTS | CSTOPB | PARENB | CSIZE);
        t.c_cflag |= CS8 | CLOCAL | CREAD;
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        cfsetispeed(&t, B115200);
        cfsetospeed(&t, B115200);
        if (tcsetattr(fd, TCSANOW, &t) < 0)
            logmsg("%s: raw mode: %s", path, strerror(errno));
    }
    /* Bytes the host sent before this open met a cooked line: they may have been altered and echoed. Drop what
     * is still queued of both; an echo already on its way to the host cannot be recalled (see PROTOCOL.md). */
    tcflush(fd, TCIOFLUSH);
    return fd;
}

int line_open(struct line *l, const char *name, const char *path, frame_handler handle)
{
    memset(l, 0, sizeof *l);
    l->name = name;
    l->path = path;
    l->handle = handle;
    l->rx = malloc(RX_CAPACITY);
    l->fd = l->rx ? port_open(path) : -1;
    return l->fd;
}

void line_send(struct line *l, int type, const void *payload, size_t len)
{
    if (l->fd < 0)
        return;
    if (outq_len(&l->tx) > LINE_HARD_LIMIT) {
        logmsg("%s line: the host does not read; frame 0x%02x dropped", l->name, type);
        return;
    }
    unsigned char header[HEADER_LEN] = { 'I', 'S', PROTOCOL_VERSION, (unsigned char)type }, trailer[TRAILER_LEN];
    put_be32(header + 4, (uint32_t)len);
    put_be32(trailer, crc32_update(crc32_update(0, header, HEADER_LEN), payload, len));
    buf_add(&l->tx.q, header, HEADER_LEN);
    buf_add(&l->tx.q, payload, len);
    buf_add(&l->tx.q, trailer, TRAILER_LEN);
    if (l->tx.q.failed) { /* out of memory: whatever was queued is lost, and so is the frame stream's place */
        logmsg("%s line: out of memory, output dropped", l->name);
        buf_free(&l->tx.q);
        l->tx.off = 0;
        return;
    }
    line_flush(l);
}

void line_send_buf(struct line *l, int type, struct buf *b)
{
    if (b->failed)
        line_send_error(l, "out of memory");
    else if (b->len > MAX_PAYLOAD)
        line_send_error(l, "reply too large (%zu bytes)", b->len);
    else
        line_send(l, type, b->data, b->len);
    buf_free(b);
}

void line_send_error(struct line *l, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    line_send(l, REP_ERROR, msg, strlen(msg) + 1);
}

int line_wants_write(const struct line *l) { return l->fd >= 0 && outq_len(&l->tx) > 0; }

void line_flush(struct line *l)
{
    if (l->fd >= 0 && outq_flush(&l->tx, l->fd) < 0)
        logmsg("writing %s: %s", l->path, strerror(errno));
}

void line_drain(struct line *l, long long deadline) { outq_drain(&l->tx, l->fd, deadline); }

size_t split_strings(char *payload, size_t len, char **s, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max; i += strlen(payload + i) + 1) {
        if (!memchr(payload + i, '\0', len - i))
            break;
        s[n++] = payload + i;
    }
    return n;
}

/* Drops the first buffered byte: the resynchronisation step after a bad or stalled frame. */
static void drop_one(struct line *l, const char *why)
{
    if (why)
        logmsg("%s line: %s, resynchronising", l->name, why);
    l->rx_head++;
}

/* Handles every complete frame in the receive buffer; leaves a partial frame, discards anything bad. */
static void process_input(struct line *l)
{
    while (l->rx_head < l->rx_tail) {
        unsigned char *p = l->rx + l->rx_head;
        size_t avail = l->rx_tail - l->rx_head;
        if (p[0] != 'I') { /* not a frame start: skip to the next candidate at once */
            unsigned char *next = memchr(p, 'I', avail);
            l->rx_head = next ? (size_t)(next - l->rx) : l->rx_tail;
            continue;
        }
        if (avail < 2)
            break;
        if (p[1] != 'S') {
            drop_one(l, NULL);
            continue;
        }
        if (avail < 3)
            break;
        if (p[2] != PROTOCOL_VERSION && p[2] != PROTOCOL_VERSION_1) {
            drop_one(l, "garbled frame (version)");
            continue;
        }
        if (avail < HEADER_LEN)
            break;
        uint32_t len = be32(p + 4);
        if (len > MAX_PAYLOAD) {
            drop_one(l, "oversized frame");
            continue;
        }
        if (avail < HEADER_LEN + len + TRAILER_LEN)
            break;
        if (be32(p + HEADER_LEN + len) != crc32_update(0, p, HEADER_LEN + len)) {
            drop_one(l, "garbled frame (checksum)");
            continue;
        }
        if (p[2] == PROTOCOL_VERSION_1) { /* a host's probe for an agent of version 1: not for this one */
            l->rx_head += HEADER_LEN + len + TRAILER_LEN;
            continue;
        }
        int type = p[3];
        char *payload = (char *)p + HEADER_LEN;
        if (is_data_frame(type) ? len < 2 || !memchr(payload, '\0', len)
                                  || !memchr(payload + strlen(payload) + 1, '\0', len - strlen(payload) - 1)
                                : len > 0 && payload[len - 1] != '\0') {
            drop_one(l, is_data_frame(type) ? "garbled frame (data frame without its two strings)"
                                            : "garbled frame (payload does not end in NUL)");
            continue;
        }
        l->rx_head += HEADER_LEN + len + TRAILER_LEN; /* consumed before handling: handling may power off */
        l->last_frame_ms = now_ms();
        l->handle(l, type, payload, len);
    }
    if (l->rx_head == l->rx_tail)
        l->rx_head = l->rx_tail = 0;
}

void line_read(struct line *l)
{
    if (l->rx_tail == RX_CAPACITY) { /* a partial frame is always shorter than MAX_FRAME: this frees >= 64 KiB */
        memmove(l->rx, l->rx + l->rx_head, l->rx_tail - l->rx_head);
        l->rx_tail -= l->rx_head;
        l->rx_head = 0;
    }
    ssize_t r = read(l->fd, l->rx + l->rx_tail, RX_CAPACITY - l->rx_tail);
    if (r > 0) {
        l->rx_tail += (size_t)r;
        l->last_rx_ms = now_ms();
        process_input(l);
    } else if (r < 0 && errno != EAGAIN && errno != EINTR) {
        logmsg("reading %s: %s", l->path, strerror(errno));
        sleep_ms(100); /* do not spin on a line that keeps failing */
    }
}

int line_stall_timeout(struct line *l)
{
    if (l->fd < 0 || l->rx_tail <= l->rx_head)
        return -1;
    long long left = l->last_rx_ms + PARTIAL_FRAME_MS - now_ms();
    if (left > 0)
        return (int)left;
    /* What follows the dropped byte waited as long: a stale candidate is dropped in turn. */
    drop_one(l, "truncated frame");
    process_input(l);
    return 0;
}
