package io.isoscope.engine.runtime.vm;

import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.runtime.vm.agent.AgentException;
import io.isoscope.engine.runtime.vm.agent.ConsoleLine;
import io.isoscope.engine.runtime.vm.agent.GuestSession;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The console lines this engine holds, one per VM, shared by all its sessions there (attach and execs) and closed
 * when the last one ends. QEMU serves a VM's console socket to one client at a time, so a line is held under an
 * exclusive lock on {@code console.lock} beside the socket: another process (a CLI call while the GUI has a
 * console open) gets a clear error instead of a connection that never answers. Thread-safe.
 */
final class ConsoleLines {

    private final Duration timeout;
    /** Each VM's line, read and changed only under that VM's gate. */
    private final Map<Path, Held> held = new ConcurrentHashMap<>();
    /**
     * One monitor per VM (per console socket), so that connecting to one VM, which can wait for its agent up to
     * the timeout, holds up neither another VM's sessions nor the ends of its sessions. Kept for the engine's life:
     * one small object per VM whose console this engine opened.
     */
    private final Map<Path, Object> gates = new ConcurrentHashMap<>();

    /** Lines that wait up to {@code timeout} for the agent. */
    ConsoleLines(Duration timeout) {
        this.timeout = timeout;
    }

    /** One VM's line, its lock, and how many sessions (and sessions being opened) use it. */
    private static final class Held {
        final FileChannel lockFile;
        final FileLock lock;
        ConsoleLine line;
        int users;

        Held(FileChannel lockFile, FileLock lock) {
            this.lockFile = lockFile;
            this.lock = lock;
        }
    }

    /**
     * Opens a session on {@code vm}'s line with {@code open} (attach or exec), connecting first if this engine
     * does not hold the line yet. Throws {@link EngineException} CONFLICT when another process holds it; agent
     * failures come out of {@code open} as they are.
     */
    GuestSession open(VmDir vm, String container, Function<ConsoleLine, GuestSession> open) {
        Path key = vm.consoleSocket();
        ConsoleLine line = reserve(vm, container);
        try {
            return open.apply(line);
        } catch (RuntimeException e) {
            release(key);
            throw e;
        }
    }

    /** Called once per session that {@link #open} returned, when it ends. */
    void sessionEnded(VmDir vm) {
        release(vm.consoleSocket());
    }

    private ConsoleLine reserve(VmDir vm, String container) {
        Path key = vm.consoleSocket();
        synchronized (gate(key)) {
            return reserveHeld(vm, container, key);
        }
    }

    private ConsoleLine reserveHeld(VmDir vm, String container, Path key) {
        Held h = held.get(key);
        if (h == null) {
            h = lock(vm, container);
            held.put(key, h);
        }
        try {
            if (h.line == null || !h.line.isOpen()) {
                h.line = ConsoleLine.open(key, timeout); // the sessions of a broken line end on their own
            }
        } catch (AgentException e) {
            if (h.users == 0) {
                unlock(key, h);
            }
            throw new EngineException(EngineException.Kind.RUNTIME_FAILED, "the console of container " + container
                    + " does not answer: " + e.getMessage(), e);
        }
        h.users++;
        return h.line;
    }

    private void release(Path key) {
        synchronized (gate(key)) {
            Held h = held.get(key);
            if (h != null && --h.users <= 0) {
                unlock(key, h);
            }
        }
    }

    private Object gate(Path key) {
        return gates.computeIfAbsent(key, k -> new Object());
    }

    private void unlock(Path key, Held h) {
        held.remove(key);
        if (h.line != null) {
            h.line.close();
        }
        try {
            h.lock.release();
            h.lockFile.close();
        } catch (IOException e) {
            // closing the file releases the lock in any case
        }
    }

    /** Takes the line's lock (created owner-only beside the socket) and writes this process's PID into it. */
    private static Held lock(VmDir vm, String container) {
        Path file = vm.consoleLock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new EngineException(EngineException.Kind.CONFLICT, "the console of container " + container
                        + " is in use by " + holder + ": close the console or exec session there first (a VM's"
                        + " console serves one Isoscope process at a time)");
            }
            channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            return new Held(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing held
                }
            }
            if (!Files.isDirectory(vm.sockets())) {
                throw new EngineException(EngineException.Kind.CONFLICT, "container " + container
                        + " has no running VM", e);
            }
            throw new EngineException(EngineException.Kind.IO, "cannot lock the console of container " + container
                    + " (" + file + "): " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer text = ByteBuffer.allocate(32);
            channel.read(text, 0);
            String pid = new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII).trim();
            if (pid.equals(Long.toString(ProcessHandle.current().pid()))) {
                return "another engine in this process";
            }
            return pid.matches("\\d+") ? "another Isoscope process (PID " + pid + ")" : "another Isoscope process";
        } catch (IOException e) {
            return "another Isoscope process";
        }
    }
}
