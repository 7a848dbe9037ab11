package io.isoscope.engine.image;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** The real busybox image, counting how often its root file system is made. Thread-safe. */
class CountingBusybox implements BuiltinImage {

    private final BusyboxImage real = new BusyboxImage(Path.of("/bin/busybox"));
    private final AtomicInteger builds = new AtomicInteger();

    /** How many times the image was made. */
    int builds() {
        return builds.get();
    }

    @Override
    public String reference() {
        return real.reference();
    }

    @Override
    public String checkHost() {
        return real.checkHost();
    }

    @Override
    public void writeRootfs(Path staging, Path scratch) throws IOException {
        builds.incrementAndGet();
        real.writeRootfs(staging, scratch);
    }

    @Override
    public ImageConfig config() {
        return real.config();
    }

    @Override
    public Instant created() throws IOException {
        return real.created();
    }

    @Override
    public String createdBy() {
        return real.createdBy();
    }
}
