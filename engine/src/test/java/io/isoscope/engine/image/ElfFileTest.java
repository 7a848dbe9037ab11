package io.isoscope.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElfFileTest {

    @TempDir
    Path dir;

    @Test
    void hostBusyboxIsStaticAndOfThisMachine() throws IOException {
        ElfFile elf = ElfFile.read(Path.of("/bin/busybox")).orElseThrow();

        assertThat(elf.isStatic()).isTrue();
        assertThat(elf.architecture()).isEqualTo(System.getProperty("os.arch"));
    }

    @Test
    void dynamicExecutableNamesItsLoader() throws IOException {
        ElfFile elf = ElfFile.read(Path.of("/bin/ls")).orElseThrow();

        assertThat(elf.isStatic()).isFalse();
        assertThat(elf.interpreter()).startsWith("/lib").contains("ld-linux");
    }

    @Test
    void scriptIsNoElf() throws IOException {
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho hi\n");

        assertThat(ElfFile.read(script)).isEmpty();
        assertThat(ElfFile.read(Files.createFile(dir.resolve("empty")))).isEmpty();
    }

    @Test
    void truncatedElfIsAnError() throws IOException {
        Path truncated = dir.resolve("truncated");
        try (InputStream in = Files.newInputStream(Path.of("/bin/ls"))) {
            Files.write(truncated, in.readNBytes(64));
        }

        assertThatThrownBy(() -> ElfFile.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated program header table");
    }
}
