package io.isoscope.engine.proc;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The units /proc counts in: clock ticks per second (CPU and start times) and the page size (RSS). Immutable.
 * The only class of the package that touches native code.
 *
 * @param clockTicksPerSecond {@code sysconf(_SC_CLK_TCK)}
 * @param pageSize            bytes per page
 */
record KernelConstants(long clockTicksPerSecond, long pageSize) {

    /** What virtually every Linux build uses; the fallback when libc cannot be called. */
    static final KernelConstants LINUX_DEFAULTS = new KernelConstants(100, 4096);

    private static final int SC_CLK_TCK = 2;

    /** Asks libc through JNA, falling back to {@link #LINUX_DEFAULTS} per value that cannot be had. */
    static KernelConstants fromLibc() {
        try {
            CLibrary libc = Native.load("c", CLibrary.class);
            long ticks = libc.sysconf(SC_CLK_TCK).longValue();
            long page = libc.getpagesize();
            return new KernelConstants(ticks > 0 ? ticks : LINUX_DEFAULTS.clockTicksPerSecond,
                    page > 0 ? page : LINUX_DEFAULTS.pageSize);
        } catch (LinkageError noNativeAccess) {
            return LINUX_DEFAULTS;
        }
    }

    /** The two libc calls needed; JNA binds them by name. */
    interface CLibrary extends Library {
        NativeLong sysconf(int name);

        int getpagesize();
    }
}
