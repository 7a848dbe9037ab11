package io.isoscope.engine.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls Java has no API for (mounts, signals to non-child processes, euid). Thread-safe. */
public interface LibC extends Library {

    /** umount2 flag: detach now, clean up when no longer busy. */
    int MNT_DETACH = 2;

    /** Loads libc through JNA. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }

    int mount(String source, String target, String fstype, long flags, String data);

    int umount2(String target, int flags);

    int kill(int pid, int sig);

    int geteuid();
}
