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
    void saysWhyUppercaseIsRefusedAndWhatToTypeInstead() {
        assertThatThrownBy(() -> ImageStore.normalize("Busybox"))
                .hasMessage("invalid reference format: repository name (Busybox) must be lowercase: use busybox");
        assertThatThrownBy(() -> ImageStore.normalize("library/BusyBox:Stable"))
                .hasMessage("invalid reference format: repository name (library/BusyBox) must be lowercase: use"
                        + " library/busybox:Stable");
    }

    @Test
    void eachMalformedPartIsNamedInTheMessage() {
        assertThatThrownBy(() -> ImageStore.normalize("busy box"))
                .hasMessage("invalid reference format: \"busy box\": a reference is NAME[:TAG][@sha256:DIGEST] where NAME"
                        + " is lowercase letters, digits and the separators . _ - /");
        assertThatThrownBy(() -> ImageStore.normalize("busybox:-x"))
                .hasMessage("invalid reference format: \"busybox:-x\": the tag \"-x\" may hold only letters, digits, _ . -"
                        + " (at most 128, not starting with . or -)");
        assertThatThrownBy(() -> ImageStore.normalize("busybox@sha256:abc"))
                .hasMessage("invalid reference format: \"busybox@sha256:abc\": the digest must be sha256: followed by 64"
                        + " lowercase hex digits");
        assertThatThrownBy(() -> ImageStore.normalize(":latest"))
                .hasMessage("invalid reference format: \":latest\": the image name is empty");
        assertThatThrownBy(() -> ImageStore.normalize(""))
                .hasMessage("invalid reference format: the image name is empty: name an image, e.g. busybox");
        assertThatThrownBy(() -> ImageStore.normalize("bad_host.io/x"))
                .hasMessage("invalid reference format: \"bad_host.io/x\": \"bad_host.io\" is not a valid registry host");
    }

    @Test
    void controlCharactersAreShownEscapedAndLongInputCut() {
        assertThatThrownBy(() -> ImageStore.normalize("busy\u001b[2Jbox"))
                .hasMessageContaining("\"busy\\x1b[2Jbox\"").hasMessageNotContaining("\u001b");
        assertThatThrownBy(() -> ImageStore.normalize("busybox\0"))
                .hasMessageContaining("\"busybox\\x00\"");
        assertThatThrownBy(() -> ImageStore.normalize("b$" + "x".repeat(200)))
                .hasMessage("invalid reference format: \"b$" + "x".repeat(78) + "…\": a reference is NAME[:TAG][@sha256:DIGEST]"
                        + " where NAME is lowercase letters, digits and the separators . _ - /");
    }

    @Test
    void rejectsNullAndImageIdsAsNames() {
        assertThatThrownBy(() -> ImageStore.normalize(null)).isInstanceOf(EngineException.class);
        assertThatThrownBy(() -> ImageStore.normalize("ab".repeat(32)))
                .hasMessageContaining("cannot specify 64-byte hexadecimal strings");
    }

    @Test
    void rejectsOverlongNamesAndReferences() {
        assertThatThrownBy(() -> ImageStore.normalize("a".repeat(256)))
                .hasMessage("invalid reference format: repository name must not be more than 255 characters (this one"
                        + " has 256)");
        assertThatThrownBy(() -> ImageStore.normalize("a".repeat(10_000)))
                .hasMessage("invalid reference format: the reference is 10000 characters long: a name may have at most"
                        + " 255 and a tag 128");
        assertThat(ImageStore.normalize("a".repeat(255) + ":" + "t".repeat(128)))
                .isEqualTo("a".repeat(255) + ":" + "t".repeat(128));
    }
}
