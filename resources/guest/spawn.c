/*
 * isoscope-agent: starting the workload and exec'd processes, on a terminal of their own or on pipes.
 */
#include "agent.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

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

/* execvpe with the PATH of the program's own environment; returns only on failure, with errno set. */
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

void exec_failure(const char *program, int err, char *out, size_t size)
{
    if (err == ENOENT && !strchr(program, '/'))
        snprintf(out, size, "\"%s\": executable file not found in $PATH", program);
    else
        snprintf(out, size, "\"%s\": %s", program, strerror(err));
}

int set_window(int master, unsigned cols, unsigned rows)
{
    struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
    return ioctl(master, TIOCSWINSZ, &ws);
}

/* A new terminal: its master (non-blocking) and its slave; the pair is unlocked and 80x24. */
static int open_terminal(int *master, int *slave)
{
    *master = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (*master < 0)
        *master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (*master < 0)
        return -1;
    int unlock = 0;
    /* TIOCGPTPEER opens the slave through the master: no path lookup, no grantpt (which wants NSS for "tty"). */
    if (ioctl(*master, TIOCSPTLCK, &unlock) < 0
        || (*slave = ioctl(*master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
        int err = errno;
        close(*master);
        errno = err;
        return -1;
    }
    set_window(*master, 80, 24);
    return 0;
}

static int make_pipe(int fds[2], int agent_end)
{
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    fcntl(fds[agent_end], F_SETFL, fcntl(fds[agent_end], F_GETFL) | O_NONBLOCK);
    return 0;
}

static void close_all(int *fds, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

/* In the forked child: becomes the program, or reports why not on status (if any) and exits 127 / 126. */
static void __attribute__((noreturn))
run_child(char **argv, char **envp, const char *cwd, int slave, int in, int out, int err, int status)
{
    signal(SIGTERM, SIG_DFL); /* ignored dispositions survive exec: give the program the defaults back */
    signal(SIGINT, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    signal(SIGTTIN, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL); /* a signal sent meanwhile is delivered now */
    setsid();
    if (slave >= 0) {
        ioctl(slave, TIOCSCTTY, 0); /* the terminal becomes the session's: Ctrl-C there is its SIGINT */
        in = out = err = slave;
    }
    int null_fd = open("/dev/null", O_RDWR);
    dup2(in >= 0 ? in : null_fd, STDIN_FILENO);
    dup2(out >= 0 ? out : null_fd, STDOUT_FILENO);
    dup2(err >= 0 ? err : null_fd, STDERR_FILENO);
    if (null_fd > STDERR_FILENO)
        close(null_fd);
    int e = 0;
    if (chdir_creating(cwd) < 0) {
        e = errno;
        logmsg("cannot change to working directory \"%s\": %s", cwd, strerror(e));
    } else {
        exec_searching(argv, envp);
        e = errno;
        char why[512];
        exec_failure(argv[0], e, why, sizeof why);
        logmsg("cannot run %s", why);
    }
    if (status >= 0)
        (void)!write(status, &e, sizeof e);
    _exit(e == ENOENT || e == ENOTDIR ? 127 : 126);
}

int spawn(char **argv, char **envp, const char *cwd, int tty, int want_stdin, int wait_exec, struct spawned *sp)
{
    /* fds: master, slave, stdin pipe, stdout pipe, stderr pipe, status pipe (read, write each) */
    int master = -1, slave = -1, in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 },
        status[2] = { -1, -1 };
    memset(sp, 0, sizeof *sp);
    sp->master = sp->in = sp->out = sp->err = -1;
    if (tty ? open_terminal(&master, &slave) < 0
            : (want_stdin && make_pipe(in, 1) < 0) || make_pipe(out, 0) < 0 || make_pipe(err, 0) < 0)
        goto failed;
    if (wait_exec && pipe2(status, O_CLOEXEC) < 0)
        goto failed;
    /* A signal may reach the child before it has exec'd: while it still ignores SIGTERM like PID 1 that signal
     * would be lost. Blocked signals stay pending on Linux even when ignored, so block all across the fork;
     * the child unblocks once its dispositions are the defaults. */
    sigset_t all, previous;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &previous);
    pid_t pid = fork();
    if (pid == 0)
        run_child(argv, envp, cwd, slave, in[0], out[1], err[1], status[1]);
    sigprocmask(SIG_SETMASK, &previous, NULL);
    if (pid < 0)
        goto failed;
    int child_ends[] = { slave, in[0], out[1], err[1], status[1] };
    close_all(child_ends, 5);
    sp->pid = pid;
    sp->master = master;
    sp->in = in[1];
    sp->out = out[0];
    sp->err = err[0];
    if (wait_exec) {
        /* The status pipe closes on a successful exec; a failed one writes errno first. Blocking, briefly. */
        int e = 0;
        ssize_t r;
        while ((r = read(status[0], &e, sizeof e)) < 0 && errno == EINTR)
            ;
        close(status[0]);
        if (r == (ssize_t)sizeof e && e != 0) {
            sp->exec_errno = e;
            waitpid(pid, NULL, 0);
            int ends[] = { sp->master, sp->in, sp->out, sp->err };
            close_all(ends, 4);
            sp->master = sp->in = sp->out = sp->err = -1;
        }
    }
    return 0;

failed:;
    int e = errno;
    int fds[] = { master, slave, in[0], in[1], out[0], out[1], err[0], err[1], status[0], status[1] };
    close_all(fds, 10);
    errno = e;
    return -1;
}
