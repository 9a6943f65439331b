/*
 * `wdzip bench`: throughput and ratio of warpdrive against java.util.zip in the same run, per
 * input and level: raw DEFLATE of the whole input with WdDeflater and Deflater, inflate with
 * WdInflater and Inflater, every result verified (and each side's output inflated by the other),
 * best of N timed trials, interleaved so that load from other processes hits both sides alike.
 *
 * Design: whole-buffer calls (one setInput, one big output array) measure the engines, not
 * stream buffering; each trial repeats until it lasts MIN_TRIAL_NANOS so small corpus files time
 * well. A progress bar on stderr shows on runs that last more than a second when stderr is a
 * terminal. For statistically careful numbers use the JMH benchmarks in benchmarks/.
 */
package io.warpdrive.samples;

import io.warpdrive.zip.Backend;
import io.warpdrive.zip.WdDeflater;
import io.warpdrive.zip.WdInflater;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

final class Bench {
    /** Each timed trial repeats its operation until it has run at least this long. */
    static final long MIN_TRIAL_NANOS = 50_000_000L;

    /** What the command line asked for. */
    static final class Options {
        Backend backend;
        List<String> files = new ArrayList<>();
        boolean corpus;
        String corpusDir;
        int[] levels = {1, 6, 9};
        int trials = 3;
        /** Bytes of lib/modules when no input is named. */
        int modulesLimit = 16 << 20;
        Boolean progress;
    }

    private Bench() {
    }

    /** Measurements of one input at one level; times are ns per whole operation. */
    private static final class Row {
        String label;
        int level;
        long size;
        long jdkOut;
        long wdOut;
        long jdkDeflate = Long.MAX_VALUE;
        long wdDeflate = Long.MAX_VALUE;
        long jdkInflate = Long.MAX_VALUE;
        long wdInflate = Long.MAX_VALUE;
    }

    static int run(Options opt, PrintStream out, PrintStream err) {
        Backend backend = opt.backend != null ? opt.backend : Backend.configured();
        String problem = Backends.use(backend);
        if (problem != null) {
            err.println("wdzip bench: backend '" + Backends.name(backend) + "' is not available: " + problem);
            return 1;
        }
        List<String> notes = new ArrayList<>();
        List<Inputs.Input> inputs = new ArrayList<>();
        for (String f : opt.files) {
            inputs.add(Inputs.file(f));
        }
        if (opt.corpus) {
            inputs.addAll(Inputs.corpus(opt.corpusDir, notes));
        }
        if (opt.files.isEmpty() && !opt.corpus) {
            inputs.add(Inputs.modules(opt.modulesLimit));
        }
        out.printf(Locale.ROOT, "wdzip bench: raw DEFLATE, java.util.zip (jdk) vs warpdrive (wd) on backend %s;"
                + " best of %d; MB/s of uncompressed bytes, MB = 10^6 bytes%n", Backends.name(backend), opt.trials);
        out.printf(Locale.ROOT, "JVM %s, %d processors%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());
        for (String n : notes) {
            out.println(n);
        }
        if (inputs.isEmpty()) {
            err.println("wdzip bench: nothing to measure" + (opt.corpus ? " (no corpus found)" : ""));
            return 1;
        }
        boolean bar = opt.progress != null ? opt.progress : Terminal.stderr();
        Progress progress = new Progress(err, bar, (long) inputs.size() * opt.levels.length * opt.trials);

        int width = 5;
        for (Inputs.Input in : inputs) {
            width = Math.max(width, in.label.length());
        }
        String fmt = "%-" + width + "s %5s %11s %7s %7s %9s %9s %6s %9s %9s %6s  %s%n";
        out.printf(Locale.ROOT, fmt, "input", "level", "size", "ratio", "ratio", "deflate", "MB/s", "", "inflate",
                "MB/s", "", "");
        out.printf(Locale.ROOT, fmt, "", "", "", "jdk", "wd", "jdk", "wd", "wd/jdk", "jdk", "wd", "wd/jdk", "result");
        List<Row> rows = new ArrayList<>();
        int failed = 0;
        for (Inputs.Input in : inputs) {
            byte[] data = null;
            String why = in.problem;
            if (why == null) {
                try {
                    data = in.loader.load();
                } catch (IOException | RuntimeException e) {
                    why = "cannot read: " + e.getMessage();
                }
            }
            for (int level : opt.levels) {
                Row r = new Row();
                r.label = in.label;
                r.level = level;
                String problemHere = why != null ? why : measure(data, r, opt.trials, progress);
                progress.finish();
                if (problemHere == null) {
                    rows.add(r);
                    print(out, fmt, r, "OK");
                } else {
                    failed++;
                    progress.advance(opt.trials, in.label);
                    progress.finish();
                    out.printf(Locale.ROOT, fmt, in.label, level, "-", "", "", "", "", "", "", "", "", "FAIL");
                    out.println("    " + problemHere);
                }
                out.flush();
            }
        }
        progress.finish();
        if (inputs.size() > 1) {
            for (int level : opt.levels) {
                Row t = new Row();
                t.label = "total";
                t.level = level;
                t.jdkDeflate = t.wdDeflate = t.jdkInflate = t.wdInflate = 0;
                int n = 0;
                for (Row r : rows) {
                    if (r.level == level) {
                        n++;
                        t.size += r.size;
                        t.jdkOut += r.jdkOut;
                        t.wdOut += r.wdOut;
                        t.jdkDeflate += r.jdkDeflate;
                        t.wdDeflate += r.wdDeflate;
                        t.jdkInflate += r.jdkInflate;
                        t.wdInflate += r.wdInflate;
                    }
                }
                if (n > 0) {
                    print(out, fmt, t, n + " inputs");
                }
            }
        }
        if (failed > 0) {
            err.printf(Locale.ROOT, "wdzip bench: %d measurement(s) failed verification (FAIL rows above)%n", failed);
            return 1;
        }
        return 0;
    }

    private static void print(PrintStream out, String fmt, Row r, String result) {
        out.printf(Locale.ROOT, fmt, r.label, r.level, r.size, ratio(r.size, r.jdkOut), ratio(r.size, r.wdOut),
                Check.mbps(r.size, r.jdkDeflate), Check.mbps(r.size, r.wdDeflate), speedup(r.jdkDeflate, r.wdDeflate),
                Check.mbps(r.size, r.jdkInflate), Check.mbps(r.size, r.wdInflate), speedup(r.jdkInflate, r.wdInflate),
                result);
    }

    /** Verifies, then times; null if everything verified. */
    private static String measure(byte[] data, Row r, int trials, Progress progress) {
        r.size = data.length;
        byte[] jdkBuf = new byte[bound(data.length)];
        byte[] wdBuf = new byte[bound(data.length)];
        byte[] plain = new byte[data.length];
        Deflater jdkDef = new Deflater(r.level, true);
        Inflater jdkInf = new Inflater(true);
        Deflater wdDef = null;
        Inflater wdInf = null;
        String stage = "wd deflate";
        try {
            wdDef = new WdDeflater(r.level, true);
            wdInf = new WdInflater(true);
            int wdLen = deflate(wdDef, data, wdBuf);
            stage = "jdk deflate";
            int jdkLen = deflate(jdkDef, data, jdkBuf);
            r.wdOut = wdLen;
            r.jdkOut = jdkLen;
            stage = "wd inflate (wd output)";
            verify(wdInf, wdBuf, wdLen, plain, data, stage);
            stage = "jdk inflate (wd output)";
            verify(jdkInf, wdBuf, wdLen, plain, data, stage);
            stage = "wd inflate (jdk output)";
            verify(wdInf, jdkBuf, jdkLen, plain, data, stage);
            stage = "jdk inflate (jdk output)";
            verify(jdkInf, jdkBuf, jdkLen, plain, data, stage);

            for (int t = 0; t < trials; t++) {
                stage = "timing";
                r.jdkDeflate = Math.min(r.jdkDeflate, timeDeflate(jdkDef, data, jdkBuf));
                r.wdDeflate = Math.min(r.wdDeflate, timeDeflate(wdDef, data, wdBuf));
                r.jdkInflate = Math.min(r.jdkInflate, timeInflate(jdkInf, jdkBuf, jdkLen, plain));
                r.wdInflate = Math.min(r.wdInflate, timeInflate(wdInf, wdBuf, wdLen, plain));
                progress.advance(1, r.label + " level " + r.level);
            }
            stage = "wd inflate after timing";
            verify(wdInf, wdBuf, wdLen, plain, data, stage);
            return null;
        } catch (DataFormatException e) {
            return stage + ": DataFormatException: " + e.getMessage();
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            return stage + ": " + e;
        } finally {
            jdkDef.end();
            jdkInf.end();
            if (wdDef != null) {
                wdDef.end();
            }
            if (wdInf != null) {
                wdInf.end();
            }
        }
    }

    /** zlib's deflateBound for raw data, plus slack for stored blocks. */
    private static int bound(int n) {
        return (int) Math.min(Integer.MAX_VALUE - 16, n + (n >> 12) + (n >> 14) + (n >> 25) + 13 + 5L * (n / 16383 + 1));
    }

    private static int deflate(Deflater d, byte[] data, byte[] out) {
        d.reset();
        d.setInput(data);
        d.finish();
        int n = 0;
        while (!d.finished()) {
            if (n == out.length) {
                throw new IllegalStateException("deflate output larger than its bound");
            }
            n += d.deflate(out, n, out.length - n);
        }
        return n;
    }

    private static int inflate(Inflater inf, byte[] in, int len, byte[] out) throws DataFormatException {
        inf.reset();
        inf.setInput(in, 0, len);
        int n = 0;
        int stalls = 0;
        while (!inf.finished()) {
            int k = inf.inflate(out, n, out.length - n);
            n += k;
            if (k == 0 && ++stalls > 16) {
                throw new IllegalStateException("inflate stopped after " + n + " bytes without finishing");
            }
        }
        return n;
    }

    private static void verify(Inflater inf, byte[] in, int len, byte[] out, byte[] data, String stage)
            throws DataFormatException {
        Arrays.fill(out, (byte) 0xA5);
        int n = inflate(inf, in, len, out);
        if (n != data.length || !Arrays.equals(out, data)) {
            throw new IllegalStateException(stage + ": output differs from the original (at byte "
                    + Arrays.mismatch(out, data) + ", " + n + " bytes)");
        }
    }

    private static long timeDeflate(Deflater d, byte[] data, byte[] out) {
        long t0 = System.nanoTime();
        int reps = 0;
        long el;
        do {
            deflate(d, data, out);
            reps++;
            el = System.nanoTime() - t0;
        } while (el < MIN_TRIAL_NANOS);
        return el / reps;
    }

    private static long timeInflate(Inflater inf, byte[] in, int len, byte[] out) throws DataFormatException {
        long t0 = System.nanoTime();
        int reps = 0;
        long el;
        do {
            inflate(inf, in, len, out);
            reps++;
            el = System.nanoTime() - t0;
        } while (el < MIN_TRIAL_NANOS);
        return el / reps;
    }

    private static String ratio(long size, long compressed) {
        return compressed == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) size / compressed);
    }

    private static String speedup(long jdkNanos, long wdNanos) {
        return wdNanos <= 0 || jdkNanos <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) jdkNanos / wdNanos);
    }
}
