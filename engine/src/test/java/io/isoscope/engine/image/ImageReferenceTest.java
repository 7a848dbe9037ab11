package io.isoscope.engine.image;

import io.isoscope.engine.api.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
            "busybox, busybox:latest",
            "busybox:latest, busybox:latest",
            "library/busybox, busybox:latest",
            "docker.io/library/busybox:latest, busybox:latest",
            "docker.io/busybox, busybox:latest",
            "index.docker.io/library/busybox:1.36, busybox:1.36",
            "busybox:1.36.1-musl, busybox:1.36.1-musl",
            "library/busybox:Stable_1, busybox:Stable_1",
            "someone/tool, someone/tool:latest",
            "docker.io/someone/tool:v2, someone/tool:v2",
            "library/a/b, library/a/b:latest",
            "quay.io/org/app, quay.io/org/app:latest",
            "localhost/app, localhost/app:latest",
            "localhost:5000/a_b/c.d-e:tag, localhost:5000/a_b/c.d-e:tag",
            "my-registry.example:443/x/y__z, my-registry.example:443/x/y__z:latest",
    })
    void normalisesLikeDocker(String input, String expected) {
        assertThat(ImageStore.normalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox@", "busybox:latest@"})
    void keepsADigestAndAddsNoTagBesideIt(String prefix) {
        String expected = prefix.startsWith("busybox:") ? "busybox:latest@" + DIGEST : "busybox@" + DIGEST;
        assertThat(ImageStore.normalize("docker.io/library/" + prefix + DIGEST)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Busybox", "library/BusyBox", "busy box", " busybox", "busybox ", "busybox:",
            ":latest", "busybox:-x", "busybox:.x", "busybox:a b", "busy$box", "busybox/", "/busybox", "a//b",
            "-busybox", "busybox-", "busybox.", "a...b", "busybox@sha256:abc", "busybox@md5:" + "ab",
            "quay.io/", "bad_host.io/x", "busybox:" + "t123456789012345678901234567890123456789012345678901234"
            + "5678901234567890123456789012345678901234567890123456789012345678901234567890"})
    void rejectsWhatDockersGrammarRejects(String input) {
        assertThatThrownBy(() -> ImageStore.normalize(input))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.INVALID_SPEC))
                .hasMessageStartingWith("invalid reference format");
    }

    @Test
    void saysWhyUppercaseIsRefused() {
        assertThatThrownBy(() -> ImageStore.normalize("Busybox"))
                .hasMessage("invalid reference format: repository name (Busybox) must be lowercase");
    }

    @Test
    void rejectsNullAndImageIdsAsNames() {
        assertThatThrownBy(() -> ImageStore.normalize(null)).isInstanceOf(EngineException.class);
        assertThatThrownBy(() -> ImageStore.normalize("ab".repeat(32)))
                .hasMessageContaining("cannot specify 64-byte hexadecimal strings");
    }

    @Test
    void rejectsOverlongNames() {
        assertThatThrownBy(() -> ImageStore.normalize("a".repeat(256)))
                .hasMessageContaining("not be more than 255 characters");
    }
}
