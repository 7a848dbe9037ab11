/*
 * isoscope-agent: the guest agent of Isoscope's hyperv isolation (the contract is PROTOCOL.md beside this file).
 *
 * It runs as PID 1 (/init) of a utility VM whose initramfs is a container image's root filesystem. It prepares the
 * little the workload needs (pseudo file systems, hostname, loopback), serves the framed protocol on two lines
 * (control on /dev/ttyS1, console sessions on /dev/ttyS3), sets the guest's clock from the host's, starts the one
 * workload (on a terminal of its own when it has a TTY), writes what it prints to /dev/ttyS2 as CRI log records,
 * reaps every process, and when the workload ends writes its exit code to the debug port and powers the VM off
 * so that QEMU exits.
 *
 * Single-threaded: one poll() loop over the lines, a signalfd for SIGCHLD, the log port and the descriptors of the
 * workload and the console sessions. Diagnostics go to the kernel console (/dev/ttyS0, the container's
 * console.log), never to a line.
 *
 * Files: agent.c (this: set-up, control requests, the workload, the loop), line.c (frames, queues), console.c
 * (sessions), spawn.c (starting processes), crilog.c (the log), ps.c (PS). Build: installer/build-guest.sh.
 */
#include "agent.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CONTROL_TTY "/dev/ttyS1"
#define LOG_TTY "/dev/ttyS2"
#define CONSOLE_TTY "/dev/ttyS3"
/* QEMU's isa-debugcon: what is written to this I/O port lands in the container's exit file. */
#define EXIT_PORT 0xe9
/* Time given to the lines and the log port to transmit what is queued before power-off, all together. */
#define DRAIN_DEADLINE_MS 3000
#define CHUNK 4096

struct workload workload = { .state = CREATED, .master = -1, .out = -1, .err = -1 };
struct line control_line, console_line;
static int signal_fd = -1;
static int workload_master_eof;

/* ---- power-off ----------------------------------------------------------------------------------------------- */

static int read_workload(int fd, enum stream stream);

/* What the workload printed and is still in its pipes or terminal goes to the log (and to attached hosts). */
static void flush_workload_output(void)
{
    if (workload.tty) {
        while (workload.master >= 0 && !workload_master_eof && read_workload(workload.master, STREAM_STDOUT) > 0)
            ;
    } else {
        while (workload.out >= 0 && read_workload(workload.out, STREAM_STDOUT) > 0)
            ;
        while (workload.err >= 0 && read_workload(workload.err, STREAM_STDERR) > 0)
            ;
    }
    crilog_finish();
}

static void __attribute__((noreturn)) power_off(void)
{
    long long deadline = now_ms() + DRAIN_DEADLINE_MS;
    crilog_drain(deadline);
    line_drain(&control_line, deadline);
    line_drain(&console_line, deadline);
    sync();
    reboot(RB_POWER_OFF);
    logmsg("power-off failed: %s", strerror(errno));
    /* PID 1 exiting panics the kernel; with panic=-1 and QEMU's -no-reboot that still ends the VM. */
    _exit(1);
}

/* The exit code, one decimal line, to QEMU's debug port: the exit file, written once. */
static void write_exit_code(int code)
{
    char text[16];
    int n = snprintf(text, sizeof text, "%d\n", code);
    /* Asked for only now: children forked earlier must not inherit access to the port. */
    if (ioperm(EXIT_PORT, 1, 1) < 0) {
        logmsg("exit code not written: ioperm: %s", strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++)
        outb((unsigned char)text[i], EXIT_PORT);
}

/* ---- the workload -------------------------------------------------------------------------------------------- */

/* Reads one chunk of what the workload printed: 1 if it did, -1 if nothing is there now, 0 at the end. */
static int read_workload(int fd, enum stream stream)
{
    char data[CHUNK];
    ssize_t r = read(fd, data, sizeof data);
    if (r > 0) {
        crilog_write(stream, data, (size_t)r, workload.tty);
        if (workload.tty)
            console_workload_output(data, (size_t)r);
        return 1;
    }
    if (r < 0 && (errno == EAGAIN || errno == EINTR))
        return -1;
    /* EOF of a pipe, or EIO once every slave end of the terminal is closed: stop watching it */
    if (workload.tty) {
        workload_master_eof = 1;
    } else {
        close(fd);
        if (fd == workload.out)
            workload.out = -1;
        else
            workload.err = -1;
    }
    return 0;
}

/* Reaps every child (PID 1 inherits all orphans); when the workload is among them, reports and powers off. */
static void reap(void)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == workload.pid && workload.state == RUNNING) {
            workload.state = EXITED;
            workload.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        } else {
            console_reaped(pid, status);
        }
    }
    if (workload.state != EXITED)
        return;
    logmsg("workload exited with code %d", workload.exit_code);
    flush_workload_output();
    long long deadline = now_ms() + DRAIN_DEADLINE_MS;
    crilog_drain(deadline); /* all it printed reaches container.log before the exit code */
    console_workload_exited(workload.exit_code);
    line_drain(&console_line, deadline);
    write_exit_code(workload.exit_code);
    power_off();
}

/* The workload's environment, with TERM=xterm added on a terminal that has none (as docker run -t does). */
static char **keep_env(char **env, size_t n, int tty)
{
    int term = 0;
    for (size_t i = 0; i < n; i++)
        term |= strncmp(env[i], "TERM=", 5) == 0;
    char **kept = calloc(n + 2, sizeof *kept);
    if (!kept)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!(kept[i] = strdup(env[i])))
            return NULL;
    if (tty && !term)
        kept[n] = strdup("TERM=xterm");
    return kept;
}

/* START: seconds, nanoseconds (the host's clock), tty (0|1), cwd, argc, arg..., envc, KEY=VALUE... */
static void do_start(char **s, size_t n)
{
    unsigned long sec, nsec, tty, argc, envc;
    if (workload.state != CREATED) {
        line_send_error(&control_line, "the workload was already started");
        return;
    }
    if (n < 6 || parse_num(s[0], 9999999999UL, &sec) < 0 || parse_num(s[1], 999999999, &nsec) < 0
        || parse_num(s[2], 1, &tty) < 0 || parse_num(s[4], n, &argc) < 0 || argc < 1 || 5 + argc >= n
        || parse_num(s[5 + argc], n, &envc) < 0 || 6 + argc + envc != n) {
        line_send_error(&control_line, "START wants seconds, nanoseconds, tty (0 or 1), cwd, argc >= 1, the args, "
                                       "envc, the KEY=VALUE pairs");
        return;
    }
    char **argv = calloc(argc + 1, sizeof *argv), **envp = s + 6 + argc;
    if (!argv) {
        line_send_error(&control_line, "out of memory");
        return;
    }
    memcpy(argv, s + 5, argc * sizeof *argv);
    for (unsigned long i = 0; i < envc; i++) {
        if (!strchr(envp[i], '=') || envp[i][0] == '=') {
            line_send_error(&control_line, "environment entry \"%s\" is not KEY=VALUE", envp[i]);
            free(argv);
            return;
        }
    }
    /* A microvm has no RTC: the guest's wall clock starts at 1970 unless the host's is given. */
    struct timespec host_time = { (time_t)sec, (long)nsec };
    if (clock_settime(CLOCK_REALTIME, &host_time) < 0)
        logmsg("setting the clock: %s", strerror(errno));
    workload.env = keep_env(envp, envc, (int)tty);
    workload.cwd = strdup(*s[3] ? s[3] : "/");
    if (!workload.env || !workload.cwd) {
        line_send_error(&control_line, "out of memory");
        free(argv);
        return;
    }
    struct spawned sp;
    if (spawn(argv, workload.env, workload.cwd, (int)tty, 0, 0, &sp) < 0) {
        line_send_error(&control_line, "starting the workload: %s", strerror(errno));
        free(argv);
        return;
    }
    free(argv);
    workload.pid = sp.pid;
    workload.tty = (int)tty;
    workload.master = sp.master;
    workload.out = sp.out;
    workload.err = sp.err;
    workload.state = RUNNING;
    logmsg("workload started: %s (PID %d%s)", s[5], (int)sp.pid, tty ? ", on a terminal" : "");
    struct buf b = { 0 };
    put_num(&b, sp.pid);
    line_send_buf(&control_line, REP_STARTED, &b);
}

/* ---- control requests ---------------------------------------------------------------------------------------- */

void do_hello(struct line *l, char **s, size_t n)
{
    if (n != 2 || strcmp(s[1], "isoscope-host") != 0) {
        line_send_error(l, "HELLO wants a nonce and \"isoscope-host\"");
        return;
    }
    struct buf b = { 0 };
    put_str(&b, s[0]);
    put_str(&b, "isoscope-agent");
    put_str(&b, AGENT_VERSION);
    put_str(&b, "ready");
    put_str(&b, l->name);
    line_send_buf(l, REP_HELLO, &b);
}

static void do_signal(char **s, size_t n)
{
    unsigned long pid, sig;
    if (n != 2 || parse_num(s[0], INT_MAX, &pid) < 0 || parse_num(s[1], 64, &sig) < 0) {
        line_send_error(&control_line, "SIGNAL wants a PID (0 = the workload) and a signal number");
        return;
    }
    if (pid == 0 && workload.state != RUNNING) {
        line_send_error(&control_line, "no workload is running");
        return;
    }
    pid_t target = pid == 0 ? workload.pid : (pid_t)pid;
    if (kill(target, (int)sig) < 0)
        line_send_error(&control_line, "kill %d %lu: %s", (int)target, sig, strerror(errno));
    else
        line_send(&control_line, REP_OK, NULL, 0);
}

static void do_status(void)
{
    static const char *names[] = { "created", "running", "exited" };
    struct buf b = { 0 };
    put_str(&b, names[workload.state]);
    if (workload.state == CREATED)
        put_str(&b, "");
    else
        put_num(&b, workload.pid);
    if (workload.state == EXITED)
        put_num(&b, workload.exit_code);
    else
        put_str(&b, "");
    line_send_buf(&control_line, REP_STATUS, &b);
}

static void control_handle(struct line *l, int type, char *payload, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += payload[i] == '\0';
    char **s = malloc((count ? count : 1) * sizeof *s);
    if (!s) {
        line_send_error(l, "out of memory");
        return;
    }
    size_t n = split_strings(payload, len, s, count);
    switch (type) {
    case REQ_HELLO: do_hello(l, s, n); break;
    case REQ_START: do_start(s, n); break;
    case REQ_PS: do_ps(l); break;
    case REQ_SIGNAL: do_signal(s, n); break;
    case REQ_STATUS: do_status(); break;
    case REQ_POWEROFF:
        logmsg("power-off requested");
        line_send(l, REP_OK, NULL, 0);
        flush_workload_output();
        power_off();
    case REQ_ATTACH: case REQ_EXEC: case REQ_INPUT: case REQ_RESIZE: case REQ_DETACH: case REQ_PING:
        line_send_error(l, "request type 0x%02x belongs on the console line (ttyS3), not the control line", type);
        break;
    default: line_send_error(l, "unknown request type 0x%02x", type); break;
    }
    free(s);
}

/* ---- set-up -------------------------------------------------------------------------------------------------- */

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

static void set_up(void)
{
    mount_fs("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755", 1);
    ensure_std_fds();
    mount_fs("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 1);
    mount_fs("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 1);
    /* Terminals for TTY workloads and exec -t, with docker's options (group tty = 5). */
    mount_fs("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5", 1);
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

    crilog_init(port_open(LOG_TTY)); /* raw and non-blocking, like the lines */
    if (line_open(&console_line, "console", CONSOLE_TTY, console_handle) < 0)
        logmsg("no console line: attach and exec are unavailable");
    if (line_open(&control_line, "control", CONTROL_TTY, control_handle) < 0 || signal_fd < 0) {
        logmsg("cannot serve the control line: powering off");
        power_off();
    }
}

/* ---- the loop ------------------------------------------------------------------------------------------------ */

static int earliest(int a, int b) { return a < 0 ? b : b < 0 ? a : a < b ? a : b; }

static size_t add_line(struct pollfd *fds, size_t n, struct line *l)
{
    if (l->fd >= 0)
        fds[n++] = (struct pollfd){ l->fd, (short)(POLLIN | (line_wants_write(l) ? POLLOUT : 0)), 0 };
    return n;
}

static void serve_line(struct line *l, const struct pollfd *p)
{
    if (p->revents & POLLOUT)
        line_flush(l);
    if (p->revents & (POLLIN | POLLERR | POLLHUP))
        line_read(l);
}

int main(void)
{
    if (getpid() != 1) {
        /* Its set-up mounts over /dev, /proc, /tmp: never let it do that to a host. */
        fprintf(stderr, "isoscope-agent: must run as PID 1 (/init of the guest)\n");
        return 2;
    }
    set_up();
    char uptime[64] = "?";
    read_text("/proc/uptime", uptime, sizeof uptime);
    logmsg("ready on " CONTROL_TTY " (uptime %.*s s)", (int)strcspn(uptime, " \n"), uptime);

    enum { CONTROL, CONSOLE, SIGNALS, LOG, WORKLOAD_OUT, WORKLOAD_ERR, FIXED, MAX_FDS = FIXED + 64 };
    struct pollfd fds[MAX_FDS];
    for (;;) {
        int timeout = earliest(line_stall_timeout(&control_line), line_stall_timeout(&console_line));
        timeout = earliest(timeout, console_lease_timeout());
        for (size_t i = 0; i < FIXED; i++)
            fds[i] = (struct pollfd){ -1, 0, 0 };
        add_line(fds + CONTROL, 0, &control_line);
        add_line(fds + CONSOLE, 0, &console_line);
        fds[SIGNALS] = (struct pollfd){ signal_fd, POLLIN, 0 };
        if (crilog_wants_write())
            fds[LOG] = (struct pollfd){ crilog_fd(), POLLOUT, 0 };
        /* The workload's output is read while the log (and an attached host) keeps up: else the workload waits. */
        if (workload.state == RUNNING && crilog_below_limit()
            && (!console_attached() || outq_len(&console_line.tx) < LINE_SOFT_LIMIT)) {
            if (workload.tty && !workload_master_eof)
                fds[WORKLOAD_OUT] = (struct pollfd){ workload.master, POLLIN, 0 };
            if (!workload.tty) {
                fds[WORKLOAD_OUT] = (struct pollfd){ workload.out, POLLIN, 0 };
                fds[WORKLOAD_ERR] = (struct pollfd){ workload.err, POLLIN, 0 };
            }
        }
        size_t sessions = console_pollfds(fds + FIXED, MAX_FDS - FIXED);
        if (poll(fds, FIXED + sessions, timeout) < 0) {
            if (errno != EINTR)
                logmsg("poll: %s", strerror(errno));
            continue;
        }
        /* Sessions first: what the lines bring (a DETACH) may end a session whose descriptors were polled. */
        console_serve(fds + FIXED, sessions);
        if (fds[WORKLOAD_OUT].revents)
            read_workload(fds[WORKLOAD_OUT].fd, STREAM_STDOUT);
        if (fds[WORKLOAD_ERR].revents)
            read_workload(fds[WORKLOAD_ERR].fd, STREAM_STDERR);
        if (fds[LOG].revents)
            crilog_flush();
        serve_line(&control_line, &fds[CONTROL]);
        serve_line(&console_line, &fds[CONSOLE]);
        console_check_lease();
        if (fds[SIGNALS].revents) {
            struct signalfd_siginfo info;
            while (read(signal_fd, &info, sizeof info) > 0)
                ;
            reap();
        }
    }
}
