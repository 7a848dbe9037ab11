/*
 * isoscope-agent: the container log on /dev/ttyS2 (QEMU appends it to container.log) in Kubernetes' CRI format,
 * one record per line: "2026-11-28T10:00:00.123456789Z stdout F text". F ends a line; P marks a piece of a line
 * longer than LINE_MAX, continued by the next record. The time is the guest's wall clock, set from the host's in
 * START.
 */
#include "agent.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Longest line kept whole; longer ones are split into P records (containerd's limit is 16 KiB as well). */
#define LINE_MAX_BYTES 16384

struct pending {
    const char *name;
    char text[LINE_MAX_BYTES];
    size_t len;
};

static struct pending out_line = { "stdout", { 0 }, 0 }, err_line = { "stderr", { 0 }, 0 };
static struct outq logq;
static int log_fd = -1;

void crilog_init(int fd) { log_fd = fd; }

int crilog_fd(void) { return log_fd; }

static void record(struct pending *p, char tag)
{
    struct timespec ts;
    struct tm tm;
    char stamp[64];
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(stamp + n, sizeof stamp - n, ".%09ldZ %s %c ", ts.tv_nsec, p->name, tag);
    buf_add(&logq.q, stamp, strlen(stamp));
    buf_add(&logq.q, p->text, p->len);
    buf_add(&logq.q, "\n", 1);
    if (logq.q.failed) {
        buf_free(&logq.q);
        logq.off = 0;
    }
    p->len = 0;
}

void crilog_write(enum stream stream, const char *data, size_t n, int tty)
{
    if (log_fd < 0)
        return;
    struct pending *p = stream == STREAM_STDERR ? &err_line : &out_line;
    for (size_t i = 0; i < n; i++) {
        char c = data[i];
        if (c == '\n') {
            if (tty && p->len > 0 && p->text[p->len - 1] == '\r')
                p->len--; /* the terminal's output post-processing turned \n into \r\n */
            record(p, 'F');
            continue;
        }
        if (p->len == LINE_MAX_BYTES)
            record(p, 'P');
        p->text[p->len++] = c;
    }
    crilog_flush();
}

void crilog_finish(void)
{
    if (out_line.len > 0)
        record(&out_line, 'F');
    if (err_line.len > 0)
        record(&err_line, 'F');
    crilog_flush();
}

int crilog_wants_write(void) { return log_fd >= 0 && outq_len(&logq) > 0; }

int crilog_below_limit(void) { return outq_len(&logq) < LINE_SOFT_LIMIT; }

void crilog_flush(void)
{
    if (log_fd >= 0 && outq_flush(&logq, log_fd) < 0)
        logmsg("writing the container log: %s", strerror(errno));
}

void crilog_drain(long long deadline) { outq_drain(&logq, log_fd, deadline); }
