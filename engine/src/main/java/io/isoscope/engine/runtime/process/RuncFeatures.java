package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a runc binary says it supports ({@code runc features}, runc 1.1 and later). Immutable, thread-safe.
 *
 * @param seccomp whether it was built with seccomp support; assumed when runc cannot say (older than 1.1)
 */
public record RuncFeatures(boolean seccomp) {

    /** Asks {@code runc features}; a runc that does not know the command is taken to have seccomp, as Debian's has. */
    public static RuncFeatures ask(Path runc, ObjectMapper json) {
        try {
            Process p = new ProcessBuilder(runc.toString(), "features")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return new RuncFeatures(true);
            }
            return parse(json.readTree(out));
        } catch (IOException e) {
            return new RuncFeatures(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RuncFeatures(true);
        }
    }

    /** From the JSON {@code runc features} prints. */
    static RuncFeatures parse(JsonNode features) {
        JsonNode enabled = features == null ? null : features.path("linux").path("seccomp").get("enabled");
        return new RuncFeatures(enabled == null || !enabled.isBoolean() || enabled.booleanValue());
    }
}
