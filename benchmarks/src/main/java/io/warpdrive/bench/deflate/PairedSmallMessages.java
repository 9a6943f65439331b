/*
 * The small-message check that the session notes call "in-JVM A/B": java.util.zip and
 * WdDeflater compress the same rotating set of SmallMessageBenchmark's JSON-like messages in
 * alternating batches in one JVM, and the figure is the median over rounds of the per-round
 * ratio. A 2-3 % change in a few microseconds per message is below what the JMH runs here
 * resolve (their small-message cells move by 10-30 % between runs of the same code); alternating
 * within one JVM lets drift and the neighbours' load hit both sides alike.
 *
 * Every WdDeflater output is compared with java.util.zip's before timing starts.
 *
 *   java -cp benchmarks/target/benchmarks.jar io.warpdrive.bench.deflate.PairedSmallMessages \
 *       -sizes 256,1024 -level 6 -strategy 0 -pattern reuse
 */
package io.warpdrive.bench.deflate;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

public final class PairedSmallMessages {
    private static final String USAGE = String.join("\n",
            "usage: PairedSmallMessages [options]",
            "  -sizes LIST     message sizes in bytes. Default: 256,1024",
            "  -level N        compression level. Default: 6",
            "  -strategy N     0 DEFAULT, 1 FILTERED, 2 HUFFMAN_ONLY. Default: 0",
            "  -pattern P      reuse (one deflater, reset() per message) or fresh (new + end()). Default: reuse",
            "  -rounds N       measured rounds, each one batch per implementation. Default: 15",
            "  -batch N        messages per batch. Default: 20000");

    private static final int MESSAGES = 64;

    private PairedSmallMessages() {}

    public static void main(String[] args) {
        int[] sizes = {256, 1024};
        int level = 6;
        int strategy = Deflater.DEFAULT_STRATEGY;
        boolean fresh = false;
        int rounds = 15;
        int batch = 20_000;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage();
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "-sizes":
                    sizes = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                    break;
                case "-level":
                    level = Integer.parseInt(v);
                    break;
                case "-strategy":
                    strategy = Integer.parseInt(v);
                    break;
                case "-pattern":
                    if (!v.equals("reuse") && !v.equals("fresh")) {
                        usage();
                    }
                    fresh = v.equals("fresh");
                    break;
                case "-rounds":
                    rounds = Integer.parseInt(v);
                    break;
                case "-batch":
                    batch = Integer.parseInt(v);
                    break;
                default:
                    usage();
            }
        }
        for (int size : sizes) {
            run(size, level, strategy, fresh, rounds, batch);
        }
    }

    private static void usage() {
        System.err.println(USAGE);
        System.exit(2);
    }

    private static void run(int size, int level, int strategy, boolean fresh, int rounds, int batch) {
        SplittableRandom r = new SplittableRandom(size);
        byte[][] messages = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = SmallMessageBenchmark.json(r, size);
        }
        byte[] out = new byte[size * 2 + 64];
        byte[] ref = new byte[out.length];
        Deflater[] reused = {create("jdk", level, strategy), create("wd", level, strategy)};
        for (byte[] m : messages) {
            reused[0].reset();
            int n = Deflaters.compress(reused[0], m, ref);
            reused[1].reset();
            if (!Arrays.equals(ref, 0, n, out, 0, Deflaters.compress(reused[1], m, out))) {
                throw new IllegalStateException("WdDeflater's output differs from java.util.zip's");
            }
        }
        double[][] us = new double[2][rounds];
        long sink = 0;
        for (int k = -3; k < rounds; k++) { // three rounds of warm-up
            for (int impl = 0; impl < 2; impl++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    Deflater d;
                    if (fresh) {
                        d = create(impl == 0 ? "jdk" : "wd", level, strategy);
                    } else {
                        d = reused[impl];
                        d.reset();
                    }
                    sink += Deflaters.compress(d, messages[i & (MESSAGES - 1)], out);
                    if (fresh) {
                        d.end();
                    }
                }
                if (k >= 0) {
                    us[impl][k] = (System.nanoTime() - t0) / 1e3 / batch;
                }
            }
        }
        reused[0].end();
        reused[1].end();
        double[] ratio = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            ratio[k] = us[0][k] / us[1][k];
        }
        Arrays.sort(ratio);
        Arrays.sort(us[0]);
        Arrays.sort(us[1]);
        System.out.printf(Locale.ROOT,
                "%5d B level %d strategy %d %s: jdk %.2f us, wd %.2f us (medians), wd/jdk %.3f (quartiles %.3f-%.3f)%s%n",
                size, level, strategy, fresh ? "fresh" : "reuse", us[0][rounds / 2], us[1][rounds / 2],
                ratio[rounds / 2], ratio[rounds / 4], ratio[(3 * rounds) / 4], sink == 42 ? " " : "");
    }

    private static Deflater create(String impl, int level, int strategy) {
        Deflater d = Deflaters.create(impl, level);
        d.setStrategy(strategy);
        return d;
    }
}
