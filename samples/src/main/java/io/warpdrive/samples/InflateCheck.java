/*
 * InflateCheck: the project's end-to-end check. Compresses files with java.util.zip (level 6,
 * zlib wrapper), inflates them with WdInflater and with java.util.zip.Inflater, proves both
 * reproduce the original (bytes, CRC32, Adler-32, counters), times both (best of 3) and prints
 * a table. Exit status 0 only if every input verified.
 *
 * With no arguments it checks the running JDK's own lib/modules (first 64 MiB; every JDK has
 * it, so this runs on a fresh machine) and then, if found, the shared corpus (optional).
 *
 * Design: everything is in this one file (the samples jar must run alone), inputs are loaded
 * one at a time to keep the heap small, and each timed trial repeats the inflate until it lasts
 * at least MIN_TRIAL_NANOS so that small files still give a meaningful best-of-3.
 */
package io.warpdrive.samples;

import io.warpdrive.zip.WdInflater;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

public final class InflateCheck {
    /** System property naming the corpus directory (holding silesia/*.zip and calgary.tar.gz). */
    static final String CORPUS_PROPERTY = "warpdrive.corpus";

    /** Compression level of the test streams: zlib's default. */
    static final int LEVEL = 6;
    /** How much of lib/modules to read: enough for a stable number, small enough for any heap. */
    static final int MODULES_LIMIT = 64 << 20;
    /** Files named on the command line larger than this are reported, not read (arrays are int-indexed). */
    static final long FILE_LIMIT = 1L << 30;
    /** Timed trials per implementation; the best one is reported. */
    static final int TRIALS = 3;
    /** Each trial repeats the inflate until it has run at least this long, so small files time well. */
    static final long MIN_TRIAL_NANOS = 20_000_000L;
    /** Window for the streamed check: input fed and output taken 64 KiB at a time. */
    static final int STREAM_CHUNK = 64 * 1024;
    /** Consecutive zero-byte inflate() calls tolerated before an inflater counts as stuck. */
    private static final int MAX_STALLS = 16;
    /** Fill byte for the output between runs, so each verification proves that run wrote it. */
    private static final byte POISON = (byte) 0xA5;

    private static final String USAGE = String.join("\n",
            "usage: java -jar wdzip-samples.jar [--warmup-ms N] [--] [FILE...]",
            "Compresses each FILE with java.util.zip (level " + LEVEL + ", zlib wrapper), inflates it with",
            "io.warpdrive.zip.WdInflater and java.util.zip.Inflater, verifies both against the original",
            "and times them (best of " + TRIALS + "). With no FILE: the running JDK's lib/modules (first 64 MiB),",
            "then the shared corpus if found (-D" + CORPUS_PROPERTY + "=DIR, else shared/corpus walking up",
            "from the working directory). Exit status: 0 all verified, 1 a check failed, 2 bad usage.");

    private InflateCheck() {}

    /** The implementation under test. Its one construction site. */
    static Inflater newWdInflater() {
        return new WdInflater();
    }

    /** One row of the table: a name and a way to read its bytes when its turn comes. */
    private interface Loader {
        byte[] load() throws IOException;
    }

    private static final class Input {
        final String label;
        final Loader loader;
        /** Why the input cannot be checked, set when listing (null if it can). */
        final String problem;

        Input(String label, Loader loader, String problem) {
            this.label = label;
            this.loader = loader;
            this.problem = problem;
        }
    }

    /** Measurements of one verified input. */
    private static final class Row {
        final String label;
        /** Original and compressed bytes; -1 until known. */
        long size = -1;
        long compressed = -1;
        /** Best time of one whole inflate, ns. */
        long jdkNanos;
        long wdNanos;

        Row(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the check; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        long warmupMs = 1000;
        boolean options = true;
        for (int a = 0; a < args.length; a++) {
            String arg = args[a];
            if (options && arg.equals("--")) {
                options = false;
            } else if (options && (arg.equals("-h") || arg.equals("--help"))) {
                out.println(USAGE);
                return 0;
            } else if (options && arg.equals("--warmup-ms")) {
                if (a + 1 == args.length) {
                    return usage(err, "missing value after --warmup-ms");
                }
                try {
                    warmupMs = Long.parseLong(args[++a]);
                } catch (NumberFormatException e) {
                    return usage(err, "--warmup-ms wants a number of milliseconds, not '" + args[a] + "'");
                }
            } else if (options && arg.startsWith("-") && arg.length() > 1) {
                return usage(err, "unknown option " + arg);
            } else {
                files.add(arg);
            }
        }

        List<Input> inputs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (files.isEmpty()) {
            inputs.add(modulesInput());
            corpusInputs(Path.of("").toAbsolutePath(), System.getProperty(CORPUS_PROPERTY), inputs, notes);
        } else {
            for (String f : files) {
                inputs.add(fileInput(f));
            }
        }

        Inflater probe = newWdInflater();
        String wdClass = probe.getClass().getName();
        probe.end();
        out.printf(Locale.ROOT, "InflateCheck: java.util.zip.Inflater (jdk) vs %s (wd), input deflated at level %d,"
                + " zlib wrapper; best of %d; MB = 10^6 bytes%n", wdClass, LEVEL, TRIALS);
        out.printf(Locale.ROOT, "JVM %s (%s)%n", System.getProperty("java.vm.version"), System.getProperty("java.home"));
        for (String note : notes) {
            out.println(note);
        }
        String warmupProblem = warmUp(warmupMs);
        if (warmupProblem != null) {
            out.println("warmup: " + warmupProblem + " (continuing; the rows below show the details)");
        }

        int width = "file".length();
        for (Input in : inputs) {
            width = Math.max(width, in.label.length());
        }
        String rowFormat = "%-" + width + "s %11s %11s %6s %9s %9s %7s  %s%n";
        out.printf(Locale.ROOT, rowFormat, "file", "size", "compressed", "ratio", "jdk MB/s", "wd MB/s", "wd/jdk",
                "result");

        int failed = 0;
        List<Row> verified = new ArrayList<>();
        for (Input in : inputs) {
            Row row = new Row(in.label);
            String problem = in.problem != null ? in.problem : check(in, row, err);
            if (problem == null) {
                verified.add(row);
                out.printf(Locale.ROOT, rowFormat, in.label, row.size, row.compressed,
                        row.compressed == 0 ? "-" : fmt("%.2f", (double) row.size / row.compressed),
                        mbps(row.size, row.jdkNanos), mbps(row.size, row.wdNanos),
                        row.size == 0 ? "-" : fmt("%.3f", (double) row.jdkNanos / row.wdNanos), "OK");
            } else {
                failed++;
                out.printf(Locale.ROOT, rowFormat, in.label, row.size < 0 ? "-" : Long.toString(row.size),
                        row.compressed < 0 ? "-" : Long.toString(row.compressed), "", "", "", "", "FAIL");
                out.println("    " + problem);
            }
            out.flush();
        }

        List<Row> silesia = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row r : verified) {
            if (SILESIA_LABELS.contains(r.label) && seen.add(r.label)) {
                silesia.add(r);
            }
        }
        if (silesia.size() == SILESIA_LABELS.size()) {
            printTotal(out, rowFormat, "Silesia-7 total", silesia);
        }
        if (verified.size() > 1) {
            printTotal(out, rowFormat, "total (" + verified.size() + " verified)", verified);
        }

        if (inputs.isEmpty()) {
            err.println("InflateCheck: nothing to check");
            return 1;
        }
        if (failed > 0) {
            err.printf(Locale.ROOT, "InflateCheck: FAILED: %d of %d inputs did not verify (see FAIL rows above)%n",
                    failed, inputs.size());
            return 1;
        }
        out.printf(Locale.ROOT, "InflateCheck: all %d inputs verified%n", inputs.size());
        return 0;
    }

    private static int usage(PrintStream err, String message) {
        err.println("InflateCheck: " + message);
        err.println(USAGE);
        return 2;
    }

    // ---------------------------------------------------------------- the check of one input

    /** Verifies and times one input; returns null if it verified, else what went wrong. */
    private static String check(Input in, Row row, PrintStream err) {
        byte[] data;
        try {
            data = in.loader.load();
        } catch (IOException | RuntimeException e) {
            return "cannot read: " + e;
        }
        row.size = data.length;
        byte[] compressed = deflate(data, LEVEL);
        row.compressed = compressed.length;
        Expected expected = new Expected(data);
        byte[] out = new byte[data.length];

        Inflater jdk = new Inflater();
        Inflater wd = null;
        String stage = "jdk verify";
        try {
            wd = newWdInflater();
            // Untimed first runs: correctness first, and their time sizes the timed trials.
            long jdkOnce = verifiedRun(jdk, compressed, out, expected, "jdk");
            stage = "wd verify";
            long wdOnce = verifiedRun(wd, compressed, out, expected, "wd");
            int jdkReps = reps(jdkOnce);
            int wdReps = reps(wdOnce);
            row.jdkNanos = Long.MAX_VALUE;
            row.wdNanos = Long.MAX_VALUE;
            // Interleave the trials so load from other processes hits both sides alike.
            for (int t = 0; t < TRIALS; t++) {
                stage = "jdk timing";
                row.jdkNanos = Math.min(row.jdkNanos, trial(jdk, compressed, out, jdkReps));
                stage = "wd timing";
                row.wdNanos = Math.min(row.wdNanos, trial(wd, compressed, out, wdReps));
            }
            stage = "wd after timing";
            verifyOutput(wd, compressed, out, expected, "wd (last timed run)");

            // The resumable path: input fed and output taken in 64 KiB pieces, as streams do.
            stage = "wd streamed";
            wd.reset();
            Arrays.fill(out, POISON);
            inflate(wd, compressed, out, STREAM_CHUNK, STREAM_CHUNK);
            verifyOutput(wd, compressed, out, expected, "wd (streamed in " + STREAM_CHUNK / 1024 + " KiB pieces)");
            return null;
        } catch (Mismatch e) {
            return e.getMessage();
        } catch (DataFormatException e) {
            return stage + ": DataFormatException: " + e.getMessage();
        } catch (RuntimeException e) {
            // An engine bug (an index out of bounds, say) is a failure to report, with its trace.
            e.printStackTrace(err);
            return stage + ": " + e;
        } finally {
            jdk.end();
            if (wd != null) {
                wd.end();
            }
        }
    }

    /** One fresh-from-reset inflate, checked; returns its time in ns. */
    private static long verifiedRun(Inflater inf, byte[] compressed, byte[] out, Expected expected, String who)
            throws DataFormatException, Mismatch {
        inf.reset();
        Arrays.fill(out, POISON);
        long t0 = System.nanoTime();
        inflate(inf, compressed, out, compressed.length, out.length);
        long ns = System.nanoTime() - t0;
        verifyOutput(inf, compressed, out, expected, who);
        return ns;
    }

    private static int reps(long onceNanos) {
        return (int) Math.min(1_000_000, Math.max(1, MIN_TRIAL_NANOS / Math.max(1, onceNanos)));
    }

    /** reps whole inflates on the reused instance; returns ns per inflate. */
    private static long trial(Inflater inf, byte[] compressed, byte[] out, int reps) throws DataFormatException {
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            inf.reset();
            inflate(inf, compressed, out, compressed.length, out.length);
        }
        return (System.nanoTime() - t0) / reps;
    }

    /** What a correct inflate of one input must produce. */
    private static final class Expected {
        final byte[] data;
        final long crc32;
        final int adler32;

        Expected(byte[] data) {
            this.data = data;
            CRC32 crc = new CRC32();
            crc.update(data, 0, data.length);
            this.crc32 = crc.getValue();
            Adler32 adler = new Adler32();
            adler.update(data, 0, data.length);
            this.adler32 = (int) adler.getValue();
        }
    }

    /** A verification failure; its message is the FAIL line. */
    private static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static void verifyOutput(Inflater inf, byte[] compressed, byte[] out, Expected exp, String who)
            throws Mismatch {
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length);
        if (crc.getValue() != exp.crc32 || !Arrays.equals(out, exp.data)) {
            throw new Mismatch(String.format(Locale.ROOT, "%s: output differs from the original at byte %d"
                    + " (crc32 %08x, expected %08x)", who, Arrays.mismatch(out, exp.data), crc.getValue(), exp.crc32));
        }
        if (!inf.finished()) {
            throw new Mismatch(who + ": output complete but finished() is false");
        }
        if (inf.getBytesWritten() != out.length || inf.getBytesRead() != compressed.length) {
            throw new Mismatch(String.format(Locale.ROOT, "%s: counters say %d bytes read, %d written; expected %d, %d",
                    who, inf.getBytesRead(), inf.getBytesWritten(), compressed.length, out.length));
        }
        if (inf.getRemaining() != 0) {
            throw new Mismatch(who + ": getRemaining() is " + inf.getRemaining() + " after the whole stream");
        }
        if (inf.getAdler() != exp.adler32) {
            throw new Mismatch(String.format(Locale.ROOT, "%s: getAdler() is %08x, expected %08x",
                    who, inf.getAdler(), exp.adler32));
        }
    }

    /**
     * Inflates all of in into out from offset 0, offering at most inChunk bytes of input and
     * outChunk bytes of output per call. The inflater must be fresh or reset.
     *
     * @throws IllegalStateException if the stream is truncated, wants a dictionary, would overrun
     *         out, or the inflater stops making progress
     */
    static int inflate(Inflater inf, byte[] in, byte[] out, int inChunk, int outChunk) throws DataFormatException {
        int inOff = 0;
        int off = 0;
        int stalls = 0;
        while (!inf.finished()) {
            if (inOff < in.length && inf.needsInput()) {
                int n = Math.min(inChunk, in.length - inOff);
                inf.setInput(in, inOff, n);
                inOff += n;
            }
            int n = inf.inflate(out, off, Math.min(outChunk, out.length - off));
            off += n;
            if (n > 0) {
                stalls = 0;
            } else if (!inf.finished() && !(inOff < in.length && inf.needsInput())) {
                stalled(inf, off, out.length, ++stalls);
            }
        }
        return off;
    }

    /** Cold path: a zero-byte inflate() call with nothing left to feed. Decides which error it is. */
    private static void stalled(Inflater inf, int off, int expected, int stalls) {
        if (inf.needsDictionary()) {
            throw new IllegalStateException("inflater asks for a preset dictionary after " + off + " bytes");
        }
        if (inf.needsInput()) {
            throw new IllegalStateException("inflater needs more input after all of it was given ("
                    + off + " of " + expected + " bytes out)");
        }
        if (off == expected) {
            // Either the stream is longer than the original, or the inflater does not read the
            // trailer when offered no output room (java.util.zip does).
            throw new IllegalStateException("inflater not finished after producing all " + expected
                    + " bytes: more output pending, or the adler32 trailer is not read with no output room");
        }
        if (stalls > MAX_STALLS) {
            throw new IllegalStateException("inflater makes no progress at output offset " + off);
        }
    }

    /** The zlib-wrapped java.util.zip compression of data at the given level, fed whole. */
    static byte[] deflate(byte[] data, int level) {
        Deflater d = new Deflater(level);
        try {
            d.setInput(data);
            d.finish();
            // Just above zlib's deflateBound, so one pass normally suffices; the loop grows if not.
            long bound = (long) data.length + (data.length >>> 12) + (data.length >>> 14) + 64;
            byte[] buf = new byte[(int) Math.min(bound, Integer.MAX_VALUE - 16)];
            int len = 0;
            while (!d.finished()) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, 2L * buf.length));
                }
                len += d.deflate(buf, len, buf.length - len);
            }
            return Arrays.copyOf(buf, len);
        } finally {
            d.end();
        }
    }

    /**
     * Runs both inflaters for about warmupMs each on synthetic mixed data (text-like matches,
     * random literals, long runs), so the first table row is not timed in the interpreter.
     * Returns null, or what failed (the rows then say more).
     */
    private static String warmUp(long warmupMs) {
        if (warmupMs <= 0) {
            return null;
        }
        byte[] data = mixedData(4 << 20, 20240917L);
        byte[] compressed = deflate(data, LEVEL);
        byte[] out = new byte[data.length];
        long deadline = System.nanoTime() + warmupMs * 2_000_000L;
        Inflater jdk = new Inflater();
        Inflater wd = newWdInflater();
        try {
            do {
                jdk.reset();
                inflate(jdk, compressed, out, compressed.length, out.length);
                wd.reset();
                inflate(wd, compressed, out, compressed.length, out.length);
            } while (System.nanoTime() < deadline);
            return Arrays.equals(out, data) ? null : "wd output differs on the warmup data";
        } catch (DataFormatException | RuntimeException e) {
            return "wd failed on the warmup data: " + e;
        } finally {
            jdk.end();
            wd.end();
        }
    }

    /** Deterministic data mixing what DEFLATE meets: words (matches), noise (literals), runs. */
    static byte[] mixedData(int size, long seed) {
        Random rnd = new Random(seed);
        String[] words = {"warp", "drive", "inflate", "deflate", "queue", "doorbell", "the", "of", "and",
            "completion", "submission", "window", "huffman", "literal", "distance", "length"};
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            int kind = rnd.nextInt(10);
            int n;
            if (kind < 6) { // a few words of text
                StringBuilder sb = new StringBuilder();
                for (int w = rnd.nextInt(8) + 1; w > 0; w--) {
                    sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(5) == 0 ? ".\n" : " ");
                }
                byte[] t = sb.toString().getBytes(StandardCharsets.US_ASCII);
                n = Math.min(t.length, size - i);
                System.arraycopy(t, 0, b, i, n);
            } else if (kind < 9) { // noise
                n = Math.min(rnd.nextInt(200) + 1, size - i);
                for (int k = 0; k < n; k++) {
                    b[i + k] = (byte) rnd.nextInt(256);
                }
            } else { // a run, up to beyond the longest match
                n = Math.min(rnd.nextInt(600) + 3, size - i);
                Arrays.fill(b, i, i + n, (byte) rnd.nextInt(256));
            }
            i += n;
        }
        return b;
    }

    // ---------------------------------------------------------------- the table

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    private static String mbps(long bytes, long nanos) {
        return bytes == 0 || nanos <= 0 ? "-" : fmt("%.1f", bytes * 1e3 / nanos);
    }

    /** A row of total bytes / total time: big files weigh as much as they take. */
    private static void printTotal(PrintStream out, String rowFormat, String label, List<Row> rows) {
        long size = 0, compressed = 0, jdkNanos = 0, wdNanos = 0;
        for (Row r : rows) {
            size += r.size;
            compressed += r.compressed;
            jdkNanos += r.jdkNanos;
            wdNanos += r.wdNanos;
        }
        out.printf(Locale.ROOT, rowFormat, label, size, compressed, fmt("%.2f", (double) size / compressed),
                mbps(size, jdkNanos), mbps(size, wdNanos), fmt("%.3f", (double) jdkNanos / wdNanos), "OK");
    }

    // ---------------------------------------------------------------- inputs

    private static final List<String> SILESIA = List.of("dickens", "mr", "nci", "ooffice", "osdb", "reymont", "xml");
    private static final List<String> SILESIA_LABELS = prefixed("silesia/", SILESIA);

    private static List<String> prefixed(String prefix, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(prefix + n);
        }
        return out;
    }

    /** The running JDK's lib/modules, at most MODULES_LIMIT bytes of it. */
    private static Input modulesInput() {
        Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
        String label = "jdk lib/modules (first " + (MODULES_LIMIT >> 20) + " MiB)";
        if (!Files.isRegularFile(modules)) {
            return new Input(label, null, "cannot read: " + modules + " does not exist");
        }
        return new Input(label, () -> {
            try (InputStream in = Files.newInputStream(modules)) {
                return in.readNBytes(MODULES_LIMIT);
            }
        }, null);
    }

    private static Input fileInput(String name) {
        Path p = Path.of(name);
        try {
            if (!Files.isRegularFile(p)) {
                return new Input(name, null, "cannot read: not a regular file: " + p.toAbsolutePath());
            }
            long size = Files.size(p);
            if (size > FILE_LIMIT) {
                return new Input(name, null, "too large: " + size + " bytes (this check reads files up to "
                        + FILE_LIMIT + " bytes whole)");
            }
        } catch (IOException e) {
            return new Input(name, null, "cannot read: " + e);
        }
        return new Input(name, () -> Files.readAllBytes(p), null);
    }

    /**
     * Finds the optional corpus: the property if set, else shared/corpus in cwd or any parent
     * (which covers ../shared/corpus from the project root).
     *
     * @return the directory, or null with a line added to notes
     */
    static Path findCorpus(Path cwd, String property, List<String> notes) {
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            if (isCorpus(p)) {
                return p;
            }
            notes.add("corpus: -D" + CORPUS_PROPERTY + "=" + property + " has no silesia/ or calgary.tar.gz");
            return null;
        }
        for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (isCorpus(candidate)) {
                return candidate;
            }
        }
        notes.add("corpus: no shared/corpus above " + cwd.toAbsolutePath().normalize()
                + " (optional; set -D" + CORPUS_PROPERTY + "=DIR to include it)");
        return null;
    }

    private static boolean isCorpus(Path p) {
        return Files.isDirectory(p.resolve("silesia")) || Files.isRegularFile(p.resolve("calgary.tar.gz"));
    }

    /** Adds the corpus files that exist; an explicitly named corpus that is missing is a failure row. */
    private static void corpusInputs(Path cwd, String property, List<Input> inputs, List<String> notes) {
        Path root = findCorpus(cwd, property, notes);
        if (root == null) {
            if (property != null && !property.isBlank()) {
                inputs.add(new Input("corpus " + property, null, "-D" + CORPUS_PROPERTY + " names no corpus directory"));
            }
            return;
        }
        notes.add("corpus: " + root);
        for (String name : SILESIA) {
            Path zip = root.resolve("silesia").resolve(name + ".zip");
            if (Files.isRegularFile(zip)) {
                inputs.add(new Input("silesia/" + name, () -> readSingleZipEntry(zip), null));
            }
        }
        addTar(root.resolve("calgary.tar.gz"), "calgary/", inputs);
        addTar(root.resolve("cantrbry.tar.gz"), "canterbury/", inputs);
    }

    /** Lists a .tar.gz's files now (they are small); failures become a FAIL row. */
    private static void addTar(Path tgz, String prefix, List<Input> inputs) {
        if (!Files.isRegularFile(tgz)) {
            return;
        }
        Map<String, byte[]> files;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)), 65536)) {
            files = readTar(in);
        } catch (IOException e) {
            inputs.add(new Input(prefix + "*", null, "cannot read " + tgz + ": " + e));
            return;
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] bytes = e.getValue();
            inputs.add(new Input(prefix + e.getKey(), () -> bytes, null));
        }
    }

    /** Each Silesia zip holds one file. */
    private static byte[] readSingleZipEntry(Path zip) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            ZipEntry only = null;
            for (ZipEntry e : Collections.list(zf.entries())) {
                if (!e.isDirectory()) {
                    if (only != null) {
                        throw new IOException(zip + " holds more than one file");
                    }
                    only = e;
                }
            }
            if (only == null) {
                throw new IOException(zip + " holds no file");
            }
            try (InputStream in = zf.getInputStream(only)) {
                return in.readAllBytes();
            }
        }
    }

    // ---------------------------------------------------------------- a minimal tar reader

    private static final int TAR_RECORD = 512;

    /**
     * Regular files of an uncompressed ustar/GNU tar stream, in order, names without "./".
     * Header checksums are verified; GNU long names are honoured; other entry types are skipped.
     */
    static Map<String, byte[]> readTar(InputStream in) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] h = new byte[TAR_RECORD];
        String longName = null;
        while (in.readNBytes(h, 0, TAR_RECORD) == TAR_RECORD && !allZero(h)) {
            long sum = 0; // header checksum: all bytes unsigned, the checksum field counted as spaces
            for (int i = 0; i < TAR_RECORD; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
            }
            if (sum != octal(h, 148, 8)) {
                throw new IOException("tar: header checksum mismatch");
            }
            long size = octal(h, 124, 12);
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("tar: entry too large: " + size);
            }
            byte[] data = in.readNBytes((int) size);
            int pad = (int) (-size & (TAR_RECORD - 1));
            if (data.length != size || in.readNBytes(pad).length != pad) {
                throw new EOFException("tar: archive truncated");
            }
            char type = (char) h[156];
            String name = longName != null ? longName : tarName(h);
            longName = null;
            if (type == '0' || type == '\0' || type == '7') {
                files.put(name.startsWith("./") ? name.substring(2) : name, data);
            } else if (type == 'L') {
                longName = cString(data, 0, data.length);
            }
        }
        return files;
    }

    private static String tarName(byte[] h) {
        String name = cString(h, 0, 100);
        String prefix = cString(h, 257, 5).equals("ustar") ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static long octal(byte[] b, int off, int len) throws IOException {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c == 0 || (c == ' ' && v != 0)) {
                break;
            }
            if (c == ' ') {
                continue; // leading padding
            }
            if (c < '0' || c > '7') {
                throw new IOException("tar: bad octal field");
            }
            v = (v << 3) | (c - '0');
        }
        return v;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
