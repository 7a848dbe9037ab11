package io.isoscope.engine.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the one-number and key-value files cgroups are made of. Stateless, thread-safe. */
final class CgroupFiles {

    private CgroupFiles() {
    }

    /**
     * The number in a one-number file such as {@code memory.current}.
     *
     * @throws IOException when it cannot be read or holds no number
     */
    static long number(Path file) throws IOException {
        String text = Files.readString(file).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds \"" + text + "\", not a number");
        }
    }

    /** As {@link #number} but {@code null} when the file does not exist (a controller that is not there). */
    static Long optionalNumber(Path file) throws IOException {
        try {
            return number(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The value of {@code key} in a file of {@code KEY VALUE} lines ({@code memory.stat}, {@code cpu.stat});
     * {@code null} when the file or the key is absent.
     *
     * @throws IOException when the file cannot be read or the value is not a number
     */
    static Long keyed(Path file, String key) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        return keyed(text, key, file);
    }

    /** {@code key}'s value in the text of a keyed file; {@code where} names it in errors. */
    static Long keyed(String text, String key, Object where) throws IOException {
        for (String line : text.split("\n")) {
            if (line.length() > key.length() && line.startsWith(key) && line.charAt(key.length()) == ' ') {
                String value = line.substring(key.length() + 1).trim();
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": " + key + " is \"" + value + "\", not a number");
                }
            }
        }
        return null;
    }
}
