/*
 * isoscope-agent: PS, the guest's processes as PROTOCOL.md's PROCESSES lists them.
 */
#include "agent.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CMDLINE_MAX 4096

/* The user name of uid in the rootfs's /etc/passwd text, else the number. */
static void user_name(const char *passwd, unsigned long uid, char *out, size_t size)
{
    for (const char *line = passwd; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        const char *c1 = strchr(line, ':'), *eol = strchrnul(line, '\n');
        const char *c2 = c1 && c1 < eol ? strchr(c1 + 1, ':') : NULL;
        if (!c2 || c2 >= eol || c1 == line || (size_t)(c1 - line) >= size)
            continue;
        char *end;
        if (strtoul(c2 + 1, &end, 10) == uid && end > c2 + 1 && *end == ':') {
            snprintf(out, size, "%.*s", (int)(c1 - line), line);
            return;
        }
    }
    snprintf(out, size, "%lu", uid);
}

/* Appends one row of 8 strings for /proc/PID; returns -1 when the process vanished meanwhile. */
static int ps_row(struct buf *rows, const char *pid, const char *passwd, long ticks, long page_kib)
{
    char path[64], stat[1024], status[4096], cmd[CMDLINE_MAX], user[64];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    if (read_text(path, stat, sizeof stat) <= 0)
        return -1;
    char *open_paren = strchr(stat, '('), *close_paren = strrchr(stat, ')');
    if (!open_paren || !close_paren || close_paren < open_paren)
        return -1;
    *close_paren = '\0';
    const char *comm = open_paren + 1;
    int ppid;
    unsigned long utime, stime;
    long rss;
    if (sscanf(close_paren + 2, "%*c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu %*d %*d %*d %*d %*d %*d %*u %*u %ld",
               &ppid, &utime, &stime, &rss) != 4)
        return -1;

    unsigned long uid = 0;
    snprintf(path, sizeof path, "/proc/%s/status", pid);
    if (read_text(path, status, sizeof status) <= 0)
        return -1;
    const char *u = strstr(status, "\nUid:");
    if (u)
        sscanf(u + 5, "%*u %lu", &uid); /* the effective UID, like ps's UID column */
    user_name(passwd, uid, user, sizeof user);

    /* stat's rss lags for small processes (the kernel syncs per-task counters every 64 faults): a busybox
     * process shows 4 KiB there. smaps_rollup walks the page tables and is exact; kernel threads have none. */
    char rollup[1024];
    snprintf(path, sizeof path, "/proc/%s/smaps_rollup", pid);
    const char *r = read_text(path, rollup, sizeof rollup) > 0 ? strstr(rollup, "\nRss:") : NULL;
    long rss_kib = rss * page_kib;
    if (r)
        sscanf(r + 5, "%ld", &rss_kib);

    snprintf(path, sizeof path, "/proc/%s/cmdline", pid);
    ssize_t len = read_text(path, cmd, sizeof cmd);
    while (len > 0 && (cmd[len - 1] == '\0' || cmd[len - 1] == ' '))
        cmd[--len] = '\0';
    for (ssize_t i = 0; i < len; i++)
        if (cmd[i] == '\0')
            cmd[i] = ' ';
    if (len <= 0)
        snprintf(cmd, sizeof cmd, "[%s]", comm); /* kernel threads and zombies, as ps shows them */

    put_str(rows, pid);
    put_num(rows, ppid);
    put_num(rows, (long long)uid);
    put_str(rows, user);
    put_str(rows, comm);
    put_num(rows, (long long)(utime + stime) * 1000 / ticks);
    put_num(rows, rss_kib);
    put_str(rows, cmd);
    return 0;
}

/* PROCESSES: n, then n rows. Everything in the guest, the agent itself (PID 1) and kernel threads included. */
void do_ps(struct line *l)
{
    static char passwd[65536];
    if (read_text("/etc/passwd", passwd, sizeof passwd) < 0)
        passwd[0] = '\0';
    long ticks = sysconf(_SC_CLK_TCK), page_kib = sysconf(_SC_PAGESIZE) / 1024;
    DIR *proc = opendir("/proc");
    if (!proc) {
        line_send_error(l, "/proc: %s", strerror(errno));
        return;
    }
    struct buf rows = { 0 }, reply = { 0 };
    long count = 0;
    struct dirent *d;
    while ((d = readdir(proc)) != NULL) {
        unsigned long ignored;
        if (parse_num(d->d_name, ULONG_MAX, &ignored) == 0 && ps_row(&rows, d->d_name, passwd, ticks, page_kib) == 0)
            count++;
    }
    closedir(proc);
    put_num(&reply, count);
    buf_add(&reply, rows.data, rows.len);
    reply.failed |= rows.failed;
    free(rows.data);
    line_send_buf(l, REP_PROCESSES, &reply);
}

