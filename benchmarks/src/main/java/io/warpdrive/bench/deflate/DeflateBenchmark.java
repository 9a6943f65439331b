/*
 * Deflate throughput, java.util.zip against WdDeflater in the same run, at levels 1, 6 and 9 on
 * the Silesia and Calgary corpus files (zlib wrapper, whole file per operation, one reused
 * deflater reset per operation, output buffer large enough for one call).
 *
 * Score: operations/s; one operation compresses the whole file. The aux counter "inMB" reports
 * MB/s of uncompressed input (MB = 10^6 bytes). RunDeflate prints the jdk/wd table with the
 * Silesia-7 totals. The setup checks that WdDeflater's bytes equal java.util.zip's for the file
 * and level, and the teardown that the last measured operation wrote them again, so a fast
 * wrong engine cannot produce a number.
 */
package io.warpdrive.bench.deflate;

import io.warpdrive.bench.Corpus;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.AuxCounters;
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
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DeflateBenchmark {
    private static final byte POISON = (byte) 0xA5;

    @Param({
        "dickens", "mr", "nci", "ooffice", "osdb", "reymont", "xml",
        "calgary/bib", "calgary/book1", "calgary/book2", "calgary/geo", "calgary/news", "calgary/obj1",
        "calgary/obj2", "calgary/paper1", "calgary/paper2", "calgary/paper3", "calgary/paper4",
        "calgary/paper5", "calgary/paper6", "calgary/pic", "calgary/progc", "calgary/progl",
        "calgary/progp", "calgary/trans"
    })
    public String file;

    @Param({"1", "6", "9"})
    public int level;

    @Param({"jdk", "wd"})
    public String impl;

    /** The corpus file (shared cache; never written). */
    private byte[] original;
    /** java.util.zip's output for it at this level. */
    private byte[] expected;
    private byte[] out;
    private Deflater deflater;

    /** MB of input per second, reported next to the ops/s score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Input {
        /** Uncompressed input consumed in this iteration, in MB (10^6 bytes). */
        public double inMB;

        @Setup(Level.Iteration)
        public void clear() {
            inMB = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        original = Corpus.load(file);
        out = new byte[original.length + original.length / 100 + 1024];
        Deflater ref = Deflaters.create("jdk", level);
        try {
            expected = Arrays.copyOf(out, Deflaters.compress(ref, original, out));
        } finally {
            ref.end();
        }
        deflater = Deflaters.create(impl, level);
        verify("first operation", Deflaters.compress(deflater, original, out));
        Arrays.fill(out, POISON);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            verify("last measured operation", expected.length);
        } finally {
            deflater.end();
        }
    }

    @Benchmark
    public int whole(Input in) {
        deflater.reset();
        int n = Deflaters.compress(deflater, original, out);
        in.inMB += original.length * 1e-6;
        return n;
    }

    private void verify(String what, int produced) {
        if (produced != expected.length || !Arrays.equals(out, 0, produced, expected, 0, expected.length)) {
            throw new IllegalStateException(String.format(
                    "%s deflater, %s, file %s level %d: %d bytes, expected java.util.zip's %d; first difference at %d",
                    impl, what, file, level, produced, expected.length,
                    Arrays.mismatch(out, 0, produced, expected, 0, expected.length)));
        }
    }
}
