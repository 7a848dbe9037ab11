package io.isoscope.engine.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalLong;

/**
 * A shell script standing in for the runc binary: it parses runc's command line as the shim and
 * {@link RuncRuntime#destroy} pass it, records every call, and on {@code run} does what the test scripted.
 * Immutable, thread-safe.
 *
 * @param binary the script
 * @param home   the directory holding the script and what it records
 */
record FakeRunc(Path binary, Path home) {

    /** What {@code run} does, as shell; it sees {@code $log}, {@code $pidfile}, {@code $id} and {@code $home}. */
    static final String FAIL_WITH_BOOM = """
            printf '%s\\n' '{"level":"info","msg":"fake runc: creating","time":"2024-01-01T00:00:00Z"}' >> "$log"
            printf '%s\\n' '{"level":"error","msg":"container_linux.go:380: starting container process caused: boom","time":"2024-01-01T00:00:00Z"}' >> "$log"
            echo "fake runc: said on stderr" >&2
            exit 1
            """;

    /** Runs {@code sleep 30} as the "workload", writes its PID like runc does (atomically) and waits for it. */
    static final String RUN_SLEEP = """
            echo "workload says hello"
            /bin/sleep 30 &
            workload=$!
            echo "$workload" > "$pidfile.tmp" && mv -f "$pidfile.tmp" "$pidfile"
            wait "$workload"
            status=$?
            echo "$status" > "$home/fake.status"
            exit "$status"
            """;

    /** Never writes the pid file and never ends on its own. */
    static final String HANG = """
            exec /bin/sleep 30
            """;

    /** Writes the script into {@code home}; {@code onRun} is what it does on {@code runc run}. */
    static FakeRunc create(Path home, String onRun) throws IOException {
        Path binary = home.resolve("runc");
        String script = """
                #!/bin/sh
                home='%s'
                echo "$*" >> "$home/calls"
                root= log= pidfile= cmd= id=
                while [ $# -gt 0 ]; do
                  case "$1" in
                    --root) root=$2; shift 2 ;;
                    --log) log=$2; shift 2 ;;
                    --pid-file) pidfile=$2; shift 2 ;;
                    --log-format|--bundle) shift 2 ;;
                    --force) shift ;;
                    -*) echo "fake runc: unknown flag $1" >&2; exit 2 ;;
                    *) if [ -z "$cmd" ]; then cmd=$1; else id=$1; fi; shift ;;
                  esac
                done
                case "$cmd" in
                  run)
                    echo "$$" > "$home/fake.pid"
                %s
                    ;;
                  delete) rm -rf "$root/$id"; exit 0 ;;
                  *) echo "fake runc: unexpected command $cmd" >&2; exit 2 ;;
                esac
                """.formatted(home, onRun);
        Files.writeString(binary, script);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        return new FakeRunc(binary, home);
    }

    /** Every command line it was called with, one per call. */
    List<String> calls() throws IOException {
        Path calls = home.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /** The PID of its last {@code run}, once it has started. */
    OptionalLong pid() throws IOException {
        return readLong(home.resolve("fake.pid"));
    }

    /** The exit status its {@code wait} for the workload returned, once it did. */
    OptionalLong workloadStatus() throws IOException {
        return readLong(home.resolve("fake.status"));
    }

    private static OptionalLong readLong(Path file) throws IOException {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        String text = Files.readString(file).trim();
        return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    }
}
