package io.isoscope.engine.runtime.vm.agent;

/**
 * One process of a VM container's guest, as its agent lists it. Immutable, thread-safe.
 *
 * @param pid         PID inside the guest
 * @param ppid        parent PID inside the guest (0 for the guest's init)
 * @param uid         real user id inside the guest
 * @param user        user name inside the guest, or the uid as text where the guest has no name for it
 * @param name        short name (comm)
 * @param cpuSeconds  user + system CPU time
 * @param rssBytes    resident set size
 * @param commandLine full command line, arguments separated by spaces
 */
public record GuestProcess(long pid, long ppid, long uid, String user, String name, double cpuSeconds,
                           long rssBytes, String commandLine) {
}
