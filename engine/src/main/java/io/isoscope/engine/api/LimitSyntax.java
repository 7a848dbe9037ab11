package io.isoscope.engine.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's spellings of the run limits ({@code --memory 256m}, {@code --cpus 2}, {@code --pids-limit 100}), read
 * into a {@link ContainerSpec}'s fields for the CLI and the Run form, and written back for the docker command line.
 * Whether a value fits this host is the engine's verdict, not this class's. Stateless, thread-safe.
 */
public final class LimitSyntax {

    private static final Pattern MEMORY = Pattern.compile("(\\d+) ?([kmgt]?)i?b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");

    private LimitSyntax() {
    }

    /**
     * A memory size as docker reads it (a number with an optional unit k, m, g or t, optionally followed by
     * {@code b} or {@code ib}; bytes when bare) in whole
     * MiB, rounded up so that any size asked for stays non-zero; blank is 0, the default. A size too large for an
     * int is {@link Integer#MAX_VALUE}, which the engine then refuses as more than the host has.
     *
     * @throws IllegalArgumentException saying what a size looks like
     */
    public static int memoryMiB(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return 0;
        }
        Matcher m = MEMORY.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("use a number with an optional unit k, m or g, e.g. 256m or 1g");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
            long mib = (bytes >> 20) + ((bytes & ((1L << 20) - 1)) == 0 ? 0 : 1);
            return (int) Math.min(Integer.MAX_VALUE, mib);
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * A whole number of CPUs; blank is 0, the default.
     *
     * @throws IllegalArgumentException saying what to type
     */
    public static int cpus(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return 0;
        }
        if (!INTEGER.matcher(t).matches()) {
            throw new IllegalArgumentException("use a whole number of CPUs, e.g. 1 or 2");
        }
        return parseInt(t, "use a whole number of CPUs, e.g. 1 or 2");
    }

    /**
     * A pids limit as docker reads it: a number of processes, {@code -1} or {@code 0} for none (both are docker's
     * "unlimited", {@link ContainerSpec#NO_PIDS_LIMIT}); blank is 0 in the spec, the default limit.
     *
     * @throws IllegalArgumentException saying what to type
     */
    public static int pidsLimit(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return 0;
        }
        String hint = "use a whole number of processes, e.g. 100, or -1 for no limit";
        if (!INTEGER.matcher(t).matches()) {
            throw new IllegalArgumentException(hint);
        }
        int n = parseInt(t, hint);
        return n == 0 || n == -1 ? ContainerSpec.NO_PIDS_LIMIT : n;
    }

    /** How {@code docker run} spells a memory size in MiB, e.g. {@code 256m}. */
    public static String memoryText(int mib) {
        return mib + "m";
    }

    private static int parseInt(String t, String hint) {
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(hint, e);
        }
    }
}
