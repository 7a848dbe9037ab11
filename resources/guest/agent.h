/*
 * isoscope-agent: declarations shared by its source files (see agent.c for what the agent is, PROTOCOL.md for
 * what it speaks). Single-threaded throughout: every function runs on the one poll() loop.
 */
#ifndef ISOSCOPE_AGENT_H
#define ISOSCOPE_AGENT_H

#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define AGENT_VERSION "2"
#define PROTOCOL_VERSION 2
/* The version before: its frames are recognised (a host probes with one) and skipped without a word. */
#define PROTOCOL_VERSION_1 1
#define HEADER_LEN 8
#define TRAILER_LEN 4
#define MAX_PAYLOAD (1u << 20)
#define MAX_FRAME (HEADER_LEN + MAX_PAYLOAD + TRAILER_LEN)
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* Frame types (PROTOCOL.md). */
enum request {
    REQ_HELLO = 0x01, REQ_START = 0x02, REQ_PS = 0x03, REQ_SIGNAL = 0x04, REQ_STATUS = 0x05, REQ_POWEROFF = 0x06,
    REQ_ATTACH = 0x10, REQ_EXEC = 0x11, REQ_INPUT = 0x12, REQ_RESIZE = 0x13, REQ_DETACH = 0x14, REQ_PING = 0x15
};
enum reply {
    REP_HELLO = 0x81, REP_STARTED = 0x82, REP_PROCESSES = 0x83, REP_OK = 0x84, REP_STATUS = 0x85,
    REP_OPENED = 0x90, REP_OUTPUT = 0x91, REP_EXIT = 0x92, REP_FAILED = 0x93, REP_DETACHED = 0x94,
    REP_ERROR = 0xFF
};

/* Diagnostics for the kernel console (console.log); in a forked child, stderr is the child's own stderr. */
#define logmsg(fmt, ...) dprintf(2, "isoscope-agent: " fmt "\n", ##__VA_ARGS__)

long long now_ms(void);
void sleep_ms(long ms);
/* Strict decimal: digits only, no sign, at most 10 digits, at most max. */
int parse_num(const char *s, unsigned long max, unsigned long *out);
ssize_t read_text(const char *path, char *out, size_t size);

/* ---- a growable byte buffer ---------------------------------------------------------------------------------- */

struct buf {
    char *data;
    size_t len, cap;
    int failed; /* out of memory: the frame becomes an ERROR, the bytes are dropped */
};

void buf_add(struct buf *b, const void *p, size_t n);
void put_str(struct buf *b, const char *s);
void put_num(struct buf *b, long long v);
void buf_free(struct buf *b);

/* ---- a queue of bytes to write to a non-blocking descriptor -------------------------------------------------- */

struct outq {
    struct buf q;
    size_t off; /* what was already written */
};

size_t outq_len(const struct outq *o);
/* Writes what it can without blocking; returns -1 if the descriptor failed (the queue is then dropped). */
int outq_flush(struct outq *o, int fd);
/* Writes it all, waiting for the descriptor, until deadline (now_ms() clock); then the UART's own queue too. */
void outq_drain(struct outq *o, int fd, long long deadline);

/* ---- a serial line carrying frames (line.c) ------------------------------------------------------------------ */

struct line;
typedef void (*frame_handler)(struct line *l, int type, char *payload, size_t len);

struct line {
    const char *name; /* "control" or "console": said in the HELLO answer */
    const char *path;
    int fd;
    unsigned char *rx;
    size_t rx_head, rx_tail;
    long long last_rx_ms;     /* when bytes last arrived, for dropping a stalled frame */
    long long last_frame_ms;  /* when a whole frame last arrived, for the console's lease */
    struct outq tx;
    frame_handler handle;
};

/* Above this much queued output the agent stops reading what feeds the line (programs block, as on a slow tty). */
#define LINE_SOFT_LIMIT (256u << 10)

/* Opens a serial port raw and non-blocking; -1 (with a diagnostic) if it cannot. */
int port_open(const char *path);
int line_open(struct line *l, const char *name, const char *path, frame_handler handle);
/* Reads what arrived and handles every whole frame in it. */
void line_read(struct line *l);
/* Milliseconds until a partial frame counts as stalled, or -1 if none waits; 0 after dropping a stalled one. */
int line_stall_timeout(struct line *l);
/* Queues one frame; drops it (with a diagnostic) when the queue is already far over its limit. */
void line_send(struct line *l, int type, const void *payload, size_t len);
void line_send_buf(struct line *l, int type, struct buf *b); /* frees b */
void line_send_error(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int line_wants_write(const struct line *l);
void line_flush(struct line *l);
void line_drain(struct line *l, long long deadline);
/* Splits a NUL-terminated payload into its strings; returns how many (s holds at most max). */
size_t split_strings(char *payload, size_t len, char **s, size_t max);

/* ---- the container log: CRI records on ttyS2 (crilog.c) ------------------------------------------------------ */

enum stream { STREAM_STDOUT = 1, STREAM_STDERR = 2 };

void crilog_init(int fd);
/* Logs bytes the workload wrote to stream; tty: its output came through a terminal (\r\n ends a line). */
void crilog_write(enum stream stream, const char *data, size_t n, int tty);
/* Ends unfinished lines as records of their own (the workload has ended). */
void crilog_finish(void);
int crilog_wants_write(void);
int crilog_below_limit(void);
void crilog_flush(void);
void crilog_drain(long long deadline);
int crilog_fd(void);

/* ---- starting processes (spawn.c) ---------------------------------------------------------------------------- */

struct spawned {
    pid_t pid;
    int master;         /* the terminal's master (tty), else -1 */
    int in, out, err;   /* the pipes' agent ends (no tty), else -1; in is -1 when stdin is /dev/null */
    int exec_errno;     /* 0 when the program runs; else why it could not (then pid has been reaped) */
};

/*
 * Starts argv in cwd with envp, in a session of its own: on a new terminal (80x24) when tty, else on pipes
 * (stdin a pipe when want_stdin, else /dev/null). wait_exec: learn whether the exec succeeded (exec_errno).
 */
int spawn(char **argv, char **envp, const char *cwd, int tty, int want_stdin, int wait_exec, struct spawned *out);
int set_window(int master, unsigned cols, unsigned rows);
/* The description of a failed exec as docker words it, e.g. "\"x\": executable file not found in $PATH". */
void exec_failure(const char *program, int err, char *out, size_t size);

/* ---- the workload (agent.c) and the console sessions (console.c) --------------------------------------------- */

enum workload_state { CREATED, RUNNING, EXITED };

struct workload {
    enum workload_state state;
    pid_t pid;
    int exit_code;
    int tty;
    int master;     /* tty: the terminal's master */
    int out, err;   /* no tty: stdout and stderr pipes; -1 once at EOF */
    char **env;     /* what exec'd processes get too */
    char *cwd;
};

extern struct workload workload;
extern struct line control_line, console_line;

/* HELLO on either line: answers with the agent's version and the line's name. */
void do_hello(struct line *l, char **s, size_t n);
void console_handle(struct line *l, int type, char *payload, size_t len);
/* The workload's terminal printed data: goes to every attached session. */
void console_workload_output(const char *data, size_t n);
/* The workload ended: attached sessions get its exit code. */
void console_workload_exited(int code);
int console_attached(void);
/* Adds the sessions' descriptors to fds (at most max); returns how many. */
struct pollfd;
size_t console_pollfds(struct pollfd *fds, size_t max);
/* Serves the ready descriptors among those console_pollfds added. */
void console_serve(struct pollfd *fds, size_t n);
/* A child ended: returns 1 if it was an exec'd process (its session then ends). */
int console_reaped(pid_t pid, int status);
/* Milliseconds until the host's lease on the console ends, or -1 when none runs. */
int console_lease_timeout(void);
void console_check_lease(void);
/* A new host said HELLO on the console line: the previous one is gone. */
void console_reset(const char *why);

/* ---- process listing (ps.c) ---------------------------------------------------------------------------------- */

void do_ps(struct line *l);

#endif
