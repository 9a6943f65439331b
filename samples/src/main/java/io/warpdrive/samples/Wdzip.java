/*
 * Wdzip: the `wdzip` command line (picocli). With no subcommand it is gzip: the same options,
 * messages and exit statuses (GzipTool does the work). Subcommands:
 *   check         the main job: gzip round trips through warpdrive and java.util.zip, verified
 *   bench         throughput and ratio table against java.util.zip
 *   devices       uacce devices and whether the provider would use them
 *   inflate-check the inflate-only check (InflateCheck)
 *   example NAME  runs one of the examples in io.warpdrive.samples.examples
 *
 * Design: picocli parses; command objects only translate options into the Options of the class
 * that does the work, so that the work is testable without a command line. Usage errors print
 * gzip's two lines and exit 1 (gzip's status) at the top level, 2 in the subcommands (as
 * InflateCheck always did).
 */
package io.warpdrive.samples;

import io.warpdrive.accel.uacce.UacceDiscovery;
import io.warpdrive.samples.examples.BuildZip;
import io.warpdrive.samples.examples.CommonsCompressByName;
import io.warpdrive.samples.examples.GzipStreams;
import io.warpdrive.samples.examples.SwapDeflaterInflater;
import io.warpdrive.zip.Backend;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "wdzip", sortOptions = false, usageHelpWidth = 100,
        description = {"Compress or decompress FILEs in the gzip format (in place by default), with warpdrive.",
            "Options, messages and exit statuses as GNU gzip: 0 ok, 1 error, 2 warning.", ""},
        subcommands = {Wdzip.CheckCmd.class, Wdzip.BenchCmd.class, Wdzip.DevicesCmd.class,
            Wdzip.InflateCheckCmd.class, Wdzip.ExampleCmd.class},
        footer = {"", "With no FILE, or when FILE is -, read standard input.",
            "`wdzip COMMAND --help` describes each command. A file named like a command: ./check."})
public final class Wdzip implements Callable<Integer> {
    private final GzipTool.Options gz = new GzipTool.Options();

    @Option(order = 1, names = {"-c", "--stdout", "--to-stdout"}, description = "write on standard output, keep original files")
    void stdout(boolean v) {
        gz.stdout = v;
    }

    @Option(order = 2, names = {"-d", "--decompress", "--uncompress"}, description = "decompress")
    void decompress(boolean v) {
        gz.decompress = v;
    }

    @Option(order = 3, names = {"-f", "--force"}, description = "force overwrite of output file and compress links")
    void force(boolean v) {
        gz.force = v;
    }

    @Option(order = 4, names = {"-k", "--keep"}, description = "keep (don't delete) input files")
    void keep(boolean v) {
        gz.keep = v;
    }

    @Option(order = 5, names = {"-l", "--list"}, description = "list compressed file contents")
    void list(boolean v) {
        gz.list = v;
    }

    @Option(order = 6, names = {"-n", "--no-name"}, description = "do not save or restore the original name and timestamp")
    void noName(boolean v) {
        gz.name = false;
    }

    @Option(order = 7, names = {"-N", "--name"}, description = "save or restore the original name and timestamp")
    void name(boolean v) {
        gz.name = true;
    }

    @Option(order = 8, names = {"-q", "--quiet"}, description = "suppress all warnings")
    void quiet(boolean v) {
        gz.verbosity = -1;
    }

    @Option(order = 9, names = {"-S", "--suffix"}, paramLabel = "SUF", description = "use suffix SUF on compressed files")
    void suffix(String s) {
        gz.suffix = s;
    }

    @Option(order = 10, names = {"-t", "--test"}, description = "test compressed file integrity")
    void test(boolean v) {
        gz.test = v;
    }

    @Option(order = 11, names = {"-v", "--verbose"}, description = "verbose mode")
    void verbose(boolean v) {
        gz.verbosity = 1;
    }

    // gzip takes the last level given: each option sets it when parsed, in order.
    @Option(order = 12, names = {"-1", "--fast"}, description = "compress faster")
    void l1(boolean v) {
        gz.level = 1;
    }

    @Option(order = 13, names = "-2", hidden = true)
    void l2(boolean v) {
        gz.level = 2;
    }

    @Option(order = 14, names = "-3", hidden = true)
    void l3(boolean v) {
        gz.level = 3;
    }

    @Option(order = 15, names = "-4", hidden = true)
    void l4(boolean v) {
        gz.level = 4;
    }

    @Option(order = 16, names = "-5", hidden = true)
    void l5(boolean v) {
        gz.level = 5;
    }

    @Option(order = 17, names = "-6", hidden = true)
    void l6(boolean v) {
        gz.level = 6;
    }

    @Option(order = 18, names = "-7", hidden = true)
    void l7(boolean v) {
        gz.level = 7;
    }

    @Option(order = 19, names = "-8", hidden = true)
    void l8(boolean v) {
        gz.level = 8;
    }

    @Option(order = 20, names = {"-9", "--best"}, description = "compress better (-2 .. -8 in between; default -6)")
    void l9(boolean v) {
        gz.level = 9;
    }

    @Option(order = 21, names = "--backend", paramLabel = "B", description = "auto, soft, emulated or device (default: auto,"
            + " or -Dwarpdrive.backend)")
    String backend;

    @Option(order = 22, names = {"-h", "--help"}, usageHelp = true, description = "give this help")
    boolean help;

    @Option(order = 23, names = {"-V", "--version"}, versionHelp = true, description = "display version number")
    boolean version;

    @Parameters(paramLabel = "FILE", arity = "0..*")
    List<String> files = new ArrayList<>();

    /** Where output goes; System's unless a test says otherwise. */
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final boolean stdinTty;
    private final boolean stdoutTty;

    Wdzip(InputStream stdin, PrintStream stdout, PrintStream stderr, boolean stdinTty, boolean stdoutTty) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdinTty = stdinTty;
        this.stdoutTty = stdoutTty;
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err, Terminal.stdin(), Terminal.stdout());
        System.out.flush();
        System.exit(status);
    }

    /** Runs the command line; returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean stdinTty,
            boolean stdoutTty) {
        CommandLine cl = new CommandLine(new Wdzip(in, out, err, stdinTty, stdoutTty));
        // InflateCheck parses its own options (--warmup-ms, --help, --): hand them all over.
        cl.getSubcommands().get("inflate-check").setUnmatchedOptionsArePositionalParams(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.getCommandSpec().version("wdzip " + version(), "warpdrive-zip: gzip with warpdrive DEFLATE engines");
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            boolean top = c.getParent() == null;
            String name = top ? "wdzip" : "wdzip " + c.getCommandName();
            err.println(name + ": " + gzipWords(ex));
            err.println("Try `" + name + " --help' for more information.");
            return top ? GzipTool.ERROR : 2;
        });
        cl.setExecutionExceptionHandler((ex, c, pr) -> {
            err.println("wdzip: " + ex);
            return GzipTool.ERROR;
        });
        return cl.execute(args);
    }

    /** picocli's complaint in gzip's words where gzip has them. */
    private static String gzipWords(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            List<String> u = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched();
            String arg = u.isEmpty() ? "" : u.get(0);
            if (arg.startsWith("--")) {
                return "unrecognized option '" + arg + "'";
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                return "invalid option -- '" + arg.substring(1) + "'";
            }
        }
        String m = ex.getMessage();
        return m == null ? ex.toString() : m.replace("Unknown option: ", "unrecognized option ");
    }

    private static String version() {
        try (InputStream in = Wdzip.class.getResourceAsStream(
                "/META-INF/maven/io.warpdrive/warpdrive-samples/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        return "dev";
    }

    /** Sets --backend; prints the reason and returns false if it cannot be used. */
    static boolean applyBackend(String backend, String who, PrintStream err) {
        if (backend == null) {
            return true;
        }
        Backend b;
        try {
            b = Backends.parse(backend);
        } catch (IllegalArgumentException e) {
            err.println(who + ": " + e.getMessage());
            return false;
        }
        String problem = Backends.use(b);
        if (problem != null) {
            err.println(who + ": backend '" + Backends.name(b) + "' is not available: " + problem);
            return false;
        }
        return true;
    }

    @Override
    public Integer call() {
        if (!applyBackend(backend, "wdzip", stderr)) {
            return GzipTool.ERROR;
        }
        gz.files = files;
        return new GzipTool("wdzip", gz, new GzipTool.Io(stdin, stdout, stderr, stdinTty, stdoutTty)).run();
    }

    // ---------------------------------------------------------------- subcommands

    @Command(name = "check", sortOptions = false, mixinStandardHelpOptions = true,
            description = {"The main job: gzip round trips through warpdrive and java.util.zip, verified.",
                "",
                "Gzips each FILE (default: the JDK's lib/modules, first 64 MiB) through warpdrive and",
                "through java.util.zip, decompresses each output with both, verifies every byte, and",
                "prints ratio and speed side by side. Runs on the emulated accelerator when this build",
                "has it, else on soft (and says so). Exit status: 0 all verified, 1 a check failed, 2 usage."})
    static final class CheckCmd implements Callable<Integer> {
        @CommandLine.ParentCommand
        Wdzip parent;

        @Option(names = "--backend", paramLabel = "B", description = "auto, soft, emulated or device"
                + " (default: emulated if available, else soft)")
        String backend;

        @Option(names = "--warmup-ms", paramLabel = "MS", description = "warm-up time before the first row"
                + " (default: ${DEFAULT-VALUE})")
        long warmupMs = 1000;

        @Parameters(paramLabel = "FILE", arity = "0..*")
        List<String> files = new ArrayList<>();

        @Override
        public Integer call() {
            Check.Options o = new Check.Options();
            if (backend != null) {
                try {
                    o.backend = Backends.parse(backend);
                } catch (IllegalArgumentException e) {
                    parent.stderr.println("wdzip check: " + e.getMessage());
                    return 2;
                }
            }
            o.files = files;
            o.warmupMs = warmupMs;
            return Check.run(o, parent.stdout, parent.stderr);
        }
    }

    @Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
            description = {"Throughput and ratio table: warpdrive against java.util.zip in the same run.",
                "",
                "Raw DEFLATE of each input at each level, then inflate, all verified; best of N trials.",
                "Inputs: FILEs, --corpus (Silesia/Calgary/Canterbury), else the JDK's lib/modules",
                "(first 16 MiB). Exit status: 0 all verified, 1 a verification failed, 2 usage."})
    static final class BenchCmd implements Callable<Integer> {
        @CommandLine.ParentCommand
        Wdzip parent;

        @Option(names = "--backend", paramLabel = "B", description = "auto, soft, emulated or device")
        String backend;

        @Option(names = "--corpus", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
                description = "add the corpus in DIR (default: shared/corpus here or in a parent directory)")
        String corpus;

        @Option(names = {"-L", "--levels"}, split = ",", paramLabel = "N", description = "levels (default: 1,6,9)")
        int[] levels = {1, 6, 9};

        @Option(names = {"-n", "--trials"}, paramLabel = "N", description = "timed trials, best kept (default: 3)")
        int trials = 3;

        @Option(names = "--modules-mib", paramLabel = "MIB", description = "MiB of lib/modules used when no input"
                + " is named (default: 16)")
        int modulesMib = 16;

        @Option(names = "--progress", negatable = true, description = "progress bar on stderr (default: when"
                + " stderr is a terminal)")
        Boolean progress;

        @Parameters(paramLabel = "FILE", arity = "0..*")
        List<String> files = new ArrayList<>();

        @Override
        public Integer call() {
            Bench.Options o = new Bench.Options();
            if (backend != null) {
                try {
                    o.backend = Backends.parse(backend);
                } catch (IllegalArgumentException e) {
                    parent.stderr.println("wdzip bench: " + e.getMessage());
                    return 2;
                }
            }
            for (int l : levels) {
                if (l < 0 || l > 9) {
                    parent.stderr.println("wdzip bench: level " + l + " is not 0..9");
                    return 2;
                }
            }
            if (trials < 1 || modulesMib < 1 || modulesMib > 1024) {
                parent.stderr.println("wdzip bench: --trials must be >= 1 and --modules-mib 1..1024");
                return 2;
            }
            o.files = files;
            o.corpus = corpus != null;
            o.corpusDir = corpus == null || corpus.isEmpty() ? null : corpus;
            o.levels = levels;
            o.trials = trials;
            o.modulesLimit = modulesMib << 20;
            o.progress = progress;
            return Bench.run(o, parent.stdout, parent.stderr);
        }
    }

    @Command(name = "devices", mixinStandardHelpOptions = true,
            description = {"Lists uacce devices: api, algorithms, free queues, NUMA node, isolation, and whether",
                "the provider would use each one (and why not)."})
    static final class DevicesCmd implements Callable<Integer> {
        @CommandLine.ParentCommand
        Wdzip parent;

        @Option(names = "--sysfs-root", paramLabel = "DIR",
                description = "directory standing for / (reads DIR/sys/class/uacce, DIR/dev); default: the"
                        + " warpdrive.sysfs.root property, else /")
        Path sysfsRoot;

        @Override
        public Integer call() {
            return Devices.run(parent.stdout, sysfsRoot != null ? sysfsRoot
                    : UacceDiscovery.configuredRoot());
        }
    }

    @Command(name = "inflate-check", description = {"The inflate-only check (InflateCheck; its own --help).",
        "", "java.util.zip compresses; WdInflater and java.util.zip.Inflater inflate; both verified and timed."})
    static final class InflateCheckCmd implements Callable<Integer> {
        @CommandLine.ParentCommand
        Wdzip parent;

        @Parameters(arity = "0..*", paramLabel = "ARG")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return InflateCheck.run(args.toArray(new String[0]), parent.stdout, parent.stderr);
        }
    }

    @Command(name = "example", mixinStandardHelpOptions = true,
            description = {"Runs an example of warpdrive in Java code: swap, gzip, commons or zip.",
                "",
                "Sources in samples/src/main/java/io/warpdrive/samples/examples: swap (Deflater/Inflater),",
                "gzip (GZIP streams and headers), commons (Commons Compress by name), zip (a ZIP archive,",
                "also built in parallel)."})
    static final class ExampleCmd implements Callable<Integer> {
        @CommandLine.ParentCommand
        Wdzip parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "swap, gzip, commons or zip")
        String name;

        @Override
        public Integer call() throws Exception {
            switch (name) {
                case "swap":
                    SwapDeflaterInflater.run(parent.stdout);
                    return 0;
                case "gzip":
                    GzipStreams.run(parent.stdout, Files.createTempDirectory("wdzip-example"));
                    return 0;
                case "commons":
                    CommonsCompressByName.run(parent.stdout);
                    return 0;
                case "zip":
                    BuildZip.run(parent.stdout, Files.createTempDirectory("wdzip-example"), new ArrayList<>());
                    return 0;
                default:
                    parent.stderr.println("wdzip example: no example '" + name + "'; try swap, gzip, commons or zip");
                    return 2;
            }
        }
    }
}
