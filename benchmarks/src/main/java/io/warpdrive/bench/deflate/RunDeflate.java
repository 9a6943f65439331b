/*
 * Runs DeflateBenchmark and SmallMessageBenchmark through the JMH API and prints what the
 * project reports: per level and file jdk MB/s, wd MB/s and wd/jdk, the Silesia-7 and Calgary
 * totals (total bytes / total time), and the small-message rates with their ratios.
 *
 *   java -cp benchmarks/target/benchmarks.jar io.warpdrive.bench.deflate.RunDeflate -h
 */
package io.warpdrive.bench.deflate;

import io.warpdrive.bench.Corpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

public final class RunDeflate {
    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks.jar io.warpdrive.bench.deflate.RunDeflate [options]",
            "  -files LIST     comma list of corpus files or groups (silesia, calgary, canterbury, all),",
            "                  or 'none' to skip the corpus benchmark. Default: silesia,calgary",
            "  -levels LIST    compression levels. Default: 1,6,9",
            "  -small LIST     small-message patterns: fresh, reuse, or none. Default: fresh,reuse",
            "  -sizes LIST     small-message sizes in bytes. Default: 256,1024",
            "  -wi N -w TIME   warmup iterations and time per iteration. Default: 3 x 2s",
            "  -i N  -r TIME   measurement iterations and time per iteration. Default: 5 x 2s",
            "  -f N            forks. Default: 1",
            "  -corpus DIR     corpus directory (else -Dwarpdrive.corpus, else shared/corpus found",
            "                  walking up from the working directory)",
            "  -jvmArgs ARGS   extra JVM arguments for the forks, space separated",
            "  -rf FILE        also write JMH's results as JSON to FILE",
            "Exit status: 0 if every requested benchmark produced a score, 1 otherwise, 2 on bad usage.");

    private RunDeflate() {}

    public static void main(String[] args) throws RunnerException {
        List<String> files = List.of("silesia", "calgary");
        List<String> levels = List.of("1", "6", "9");
        List<String> small = List.of("fresh", "reuse");
        List<String> sizes = List.of("256", "1024");
        int wi = 3;
        int iters = 5;
        int forks = 1;
        TimeValue w = TimeValue.seconds(2);
        TimeValue r = TimeValue.seconds(2);
        String corpus = null;
        String resultFile = null;
        List<String> jvmArgs = new ArrayList<>();
        try {
            for (int a = 0; a < args.length; a++) {
                String opt = args[a];
                if (opt.equals("-h") || opt.equals("-help") || opt.equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (a + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + opt);
                }
                String v = args[++a];
                switch (opt) {
                    case "-files" -> files = v.equals("none") ? List.of() : list(v);
                    case "-levels" -> levels = list(v);
                    case "-small" -> small = v.equals("none") ? List.of() : list(v);
                    case "-sizes" -> sizes = list(v);
                    case "-wi" -> wi = Integer.parseInt(v);
                    case "-w" -> w = TimeValue.fromString(v);
                    case "-i" -> iters = Integer.parseInt(v);
                    case "-r" -> r = TimeValue.fromString(v);
                    case "-f" -> forks = Integer.parseInt(v);
                    case "-corpus" -> corpus = v;
                    case "-jvmArgs" -> jvmArgs.addAll(Arrays.asList(v.trim().split("\\s+")));
                    case "-rf" -> resultFile = v;
                    default -> throw new IllegalArgumentException("unknown option " + opt);
                }
            }
            for (String p : small) {
                if (!p.equals("fresh") && !p.equals("reuse")) {
                    throw new IllegalArgumentException("unknown small-message pattern '" + p + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("RunDeflate: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        Map<String, Long> fileSizes = new LinkedHashMap<>();
        List<String> names = List.of();
        if (!files.isEmpty()) {
            if (corpus != null) {
                System.setProperty(Corpus.PROPERTY, corpus);
            }
            names = Corpus.expand(files);
            try {
                for (String n : names) {
                    fileSizes.put(n, (long) Corpus.load(n).length);
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                System.err.println("RunDeflate: " + e.getMessage());
                System.exit(2);
                return;
            }
            jvmArgs.add("-D" + Corpus.PROPERTY + "=" + Corpus.root());
        }

        int missing = 0;
        if (!names.isEmpty()) {
            ChainedOptionsBuilder opts = common(wi, w, iters, r, forks, jvmArgs)
                    .include("^" + Pattern.quote(DeflateBenchmark.class.getName()) + "\\.whole$")
                    .param("file", names.toArray(new String[0]))
                    .param("level", levels.toArray(new String[0]));
            if (resultFile != null) {
                opts.result(resultFile).resultFormat(ResultFormatType.JSON);
            }
            missing += printCorpus(new Runner(opts.build()).run(), levels, names, fileSizes);
        }
        if (!small.isEmpty()) {
            ChainedOptionsBuilder opts = common(wi, w, iters, r, forks, jvmArgs)
                    .include("^" + Pattern.quote(SmallMessageBenchmark.class.getName()) + "\\.("
                            + String.join("|", small) + ")$")
                    .param("size", sizes.toArray(new String[0]));
            if (resultFile != null) {
                opts.result(resultFile.replaceFirst("(\\.json)?$", "-small.json")).resultFormat(ResultFormatType.JSON);
            }
            missing += printSmall(new Runner(opts.build()).run(), small, sizes);
        }
        System.out.printf(Locale.ROOT, "%nJVM %s (%s)%n", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.name"));
        if (missing > 0) {
            System.err.println("RunDeflate: " + missing + " benchmark(s) produced no score; see the JMH output above.");
            System.exit(1);
        }
    }

    private static ChainedOptionsBuilder common(int wi, TimeValue w, int iters, TimeValue r, int forks,
            List<String> jvmArgs) {
        return new OptionsBuilder()
                .param("impl", Deflaters.IMPLS.toArray(new String[0]))
                .warmupIterations(wi).warmupTime(w)
                .measurementIterations(iters).measurementTime(r)
                .forks(forks)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]));
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty list '" + v + "'");
        }
        return out;
    }

    private static int printCorpus(Collection<RunResult> results, List<String> levels, List<String> names,
            Map<String, Long> sizes) {
        // level -> file -> impl -> ops/s
        Map<String, Map<String, Map<String, Result<?>>>> byLevel = new HashMap<>();
        for (RunResult rr : results) {
            byLevel.computeIfAbsent(rr.getParams().getParam("level"), k -> new HashMap<>())
                    .computeIfAbsent(rr.getParams().getParam("file"), k -> new HashMap<>())
                    .put(rr.getParams().getParam("impl"), rr.getPrimaryResult());
        }
        int missing = 0;
        for (String level : levels) {
            Map<String, Map<String, Result<?>>> byFile = byLevel.getOrDefault(level, Map.of());
            System.out.printf(Locale.ROOT, "%nDeflate level %s: MB/s of uncompressed input (MB = 10^6 bytes),"
                    + " zlib wrapper, whole file per call%n", level);
            System.out.printf(Locale.ROOT, "%-22s %11s %9s %9s %7s%n", "file", "bytes", "jdk MB/s", "wd MB/s", "wd/jdk");
            for (String name : names) {
                Map<String, Result<?>> row = byFile.getOrDefault(name, Map.of());
                Result<?> jdk = row.get("jdk");
                Result<?> wd = row.get("wd");
                long size = sizes.get(name);
                if (jdk == null || wd == null) {
                    missing++;
                }
                System.out.printf(Locale.ROOT, "%-22s %11d %9s %9s %7s%n", name, size, mbps(jdk, size),
                        mbps(wd, size), jdk == null || wd == null ? "n/a"
                                : String.format(Locale.ROOT, "%.3f", wd.getScore() / jdk.getScore()));
            }
            total("Silesia-7 total", Corpus.SILESIA, byFile, sizes);
            total("Calgary total", Corpus.CALGARY, byFile, sizes);
        }
        return missing;
    }

    private static String mbps(Result<?> res, long size) {
        return res == null ? "n/a" : String.format(Locale.ROOT, "%.1f", res.getScore() * size / 1e6);
    }

    /** Total bytes / total time over a group; printed only when the whole group was measured. */
    private static void total(String label, List<String> group, Map<String, Map<String, Result<?>>> byFile,
            Map<String, Long> sizes) {
        if (!sizes.keySet().containsAll(group)) {
            return;
        }
        long bytes = 0;
        double jdkSeconds = 0;
        double wdSeconds = 0;
        for (String name : group) {
            bytes += sizes.get(name);
            Map<String, Result<?>> row = byFile.getOrDefault(name, Map.of());
            jdkSeconds += row.containsKey("jdk") ? 1 / row.get("jdk").getScore() : Double.NaN;
            wdSeconds += row.containsKey("wd") ? 1 / row.get("wd").getScore() : Double.NaN;
        }
        System.out.printf(Locale.ROOT, "%-22s %11d %9.1f %9.1f %7.3f%n", label, bytes, bytes / jdkSeconds / 1e6,
                bytes / wdSeconds / 1e6, jdkSeconds / wdSeconds);
    }

    private static int printSmall(Collection<RunResult> results, List<String> patterns, List<String> sizes) {
        Map<String, Result<?>> byKey = new HashMap<>();
        for (RunResult rr : results) {
            String bench = rr.getParams().getBenchmark();
            String pattern = bench.substring(bench.lastIndexOf('.') + 1);
            byKey.put(pattern + "/" + rr.getParams().getParam("size") + "/" + rr.getParams().getParam("impl"),
                    rr.getPrimaryResult());
        }
        System.out.printf(Locale.ROOT, "%nSmall messages (JSON-like, level 6, zlib wrapper): messages/s%n");
        System.out.printf(Locale.ROOT, "%-8s %6s %12s %12s %7s%n", "pattern", "bytes", "jdk msg/s", "wd msg/s", "wd/jdk");
        int missing = 0;
        for (String p : patterns) {
            for (String size : sizes) {
                Result<?> jdk = byKey.get(p + "/" + size + "/jdk");
                Result<?> wd = byKey.get(p + "/" + size + "/wd");
                if (jdk == null || wd == null) {
                    missing++;
                }
                System.out.printf(Locale.ROOT, "%-8s %6s %12s %12s %7s%n", p, size,
                        jdk == null ? "n/a" : String.format(Locale.ROOT, "%.0f", jdk.getScore()),
                        wd == null ? "n/a" : String.format(Locale.ROOT, "%.0f", wd.getScore()),
                        jdk == null || wd == null ? "n/a"
                                : String.format(Locale.ROOT, "%.2f", wd.getScore() / jdk.getScore()));
            }
        }
        return missing;
    }
}
