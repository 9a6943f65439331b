/*
 * `wdzip check`: the project's main job. For each input (files named, else the running JDK's
 * lib/modules, first 64 MiB) it gzips the data through warpdrive (WdGZIPOutputStream) and
 * through java.util.zip (GZIPOutputStream), decompresses each with the other side as well as
 * its own (GzipReader with WdInflater; GZIPInputStream), verifies every byte against the
 * original, and prints the ratio and speed of both. The backend is the emulated accelerator when
 * this build has it (else soft, and it says so), or the one asked for with --backend.
 *
 * Design: one input in memory at a time; a short warm-up on synthetic data first so that the
 * first row is not timed in the interpreter; each operation timed once (this is a check with
 * honest numbers, `wdzip bench` is the measurement).
 */
package io.warpdrive.samples;

import io.warpdrive.zip.Backend;
import io.warpdrive.zip.GzipHeader;
import io.warpdrive.zip.GzipReader;
import io.warpdrive.zip.WdGZIPOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

final class Check {
    static final int LEVEL = 6;

    /** What the command line asked for. */
    static final class Options {
        /** null: emulated if available, else soft. */
        Backend backend;
        List<String> files = new ArrayList<>();
        long warmupMs = 1000;
    }

    private Check() {
    }

    /** One verified input. */
    private static final class Row {
        long size;
        long wdGz;
        long jdkGz;
        long wdCompNanos;
        long jdkCompNanos;
        long wdDecompNanos;
        long jdkDecompNanos;
        boolean sameBytes;
    }

    static int run(Options opt, PrintStream out, PrintStream err) {
        Backend backend = opt.backend != null ? opt.backend : Backend.EMULATED;
        String problem = Backends.use(backend);
        if (problem != null) {
            if (opt.backend != null) {
                err.println("wdzip check: backend '" + Backends.name(backend) + "' is not available: " + problem);
                return 1;
            }
            out.println("note: the emulated accelerator is not available in this build (" + problem
                    + "); running on the soft backend instead");
            backend = Backend.SOFT;
            Backends.use(backend);
        }
        out.printf(Locale.ROOT, "wdzip check: gzip level %d through warpdrive (wd) and java.util.zip (jdk);"
                + " every output decompressed by both sides and verified; MB = 10^6 bytes%n", LEVEL);
        out.println("backend: " + Backends.describe(backend));
        out.printf(Locale.ROOT, "JVM %s (%s)%n", System.getProperty("java.vm.version"), System.getProperty("java.home"));

        List<Inputs.Input> inputs = new ArrayList<>();
        if (opt.files.isEmpty()) {
            inputs.add(Inputs.modules(Inputs.MODULES_LIMIT));
        } else {
            for (String f : opt.files) {
                inputs.add(Inputs.file(f));
            }
        }
        long doorbells0 = Backends.emulatorDoorbells();
        String warm = warmUp(opt.warmupMs);
        if (warm != null) {
            out.println("warm-up: " + warm);
        }

        int width = 4;
        for (Inputs.Input in : inputs) {
            width = Math.max(width, in.label.length());
        }
        String fmt = "%-" + width + "s %11s %7s %7s %9s %9s %9s %9s  %s%n";
        out.printf(Locale.ROOT, fmt, "file", "size", "ratio", "ratio", "compress", "MB/s", "decomp.", "MB/s", "");
        out.printf(Locale.ROOT, fmt, "", "", "wd", "jdk", "wd", "jdk", "wd", "jdk", "result");
        int failed = 0;
        List<Row> rows = new ArrayList<>();
        for (Inputs.Input in : inputs) {
            Row row = new Row();
            String why = in.problem != null ? "cannot read: " + in.problem : check(in, row);
            if (why == null) {
                rows.add(row);
                out.printf(Locale.ROOT, fmt, in.label, row.size, ratio(row.size, row.wdGz), ratio(row.size, row.jdkGz),
                        mbps(row.size, row.wdCompNanos), mbps(row.size, row.jdkCompNanos),
                        mbps(row.size, row.wdDecompNanos), mbps(row.size, row.jdkDecompNanos),
                        "OK" + (row.sameBytes ? " (same bytes as jdk)" : ""));
            } else {
                failed++;
                out.printf(Locale.ROOT, fmt, in.label, "-", "", "", "", "", "", "", "FAIL");
                out.println("    " + why);
            }
            out.flush();
        }
        long doorbells = Backends.emulatorDoorbells();
        if (doorbells >= 0 && doorbells0 >= 0) {
            out.printf(Locale.ROOT, "emulated engine: %d doorbells rung during the run (requests through WarpDrive"
                    + " queues)%n", doorbells - doorbells0);
        }
        if (failed > 0) {
            err.printf(Locale.ROOT, "wdzip check: FAILED: %d of %d inputs did not verify%n", failed, inputs.size());
            return 1;
        }
        out.printf(Locale.ROOT, "wdzip check: all %d inputs verified (compressed, decompressed, compared byte for byte)%n",
                inputs.size());
        return 0;
    }

    /** Checks one input; null if it verified, else what went wrong. */
    private static String check(Inputs.Input in, Row row) {
        byte[] data;
        try {
            data = in.loader.load();
        } catch (IOException | RuntimeException e) {
            return "cannot read: " + e.getMessage();
        }
        row.size = data.length;
        String stage = "wd compress";
        try {
            long t0 = System.nanoTime();
            byte[] wdGz = wdGzip(data);
            row.wdCompNanos = System.nanoTime() - t0;
            row.wdGz = wdGz.length;

            stage = "jdk compress";
            t0 = System.nanoTime();
            byte[] jdkGz = jdkGzip(data);
            row.jdkCompNanos = System.nanoTime() - t0;
            row.jdkGz = jdkGz.length;
            row.sameBytes = Arrays.equals(wdGz, jdkGz);

            byte[] out = new byte[data.length];
            stage = "wd decompress (wd output)";
            t0 = System.nanoTime();
            verify(wdGunzip(wdGz, out), out, data, stage);
            row.wdDecompNanos = System.nanoTime() - t0;

            stage = "jdk decompress (jdk output)";
            t0 = System.nanoTime();
            verify(jdkGunzip(jdkGz, out), out, data, stage);
            row.jdkDecompNanos = System.nanoTime() - t0;

            stage = "jdk decompress (wd output)";
            verify(jdkGunzip(wdGz, out), out, data, stage);
            stage = "wd decompress (jdk output)";
            verify(wdGunzip(jdkGz, out), out, data, stage);
            return null;
        } catch (Mismatch e) {
            return e.getMessage();
        } catch (IOException | RuntimeException e) {
            return stage + ": " + e;
        }
    }

    private static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static void verify(int n, byte[] out, byte[] data, String stage) throws Mismatch {
        if (n != data.length) {
            throw new Mismatch(stage + ": " + n + " bytes out, expected " + data.length);
        }
        int at = Arrays.mismatch(out, data);
        if (at >= 0) {
            throw new Mismatch(stage + ": output differs from the original at byte " + at);
        }
        Arrays.fill(out, (byte) 0xA5); // the next run must write every byte itself
    }

    static byte[] wdGzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length / 3 + 64);
        try (OutputStream o = new WdGZIPOutputStream(b, 64 * 1024, false, LEVEL, GzipHeader.DEFAULT)) {
            o.write(data);
        }
        return b.toByteArray();
    }

    static byte[] jdkGzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length / 3 + 64);
        try (OutputStream o = new GZIPOutputStream(b, 64 * 1024)) {
            o.write(data);
        }
        return b.toByteArray();
    }

    static int wdGunzip(byte[] gz, byte[] out) throws IOException {
        try (GzipReader r = GzipReader.builder(new ByteArrayInputStream(gz)).bufferSize(64 * 1024).build()) {
            return readFully(r, out);
        }
    }

    static int jdkGunzip(byte[] gz, byte[] out) throws IOException {
        try (InputStream r = new GZIPInputStream(new ByteArrayInputStream(gz), 64 * 1024)) {
            return readFully(r, out);
        }
    }

    /** Reads into out; returns the byte count, or out.length + 1 if there was more. */
    private static int readFully(InputStream in, byte[] out) throws IOException {
        int n = in.readNBytes(out, 0, out.length);
        return in.read() >= 0 ? out.length + 1 : n;
    }

    private static String warmUp(long ms) {
        if (ms <= 0) {
            return null;
        }
        byte[] data = InflateCheck.mixedData(2 << 20, 20240917L);
        byte[] out = new byte[data.length];
        long deadline = System.nanoTime() + ms * 1_000_000L;
        try {
            do {
                wdGunzip(wdGzip(data), out);
                jdkGunzip(jdkGzip(data), out);
            } while (System.nanoTime() < deadline);
            return Arrays.equals(out, data) ? null : "round trip of the warm-up data differs (the rows say more)";
        } catch (IOException | RuntimeException e) {
            return "failed: " + e + " (the rows say more)";
        }
    }

    private static String ratio(long size, long compressed) {
        return compressed == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) size / compressed);
    }

    static String mbps(long bytes, long nanos) {
        return bytes == 0 || nanos <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", bytes * 1e3 / nanos);
    }
}
