/*
 * isoscope-agent: the guest agent of Isoscope's hyperv isolation (the contract is PROTOCOL.md beside this file).
 *
 * It runs as PID 1 (/init) of a utility VM whose initramfs is a container image's root filesystem. It prepares the
 * little the workload needs (pseudo file systems, hostname, loopback), serves the framed protocol on /dev/ttyS1,
 * starts the one workload with its stdout and stderr on /dev/ttyS2, reaps every process, and when the workload
 * ends writes its exit code to /dev/ttyS3 and powers the VM off so that QEMU exits.
 *
 * Single-threaded: one poll() loop over the agent line and a signalfd for SIGCHLD. Diagnostics go to the kernel
 * console (/dev/ttyS0, the container's console.log), never to the agent line.
 *
 * Build: gcc -static -Os -Wall -Wextra -Werror -o isoscope-agent agent.c (see installer/build-guest.sh).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define AGENT_TTY "/dev/ttyS1"
#define OUTPUT_TTY "/dev/ttyS2"
#define EXIT_TTY "/dev/ttyS3"
#define AGENT_VERSION "1"
#define PROTOCOL_VERSION 1
#define HEADER_LEN 8
#define TRAILER_LEN 4
#define MAX_PAYLOAD (1u << 20)
#define MAX_FRAME (HEADER_LEN + MAX_PAYLOAD + TRAILER_LEN)
/* Slack beyond one whole frame, so that compacting the receive buffer always frees at least this much. */
#define RX_CAPACITY (MAX_FRAME + 65536)
/* A started frame whose next byte does not come within this time is dropped (PROTOCOL.md: "truncated frame"). */
#define PARTIAL_FRAME_MS 2000
/* A host that connects and stops reading may delay the agent by this much per reply, not for ever. */
#define WRITE_DEADLINE_MS 5000
/* Time given to a serial line to transmit what is queued before power-off. */
#define DRAIN_DEADLINE_MS 3000
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define CMDLINE_MAX 4096

enum request { REQ_HELLO = 0x01, REQ_START = 0x02, REQ_PS = 0x03, REQ_SIGNAL = 0x04, REQ_STATUS = 0x05,
               REQ_POWEROFF = 0x06 };
enum reply { REP_HELLO = 0x81, REP_STARTED = 0x82, REP_PROCESSES = 0x83, REP_OK = 0x84, REP_STATUS = 0x85,
             REP_ERROR = 0xFF };
enum workload_state { CREATED, RUNNING, EXITED };

static int agent_fd = -1, output_fd = -1, exit_fd = -1, signal_fd = -1;
static enum workload_state state = CREATED;
static pid_t workload_pid;
static int exit_code;

static unsigned char rx[RX_CAPACITY];
static size_t rx_head, rx_tail;
static long long last_rx_ms;

static uint32_t crc_table[256];

/* Diagnostics for the kernel console (console.log); in the workload's child, stderr is container.log. */
#define logmsg(fmt, ...) dprintf(STDERR_FILENO, "isoscope-agent: " fmt "\n", ##__VA_ARGS__)

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* ---- growable byte buffer for reply payloads --------------------------------------------------------------- */

struct buf {
    char *data;
    size_t len, cap;
    int failed; /* out of memory: the reply becomes an ERROR */
};

static void buf_add(struct buf *b, const void *p, size_t n)
{
    if (b->failed)
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

static void put_str(struct buf *b, const char *s) { buf_add(b, s, strlen(s) + 1); }

static void put_num(struct buf *b, long long v)
{
    char s[24];
    snprintf(s, sizeof s, "%lld", v);
    put_str(b, s);
}

/* ---- frames ------------------------------------------------------------------------------------------------ */

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

/* Writes all of p to the non-blocking agent line, giving up at the deadline. */
static int write_all(const void *p, size_t n, long long deadline)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(agent_fd, c, n);
        if (w > 0) {
            c += w, n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno != EAGAIN && errno != EINTR)
            return -1;
        long long left = deadline - now_ms();
        if (left <= 0)
            return -1;
        struct pollfd pfd = { agent_fd, POLLOUT, 0 };
        poll(&pfd, 1, (int)left);
    }
    return 0;
}

static void send_frame(int type, const char *payload, size_t len)
{
    unsigned char header[HEADER_LEN] = { 'I', 'S', PROTOCOL_VERSION, (unsigned char)type }, trailer[TRAILER_LEN];
    put_be32(header + 4, (uint32_t)len);
    put_be32(trailer, crc32_update(crc32_update(0, header, HEADER_LEN), (const unsigned char *)payload, len));
    long long deadline = now_ms() + WRITE_DEADLINE_MS;
    if (write_all(header, HEADER_LEN, deadline) < 0 || write_all(payload, len, deadline) < 0
        || write_all(trailer, TRAILER_LEN, deadline) < 0)
        logmsg("reply 0x%02x not sent: the host does not read or the line failed", type);
}

static void send_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void send_error(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    send_frame(REP_ERROR, msg, strlen(msg) + 1);
}

static void send_buf(int type, struct buf *b)
{
    if (b->failed)
        send_error("out of memory");
    else if (b->len > MAX_PAYLOAD)
        send_error("reply too large (%zu bytes)", b->len);
    else
        send_frame(type, b->data, b->len);
    free(b->data);
}

/* Strict decimal: digits only, no sign, no overflow, at most max. */
static int parse_num(const char *s, unsigned long max, unsigned long *out)
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

/* ---- power-off --------------------------------------------------------------------------------------------- */

/* Waits until the serial line has sent what is queued: tcdrain alone could wait for ever on a stalled host. */
static void drain(int fd)
{
    if (fd < 0)
        return;
    long long deadline = now_ms() + DRAIN_DEADLINE_MS;
    int queued = 0;
    while (ioctl(fd, TIOCOUTQ, &queued) == 0 && queued > 0 && now_ms() < deadline)
        sleep_ms(5);
    if (queued == 0)
        tcdrain(fd); /* only the UART's own FIFO is left: bounded by the kernel */
}

static void __attribute__((noreturn)) power_off(void)
{
    drain(agent_fd);
    drain(output_fd);
    drain(exit_fd);
    sync();
    reboot(RB_POWER_OFF);
    logmsg("power-off failed: %s", strerror(errno));
    /* PID 1 exiting panics the kernel; with panic=-1 and QEMU's -no-reboot that still ends the VM. */
    _exit(1);
}

/* ---- the workload ------------------------------------------------------------------------------------------ */

#define child_fail(code, fmt, ...) (logmsg(fmt, ##__VA_ARGS__), _exit(code))

/* chdir, creating the directory first if it is missing, as runc does for the container's working directory. */
static int chdir_creating(const char *dir)
{
    if (chdir(dir) == 0)
        return 0;
    if (errno != ENOENT)
        return -1;
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
    }
    mkdir(path, 0755);
    return chdir(dir);
}

/* execvpe with the PATH of the workload's own environment; returns only on failure, with errno set. */
static void exec_searching(char **argv, char **envp)
{
    if (strchr(argv[0], '/')) {
        execve(argv[0], argv, envp);
        return;
    }
    const char *path = DEFAULT_PATH;
    for (char **e = envp; *e; e++)
        if (strncmp(*e, "PATH=", 5) == 0)
            path = *e + 5;
    int denied = 0, err = ENOENT;
    for (const char *dir = path;; dir++) {
        const char *end = strchrnul(dir, ':');
        char file[PATH_MAX];
        int dirlen = (int)(end - dir);
        if (dirlen == 0 ? snprintf(file, sizeof file, "%s", argv[0]) < (int)sizeof file
                        : snprintf(file, sizeof file, "%.*s/%s", dirlen, dir, argv[0]) < (int)sizeof file) {
            execve(file, argv, envp);
            if (errno == EACCES)
                denied = 1;
            else if (errno != ENOENT && errno != ENOTDIR) {
                err = errno; /* found but unusable: stop looking, as execvp does */
                break;
            }
        }
        dir = end;
        if (!*end)
            break;
    }
    errno = denied && err == ENOENT ? EACCES : err;
}

/* In the forked child: becomes the workload or exits 127 (not found) / 126 (not runnable). */
static void __attribute__((noreturn)) run_workload(const char *cwd, char **argv, char **envp)
{
    signal(SIGTERM, SIG_DFL); /* ignored dispositions survive exec: give the workload the defaults back */
    signal(SIGINT, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL); /* a SIGTERM sent meanwhile is delivered now */
    setsid();
    int null_fd = open("/dev/null", O_RDWR);
    int out = output_fd >= 0 ? output_fd : null_fd;
    dup2(null_fd, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    if (null_fd > STDERR_FILENO)
        close(null_fd);
    if (chdir_creating(cwd) < 0)
        child_fail(127, "cannot change to working directory \"%s\": %s", cwd, strerror(errno));
    exec_searching(argv, envp);
    int err = errno;
    child_fail(err == ENOENT || err == ENOTDIR ? 127 : 126, "cannot run \"%s\": %s", argv[0], strerror(err));
}

/* START: cwd, argc, arg..., envc, KEY=VALUE... */
static void do_start(char **s, size_t n)
{
    unsigned long argc, envc;
    if (state != CREATED) {
        send_error("the workload was already started");
        return;
    }
    if (n < 3 || parse_num(s[1], n, &argc) < 0 || argc < 1 || 2 + argc >= n
        || parse_num(s[2 + argc], n, &envc) < 0 || 3 + argc + envc != n) {
        send_error("START wants cwd, argc >= 1, the args, envc, the KEY=VALUE pairs");
        return;
    }
    char **argv = calloc(argc + 1, sizeof *argv), **envp = calloc(envc + 1, sizeof *envp);
    if (!argv || !envp) {
        free(argv), free(envp);
        send_error("out of memory");
        return;
    }
    memcpy(argv, s + 2, argc * sizeof *argv);
    memcpy(envp, s + 3 + argc, envc * sizeof *envp);
    for (unsigned long i = 0; i < envc; i++) {
        if (!strchr(envp[i], '=') || envp[i][0] == '=') {
            send_error("environment entry \"%s\" is not KEY=VALUE", envp[i]);
            free(argv), free(envp);
            return;
        }
    }
    const char *cwd = *s[0] ? s[0] : "/";
    /* A SIGNAL may reach the child before it has exec'd: while it still ignores SIGTERM like PID 1 that signal
     * would be lost. Blocked signals stay pending on Linux even when ignored, so block all across the fork;
     * the child unblocks once its dispositions are the defaults. */
    sigset_t all, previous;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &previous);
    pid_t pid = fork();
    if (pid == 0)
        run_workload(cwd, argv, envp);
    sigprocmask(SIG_SETMASK, &previous, NULL);
    free(argv), free(envp);
    if (pid < 0) {
        send_error("fork: %s", strerror(errno));
        return;
    }
    workload_pid = pid;
    state = RUNNING;
    logmsg("workload started: %s (PID %d)", s[2], (int)pid);
    struct buf b = { 0 };
    put_num(&b, pid);
    send_buf(REP_STARTED, &b);
}

/* Reaps every child (PID 1 inherits all orphans); when the workload is among them, reports and powers off. */
static void reap(void)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == workload_pid && state == RUNNING) {
            state = EXITED;
            exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
    }
    if (state != EXITED)
        return;
    logmsg("workload exited with code %d", exit_code);
    drain(output_fd); /* all it printed reaches container.log before the VM goes */
    if (exit_fd < 0 || dprintf(exit_fd, "%d\n", exit_code) < 0)
        logmsg("exit code not written: %s", exit_fd < 0 ? "no " EXIT_TTY : strerror(errno));
    power_off();
}

/* ---- PS ---------------------------------------------------------------------------------------------------- */

static ssize_t read_text(const char *path, char *out, size_t size)
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
static void do_ps(void)
{
    static char passwd[65536];
    if (read_text("/etc/passwd", passwd, sizeof passwd) < 0)
        passwd[0] = '\0';
    long ticks = sysconf(_SC_CLK_TCK), page_kib = sysconf(_SC_PAGESIZE) / 1024;
    DIR *proc = opendir("/proc");
    if (!proc) {
        send_error("/proc: %s", strerror(errno));
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
    send_buf(REP_PROCESSES, &reply);
}

/* ---- requests ---------------------------------------------------------------------------------------------- */

static void do_hello(char **s, size_t n)
{
    if (n != 2 || strcmp(s[1], "isoscope-host") != 0) {
        send_error("HELLO wants a nonce and \"isoscope-host\"");
        return;
    }
    struct buf b = { 0 };
    put_str(&b, s[0]);
    put_str(&b, "isoscope-agent");
    put_str(&b, AGENT_VERSION);
    put_str(&b, "ready");
    send_buf(REP_HELLO, &b);
}

static void do_signal(char **s, size_t n)
{
    unsigned long pid, sig;
    if (n != 2 || parse_num(s[0], INT_MAX, &pid) < 0 || parse_num(s[1], 64, &sig) < 0) {
        send_error("SIGNAL wants a PID (0 = the workload) and a signal number");
        return;
    }
    if (pid == 0 && state != RUNNING) {
        send_error("no workload is running");
        return;
    }
    pid_t target = pid == 0 ? workload_pid : (pid_t)pid;
    if (kill(target, (int)sig) < 0)
        send_error("kill %d %lu: %s", (int)target, sig, strerror(errno));
    else
        send_frame(REP_OK, NULL, 0);
}

static void do_status(void)
{
    static const char *names[] = { "created", "running", "exited" };
    struct buf b = { 0 };
    put_str(&b, names[state]);
    if (state == CREATED)
        put_str(&b, "");
    else
        put_num(&b, workload_pid);
    if (state == EXITED)
        put_num(&b, exit_code);
    else
        put_str(&b, "");
    send_buf(REP_STATUS, &b);
}

static void handle_frame(int type, char *payload, size_t len)
{
    /* The payload was checked to end in NUL: each NUL ends one string. */
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += payload[i] == '\0';
    char **s = malloc((n ? n : 1) * sizeof *s);
    if (!s) {
        send_error("out of memory");
        return;
    }
    for (size_t i = 0, k = 0; k < n; i += strlen(payload + i) + 1)
        s[k++] = payload + i;
    switch (type) {
    case REQ_HELLO: do_hello(s, n); break;
    case REQ_START: do_start(s, n); break;
    case REQ_PS: do_ps(); break;
    case REQ_SIGNAL: do_signal(s, n); break;
    case REQ_STATUS: do_status(); break;
    case REQ_POWEROFF:
        logmsg("power-off requested");
        send_frame(REP_OK, NULL, 0);
        power_off();
    default: send_error("unknown request type 0x%02x", type); break;
    }
    free(s);
}

/* Drops the first buffered byte: the resynchronisation step after a bad or stalled frame. */
static void drop_one(const char *why)
{
    if (why)
        logmsg("%s, resynchronising", why);
    rx_head++;
}

/* Handles every complete frame in the receive buffer; leaves a partial frame, discards anything bad. */
static void process_input(void)
{
    while (rx_head < rx_tail) {
        unsigned char *p = rx + rx_head;
        size_t avail = rx_tail - rx_head;
        if (p[0] != 'I') { /* not a frame start: skip to the next candidate at once */
            unsigned char *next = memchr(p, 'I', avail);
            rx_head = next ? (size_t)(next - rx) : rx_tail;
            continue;
        }
        if (avail < 2)
            break;
        if (p[1] != 'S') {
            drop_one(NULL);
            continue;
        }
        if (avail < 3)
            break;
        if (p[2] != PROTOCOL_VERSION) {
            drop_one("garbled frame (version)");
            continue;
        }
        if (avail < HEADER_LEN)
            break;
        uint32_t len = be32(p + 4);
        if (len > MAX_PAYLOAD) {
            drop_one("oversized frame");
            continue;
        }
        if (avail < HEADER_LEN + len + TRAILER_LEN)
            break;
        if (be32(p + HEADER_LEN + len) != crc32_update(0, p, HEADER_LEN + len)) {
            drop_one("garbled frame (checksum)");
            continue;
        }
        if (len > 0 && p[HEADER_LEN + len - 1] != '\0') {
            drop_one("garbled frame (payload does not end in NUL)");
            continue;
        }
        rx_head += HEADER_LEN + len + TRAILER_LEN; /* consumed before handling: handling may power off */
        handle_frame(p[3], (char *)p + HEADER_LEN, len);
    }
    if (rx_head == rx_tail)
        rx_head = rx_tail = 0;
}

static void read_input(void)
{
    if (rx_tail == RX_CAPACITY) { /* a partial frame is always shorter than MAX_FRAME: this frees >= 64 KiB */
        memmove(rx, rx + rx_head, rx_tail - rx_head);
        rx_tail -= rx_head;
        rx_head = 0;
    }
    ssize_t r = read(agent_fd, rx + rx_tail, RX_CAPACITY - rx_tail);
    if (r > 0) {
        rx_tail += (size_t)r;
        last_rx_ms = now_ms();
        process_input();
    } else if (r < 0 && errno != EAGAIN && errno != EINTR) {
        logmsg("reading " AGENT_TTY ": %s", strerror(errno));
        sleep_ms(100); /* do not spin on a line that keeps failing */
    }
}

/* ---- set-up ------------------------------------------------------------------------------------------------ */

static void mount_fs(const char *source, const char *target, const char *type, unsigned long flags,
                     const char *options, int create)
{
    struct stat st;
    if (stat(target, &st) < 0) {
        if (!create)
            return;
        mkdir(target, 0755);
    }
    if (mount(source, target, type, flags, options) < 0 && errno != EBUSY)
        logmsg("mount %s on %s: %s", type, target, strerror(errno));
}

/* The kernel gives init no descriptors when the image has no /dev/console: the ports must not land on 0-2. */
static void ensure_std_fds(void)
{
    for (int fd = 0; fd <= STDERR_FILENO; fd++) {
        if (fcntl(fd, F_GETFD) >= 0)
            continue;
        int c = open("/dev/console", O_RDWR | O_NOCTTY);
        if (c < 0)
            c = open("/dev/null", O_RDWR);
        if (c >= 0 && c != fd) {
            dup2(c, fd);
            close(c);
        }
    }
}

static void set_hostname(void)
{
    char cmdline[4096];
    if (read_text("/proc/cmdline", cmdline, sizeof cmdline) <= 0)
        return;
    for (char *tok = strtok(cmdline, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
        if (strncmp(tok, "isoscope.hostname=", 18) == 0 && sethostname(tok + 18, strlen(tok + 18)) < 0)
            logmsg("hostname \"%s\": %s", tok + 18, strerror(errno));
    }
}

/* Brings lo up; the kernel then gives it 127.0.0.1 and ::1 by itself. */
static void loopback_up(void)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0 || (ifr.ifr_flags |= IFF_UP, ioctl(s, SIOCSIFFLAGS, &ifr)) < 0)
        logmsg("loopback: %s", strerror(errno));
    if (s >= 0)
        close(s);
}

/* Opens a serial port raw (8N1, no echo, no flow control, 115200 baud: irrelevant under QEMU but explicit). */
static int open_port(const char *path, int nonblocking)
{
    /* O_NONBLOCK for the open itself: a line without carrier must not block it. */
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
    if (!nonblocking) /* the workload shares this open file: it must see an ordinary blocking tty */
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

static void set_up(void)
{
    mount_fs("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755", 1);
    ensure_std_fds();
    mount_fs("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 1);
    mount_fs("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 1);
    mount_fs("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", 1);
    mount_fs("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", 0);
    mount_fs("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755", 0);
    set_hostname();
    loopback_up();

    /* PID 1 ignores the signals a console or a stray kill would send it: only the workload is to be signalled. */
    signal(SIGTERM, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    reboot(RB_DISABLE_CAD); /* Ctrl-Alt-Del becomes a SIGINT, which is ignored */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    signal_fd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);

    output_fd = open_port(OUTPUT_TTY, 0);
    exit_fd = open_port(EXIT_TTY, 0);
    agent_fd = open_port(AGENT_TTY, 1);
    if (agent_fd < 0 || signal_fd < 0) {
        logmsg("cannot serve the agent line: powering off");
        power_off();
    }
}

int main(void)
{
    if (getpid() != 1) {
        /* Its set-up mounts over /dev, /proc, /tmp: never let it do that to a host. */
        fprintf(stderr, "isoscope-agent: must run as PID 1 (/init of the guest)\n");
        return 2;
    }
    set_up();
    crc_init();
    char uptime[64] = "?";
    read_text("/proc/uptime", uptime, sizeof uptime);
    logmsg("ready on " AGENT_TTY " (uptime %.*s s)", (int)strcspn(uptime, " \n"), uptime);

    for (;;) {
        int timeout = -1;
        if (rx_tail > rx_head) {
            long long left = last_rx_ms + PARTIAL_FRAME_MS - now_ms();
            if (left <= 0) {
                /* What follows the dropped byte waited as long: a stale candidate is dropped in turn. */
                drop_one("truncated frame");
                process_input();
                continue;
            }
            timeout = (int)left;
        }
        struct pollfd fds[2] = { { agent_fd, POLLIN, 0 }, { signal_fd, POLLIN, 0 } };
        if (poll(fds, 2, timeout) < 0) {
            if (errno != EINTR)
                logmsg("poll: %s", strerror(errno));
            continue;
        }
        if (fds[0].revents)
            read_input();
        if (fds[1].revents) {
            struct signalfd_siginfo info;
            while (read(signal_fd, &info, sizeof info) > 0)
                ;
            reap();
        }
    }
}
