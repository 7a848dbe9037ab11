package io.isoscope.engine.sys;

import com.sun.jna.Native;

/** Checked wrappers over {@link LibC} that turn errno into exceptions with a message. Thread-safe. */
public final class Syscalls {

    /** Signal numbers used by the engine (x86-64/generic Linux). */
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private final LibC libc;

    public Syscalls(LibC libc) {
        this.libc = libc;
    }

    /** Mounts an overlay filesystem at {@code target}. */
    public void mountOverlay(String target, String options) throws java.io.IOException {
        if (libc.mount("overlay", target, "overlay", 0, options) != 0) {
            throw new java.io.IOException("mount overlay on " + target + " failed: " + strerror());
        }
    }

    /** Lazily unmounts {@code target}; returns false if it was not mounted. */
    public boolean unmount(String target) {
        return libc.umount2(target, LibC.MNT_DETACH) == 0;
    }

    /** Sends {@code signal} to {@code pid}; returns false if no such process. */
    public boolean kill(long pid, int signal) {
        return libc.kill((int) pid, signal) == 0;
    }

    /** Whether this process runs as root. */
    public boolean isRoot() {
        return libc.geteuid() == 0;
    }

    private static String strerror() {
        int errno = Native.getLastError();
        switch (errno) {
            case 1: return "EPERM (operation not permitted: root is needed)";
            case 2: return "ENOENT (no such directory)";
            case 16: return "EBUSY (already mounted)";
            case 19: return "ENODEV (the kernel has no overlay filesystem: modprobe overlay)";
            case 22: return "EINVAL (invalid overlay options)";
            default: return "errno " + errno;
        }
    }
}
