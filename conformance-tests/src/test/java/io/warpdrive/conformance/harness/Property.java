/*
 * The property runner: N tries, one seed per try, greedy shrinking of a failing value, and a
 * report that names the seed and the Maven command replaying it.
 *
 * Seeds: try i runs new SplittableRandom(seed_i) with seed_i mixed from a per-run base seed and i,
 * so each try is replayed by its own seed alone (-Dconformance.seed), whatever its index was.
 * Shrinking is deterministic given the failing value, so a replay reaches the same smallest case.
 */
package io.warpdrive.conformance.harness;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A universally quantified test over values from one generator.
 *
 * <pre>{@code
 * Property.forAll(StreamCase.valid(Data.any(), DeflateSpec.gen(true), Plan.arrays()))
 *         .check(c -> roundTrip(c));
 * }</pre>
 *
 * <p>Tries come from {@code -Dconformance.tries} (default 60); {@code -Dconformance.seed} runs one
 * try with exactly that seed. A failure is shrunk (at most 2,000 evaluations or 60 s) and
 * reported with the seed and the replay command, on stderr and as the AssertionError message.
 *
 * <p>Not thread-safe; use one instance per test method.
 *
 * @param <T> the value type
 */
public final class Property<T> {

    /** A property body: returns normally when the value satisfies the property. */
    @FunctionalInterface
    public interface Body<T> {
        void test(T value) throws Exception;
    }

    /** What a run found. {@code failure} is null when every try passed. */
    public record Result<T>(int tries, Failure<T> failure) {
        public boolean passed() {
            return failure == null;
        }
    }

    /** A failing try: its seed and value, and the smallest failing value shrinking reached. */
    public record Failure<T>(long seed, int tryIndex, T original, Throwable originalError,
                             T shrunk, Throwable shrunkError, int shrinkSteps, int shrinkEvaluations) {}

    private final Gen<T> gen;
    private Function<T, String> show = Gen::show;
    private int tries = Config.tries();
    private OptionalLong seed = Config.seed();
    private int maxShrinkEvaluations = 2_000;
    private long shrinkNanos = 60_000_000_000L;
    private String replayName;

    private Property(Gen<T> gen) {
        this.gen = Objects.requireNonNull(gen);
    }

    public static <T> Property<T> forAll(Gen<T> gen) {
        return new Property<>(gen);
    }

    /** Scales the configured number of tries (at least one) for expensive properties. */
    public Property<T> scaleTries(double factor) {
        this.tries = Math.max(1, (int) Math.round(Config.tries() * factor));
        return this;
    }

    /** Runs exactly this many tries with fresh seeds, ignoring -Dconformance.seed (harness self-tests). */
    public Property<T> freshTries(int n) {
        this.tries = n;
        this.seed = OptionalLong.empty();
        return this;
    }

    /** Replays exactly this seed instead of the configured tries. */
    public Property<T> seed(long seed) {
        this.seed = OptionalLong.of(seed);
        return this;
    }

    /** How values are printed in a report (default: toString, arrays by content). */
    public Property<T> show(Function<T, String> show) {
        this.show = Objects.requireNonNull(show);
        return this;
    }

    /** Bounds shrinking by evaluations and wall time. */
    public Property<T> shrinkBudget(int evaluations, long seconds) {
        this.maxShrinkEvaluations = evaluations;
        this.shrinkNanos = seconds * 1_000_000_000L;
        return this;
    }

    /** Runs the property and throws an AssertionError with a replayable report on failure. */
    public void check(Body<T> body) {
        String name = replayName != null ? replayName : callerName();
        Result<T> result = run(body);
        if (!result.passed()) {
            String report = report(name, result.failure());
            System.err.println(report);
            throw new AssertionError(report, result.failure().shrunkError());
        }
    }

    /** Runs the property and returns what it found, throwing nothing (harness self-tests). */
    public Result<T> run(Body<T> body) {
        if (seed.isPresent()) {
            Failure<T> f = runOne(body, seed.getAsLong(), 0);
            return new Result<>(1, f);
        }
        long base = ThreadLocalRandom.current().nextLong();
        for (int i = 0; i < tries; i++) {
            Failure<T> f = runOne(body, mix(base, i), i);
            if (f != null) {
                return new Result<>(i + 1, f);
            }
        }
        return new Result<>(tries, null);
    }

    /** Names the Maven replay target explicitly (otherwise the calling test method). */
    public Property<T> named(String classHashMethod) {
        this.replayName = classHashMethod;
        return this;
    }

    /** The replay command for a seed, as printed in reports. */
    public static String replayCommand(String classHashMethod, long seed) {
        return "mvn -pl conformance-tests -am test -Dtest=" + classHashMethod
                + " -Dconformance.seed=" + Config.formatSeed(seed) + " -Dsurefire.failIfNoSpecifiedTests=false";
    }

    private Failure<T> runOne(Body<T> body, long trySeed, int index) {
        T value = gen.generate(new SplittableRandom(trySeed));
        Throwable error = evaluate(body, value);
        if (error == null) {
            return null;
        }
        T current = value;
        Throwable currentError = error;
        int steps = 0;
        int evaluations = 0;
        long deadline = System.nanoTime() + shrinkNanos;
        boolean progress = true;
        while (progress && evaluations < maxShrinkEvaluations && System.nanoTime() < deadline) {
            progress = false;
            try (Stream<T> candidates = gen.shrink(current)) {
                for (T candidate : (Iterable<T>) candidates::iterator) {
                    if (evaluations >= maxShrinkEvaluations || System.nanoTime() >= deadline) {
                        break;
                    }
                    evaluations++;
                    Throwable e = evaluate(body, candidate);
                    // Same kind of failure only: a candidate that breaks the test itself in a new
                    // way (say an exception from a generator helper) is not a smaller example.
                    if (e != null && e.getClass() == currentError.getClass()) {
                        current = candidate;
                        currentError = e;
                        steps++;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return new Failure<>(trySeed, index, value, error, current, currentError, steps, evaluations);
    }

    private static <T> Throwable evaluate(Body<T> body, T value) {
        try {
            body.test(value);
            return null;
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }

    private String report(String name, Failure<T> f) {
        StringBuilder sb = new StringBuilder();
        sb.append("Property ").append(name).append(" failed at try ").append(f.tryIndex() + 1)
                .append(" (seed ").append(Config.formatSeed(f.seed())).append(")\n");
        sb.append("  smallest failing case (").append(f.shrinkSteps()).append(" shrink steps, ")
                .append(f.shrinkEvaluations()).append(" evaluations):\n    ")
                .append(indent(show.apply(f.shrunk()))).append('\n');
        sb.append("  its failure:\n    ").append(indent(describe(f.shrunkError()))).append('\n');
        if (f.shrinkSteps() > 0) {
            sb.append("  original case:\n    ").append(indent(show.apply(f.original()))).append('\n');
            sb.append("  original failure:\n    ").append(indent(firstLines(describe(f.originalError()), 12)))
                    .append('\n');
        }
        sb.append("  replay: ").append(replayCommand(name, f.seed()));
        return sb.toString();
    }

    private static String describe(Throwable t) {
        if (t instanceof AssertionError && t.getMessage() != null) {
            return t.getMessage();
        }
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return firstLines(w.toString(), 16);
    }

    private static String firstLines(String s, int n) {
        String[] lines = s.split("\n", -1);
        if (lines.length <= n) {
            return s;
        }
        return String.join("\n", Arrays.copyOf(lines, n)) + "\n...";
    }

    private static String indent(String s) {
        return s.replace("\n", "\n    ");
    }

    /**
     * The calling test method as Class#method for -Dtest: the nearest frame whose method carries a
     * JUnit test annotation (so lambdas and helpers in between are skipped), else the first frame
     * outside this class.
     */
    private static String callerName() {
        List<StackWalker.StackFrame> frames = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.filter(f -> f.getDeclaringClass() != Property.class).toList());
        return frames.stream().filter(Property::isTestMethod).findFirst()
                .or(() -> frames.stream().findFirst())
                .map(f -> {
                    String cls = f.getClassName();
                    int dollar = cls.indexOf('$');
                    if (dollar >= 0) {
                        cls = cls.substring(0, dollar);
                    }
                    return cls.substring(cls.lastIndexOf('.') + 1) + "#" + f.getMethodName();
                })
                .orElse("?");
    }

    private static final Set<String> TEST_ANNOTATIONS =
            Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");

    private static boolean isTestMethod(StackWalker.StackFrame f) {
        for (Method m : f.getDeclaringClass().getDeclaredMethods()) {
            if (m.getName().equals(f.getMethodName())) {
                for (Annotation a : m.getAnnotations()) {
                    if (TEST_ANNOTATIONS.contains(a.annotationType().getSimpleName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** SplitMix64 finaliser: spreads (base, index) into well-separated try seeds. */
    static long mix(long base, int index) {
        long z = base + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
