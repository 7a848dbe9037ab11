package io.isoscope.engine.runtime.vm;

/**
 * The resources of one utility VM. Immutable, thread-safe.
 *
 * @param memoryMiB             guest RAM
 * @param cpus                  vCPUs
 * @param translationCacheMiB   TCG's translated-code cache; QEMU's default (1 GiB) is most of an idle VM's RSS
 */
public record VmSize(int memoryMiB, int cpus, int translationCacheMiB) {

    /** Small defaults: 128 MiB, 1 vCPU, a 32 MiB translation cache. */
    public static VmSize defaults() {
        return new VmSize(128, 1, 32);
    }
}
