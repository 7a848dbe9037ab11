/*
 * isoscope-shim: the monitor of one process-isolated container, or of one process exec'd into a running one.
 *
 * It holds what the workload needs so that nothing depends on the engine (the GUI or a CLI call) staying alive:
 * its stdout and stderr (pipes) or its terminal (the pty master, received from runc over --console-socket), the
 * container log (Kubernetes' CRI format, one timestamped record per line), the exit code, and a unix socket that
 * consoles attach to. It puts itself in a session of its own, ignores SIGHUP and SIGPIPE, writes its own PID file
 * first thing, and never runs a shell: everything user-controlled arrives as separate arguments.
 *
 *   isoscope-shim container --runc R --root D --runc-log F --bundle B --pid-file P --exit-file E --monitor-pid M
 *                           --log L [--tty --socket S --console C] [--] ID
 *   isoscope-shim exec --runc R --root D --runc-log F --pid-file P --socket S [--tty --console C] [--] ID CMD...
 *
 * container, without a terminal: `runc run` in the foreground with stdout and stderr on two pipes, logged as records;
 *   when runc ends its exit code is the workload's; runc state left behind means runc itself was killed, and then
 *   the workload is killed too (`runc delete --force`), exit code 137, and the exit file says why.
 * container, with a terminal: `runc run -d --console-socket C`; the monitor is the child subreaper, so the workload
 *   becomes its child when runc exits; the monitor keeps the pty master, logs what it shows as stdout records and
 *   serves consoles on S. When the workload ends: `runc delete --force`, the exit file, an EXIT frame to consoles.
 * exec: waits for its one console on S, then `runc exec -d` (with -t and C for a terminal, else pipes) and relays
 *   between the process and the console; when the console goes away without DISOWN the process gets SIGHUP.
 *
 * The exit file holds "CODE\nREASON\n" (REASON empty when the workload ended on its own). The socket framing is
 * described in PROTOCOL.md beside this file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PROTOCOL_HELLO "isoscope-shim 1"
#define MAX_CLIENTS 8
#define MAX_FRAME 65536                /* largest payload either side sends */
#define CLIENT_BACKLOG (1 << 20)       /* a console that falls this far behind is dropped */
#define INPUT_BACKLOG (1 << 20)        /* typed/pasted bytes waiting for the terminal */
#define UNSEEN_MAX 16384               /* output nobody saw, handed to the next console */
#define LOG_LINE_MAX 16384             /* longer lines are split into P records */
#define EXEC_CLIENT_WAIT_MS 30000      /* an exec monitor nobody connects to gives up */
#define DRAIN_MS 2000                  /* after the workload ended: how long to wait for the rest of its output */
#define FLUSH_MS 2000                  /* how long the last frames may take to reach the consoles */

#define F_HELLO 'H'
#define F_STARTED 'S'
#define F_STDOUT 'o'
#define F_STDERR 'E'
#define F_EXIT 'x'
#define F_FAILED 'F'
#define F_INPUT 'i'
#define F_EOF 'e'
#define F_RESIZE 'w'
#define F_DISOWN 'd'

static const char *RUNC_KILLED = "its runtime process (runc) was killed; the container was killed with it";

enum mode { MODE_RUN, MODE_EXEC };
enum phase { PH_WAIT_CLIENT, PH_STARTING, PH_RUNNING, PH_DRAIN, PH_DONE };

static struct {
    enum mode mode;
    const char *runc, *root, *runc_log, *bundle, *pid_file, *exit_file, *monitor_pid, *log, *socket, *console;
    int tty;
    const char *id;
    char **cmd;
    int ncmd;
} o;

struct client {
    int fd;
    unsigned char in[5 + MAX_FRAME];
    size_t inlen;
    char *out;
    size_t outlen, outcap;
    int disowned;
};

struct logbuf {
    const char *stream;
    char buf[LOG_LINE_MAX];
    size_t len;
};

static struct client clients[MAX_CLIENTS];
static int nclients;
static int ever_attached;
static enum phase phase;
static int sfd = -1, log_fd = -1, listen_fd = -1, console_listen = -1, console_conn = -1;
static int master = -1, out_fd = -1, err_fd = -1, in_fd = -1; /* our ends: terminal, stdout, stderr, stdin */
static char *inq;
static size_t inqlen, inqcap;
static int in_eof;
static struct winsize pending_ws;
static int have_pending_ws;
static char unseen[UNSEEN_MAX];
static size_t unseen_len;
static struct logbuf log_out = {"stdout", {0}, 0}, log_err = {"stderr", {0}, 0};
static pid_t runc_pid, work_pid;
static int runc_status, work_status, runc_done, work_done;
static int hung_up;
static struct { pid_t pid; int status; } orphans[32];
static int norphans;
static char runc_state[4096];

/* ---------------------------------------------------------------- small helpers */

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "isoscope-shim: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

static void set_nonblock(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Writes "text" to path atomically (a sibling temp file renamed over it), so a reader never sees half of it. */
static void write_file_atomic(const char *path, const char *text) {
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return;
    write_all(fd, text, strlen(text));
    close(fd);
    rename(tmp, path);
}

static void close_fd(int *fd) {
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

/* ---------------------------------------------------------------- the CRI log */

static void log_record(struct logbuf *b, char tag) {
    if (log_fd < 0) return;
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char head[96];
    size_t h = strftime(head, sizeof head, "%Y-%m-%dT%H:%M:%S", &tm);
    h += (size_t) snprintf(head + h, sizeof head - h, ".%09ldZ %s %c ", ts.tv_nsec, b->stream, tag);
    size_t len = b->len;
    if (o.tty && tag == 'F' && len > 0 && b->buf[len - 1] == '\r') len--; /* a terminal ends lines with \r\n */
    struct iovec iov[3] = {{head, h}, {b->buf, len}, {"\n", 1}};
    /* One writev per record on an O_APPEND file: a reader following the log never sees two records interleaved. */
    while (writev(log_fd, iov, 3) < 0 && errno == EINTR) {
    }
    b->len = 0;
}

static void log_data(struct logbuf *b, const char *data, size_t n) {
    while (n > 0) {
        const char *nl = memchr(data, '\n', n);
        size_t piece = nl ? (size_t) (nl - data) : n;
        while (piece > 0) {
            size_t take = LOG_LINE_MAX - b->len < piece ? LOG_LINE_MAX - b->len : piece;
            memcpy(b->buf + b->len, data, take);
            b->len += take;
            data += take;
            n -= take;
            piece -= take;
            if (b->len == LOG_LINE_MAX && (piece > 0 || nl)) log_record(b, 'P');
        }
        if (nl) {
            log_record(b, 'F');
            data++;
            n--;
        }
    }
}

static void log_finish(struct logbuf *b) {
    if (b->len > 0) log_record(b, 'F');
}

/* ---------------------------------------------------------------- consoles */

static void drop_client(int i) {
    close(clients[i].fd);
    free(clients[i].out);
    clients[i] = clients[nclients - 1];
    memset(&clients[nclients - 1], 0, sizeof clients[0]);
    nclients--;
}

static void client_flush(struct client *c) {
    while (c->outlen > 0) {
        ssize_t w = write(c->fd, c->out, c->outlen);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN) c->outlen = 0, c->fd = -c->fd - 1; /* marked gone; dropped by the loop */
            return;
        }
        memmove(c->out, c->out + w, c->outlen - (size_t) w);
        c->outlen -= (size_t) w;
    }
}

/* Queues one frame to a console and sends what the socket takes now. */
static void client_send(struct client *c, char type, const void *data, size_t n) {
    if (c->fd < 0) return;
    if (c->outlen + 5 + n > CLIENT_BACKLOG) {
        c->fd = -c->fd - 1; /* too far behind: it would hold the terminal's output up for everyone */
        return;
    }
    if (c->outlen + 5 + n > c->outcap) {
        size_t cap = c->outcap ? c->outcap : 8192;
        while (cap < c->outlen + 5 + n) cap *= 2;
        char *p = realloc(c->out, cap);
        if (!p) return;
        c->out = p;
        c->outcap = cap;
    }
    unsigned char *h = (unsigned char *) c->out + c->outlen;
    h[0] = (unsigned char) type;
    h[1] = (unsigned char) (n >> 24);
    h[2] = (unsigned char) (n >> 16);
    h[3] = (unsigned char) (n >> 8);
    h[4] = (unsigned char) n;
    memcpy(c->out + c->outlen + 5, data, n);
    c->outlen += 5 + n;
    client_flush(c);
}

static void client_send_text(struct client *c, char type, const char *text) {
    client_send(c, type, text, strlen(text));
}

static void broadcast(char type, const void *data, size_t n) {
    for (int i = 0; i < nclients; i++) client_send(&clients[i], type, data, n);
}

/* Output reaches every console; with none attached it is kept (the latest UNSEEN_MAX bytes) for the next one. */
static void output(char type, const char *data, size_t n) {
    if (nclients > 0) {
        broadcast(type, data, n);
        return;
    }
    if (o.mode != MODE_RUN) return;
    if (n >= UNSEEN_MAX) {
        memcpy(unseen, data + n - UNSEEN_MAX, UNSEEN_MAX);
        unseen_len = UNSEEN_MAX;
        return;
    }
    if (unseen_len + n > UNSEEN_MAX) {
        size_t drop = unseen_len + n - UNSEEN_MAX;
        memmove(unseen, unseen + drop, unseen_len - drop);
        unseen_len -= drop;
    }
    memcpy(unseen + unseen_len, data, n);
    unseen_len += n;
}

static void queue_input(const void *data, size_t n) {
    if (inqlen + n > INPUT_BACKLOG) return; /* nobody reads the terminal: what does not fit is lost */
    if (inqlen + n > inqcap) {
        size_t cap = inqcap ? inqcap : 4096;
        while (cap < inqlen + n) cap *= 2;
        char *p = realloc(inq, cap);
        if (!p) return;
        inq = p;
        inqcap = cap;
    }
    memcpy(inq + inqlen, data, n);
    inqlen += n;
}

static int input_target(void) {
    return o.tty ? master : in_fd;
}

static void flush_input(void) {
    int fd = input_target();
    if (fd < 0) return;
    while (inqlen > 0) {
        ssize_t w = write(fd, inq, inqlen);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN) inqlen = 0;
            break;
        }
        memmove(inq, inq + w, inqlen - (size_t) w);
        inqlen -= (size_t) w;
    }
    if (inqlen == 0 && in_eof && !o.tty) close_fd(&in_fd);
}

static void apply_winsize(void) {
    if (have_pending_ws && master >= 0) {
        ioctl(master, TIOCSWINSZ, &pending_ws); /* the kernel sends SIGWINCH to the terminal's foreground group */
        have_pending_ws = 0;
    }
}

static void handle_frame(struct client *c, unsigned char type, const unsigned char *p, size_t n) {
    switch (type) {
    case F_INPUT:
        if (phase <= PH_RUNNING) {
            queue_input(p, n);
            flush_input();
        }
        break;
    case F_EOF:
        in_eof = 1;
        flush_input();
        break;
    case F_RESIZE:
        if (n == 4) {
            pending_ws.ws_col = (unsigned short) ((p[0] << 8) | p[1]);
            pending_ws.ws_row = (unsigned short) ((p[2] << 8) | p[3]);
            have_pending_ws = 1;
            apply_winsize();
        }
        break;
    case F_DISOWN:
        c->disowned = 1;
        break;
    default:
        break; /* unknown frames are skipped: a newer engine may send what this monitor does not know */
    }
}

/* Reads what a console sent; returns -1 when it has gone or broke the framing. */
static int client_read(struct client *c) {
    ssize_t r = read(c->fd, c->in + c->inlen, sizeof c->in - c->inlen);
    if (r < 0) return errno == EINTR || errno == EAGAIN ? 0 : -1;
    if (r == 0) return -1;
    c->inlen += (size_t) r;
    size_t off = 0;
    while (c->inlen - off >= 5) {
        unsigned char *h = c->in + off;
        size_t n = ((size_t) h[1] << 24) | ((size_t) h[2] << 16) | ((size_t) h[3] << 8) | h[4];
        if (n > MAX_FRAME) return -1;
        if (c->inlen - off < 5 + n) break;
        handle_frame(c, h[0], h + 5, n);
        off += 5 + n;
    }
    memmove(c->in, c->in + off, c->inlen - off);
    c->inlen -= off;
    return 0;
}

static void hang_up(void);

static void accept_client(void) {
    int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) return;
    struct client tmp = {0};
    tmp.fd = fd;
    const char *refusal = NULL;
    if (o.mode == MODE_EXEC && ever_attached) {
        refusal = "this exec session already has its console; start another exec";
    } else if (nclients >= MAX_CLIENTS) {
        refusal = "too many consoles are attached to this container (8): detach one first";
    }
    if (refusal) {
        client_send_text(&tmp, F_HELLO, PROTOCOL_HELLO);
        client_send_text(&tmp, F_FAILED, refusal);
        close(tmp.fd < 0 ? -tmp.fd - 1 : tmp.fd);
        free(tmp.out);
        return;
    }
    clients[nclients] = tmp;
    struct client *c = &clients[nclients++];
    ever_attached = 1;
    client_send_text(c, F_HELLO, PROTOCOL_HELLO);
    if (o.mode == MODE_RUN) {
        /* A console of the container is attached at once (an exec's hears STARTED once its process runs). */
        char text[16] = "";
        int n = work_pid > 0 ? snprintf(text, sizeof text, "%d", (int) work_pid) : 0;
        client_send(c, F_STARTED, text, (size_t) n);
    }
    if (unseen_len > 0) {
        client_send(c, F_STDOUT, unseen, unseen_len);
        unseen_len = 0;
    }
}

static int make_listener(const char *path) {
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) die("socket path too long (%zu bytes, at most %zu): %s", strlen(path), sizeof a.sun_path - 1, path);
    strcpy(a.sun_path, path);
    unlink(path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) die("socket: %s", strerror(errno));
    if (bind(fd, (struct sockaddr *) &a, sizeof a) < 0) die("bind %s: %s", path, strerror(errno));
    chmod(path, 0600); /* umask 077 made it so already; say it anyway */
    if (listen(fd, 16) < 0) die("listen %s: %s", path, strerror(errno));
    return fd;
}

/* Receives the pty master runc sends over the console socket (SCM_RIGHTS); -1 until it has arrived. */
static int receive_master(int conn) {
    char name[4096];
    char control[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {name, sizeof name};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t r = recvmsg(conn, &m, MSG_CMSG_CLOEXEC);
    if (r <= 0) return -2;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm)) {
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
            int fd;
            memcpy(&fd, CMSG_DATA(cm), sizeof fd);
            return fd;
        }
    }
    return -2;
}

/* ---------------------------------------------------------------- children */

static sigset_t blocked;

/*
 * Forks and execs argv with stdin/stdout/stderr on the given fds (-1: /dev/null); signals as a fresh process.
 * keep[0..1] (or -1) stay open in the child across exec.
 */
static pid_t spawn_keeping(char **argv, int in, int out, int err, const int keep[2]) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    for (int i = 0; keep && i < 2; i++) {
        if (keep[i] >= 0) fcntl(keep[i], F_SETFD, 0);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    int fds[3] = {in, out, err};
    for (int i = 0; i < 3; i++) dup2(fds[i] >= 0 ? fds[i] : null, i);
    execv(argv[0], argv);
    dprintf(2, "isoscope-shim: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static pid_t spawn(char **argv, int in, int out, int err) {
    return spawn_keeping(argv, in, out, err, NULL);
}

static int wait_for(pid_t pid) {
    int st;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return st;
}

static int code_of(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 255;
}

static int runc_state_left(void) {
    struct stat st;
    return stat(runc_state, &st) == 0 && S_ISDIR(st.st_mode);
}

static void runc_delete(void) {
    char *argv[] = {(char *) o.runc, "--root", (char *) o.root, "delete", "--force", (char *) o.id, NULL};
    pid_t p = spawn(argv, -1, -1, -1);
    if (p > 0) wait_for(p);
}

static void set_work_pid(pid_t pid) {
    work_pid = pid;
    for (int i = 0; i < norphans; i++) {
        if (orphans[i].pid == pid) { /* it ended before runc did and was reaped with it */
            work_done = 1;
            work_status = orphans[i].status;
        }
    }
}

static void reap(void) {
    struct signalfd_siginfo si;
    while (read(sfd, &si, sizeof si) > 0) {
    }
    int st;
    pid_t p;
    while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
        if (p == runc_pid && !runc_done) {
            runc_done = 1;
            runc_status = st;
        } else if (work_pid && p == work_pid) {
            work_done = 1;
            work_status = st;
        } else if (norphans < (int) (sizeof orphans / sizeof orphans[0])) {
            /* The workload becomes our child when runc exits; it may be reaped before we read runc's PID file. */
            orphans[norphans].pid = p;
            orphans[norphans].status = st;
            norphans++;
        }
    }
}

static pid_t read_pid_file(void) {
    char buf[32] = {0};
    int fd = open(o.pid_file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t r = read(fd, buf, sizeof buf - 1);
    close(fd);
    return r > 0 ? (pid_t) atol(buf) : 0;
}

/* The last error runc logged (its JSON log's "msg" of the last level=error line), unescaped; or a fallback. */
static void last_runc_error(char *out, size_t cap) {
    snprintf(out, cap, "runc failed without saying why");
    FILE *f = fopen(o.runc_log, "re");
    if (!f) return;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        if (!strstr(line, "\"level\":\"error\"")) continue;
        char *m = strstr(line, "\"msg\":\"");
        if (!m) continue;
        m += 7;
        size_t k = 0;
        for (; *m && *m != '"' && k + 1 < cap; m++) {
            if (*m == '\\' && m[1]) {
                m++;
                out[k++] = *m == 'n' ? ' ' : *m == 't' ? ' ' : *m;
            } else {
                out[k++] = *m;
            }
        }
        out[k] = 0;
    }
    fclose(f);
}

/* ---------------------------------------------------------------- lifecycle */

static void become_session_leader(void) {
    if (setsid() < 0) {
        /* Already a group leader: a child of ours can lead a new session instead. */
        pid_t p = fork();
        if (p < 0) die("fork: %s", strerror(errno));
        if (p > 0) _exit(0);
        if (setsid() < 0) die("setsid: %s", strerror(errno));
    }
}

static void start_runc(void) {
    char *argv[64 + 1024];
    int a = 0;
    argv[a++] = (char *) o.runc;
    argv[a++] = "--root";
    argv[a++] = (char *) o.root;
    argv[a++] = "--log";
    argv[a++] = (char *) o.runc_log;
    argv[a++] = "--log-format";
    argv[a++] = "json";
    argv[a++] = o.mode == MODE_RUN ? "run" : "exec";
    if (o.mode == MODE_EXEC || o.tty) argv[a++] = "-d"; /* runc hands the process over and exits */
    if (o.tty) {
        if (o.mode == MODE_EXEC) {
            argv[a++] = "-t";
            argv[a++] = "--env";
            argv[a++] = "TERM=xterm";
        }
        argv[a++] = "--console-socket";
        argv[a++] = (char *) o.console;
    }
    if (o.mode == MODE_RUN) {
        argv[a++] = "--bundle";
        argv[a++] = (char *) o.bundle;
    }
    argv[a++] = "--pid-file";
    argv[a++] = (char *) o.pid_file;
    argv[a++] = (char *) o.id;
    for (int i = 0; i < o.ncmd && a < (int) (sizeof argv / sizeof argv[0]) - 1; i++) argv[a++] = o.cmd[i];
    argv[a] = NULL;

    if (o.tty) {
        console_listen = make_listener(o.console);
        runc_pid = spawn(argv, -1, -1, -1);
    } else {
        int po[2], pe[2], pi[2] = {-1, -1};
        if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) die("pipe: %s", strerror(errno));
        if (o.mode == MODE_EXEC && pipe2(pi, O_CLOEXEC) < 0) die("pipe: %s", strerror(errno));
        /* A foreground `runc run` also holds (and never reads) the read ends of its stdout and stderr: were this
           monitor killed, its writes then wait in the pipe instead of failing with EPIPE, which runc would turn
           into a SIGPIPE for the workload; so the container runs on until the engine notices the monitor is gone
           and ends it with that reason. (runc marks inherited descriptors close-on-exec before the workload.) */
        int keep[2] = {-1, -1};
        if (o.mode == MODE_RUN) keep[0] = po[0], keep[1] = pe[0];
        runc_pid = spawn_keeping(argv, pi[0], po[1], pe[1], keep);
        close(po[1]);
        close(pe[1]);
        out_fd = po[0];
        err_fd = pe[0];
        set_nonblock(out_fd);
        set_nonblock(err_fd);
        if (pi[0] >= 0) {
            close(pi[0]);
            in_fd = pi[1];
            set_nonblock(in_fd);
        }
    }
    if (runc_pid < 0) die("fork: %s", strerror(errno));
    phase = PH_STARTING;
}

/* The exec'd process's console went away: the process gets SIGHUP, as when a terminal closes (unless disowned). */
static void hang_up(void) {
    if (hung_up) return;
    hung_up = 1;
    in_eof = 1;
    inqlen = 0;
    if (!o.tty) close_fd(&in_fd);
    if (work_pid > 0 && !work_done) kill(work_pid, SIGHUP);
    if (o.tty) close_fd(&master); /* the hangup reaches the terminal's session too */
}

/* Reads a workload output fd; returns 0 at its end (EOF, or EIO once a terminal's last holder closed it). */
static int pump(int fd, struct logbuf *lb, char type) {
    char buf[65536];
    ssize_t r = read(fd, buf, sizeof buf);
    if (r < 0) return errno == EINTR || errno == EAGAIN ? 1 : 0;
    if (r == 0) return 0;
    if (o.mode == MODE_RUN) log_data(lb, buf, (size_t) r);
    output(type, buf, (size_t) r);
    return 1;
}

static void flush_clients_before_exit(void) {
    long long deadline = now_ms() + FLUSH_MS;
    for (;;) {
        struct pollfd pf[MAX_CLIENTS];
        int n = 0;
        for (int i = 0; i < nclients; i++) {
            if (clients[i].fd >= 0 && clients[i].outlen > 0) pf[n++] = (struct pollfd){clients[i].fd, POLLOUT, 0};
        }
        long long left = deadline - now_ms();
        if (n == 0 || left <= 0) break;
        poll(pf, (nfds_t) n, (int) left);
        for (int i = 0; i < nclients; i++) client_flush(&clients[i]);
    }
    /* Half-close and read until the console closes its end too: closing a unix socket with unread data in it
       resets the connection, and the console could lose the last frames. */
    struct pollfd pf[MAX_CLIENTS];
    int n = 0;
    for (int i = 0; i < nclients; i++) {
        if (clients[i].fd >= 0) {
            shutdown(clients[i].fd, SHUT_WR);
            pf[n++] = (struct pollfd){clients[i].fd, POLLIN, 0};
        }
    }
    long long until = now_ms() + 500;
    while (n > 0 && now_ms() < until) {
        if (poll(pf, (nfds_t) n, (int) (until - now_ms())) <= 0) break;
        for (int i = 0; i < n; i++) {
            char junk[4096];
            if (pf[i].revents && read(pf[i].fd, junk, sizeof junk) <= 0) pf[i--] = pf[--n];
        }
    }
    while (nclients > 0) {
        if (clients[0].fd < 0) clients[0].fd = -clients[0].fd - 1;
        drop_client(0);
    }
}

static void cleanup_files(void) {
    if (o.socket) unlink(o.socket);
    if (o.console) unlink(o.console);
    if (o.mode == MODE_EXEC) {
        unlink(o.pid_file);
        unlink(o.runc_log);
    }
}

/* The workload (or the start) is over: record it, tell the consoles, leave. */
static void finish(int code, const char *reason, const char *failure) {
    log_finish(&log_out);
    log_finish(&log_err);
    /* Sockets go first: once the exit file is there the engine may start the container again, and its new
       monitor binds the same paths. Connected consoles keep their connections. */
    cleanup_files();
    if (o.mode == MODE_RUN) {
        if (o.tty && runc_state_left()) runc_delete(); /* a detached runc leaves its state for us to delete */
        char text[512];
        snprintf(text, sizeof text, "%d\n%s\n", code, reason ? reason : "");
        write_file_atomic(o.exit_file, text);
    }
    if (failure) {
        broadcast(F_FAILED, failure, strlen(failure));
    } else {
        char text[16];
        int n = snprintf(text, sizeof text, "%d", code);
        broadcast(F_EXIT, text, (size_t) n);
    }
    flush_clients_before_exit();
    exit(0);
}

/* runc itself has ended: for a foreground run that is the end; for a detached one the start's verdict. */
static void on_runc_done(void) {
    int killed = WIFSIGNALED(runc_status);
    int code = code_of(runc_status);
    if (o.mode == MODE_RUN && !o.tty) {
        if (runc_state_left()) {
            /* `runc run` deletes its state when the workload ends; state left behind means runc itself was
               killed, and the workload would run on unwatched: it is killed too, and the record says why. */
            runc_delete();
            phase = PH_DRAIN;
            work_status = 137;
            work_done = -1;
            return;
        }
        phase = PH_DRAIN;
        work_status = code;
        work_done = -2;
        return;
    }
    if (code == 0 && !killed) {
        pid_t pid = read_pid_file();
        if (pid > 0) {
            set_work_pid(pid);
            phase = PH_RUNNING;
            if (o.mode == MODE_EXEC) {
                char text[16];
                int n = snprintf(text, sizeof text, "%d", (int) pid);
                broadcast(F_STARTED, text, (size_t) n);
                if (hung_up && !work_done) kill(pid, SIGHUP); /* its console went away while it started */
            }
            return;
        }
    }
    if (o.mode == MODE_RUN) {
        /* The start failed, or runc was killed half-way: nothing of it may run on. (An exec's runc has no state
           of its own: the state there is the container's, which a failed exec leaves alone.) */
        if (runc_state_left()) runc_delete();
        finish(killed ? 137 : code, killed ? RUNC_KILLED : NULL, NULL);
    }
    char msg[2048];
    if (killed) {
        snprintf(msg, sizeof msg, "runc was killed while starting the process");
    } else {
        last_runc_error(msg, sizeof msg);
    }
    finish(code, NULL, msg);
}

static void usage(void) {
    die("usage: isoscope-shim container|exec --runc R --root D --runc-log F --pid-file P [--bundle B --exit-file E "
        "--monitor-pid M --log L] [--tty --console C] [--socket S] [--] ID [CMD...]");
}

static void parse(int argc, char **argv) {
    if (argc < 2) usage();
    if (!strcmp(argv[1], "container")) o.mode = MODE_RUN;
    else if (!strcmp(argv[1], "exec")) o.mode = MODE_EXEC;
    else usage();
    int i = 2;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (!strcmp(a, "--tty")) {
            o.tty = 1;
            continue;
        }
        if (i + 1 >= argc) usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--runc")) o.runc = v;
        else if (!strcmp(a, "--root")) o.root = v;
        else if (!strcmp(a, "--runc-log")) o.runc_log = v;
        else if (!strcmp(a, "--bundle")) o.bundle = v;
        else if (!strcmp(a, "--pid-file")) o.pid_file = v;
        else if (!strcmp(a, "--exit-file")) o.exit_file = v;
        else if (!strcmp(a, "--monitor-pid")) o.monitor_pid = v;
        else if (!strcmp(a, "--log")) o.log = v;
        else if (!strcmp(a, "--socket")) o.socket = v;
        else if (!strcmp(a, "--console")) o.console = v;
        else die("unknown option %s", a);
    }
    if (i >= argc) usage();
    o.id = argv[i++];
    o.cmd = argv + i;
    o.ncmd = argc - i;
    if (!o.runc || !o.root || !o.runc_log || !o.pid_file) usage();
    if (o.mode == MODE_RUN && (!o.bundle || !o.exit_file || !o.monitor_pid || !o.log || o.ncmd != 0)) usage();
    if (o.mode == MODE_EXEC && (!o.socket || o.ncmd == 0)) usage();
    if (o.tty && (!o.console || !o.socket)) usage();
    snprintf(runc_state, sizeof runc_state, "%s/%s", o.root, o.id);
}

int main(int argc, char **argv) {
    parse(argc, argv);
    become_session_leader();
    umask(077);
    signal(SIGHUP, SIG_IGN);  /* the engine's terminal closing is no reason to end */
    signal(SIGPIPE, SIG_IGN); /* a console that went away is noticed by EPIPE instead */
    if (o.monitor_pid) {
        char text[32];
        snprintf(text, sizeof text, "%d\n", (int) getpid());
        write_file_atomic(o.monitor_pid, text);
    }
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGCHLD);
    sigprocmask(SIG_BLOCK, &blocked, NULL);
    sfd = signalfd(-1, &blocked, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0) die("signalfd: %s", strerror(errno));
    if (o.tty || o.mode == MODE_EXEC) {
        /* runc -d exits once the process runs; as the subreaper we inherit the process and learn how it ends. */
        prctl(PR_SET_CHILD_SUBREAPER, 1);
    }
    if (o.mode == MODE_RUN) {
        log_fd = open(o.log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (log_fd < 0) die("cannot open the log %s: %s", o.log, strerror(errno));
    }
    if (o.socket) listen_fd = make_listener(o.socket);
    if (o.mode == MODE_EXEC) {
        /* The engine waits for this line before it connects; then nobody reads our stdout any more. */
        write_all(1, "ready\n", 6);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        close(null);
        phase = PH_WAIT_CLIENT;
    } else {
        start_runc();
    }

    long long phase_deadline = o.mode == MODE_EXEC ? now_ms() + EXEC_CLIENT_WAIT_MS : 0;
    for (;;) {
        struct pollfd pf[16 + MAX_CLIENTS];
        int n = 0;
        int i_sfd = n;
        pf[n++] = (struct pollfd){sfd, POLLIN, 0};
        int reading = phase == PH_RUNNING || phase == PH_DRAIN || (o.mode == MODE_RUN && phase == PH_STARTING);
        int i_out = -1, i_err = -1, i_master = -1, i_in = -1, i_listen = -1, i_cl = -1, i_cc = -1;
        if (reading && out_fd >= 0) i_out = n, pf[n++] = (struct pollfd){out_fd, POLLIN, 0};
        if (reading && err_fd >= 0) i_err = n, pf[n++] = (struct pollfd){err_fd, POLLIN, 0};
        if (reading && master >= 0) {
            i_master = n;
            pf[n++] = (struct pollfd){master, (short) (POLLIN | (inqlen > 0 ? POLLOUT : 0)), 0};
        }
        if (!o.tty && in_fd >= 0 && inqlen > 0) i_in = n, pf[n++] = (struct pollfd){in_fd, POLLOUT, 0};
        if (listen_fd >= 0 && phase != PH_DONE) i_listen = n, pf[n++] = (struct pollfd){listen_fd, POLLIN, 0};
        if (console_listen >= 0) i_cl = n, pf[n++] = (struct pollfd){console_listen, POLLIN, 0};
        if (console_conn >= 0) i_cc = n, pf[n++] = (struct pollfd){console_conn, POLLIN, 0};
        int first_client = n;
        for (int i = 0; i < nclients; i++) {
            pf[n++] = (struct pollfd){clients[i].fd, (short) (POLLIN | (clients[i].outlen ? POLLOUT : 0)), 0};
        }
        int timeout = -1;
        if (phase_deadline) {
            long long left = phase_deadline - now_ms();
            timeout = left < 0 ? 0 : (int) left;
        }
        int r = poll(pf, (nfds_t) n, timeout);
        if (r < 0 && errno != EINTR) die("poll: %s", strerror(errno));

        if (r > 0 && pf[i_sfd].revents) reap();
        if (i_out >= 0 && pf[i_out].revents && !pump(out_fd, &log_out, F_STDOUT)) close_fd(&out_fd);
        if (i_err >= 0 && pf[i_err].revents && !pump(err_fd, &log_err, F_STDERR)) close_fd(&err_fd);
        if (i_master >= 0 && pf[i_master].revents) {
            if ((pf[i_master].revents & POLLOUT) && inqlen > 0) flush_input();
            if ((pf[i_master].revents & (POLLIN | POLLHUP | POLLERR)) && master >= 0
                && !pump(master, &log_out, F_STDOUT)) {
                close_fd(&master);
            }
        }
        if (i_in >= 0 && pf[i_in].revents) flush_input();
        if (i_cl >= 0 && pf[i_cl].revents) {
            int fd = accept4(console_listen, NULL, NULL, SOCK_CLOEXEC);
            if (fd >= 0) {
                close_fd(&console_conn);
                console_conn = fd;
            }
        }
        if (i_cc >= 0 && pf[i_cc].revents) {
            int fd = receive_master(console_conn);
            close_fd(&console_conn);
            if (fd >= 0) {
                master = fd;
                set_nonblock(master);
                close_fd(&console_listen);
                unlink(o.console);
                apply_winsize();
                flush_input();
                if (hung_up) close_fd(&master);
            }
        }
        /* Consoles: read their frames, send what is queued, drop those that went away. */
        for (int k = first_client, i = 0; k < n; k++, i++) {
            if (i >= nclients) break;
            if (pf[k].revents & POLLOUT) client_flush(&clients[i]);
            if ((pf[k].revents & (POLLIN | POLLHUP | POLLERR)) && clients[i].fd >= 0 && client_read(&clients[i]) < 0) {
                clients[i].fd = -clients[i].fd - 1;
            }
        }
        for (int i = nclients - 1; i >= 0; i--) {
            if (clients[i].fd < 0) {
                int disowned = clients[i].disowned;
                clients[i].fd = -clients[i].fd - 1;
                drop_client(i);
                if (o.mode == MODE_EXEC && !disowned) {
                    hang_up();
                } else if (o.mode == MODE_EXEC) {
                    in_eof = 1; /* docker exec -d: the process runs on without stdin */
                    flush_input();
                }
            }
        }
        if (i_listen >= 0 && pf[i_listen].revents) {
            accept_client();
            if (o.mode == MODE_EXEC && phase == PH_WAIT_CLIENT && nclients > 0) {
                phase_deadline = 0;
                start_runc();
            }
        }

        /* What happened to the children. */
        if (phase == PH_WAIT_CLIENT && phase_deadline && now_ms() >= phase_deadline) {
            cleanup_files();
            return 0;
        }
        if (phase == PH_STARTING && runc_done) on_runc_done();
        if (phase == PH_RUNNING && work_done) {
            phase = PH_DRAIN;
            phase_deadline = now_ms() + DRAIN_MS;
        }
        if (phase == PH_DRAIN && !phase_deadline) phase_deadline = now_ms() + DRAIN_MS;
        if (phase == PH_DRAIN) {
            int drained = out_fd < 0 && err_fd < 0 && master < 0;
            if (drained || now_ms() >= phase_deadline) {
                int code;
                const char *reason = NULL;
                if (work_done == -1) {
                    code = 137;
                    reason = RUNC_KILLED;
                } else if (work_done == -2) {
                    code = work_status;
                } else {
                    code = code_of(work_status);
                }
                phase = PH_DONE;
                finish(code, reason, NULL);
            }
        }
    }
}
