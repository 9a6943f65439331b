/*
 * Small messages: 256-byte and 1 KiB JSON-like records compressed one at a time, as RPC and
 * logging code does. Two patterns:
 *   fresh: a new Deflater per message, end() after it (construction and teardown included);
 *   reuse: one Deflater, reset() before each message.
 * java.util.zip pays a JNI call per method and zlib's deflateReset clears its 64 KiB hash table
 * every time; WdDeflater clears only what the last message touched and keeps its state in a pool.
 *
 * Score: messages/s. Every message's output is checked against java.util.zip's in the setup,
 * and the rotating set of 64 distinct messages keeps the branch predictor honest.
 */
package io.warpdrive.bench.deflate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SmallMessageBenchmark {
    private static final int MESSAGES = 64;

    @Param({"256", "1024"})
    public int size;

    @Param({"6"})
    public int level;

    @Param({"jdk", "wd"})
    public String impl;

    private byte[][] messages;
    private byte[][] expected;
    private byte[] out;
    private Deflater reused;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(size);
        messages = new byte[MESSAGES][];
        expected = new byte[MESSAGES][];
        out = new byte[size * 2 + 64];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = json(r, size);
            Deflater ref = new Deflater(level);
            expected[i] = Arrays.copyOf(out, Deflaters.compress(ref, messages[i], out));
            ref.end();
        }
        reused = Deflaters.create(impl, level);
        for (int i = 0; i < MESSAGES; i++) {
            Deflater d = Deflaters.create(impl, level);
            check(i, Deflaters.compress(d, messages[i], out), "fresh");
            d.end();
            reused.reset();
            check(i, Deflaters.compress(reused, messages[i], out), "reuse");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reused.end();
    }

    @Benchmark
    public int fresh() {
        byte[] m = messages[next++ & (MESSAGES - 1)];
        Deflater d = Deflaters.create(impl, level);
        try {
            return Deflaters.compress(d, m, out);
        } finally {
            d.end();
        }
    }

    @Benchmark
    public int reuse() {
        byte[] m = messages[next++ & (MESSAGES - 1)];
        reused.reset();
        return Deflaters.compress(reused, m, out);
    }

    private void check(int i, int n, String how) {
        if (!Arrays.equals(out, 0, n, expected[i], 0, expected[i].length)) {
            throw new IllegalStateException(impl + " " + how + ": message " + i + " differs from java.util.zip's");
        }
    }

    /**
     * Writes the benchmark's 64 messages of the given size (default 256) to standard output, for
     * {@code benchmarks/src/main/c/zlib_small_messages.c}, which times C zlib on them.
     */
    public static void main(String[] args) throws java.io.IOException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        SplittableRandom r = new SplittableRandom(size);
        for (int i = 0; i < MESSAGES; i++) {
            System.out.write(json(r, size));
        }
        System.out.flush();
    }

    private static final String[] NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
    private static final String[] EVENTS = {"login", "logout", "purchase", "view", "click", "search"};

    /** A JSON-like record of exactly n bytes: repeated keys, varying values. */
    public static byte[] json(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n + 128);
        sb.append("{\"events\":[");
        while (sb.length() < n) {
            sb.append("{\"id\":").append(r.nextInt(1_000_000))
                    .append(",\"user\":\"").append(NAMES[r.nextInt(NAMES.length)])
                    .append("\",\"event\":\"").append(EVENTS[r.nextInt(EVENTS.length)])
                    .append("\",\"ts\":").append(1_700_000_000_000L + r.nextInt(100_000_000))
                    .append(",\"ok\":").append(r.nextBoolean()).append("},");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), n);
    }
}
