/*
 * isoscope-agent: the console line (/dev/ttyS3, QEMU's console.sock) and the sessions it carries: attached to the
 * workload's terminal, or processes exec'd into the guest on a terminal of their own or on pipes (PROTOCOL.md,
 * "The console line"). One host holds the line at a time; a HELLO or a lapsed lease ends the previous host's
 * sessions, as a terminal that closes would.
 */
#include "agent.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_SESSIONS 16
/* Typed input a program does not read is kept up to this much per session; more is dropped. */
#define INPUT_LIMIT (64u << 10)
/* A host that sent nothing for this long is gone (it PINGs every second): its sessions end. */
#define LEASE_MS 10000
#define CHUNK 4096
#define MAX_ARGS 4096
/* What the workload's terminal showed while no session was attached: its latest bytes go to the next one to attach. */
#define UNSEEN_MAX 16384

struct session {
    unsigned long id;   /* the host's number for it; 0: a free slot */
    int attach;         /* attached to the workload's terminal (else an exec'd process) */
    pid_t pid;
    int tty;
    int master;         /* exec'd on a terminal: its master (shared with the process's end of the session) */
    int master_eof;     /* every slave end is closed: the master only reports hang-ups now */
    int in, out, err;   /* exec'd on pipes: the agent's ends, -1 once closed */
    struct outq inq;    /* input the program has not taken yet */
    int input_ended;    /* the host ended the input: close stdin once inq is written */
};

static struct session sessions[MAX_SESSIONS];

/*
 * The workload's terminal output nobody saw (no session attached), latest UNSEEN_MAX bytes, handed to the next
 * session that attaches: a shell's first prompt printed before `run -it` attached is not lost (as isoscope-shim).
 */
static char unseen[UNSEEN_MAX];
static size_t unseen_len;

/* What each pollfd console_pollfds added is for. */
enum role { ROLE_OUT, ROLE_ERR, ROLE_IN };
static struct tag {
    struct session *s;
    enum role role;
    int fd;
} tags[3 * MAX_SESSIONS];

/* ---- replies ------------------------------------------------------------------------------------------------- */

static void reply(int type, unsigned long id, const char *a, const char *b)
{
    struct buf m = { 0 };
    put_num(&m, (long long)id);
    if (a)
        put_str(&m, a);
    if (b)
        put_str(&m, b);
    line_send_buf(&console_line, type, &m);
}

static void failed(unsigned long id, const char *code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void failed(unsigned long id, const char *code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    reply(REP_FAILED, id, code, msg);
}

static void output(struct session *s, enum stream stream, const char *data, size_t n)
{
    char id[24];
    snprintf(id, sizeof id, "%lu", s->id);
    struct buf m = { 0 };
    put_str(&m, id);
    put_str(&m, stream == STREAM_STDERR ? "2" : "1");
    buf_add(&m, data, n);
    if (!m.failed)
        line_send(&console_line, REP_OUTPUT, m.data, m.len);
    buf_free(&m);
}

static void exit_reply(struct session *s, int code)
{
    char c[16];
    snprintf(c, sizeof c, "%d", code);
    reply(REP_EXIT, s->id, c, NULL);
}

/* ---- sessions ------------------------------------------------------------------------------------------------ */

static struct session *find(unsigned long id)
{
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (sessions[i].id == id)
            return &sessions[i];
    return NULL;
}

static int input_fd(const struct session *s)
{
    if (s->attach)
        return workload.tty ? workload.master : -1;
    return s->tty ? s->master : s->in;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static void free_session(struct session *s)
{
    if (!s->attach) {
        close_fd(&s->master);
        close_fd(&s->in);
        close_fd(&s->out);
        close_fd(&s->err);
    }
    buf_free(&s->inq.q);
    memset(s, 0, sizeof *s);
}

/* Detaches: the workload runs on; an exec'd process still running gets SIGHUP, as when its terminal closes. */
static void end_session(struct session *s)
{
    if (!s->attach && s->pid > 0) {
        kill(-s->pid, SIGHUP); /* its process group: it is a session leader */
        kill(s->pid, SIGCONT); /* a stopped process would not see the hang-up */
    }
    free_session(s);
}

void console_reset(const char *why)
{
    int ended = 0;
    for (int i = 0; i < MAX_SESSIONS; i++) {
        if (sessions[i].id) {
            /* Told, in case the host is still there after all (a frozen engine): its session is over. */
            reply(REP_DETACHED, sessions[i].id, NULL, NULL);
            end_session(&sessions[i]);
            ended++;
        }
    }
    if (ended)
        logmsg("console: %s: %d session(s) ended", why, ended);
}

int console_attached(void)
{
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (sessions[i].id && sessions[i].attach)
            return 1;
    return 0;
}

/* Reads what the exec'd process printed on one of its outputs; returns 0 at its end, -1 if nothing was there. */
static int read_output(struct session *s, enum role role)
{
    int *fd = role == ROLE_ERR ? &s->err : s->tty ? &s->master : &s->out;
    char data[CHUNK];
    ssize_t r = read(*fd, data, sizeof data);
    if (r > 0) {
        output(s, role == ROLE_ERR ? STREAM_STDERR : STREAM_STDOUT, data, (size_t)r);
        return 1;
    }
    if (r < 0 && (errno == EAGAIN || errno == EINTR))
        return -1;
    if (s->tty)
        s->master_eof = 1; /* EIO: the last slave closed; the master stays for the process's session */
    else
        close_fd(fd);
    return 0;
}

static void write_input(struct session *s)
{
    int fd = input_fd(s);
    if (fd < 0) {
        buf_free(&s->inq.q);
        s->inq.off = 0;
        return;
    }
    if (outq_flush(&s->inq, fd) < 0 && !s->attach && !s->tty)
        close_fd(&s->in); /* EPIPE: the process closed its stdin */
    if (s->input_ended && outq_len(&s->inq) == 0 && !s->attach && !s->tty)
        close_fd(&s->in);
}

/* The exec'd process ended: what it printed before goes out, then its exit code, and the session ends. */
static void finish_exec(struct session *s, int code)
{
    s->pid = 0; /* reaped: nothing left to signal */
    if (s->tty) {
        while (!s->master_eof && read_output(s, ROLE_OUT) > 0)
            ;
    } else {
        while (s->out >= 0 && read_output(s, ROLE_OUT) > 0)
            ;
        while (s->err >= 0 && read_output(s, ROLE_ERR) > 0)
            ;
    }
    exit_reply(s, code);
    free_session(s);
}

int console_reaped(pid_t pid, int status)
{
    for (int i = 0; i < MAX_SESSIONS; i++) {
        struct session *s = &sessions[i];
        if (s->id && !s->attach && s->pid == pid) {
            finish_exec(s, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
            return 1;
        }
    }
    return 0;
}

/* Keeps the latest UNSEEN_MAX bytes of what nobody saw. */
static void keep_unseen(const char *data, size_t n)
{
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

void console_workload_output(const char *data, size_t n)
{
    int seen = 0;
    for (int i = 0; i < MAX_SESSIONS; i++) {
        if (sessions[i].id && sessions[i].attach) {
            output(&sessions[i], STREAM_STDOUT, data, n);
            seen = 1;
        }
    }
    if (!seen)
        keep_unseen(data, n);
}

void console_workload_exited(int code)
{
    for (int i = 0; i < MAX_SESSIONS; i++) {
        if (sessions[i].id && sessions[i].attach) {
            exit_reply(&sessions[i], code);
            free_session(&sessions[i]);
        }
    }
}

/* ---- requests ------------------------------------------------------------------------------------------------ */

/* The session id a request names: a new one must be unused, an existing one known. Replies FAILED if not. */
static int session_id(const char *text, unsigned long *id)
{
    if (parse_num(text, 0x7FFFFFFF, id) < 0 || *id == 0) {
        line_send_error(&console_line, "\"%s\" is not a session number (1 to 2147483647)", text);
        return -1;
    }
    return 0;
}

static struct session *new_session(unsigned long id)
{
    if (find(id)) {
        failed(id, "invalid", "session %lu is already open", id);
        return NULL;
    }
    if (workload.state != RUNNING) {
        failed(id, "not-running", "the container's workload is %s", workload.state == CREATED ? "not started yet"
                                                                                              : "no longer running");
        return NULL;
    }
    struct session *s = find(0);
    if (!s) {
        failed(id, "busy", "at most %d sessions at once: close one first", MAX_SESSIONS);
        return NULL;
    }
    s->id = id;
    s->master = s->in = s->out = s->err = -1;
    return s;
}

/* ATTACH: session */
static void do_attach(char **s, size_t n)
{
    unsigned long id;
    if (n != 1) {
        line_send_error(&console_line, "ATTACH wants a session number");
        return;
    }
    if (session_id(s[0], &id) < 0)
        return;
    if (workload.state == RUNNING && !workload.tty) {
        failed(id, "no-terminal", "the container has no terminal: it was not run with a TTY (-t)");
        return;
    }
    struct session *sn = new_session(id);
    if (!sn)
        return;
    sn->attach = 1;
    sn->tty = 1;
    sn->pid = workload.pid;
    char pid[24];
    snprintf(pid, sizeof pid, "%d", (int)workload.pid);
    reply(REP_OPENED, id, pid, NULL);
    if (unseen_len > 0) {
        /* After OPENED, as any output: a host of protocol version 2 takes it like what the terminal prints next. */
        output(sn, STREAM_STDOUT, unseen, unseen_len);
        unseen_len = 0;
    }
}

/* The workload's environment, plus TERM=xterm for a terminal that has none (as docker exec -t does). */
static char **exec_env(int tty)
{
    size_t n = 0, term = 0;
    for (char **e = workload.env; e && *e; e++, n++)
        term |= strncmp(*e, "TERM=", 5) == 0;
    char **env = calloc(n + 2, sizeof *env);
    if (!env)
        return NULL;
    memcpy(env, workload.env, n * sizeof *env);
    if (tty && !term)
        env[n] = "TERM=xterm";
    return env;
}

/* EXEC: session, tty (0|1), argc, arg... */
static void do_exec(char **s, size_t n)
{
    unsigned long id, tty, argc;
    if (n < 4 || parse_num(s[1], 1, &tty) < 0 || parse_num(s[2], MAX_ARGS, &argc) < 0 || argc < 1
        || 3 + argc != n) {
        line_send_error(&console_line, "EXEC wants a session number, tty (0 or 1), argc >= 1 and the args");
        return;
    }
    if (session_id(s[0], &id) < 0)
        return;
    if (!*s[3]) {
        failed(id, "invalid", "no program named");
        return;
    }
    struct session *sn = new_session(id);
    if (!sn)
        return;
    char **argv = calloc(argc + 1, sizeof *argv), **env = exec_env((int)tty);
    if (!argv || !env) {
        free(argv), free(env);
        free_session(sn);
        failed(id, "failed", "out of memory");
        return;
    }
    memcpy(argv, s + 3, argc * sizeof *argv);
    struct spawned sp;
    int r = spawn(argv, env, workload.cwd, (int)tty, 1, 1, &sp);
    int err = errno;
    free(argv), free(env);
    if (r < 0 || sp.exec_errno) {
        free_session(sn);
        char why[512];
        if (r < 0)
            snprintf(why, sizeof why, "cannot start \"%s\": %s", s[3], strerror(err));
        else
            exec_failure(s[3], sp.exec_errno, why, sizeof why);
        failed(id, r == 0 && (sp.exec_errno == ENOENT || sp.exec_errno == ENOTDIR) ? "not-found"
                   : r == 0 && sp.exec_errno == EACCES                          ? "not-permitted"
                                                                                : "failed", "%s", why);
        return;
    }
    sn->tty = (int)tty;
    sn->pid = sp.pid;
    sn->master = sp.master;
    sn->in = sp.in;
    sn->out = sp.out;
    sn->err = sp.err;
    logmsg("exec'd %s (PID %d) in session %lu", s[3], (int)sp.pid, id);
    char pid[24];
    snprintf(pid, sizeof pid, "%d", (int)sp.pid);
    reply(REP_OPENED, id, pid, NULL);
}

/* INPUT: session, "0", bytes (none: the input ended) */
static void do_input(char *payload, size_t len)
{
    unsigned long id;
    size_t head = strlen(payload) + 1;
    const char *stream = payload + head;
    head += strlen(stream) + 1;
    if (parse_num(payload, 0x7FFFFFFF, &id) < 0 || strcmp(stream, "0") != 0) {
        line_send_error(&console_line, "INPUT wants a session number and stream 0");
        return;
    }
    struct session *s = find(id);
    if (!s || id == 0)
        return; /* ended meanwhile: its input has nowhere to go */
    if (head == len) {
        s->input_ended = 1;
    } else if (outq_len(&s->inq) + (len - head) > INPUT_LIMIT) {
        logmsg("console: session %lu does not read its input; %zu bytes dropped", id, len - head);
    } else {
        buf_add(&s->inq.q, payload + head, len - head);
    }
    write_input(s);
}

/* RESIZE: session, columns, rows */
static void do_resize(char **s, size_t n)
{
    unsigned long id, cols, rows;
    if (n != 3 || parse_num(s[0], 0x7FFFFFFF, &id) < 0 || parse_num(s[1], 65535, &cols) < 0 || cols == 0
        || parse_num(s[2], 65535, &rows) < 0 || rows == 0) {
        line_send_error(&console_line, "RESIZE wants a session number, columns and rows (1 to 65535)");
        return;
    }
    struct session *sn = id ? find(id) : NULL;
    if (!sn || !sn->tty)
        return; /* ended meanwhile, or pipes: no size to tell */
    int master = sn->attach ? workload.master : sn->master;
    if (master >= 0 && set_window(master, (unsigned)cols, (unsigned)rows) < 0)
        logmsg("console: resizing session %lu: %s", id, strerror(errno));
}

/* DETACH: session */
static void do_detach(char **s, size_t n)
{
    unsigned long id;
    if (n != 1 || parse_num(s[0], 0x7FFFFFFF, &id) < 0) {
        line_send_error(&console_line, "DETACH wants a session number");
        return;
    }
    struct session *sn = id ? find(id) : NULL;
    if (sn)
        end_session(sn);
    reply(REP_DETACHED, id, NULL, NULL); /* also for one that had ended: detaching is idempotent */
}

void console_handle(struct line *l, int type, char *payload, size_t len)
{
    if (type == REQ_INPUT) {
        do_input(payload, len);
        return;
    }
    char *s[MAX_ARGS + 4];
    size_t n = split_strings(payload, len, s, sizeof s / sizeof *s);
    switch (type) {
    case REQ_HELLO:
        console_reset("a new host connected");
        do_hello(l, s, n);
        break;
    case REQ_ATTACH: do_attach(s, n); break;
    case REQ_EXEC: do_exec(s, n); break;
    case REQ_RESIZE: do_resize(s, n); break;
    case REQ_DETACH: do_detach(s, n); break;
    case REQ_PING: break;
    case REQ_START: case REQ_PS: case REQ_SIGNAL: case REQ_STATUS: case REQ_POWEROFF:
        line_send_error(l, "request type 0x%02x belongs on the control line (ttyS1), not the console line", type);
        break;
    default: line_send_error(l, "unknown request type 0x%02x", type); break;
    }
}

/* ---- the loop's part ----------------------------------------------------------------------------------------- */

static size_t add(struct pollfd *fds, size_t n, size_t max, struct session *s, enum role role, int fd, short events)
{
    if (n >= max || fd < 0)
        return n;
    fds[n] = (struct pollfd){ fd, events, 0 };
    tags[n] = (struct tag){ s, role, fd };
    return n + 1;
}

size_t console_pollfds(struct pollfd *fds, size_t max)
{
    size_t n = 0;
    if (max > sizeof tags / sizeof *tags)
        max = sizeof tags / sizeof *tags;
    /* Output is read only while the line keeps up: a program printing faster waits, as on a slow terminal. */
    int room = outq_len(&console_line.tx) < LINE_SOFT_LIMIT;
    for (int i = 0; i < MAX_SESSIONS; i++) {
        struct session *s = &sessions[i];
        if (!s->id)
            continue;
        if (!s->attach && room) {
            if (s->tty && !s->master_eof)
                n = add(fds, n, max, s, ROLE_OUT, s->master, POLLIN);
            n = add(fds, n, max, s, ROLE_OUT, s->out, POLLIN);
            n = add(fds, n, max, s, ROLE_ERR, s->err, POLLIN);
        }
        if (outq_len(&s->inq) > 0)
            n = add(fds, n, max, s, ROLE_IN, input_fd(s), POLLOUT);
    }
    return n;
}

void console_serve(struct pollfd *fds, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct session *s = tags[i].s;
        if (!fds[i].revents || !s->id)
            continue; /* nothing happened, or an earlier descriptor's event ended the session */
        if (tags[i].role == ROLE_IN) {
            if (input_fd(s) == tags[i].fd)
                write_input(s);
            continue;
        }
        int fd = tags[i].role == ROLE_ERR ? s->err : s->tty ? s->master : s->out;
        if (fd == tags[i].fd)
            read_output(s, tags[i].role);
    }
}

int console_lease_timeout(void)
{
    for (int i = 0; i < MAX_SESSIONS; i++) {
        if (sessions[i].id) {
            long long left = console_line.last_frame_ms + LEASE_MS - now_ms();
            return left > 0 ? (int)left : 0;
        }
    }
    return -1;
}

void console_check_lease(void)
{
    if (console_lease_timeout() == 0)
        console_reset("the host sent nothing for 10 s");
}
