package io.isoscope.engine.runtime.vm.initramfs;

import io.isoscope.engine.runtime.vm.initramfs.CpioTools.Listed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CpioWriterTest {

    @TempDir
    Path dir;

    @Test
    void gnuAndBusyboxCpioListWhatWasWritten() throws Exception {
        Path archive = write(cpio -> {
            cpio.directory("bin", 0755, 0, 0);
            cpio.file("bin/tool", 04755, 0, 0, bytes("#!/bin/sh\n"));
            cpio.symlink("bin/sh", "/bin/busybox", 0, 0);
            cpio.directory("home", 0750, 1000, 100);
            cpio.file("home/notes", 0640, 1000, 100, bytes("hello"));
            cpio.directory("tmp", 01777, 0, 0);
        });

        List<Listed> expected = List.of(
                new Listed("drwxr-xr-x", 0, 0, 0, "bin", null),
                new Listed("-rwsr-xr-x", 0, 0, 10, "bin/tool", null),
                new Listed("lrwxrwxrwx", 0, 0, 12, "bin/sh", "/bin/busybox"),
                new Listed("drwxr-x---", 1000, 100, 0, "home", null),
                new Listed("-rw-r-----", 1000, 100, 5, "home/notes", null),
                new Listed("drwxrwxrwt", 0, 0, 0, "tmp", null));
        assertThat(CpioTools.gnuList(archive)).containsExactlyElementsOf(expected);
        // busybox reports a link's size as 0 whatever the header says.
        assertThat(CpioTools.busyboxList(archive)).containsExactlyElementsOf(expected.stream()
                .map(e -> e.target() == null ? e : new Listed(e.mode(), e.uid(), e.gid(), 0, e.name(), e.target()))
                .toList());
    }

    @Test
    void extractsToTheSameBytesModesOwnersAndMtimeZero() throws Exception {
        byte[] binary = new byte[70_001];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + 7);
        }
        Path archive = write(cpio -> {
            cpio.directory("etc", 0755, 0, 0);
            cpio.file("etc/blob", 0600, 1234, 5678, binary.length, new ByteArrayInputStream(binary));
            cpio.symlink("etc/link", "blob", 0, 0);
        });
        Path out = Files.createDirectory(dir.resolve("out"));

        CpioTools.extract(archive, out);

        Path blob = out.resolve("etc/blob");
        assertThat(Files.readAllBytes(blob)).isEqualTo(binary);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blob))).isEqualTo("rw-------");
        assertThat(Files.getLastModifiedTime(blob)).isEqualTo(FileTime.fromMillis(0));
        assertThat(Files.readSymbolicLink(out.resolve("etc/link"))).isEqualTo(Path.of("blob"));
        if (System.getProperty("user.name").equals("root")) { // only root's cpio gives files away
            assertThat(Files.getAttribute(blob, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1234);
            assertThat(Files.getAttribute(blob, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(5678);
        }
    }

    @Test
    void padsEveryNameAndContentLengthRight() throws Exception {
        // Names of 1..8 bytes (with the NUL, 110 + namesize covers every residue mod 4) times contents of 0..8
        // bytes: any padding mistake shifts every later header and the readers fail or list garbage.
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int contentLength = 0; contentLength <= 8; contentLength++) {
            for (int nameLength = 1; nameLength <= 8; nameLength++) {
                names.add(String.valueOf((char) ('a' + contentLength)).repeat(nameLength));
                byte[] content = new byte[contentLength];
                Arrays.fill(content, (byte) ('0' + nameLength));
                contents.add(content);
            }
        }
        Path archive = write(cpio -> {
            for (int i = 0; i < names.size(); i++) {
                cpio.file(names.get(i), 0644, 0, 0, contents.get(i));
            }
        });
        Path out = Files.createDirectory(dir.resolve("out"));

        assertThat(Files.size(archive) % 4).isZero();
        assertThat(CpioTools.gnuList(archive)).extracting(Listed::name).containsExactlyElementsOf(names);
        assertThat(CpioTools.busyboxList(archive)).extracting(Listed::name, Listed::size).containsExactlyElementsOf(
                IntStream.range(0, names.size()).mapToObj(i -> tuple(names.get(i), (long) contents.get(i).length))
                        .toList());
        CpioTools.extract(archive, out);
        for (int i = 0; i < names.size(); i++) {
            assertThat(Files.readAllBytes(out.resolve(names.get(i)))).as(names.get(i)).isEqualTo(contents.get(i));
        }
    }

    @Test
    void writesTheNewcLayoutByteForByte() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CpioWriter cpio = new CpioWriter(bytes);
        cpio.file("ab", 0644, 0, 0, bytes("xyz"));
        cpio.finish();

        String expected = "070701" + "00000001" + "000081A4" + "00000000" + "00000000" + "00000001" + "00000000"
                + "00000003" + "00000000" + "00000000" + "00000000" + "00000000" + "00000003" + "00000000"
                + "ab\0" + "\0\0\0" // 110 + 3 = 113, padded to 116
                + "xyz\0" // 3, padded to 4
                + "070701" + "00000000".repeat(4) + "00000001" + "00000000".repeat(6) + "0000000B" + "00000000"
                + "TRAILER!!!\0" + "\0\0\0"; // 110 + 11 = 121, padded to 124
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }

    @Test
    void refusesContentOfAnotherLengthThanAnnounced() {
        CpioWriter cpio = new CpioWriter(OutputStream.nullOutputStream());

        assertThatThrownBy(() -> cpio.file("f", 0644, 0, 0, 5, new ByteArrayInputStream(bytes("four"))))
                .isInstanceOf(IOException.class).hasMessageContaining("announced 5 bytes but its content had 4");
    }

    @Test
    void refusesBadEntriesAndWritingAfterTheTrailer() throws IOException {
        CpioWriter cpio = new CpioWriter(OutputStream.nullOutputStream());

        assertThatThrownBy(() -> cpio.directory("", 0755, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cpio.directory("TRAILER!!!", 0755, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cpio.file("f", 0100644, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0100644");
        assertThatThrownBy(() -> cpio.symlink("l", "", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        cpio.finish();
        assertThatThrownBy(() -> cpio.directory("late", 0755, 0, 0)).isInstanceOf(IllegalStateException.class);
    }

    private interface Entries {
        void writeTo(CpioWriter cpio) throws IOException;
    }

    private Path write(Entries entries) throws IOException {
        Path archive = dir.resolve("test.cpio");
        try (OutputStream out = Files.newOutputStream(archive)) {
            CpioWriter cpio = new CpioWriter(out);
            entries.writeTo(cpio);
            cpio.finish();
        }
        return archive;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
