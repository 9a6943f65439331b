package io.warpdrive.accel.uacce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading sysfs attributes: each read either yields a value or records, in the caller's problem
 * list, which file was wrong and how. Nothing here throws for bad content.
 */
final class Sysfs {
    /** Attributes are one line of text; anything longer is not an attribute we know. */
    private static final int MAX_ATTRIBUTE = 4096;

    private Sysfs() {
    }

    /** The file's text, trimmed, or null with a problem recorded (missing: only if required). */
    static String read(Path file, List<String> problems, boolean required) {
        try {
            byte[] b = Files.readAllBytes(file);
            if (b.length > MAX_ATTRIBUTE) {
                problems.add("malformed " + file + ": " + b.length + " bytes, not an attribute");
                return null;
            }
            return new String(b, StandardCharsets.ISO_8859_1).trim();
        } catch (NoSuchFileException e) {
            if (required) {
                problems.add("missing attribute " + file);
            }
            return null;
        } catch (AccessDeniedException e) {
            problems.add("permission denied reading " + file + " (needs read permission)");
            return null;
        } catch (IOException | SecurityException e) {
            problems.add("cannot read " + file + ": " + e);
            return null;
        }
    }

    /** A decimal long (sysfs %d/%u/%lu); {@code dflt} with a problem if malformed, or if missing and required. */
    static long readLong(Path file, List<String> problems, boolean required, long dflt) {
        String s = read(file, problems, required);
        if (s == null) {
            return dflt;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            problems.add("malformed " + file + ": '" + shorten(s) + "' (expected a decimal integer)");
            return dflt;
        }
    }

    static String shorten(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 40 ? one : one.substring(0, 40) + "...";
    }
}
