/*
 * Small messages inflated one at a time, the receiving side of deflate.SmallMessageBenchmark:
 * 256-byte and 1 KiB JSON-like records compressed by java.util.zip at level 6 (one dynamic
 * block each), 64 distinct ones in rotation.
 *   reuse: one Inflater, reset() before each message;
 *   fresh: a new Inflater per message, end() after it.
 * The output buffer is either exactly the message size (the caller knows it, as a protocol with a
 * length prefix does) or 4 KiB (a general-purpose buffer). Every setup checks each message's
 * output against the original.
 *
 * Score: messages/s.
 */
package io.warpdrive.bench;

import io.warpdrive.bench.deflate.Deflaters;
import io.warpdrive.bench.deflate.SmallMessageBenchmark;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
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
public class SmallMessageInflateBenchmark {
    private static final int MESSAGES = 64;

    @Param({"256", "1024"})
    public int size;

    @Param({"exact", "4k"})
    public String out;

    @Param({"jdk", "wd"})
    public String impl;

    private byte[][] streams;
    private byte[] buf;
    private Inflater reused;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws DataFormatException {
        SplittableRandom r = new SplittableRandom(size);
        streams = new byte[MESSAGES][];
        byte[][] messages = new byte[MESSAGES][];
        byte[] tmp = new byte[size * 2 + 64];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = SmallMessageBenchmark.json(r, size);
            Deflater d = new Deflater(6);
            streams[i] = Arrays.copyOf(tmp, Deflaters.compress(d, messages[i], tmp));
            d.end();
        }
        buf = new byte[out.equals("exact") ? size : 4096];
        reused = Inflaters.create(impl);
        for (int i = 0; i < MESSAGES; i++) {
            reused.reset();
            int n = inflate(reused, streams[i], buf);
            if (n != size || !Arrays.equals(buf, 0, n, messages[i], 0, size)) {
                throw new IllegalStateException(impl + ": message " + i + " does not inflate to its original");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reused.end();
    }

    @Benchmark
    public int reuse() throws DataFormatException {
        reused.reset();
        return inflate(reused, streams[next++ & (MESSAGES - 1)], buf);
    }

    @Benchmark
    public int fresh() throws DataFormatException {
        Inflater inf = Inflaters.create(impl);
        try {
            return inflate(inf, streams[next++ & (MESSAGES - 1)], buf);
        } finally {
            inf.end();
        }
    }

    /** The whole stream in one setInput, inflate until finished; the message fits the buffer. */
    private static int inflate(Inflater inf, byte[] stream, byte[] buf) throws DataFormatException {
        inf.setInput(stream);
        int n = 0;
        while (!inf.finished()) {
            int k = inf.inflate(buf, n, buf.length - n);
            if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                throw new IllegalStateException("truncated stream");
            }
            n += k;
        }
        return n;
    }
}
