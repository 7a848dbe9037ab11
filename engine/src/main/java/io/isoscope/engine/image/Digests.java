package io.isoscope.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests in OCI's {@code sha256:<hex>} form. Stateless, thread-safe. */
final class Digests {

    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final String PREFIX = "sha256:";

    private Digests() {
    }

    /** A fresh SHA-256 hasher. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The digest of what {@code hasher} has seen, as {@code sha256:<hex>}. */
    static String format(MessageDigest hasher) {
        return PREFIX + HexFormat.of().formatHex(hasher.digest());
    }

    /** The digest of {@code bytes}. */
    static String of(byte[] bytes) {
        MessageDigest hasher = sha256();
        hasher.update(bytes);
        return format(hasher);
    }

    /** The digest of a file's content. */
    static String of(Path file) throws IOException {
        MessageDigest hasher = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                hasher.update(buffer, 0, n);
            }
        }
        return format(hasher);
    }

    /** Whether {@code digest} is a well-formed {@code sha256:<64 lowercase hex>} (and so safe in a file name). */
    static boolean isValid(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /** The hex part of a well-formed digest; throws {@link IllegalArgumentException} otherwise. */
    static String hex(String digest) {
        if (!isValid(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring(PREFIX.length());
    }
}
