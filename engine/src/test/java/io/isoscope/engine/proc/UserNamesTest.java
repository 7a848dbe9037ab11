package io.isoscope.engine.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class UserNamesTest {

    @TempDir
    Path temp;

    @Test
    void namesKnownUidsAndNumbersUnknownOnes() throws IOException {
        Path passwd = Files.writeString(temp.resolve("passwd"), """
                # comment: x: 5
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                broken line
                bad:x:notanumber:1::/:/bin/sh
                toor:x:0:0:second root:/root:/bin/sh
                """);
        UserNames users = new UserNames(passwd);

        assertThat(users.nameOf(0)).isEqualTo("root");
        assertThat(users.nameOf(1)).isEqualTo("daemon");
        assertThat(users.nameOf(5)).isEqualTo("5");
        assertThat(users.nameOf(65534)).isEqualTo("65534");
    }

    @Test
    void reloadsWhenTheFileChanges() throws IOException {
        Path passwd = Files.writeString(temp.resolve("passwd"), "alice:x:1000:1000::/home/alice:/bin/sh\n");
        UserNames users = new UserNames(passwd);
        assertThat(users.nameOf(1000)).isEqualTo("alice");
        FileTime before = Files.getLastModifiedTime(passwd);

        Files.writeString(passwd, "bob:x:1000:1000::/home/bob:/bin/sh\ncarol:x:1001:1001::/home/carol:/bin/sh\n");
        Files.setLastModifiedTime(passwd, FileTime.fromMillis(before.toMillis() + 5_000));

        assertThat(users.nameOf(1000)).isEqualTo("bob");
        assertThat(users.nameOf(1001)).isEqualTo("carol");
    }

    @Test
    void missingFileMeansNumericNamesUntilItAppears() throws IOException {
        Path passwd = temp.resolve("passwd");
        UserNames users = new UserNames(passwd);
        assertThat(users.nameOf(0)).isEqualTo("0");

        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");

        assertThat(users.nameOf(0)).isEqualTo("root");
    }
}
