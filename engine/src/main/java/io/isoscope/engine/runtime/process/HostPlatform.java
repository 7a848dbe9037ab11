package io.isoscope.engine.runtime.process;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a seccomp profile's conditions are matched against: this host's architecture, in libseccomp's names as
 * Docker's profile spells them ({@code amd64}, {@code arm64}, ...), and its kernel version. Immutable, thread-safe.
 *
 * @param arch   libseccomp's name of the architecture, e.g. {@code amd64}
 * @param kernel the kernel version, e.g. 6
 * @param major  the kernel's major revision, e.g. 1 for 6.1.0-18-amd64
 */
public record HostPlatform(String arch, int kernel, int major) {

    /** Java's {@code os.arch} to libseccomp's name (Docker's goToNative table, from Java's side). */
    private static final Map<String, String> JAVA_TO_NATIVE = Map.of(
            "amd64", "amd64", "x86_64", "amd64", "x86", "x86", "i386", "x86", "i686", "x86",
            "aarch64", "arm64", "arm", "arm", "ppc64le", "ppc64le", "s390x", "s390x", "riscv64", "riscv64");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+).*");

    /** This JVM's host. */
    public static HostPlatform current() {
        return of(System.getProperty("os.arch", ""), System.getProperty("os.version", ""));
    }

    /** From Java's {@code os.arch} and a kernel release such as {@code 6.1.0-18-amd64}. */
    public static HostPlatform of(String javaArch, String kernelRelease) {
        String arch = JAVA_TO_NATIVE.getOrDefault(javaArch.toLowerCase(Locale.ROOT), javaArch.toLowerCase(Locale.ROOT));
        Matcher m = VERSION.matcher(kernelRelease);
        if (!m.matches()) {
            // An unreadable version counts as the oldest: rules for newer kernels are then left out, as Docker
            // would leave them out on an old kernel.
            return new HostPlatform(arch, 0, 0);
        }
        return new HostPlatform(arch, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether this kernel is at least {@code kernel.major}. */
    public boolean kernelAtLeast(int wantedKernel, int wantedMajor) {
        return kernel != wantedKernel ? kernel > wantedKernel : major >= wantedMajor;
    }
}
