/*
 * A paired check of the deflate ratios, next to the JMH runs: java.util.zip and WdDeflater
 * compress the same file in alternation, in one JVM per file and level, and the ratio is taken
 * per pair of operations.
 *
 * Why: on a shared machine the speed of the chain walk (an L2-latency-bound loop in both
 * implementations) drifts by several per cent between JVMs and over minutes, which is as large
 * as the differences to be measured. JMH runs each implementation in its own fork, at a
 * different time; here both run within the same second, so drift hits both alike. The median
 * of the per-pair ratios is the figure; the best time of each is printed as well.
 *
 * Time is the thread's CPU time. Every WdDeflater output is checked against java.util.zip's.
 *
 * -jvms N runs N JVMs per file and level and reports the medians over them, with the range of
 * the per-JVM ratios: C2's code for the chain walk differs between JVMs of the same program
 * (which value it keeps on the stack depends on when the profile was taken), and one JVM lands
 * on the fast or the slow version of it, 10-15 % apart.
 */
package io.warpdrive.bench.deflate;

import io.warpdrive.bench.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;

public final class PairedDeflate {
    private static final String USAGE = String.join("\n",
            "usage: PairedDeflate [options]",
            "  -files LIST    corpus files or groups (silesia, calgary, canterbury). Default: silesia",
            "  -levels LIST   compression levels. Default: 1,6,9",
            "  -pairs N       measured jdk/wd pairs per file and level. Default: 7",
            "  -warmup N      unmeasured pairs first (JIT warm-up). Default: 4",
            "  -jvms N        JVMs per file and level; medians over them and the ratio range. Default: 1",
            "  -corpus DIR    corpus directory (else -Dwarpdrive.corpus or ../shared/corpus)");

    private PairedDeflate() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("-child")) {
            child(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        List<String> files = List.of("silesia");
        List<String> levels = List.of("1", "6", "9");
        int pairs = 7;
        int warmup = 4;
        int jvms = 1;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (i + 1 >= args.length) {
                System.err.println(USAGE);
                System.exit(2);
            }
            String v = args[++i];
            switch (opt) {
                case "-files" -> files = List.of(v.split(","));
                case "-levels" -> levels = List.of(v.split(","));
                case "-pairs" -> pairs = Integer.parseInt(v);
                case "-warmup" -> warmup = Integer.parseInt(v);
                case "-jvms" -> jvms = Integer.parseInt(v);
                case "-corpus" -> System.setProperty(Corpus.PROPERTY, v);
                default -> {
                    System.err.println("unknown option " + opt + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        List<String> names = Corpus.expand(files);
        Path root = Corpus.root();
        String java = ProcessHandle.current().info().command().orElse("java");
        System.out.printf(Locale.ROOT, "JVM %s (%s); %d pairs after %d warm-up pairs, thread CPU time, %d JVM(s)"
                + " per file and level%n", System.getProperty("java.vm.version"), System.getProperty("java.vm.name"),
                pairs, warmup, jvms);
        for (String level : levels) {
            System.out.printf(Locale.ROOT, "%nDeflate level %s, zlib wrapper, whole file per call, one JVM per file%n", level);
            System.out.printf(Locale.ROOT, "%-22s %10s %10s %12s %12s  %s%n", "file", "jdk ms", "wd ms", "best jdk/wd",
                    "median pair", jvms > 1 ? "per-JVM median pair, lowest-highest" : "");
            double jdkTotal = 0;
            double wdTotal = 0;
            double wdMedianTotal = 0;
            for (String name : names) {
                double[] jdkMs = new double[jvms];
                double[] wdMs = new double[jvms];
                double[] medians = new double[jvms];
                for (int k = 0; k < jvms; k++) {
                    String[] f = fork(java, root, level, name, pairs, warmup).trim().split("\\s+");
                    jdkMs[k] = Double.parseDouble(f[0]);
                    wdMs[k] = Double.parseDouble(f[1]);
                    medians[k] = Double.parseDouble(f[2]);
                }
                double jdk = median(jdkMs);
                double wd = median(wdMs);
                double median = median(medians);
                jdkTotal += jdk;
                wdTotal += wd;
                wdMedianTotal += jdk / median;
                String range = jvms > 1 ? String.format(Locale.ROOT, "  %.3f-%.3f", medians[0], medians[jvms - 1]) : "";
                System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f %12.3f %12.3f%s%n", name, jdk, wd, jdk / wd, median,
                        range);
            }
            System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f %12.3f %12.3f%n", "total", jdkTotal, wdTotal,
                    jdkTotal / wdTotal, jdkTotal / wdMedianTotal);
        }
    }

    /** Median of the values (sorts them in place); the mean of the middle two for an even count. */
    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Runs one file and level in a fresh JVM, so that the JIT sees only that file's profile (as JMH forks do). */
    private static String fork(String java, Path root, String level, String name, int pairs, int warmup)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-D" + Corpus.PROPERTY + "=" + root, PairedDeflate.class.getName(), "-child", level, name,
                Integer.toString(pairs), Integer.toString(warmup)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                last = l;
            }
        }
        int status = p.waitFor();
        if (status != 0 || last == null) {
            throw new IllegalStateException("child for " + name + " at level " + level + " failed (exit " + status + ")");
        }
        return last;
    }

    /** Prints "bestJdkMs bestWdMs medianRatio" for one file and level. */
    private static void child(int level, String name, int pairs, int warmup) {
        byte[] data = Corpus.load(name);
        byte[] out = new byte[data.length + data.length / 100 + 1024];
        Deflater jdk = Deflaters.create("jdk", level);
        Deflater wd = Deflaters.create("wd", level);
        byte[] expected = Arrays.copyOf(out, Deflaters.compress(jdk, data, out));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] ratios = new double[pairs];
        long bestJdk = Long.MAX_VALUE;
        long bestWd = Long.MAX_VALUE;
        for (int i = -warmup; i < pairs; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            jdk.reset();
            Deflaters.compress(jdk, data, out);
            long t1 = mx.getCurrentThreadCpuTime();
            wd.reset();
            int n = Deflaters.compress(wd, data, out);
            long t2 = mx.getCurrentThreadCpuTime();
            if (!Arrays.equals(expected, 0, expected.length, out, 0, n)) {
                throw new IllegalStateException("WdDeflater's output differs from java.util.zip's for " + name
                        + " at level " + level);
            }
            if (i >= 0) {
                bestJdk = Math.min(bestJdk, t1 - t0);
                bestWd = Math.min(bestWd, t2 - t1);
                ratios[i] = (double) (t1 - t0) / (t2 - t1);
            }
        }
        jdk.end();
        wd.end();
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%.3f %.3f %.4f%n", bestJdk / 1e6, bestWd / 1e6, ratios[pairs / 2]);
    }
}
