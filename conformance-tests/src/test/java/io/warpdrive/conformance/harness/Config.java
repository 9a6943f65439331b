/*
 * Harness knobs read from system properties. Maven passes conformance.tries, conformance.seed and
 * conformance.corpus through surefire; conformance.full arrives as a Maven user property.
 */
package io.warpdrive.conformance.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the harness configuration; every accessor re-reads the property so tests can override it. */
public final class Config {
    /** Tries per property when conformance.tries is unset or empty. */
    public static final int DEFAULT_TRIES = 60;

    private Config() {}

    /** Tries per property: {@code -Dconformance.tries=N}. */
    public static int tries() {
        String v = property("conformance.tries");
        if (v == null) {
            return DEFAULT_TRIES;
        }
        int n = Integer.parseInt(v.trim());
        if (n < 1) {
            throw new IllegalArgumentException("conformance.tries must be >= 1: " + v);
        }
        return n;
    }

    /** The single seed to replay ({@code -Dconformance.seed=0x...}); empty when unset. */
    public static OptionalLong seed() {
        String v = property("conformance.seed");
        return v == null ? OptionalLong.empty() : OptionalLong.of(parseSeed(v));
    }

    /** Long mode: every corpus file at every level ({@code -Dconformance.full=true}). */
    public static boolean full() {
        return Boolean.parseBoolean(property("conformance.full"));
    }

    /** The shared corpus directory, when {@code conformance.corpus} names one that exists. */
    public static Optional<Path> corpus() {
        String v = property("conformance.corpus");
        if (v == null) {
            return Optional.empty();
        }
        Path p = Path.of(v).toAbsolutePath().normalize();
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** Seeds print as {@code 0x} and 16 hex digits; decimal is accepted too. */
    public static String formatSeed(long seed) {
        return String.format(Locale.ROOT, "0x%016x", seed);
    }

    public static long parseSeed(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("0x")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        return Long.parseLong(t);
    }

    /** Null for unset, empty or unexpanded Maven placeholders. */
    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            return null;
        }
        return v;
    }
}
