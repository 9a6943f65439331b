/*
 * Runs InflateBenchmark through the JMH API and prints the comparison the project reports:
 * per file jdk MB/s, wd MB/s and wd/jdk, plus group totals (total bytes / total time, so big
 * files weigh as much as they take), of which the Silesia-7 total is the headline figure.
 *
 *   java -cp benchmarks/target/benchmarks.jar io.warpdrive.bench.RunInflate -h
 */
package io.warpdrive.bench;

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

public final class RunInflate {
    private static final List<String> VARIANTS = List.of("whole", "chunk64k", "fresh");

    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks.jar io.warpdrive.bench.RunInflate [options]",
            "  -files LIST     comma list of corpus files or groups (silesia, calgary, canterbury, all);",
            "                  Silesia files by name (dickens), others as calgary/bib. Default: silesia,calgary",
            "  -impl LIST      implementations to measure. Default: jdk,wd",
            "  -variants LIST  whole, chunk64k, fresh (see InflateBenchmark). Default: whole",
            "  -wi N -w TIME   warmup iterations and time per iteration. Default: 3 x 1s",
            "  -i N  -r TIME   measurement iterations and time per iteration. Default: 5 x 1s",
            "  -f N            forks per file and impl. Default: 1",
            "  -corpus DIR     corpus directory (else -Dwarpdrive.corpus, else shared/corpus found",
            "                  walking up from the working directory)",
            "  -jvmArgs ARGS   extra JVM arguments for the forks, space separated (e.g. \"-Xmx2g\")",
            "  -rf FILE        also write JMH's results as JSON to FILE",
            "  -foe            stop at the first failing benchmark (default: report it and go on)",
            "Exit status: 0 if every requested benchmark produced a score, 1 otherwise, 2 on bad usage.");

    private RunInflate() {}

    public static void main(String[] args) throws RunnerException {
        List<String> files = List.of("silesia", "calgary");
        List<String> impls = Inflaters.IMPLS;
        List<String> variants = List.of("whole");
        int wi = 3, iters = 5, forks = 1;
        TimeValue w = TimeValue.seconds(1), r = TimeValue.seconds(1);
        String corpus = null, resultFile = null;
        List<String> jvmArgs = new ArrayList<>();
        boolean failOnError = false;
        try {
            for (int a = 0; a < args.length; a++) {
                String opt = args[a];
                switch (opt) {
                    case "-h": case "-help": case "--help":
                        System.out.println(USAGE);
                        return;
                    case "-foe":
                        failOnError = true;
                        continue;
                    default:
                        break;
                }
                if (a + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + opt);
                }
                String v = args[++a];
                switch (opt) {
                    case "-files": files = list(v); break;
                    case "-impl": impls = list(v); break;
                    case "-variants": variants = list(v); break;
                    case "-wi": wi = Integer.parseInt(v); break;
                    case "-w": w = TimeValue.fromString(v); break;
                    case "-i": iters = Integer.parseInt(v); break;
                    case "-r": r = TimeValue.fromString(v); break;
                    case "-f": forks = Integer.parseInt(v); break;
                    case "-corpus": corpus = v; break;
                    case "-jvmArgs": jvmArgs.addAll(Arrays.asList(v.trim().split("\\s+"))); break;
                    case "-rf": resultFile = v; break;
                    default: throw new IllegalArgumentException("unknown option " + opt);
                }
            }
            for (String v : variants) {
                if (!VARIANTS.contains(v)) {
                    throw new IllegalArgumentException("unknown variant '" + v + "'; expected some of " + VARIANTS);
                }
            }
            for (String i : impls) {
                Inflaters.create(i).end(); // rejects unknown names with the list of known ones
            }
        } catch (IllegalArgumentException e) {
            System.err.println("RunInflate: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        if (corpus != null) {
            System.setProperty(Corpus.PROPERTY, corpus);
        }
        List<String> names = Corpus.expand(files);
        // Load every file here first: fails fast with Corpus's message, and gives the sizes.
        Map<String, Long> sizes = new LinkedHashMap<>();
        try {
            for (String n : names) {
                sizes.put(n, (long) Corpus.load(n).length);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("RunInflate: " + e.getMessage());
            System.exit(2);
            return;
        }

        // Forks do not inherit this JVM's system properties: hand them the resolved corpus.
        jvmArgs.add("-D" + Corpus.PROPERTY + "=" + Corpus.root());
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include("^" + Pattern.quote(InflateBenchmark.class.getName()) + "\\.("
                        + String.join("|", variants) + ")$")
                .param("file", names.toArray(new String[0]))
                .param("impl", impls.toArray(new String[0]))
                .warmupIterations(wi).warmupTime(w)
                .measurementIterations(iters).measurementTime(r)
                .forks(forks)
                .shouldFailOnError(failOnError)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]));
        if (resultFile != null) {
            opts.result(resultFile).resultFormat(ResultFormatType.JSON);
        }
        Collection<RunResult> results = new Runner(opts.build()).run();

        int missing = printTables(results, variants, impls, names, sizes);
        System.out.printf(Locale.ROOT, "%nJVM %s (%s), corpus %s%n", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.name"), Corpus.root());
        if (missing > 0) {
            System.err.println("RunInflate: " + missing + " benchmark(s) produced no score; see the JMH output above.");
            System.exit(1);
        }
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

    /** Prints one table per variant; returns how many requested (variant, file, impl) had no score. */
    private static int printTables(Collection<RunResult> results, List<String> variants, List<String> impls,
            List<String> names, Map<String, Long> sizes) {
        // variant -> file -> impl -> primary result (ops/s)
        Map<String, Map<String, Map<String, Result<?>>>> byVariant = new HashMap<>();
        for (RunResult rr : results) {
            String bench = rr.getParams().getBenchmark();
            String variant = bench.substring(bench.lastIndexOf('.') + 1);
            byVariant.computeIfAbsent(variant, k -> new HashMap<>())
                    .computeIfAbsent(rr.getParams().getParam("file"), k -> new HashMap<>())
                    .put(rr.getParams().getParam("impl"), rr.getPrimaryResult());
        }
        boolean ratio = impls.contains("jdk") && impls.contains("wd");
        int missing = 0;
        for (String variant : variants) {
            Map<String, Map<String, Result<?>>> byFile = byVariant.getOrDefault(variant, Map.of());
            System.out.printf(Locale.ROOT, "%nInflate, variant %s: MB/s of uncompressed output (MB = 10^6 bytes),"
                    + " input java.util.zip level %d, zlib wrapper%n", variant, InflateBenchmark.LEVEL);
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-22s %11s", "file", "bytes"));
            for (String impl : impls) {
                head.append(String.format(Locale.ROOT, " %9s %5s", impl + " MB/s", "±%"));
            }
            if (ratio) {
                head.append(String.format(Locale.ROOT, " %7s", "wd/jdk"));
            }
            System.out.println(head);
            for (String name : names) {
                Map<String, Result<?>> row = byFile.getOrDefault(name, Map.of());
                long size = sizes.get(name);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %11d", name, size));
                for (String impl : impls) {
                    Result<?> res = row.get(impl);
                    if (res == null) {
                        missing++;
                        line.append(String.format(Locale.ROOT, " %9s %5s", "n/a", ""));
                    } else {
                        double mbps = res.getScore() * size / 1e6;
                        // JMH reports no error (NaN) for a single measured iteration.
                        double err = res.getScoreError();
                        line.append(String.format(Locale.ROOT, " %9.1f %5s", mbps,
                                Double.isNaN(err) ? "" : String.format(Locale.ROOT, "%.1f", 100 * err / res.getScore())));
                    }
                }
                if (ratio) {
                    line.append(ratioCell(row.get("wd"), row.get("jdk")));
                }
                System.out.println(line);
            }
            printTotal("Silesia-7 total", Corpus.SILESIA, byFile, impls, sizes, ratio);
            printTotal("Calgary total", Corpus.CALGARY, byFile, impls, sizes, ratio);
            printTotal("Canterbury total", Corpus.CANTERBURY, byFile, impls, sizes, ratio);
        }
        return missing;
    }

    private static String ratioCell(Result<?> wd, Result<?> jdk) {
        // Same file, so the ops/s ratio is the MB/s ratio.
        if (wd == null || jdk == null) {
            return String.format(Locale.ROOT, " %7s", "n/a");
        }
        return String.format(Locale.ROOT, " %7.3f", wd.getScore() / jdk.getScore());
    }

    /** Total bytes / total time over a whole group; printed only when every file of the group has a score. */
    private static void printTotal(String label, List<String> group, Map<String, Map<String, Result<?>>> byFile,
            List<String> impls, Map<String, Long> sizes, boolean ratio) {
        if (!sizes.keySet().containsAll(group)) {
            return;
        }
        long bytes = 0;
        for (String name : group) {
            bytes += sizes.get(name);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %11d", label, bytes));
        Map<String, Double> totals = new HashMap<>();
        for (String impl : impls) {
            double seconds = 0; // time to inflate each file of the group once
            for (String name : group) {
                Result<?> res = byFile.getOrDefault(name, Map.of()).get(impl);
                if (res == null) {
                    seconds = Double.NaN;
                    break;
                }
                seconds += 1 / res.getScore();
            }
            double mbps = bytes / seconds / 1e6;
            totals.put(impl, mbps);
            line.append(Double.isNaN(mbps) ? String.format(Locale.ROOT, " %9s %5s", "n/a", "")
                    : String.format(Locale.ROOT, " %9.1f %5s", mbps, ""));
        }
        if (ratio) {
            double q = totals.get("wd") / totals.get("jdk");
            line.append(Double.isNaN(q) ? String.format(Locale.ROOT, " %7s", "n/a")
                    : String.format(Locale.ROOT, " %7.3f", q));
        }
        System.out.println(line);
    }
}
