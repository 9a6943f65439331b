/*
 * Inflate throughput, java.util.zip against WdInflater in the same run, on the Silesia and
 * Calgary corpus files compressed once by java.util.zip at level 6 (zlib wrapper, fed whole).
 *
 * Variants: whole (one reused Inflater, reset() per operation, the entire output buffer offered
 * at once), chunk64k (same, but at most 64 KiB of output per inflate() call, into the same
 * array, so the difference to whole is per-call overhead and resumption), fresh (a new Inflater
 * per operation and end(), so construction and native/heap setup are included).
 *
 * Score: operations/s; one operation inflates the whole file. The aux counter "outMB" reports
 * MB/s of uncompressed output directly (MB = 10^6 bytes). RunInflate turns the results into a
 * jdk/wd table with Silesia-7 totals. Every trial verifies its output against the original
 * before and after measuring, so a fast wrong engine cannot produce a number.
 */
package io.warpdrive.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
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
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InflateBenchmark {
    /** Output window of the chunk64k variant, a typical stream buffer size. */
    static final int CHUNK = 64 * 1024;

    /** Compression level used to make the input, zlib's default. */
    static final int LEVEL = 6;

    /** Fill byte for the output array between verification and measurement (see setUp). */
    private static final byte POISON = (byte) 0xA5;

    @Param({
        "dickens", "mr", "nci", "ooffice", "osdb", "reymont", "xml",
        "calgary/bib", "calgary/book1", "calgary/book2", "calgary/geo", "calgary/news", "calgary/obj1",
        "calgary/obj2", "calgary/paper1", "calgary/paper2", "calgary/paper3", "calgary/paper4",
        "calgary/paper5", "calgary/paper6", "calgary/pic", "calgary/progc", "calgary/progl",
        "calgary/progp", "calgary/trans"
    })
    public String file;

    @Param({"jdk", "wd"})
    public String impl;

    /** The corpus file, uncompressed (shared cache; never written). */
    private byte[] original;
    /** CRC32 of original, for the messages of a failed check. */
    private long originalCrc;
    /** original compressed by java.util.zip at LEVEL, zlib wrapper. */
    private byte[] compressed;
    /** Preallocated output, exactly original.length bytes. */
    private byte[] out;
    /** The instance reused (reset per operation) by whole and chunk64k. */
    private Inflater inflater;

    /** MB of output per second, reported next to the ops/s score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Output {
        /** Uncompressed output produced in this iteration, in MB (10^6 bytes). */
        public double outMB;

        @Setup(Level.Iteration)
        public void clear() {
            outMB = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws DataFormatException {
        original = Corpus.load(file);
        CRC32 crc = new CRC32();
        crc.update(original, 0, original.length);
        originalCrc = crc.getValue();
        compressed = Zlib.deflate(original, LEVEL);
        out = new byte[original.length];
        inflater = Inflaters.create(impl);

        // Each variant must reproduce the original once before anything is timed.
        Inflater fresh = Inflaters.create(impl);
        try {
            verify("fresh", Zlib.inflate(fresh, compressed, out, out.length));
        } finally {
            fresh.end();
        }
        verify("whole", Zlib.inflate(inflater, compressed, out, out.length));
        inflater.reset();
        verify("chunk64k", Zlib.inflate(inflater, compressed, out, CHUNK));

        // Poison the output so tearDown proves the measured operations wrote it.
        Arrays.fill(out, POISON);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            // The output was poisoned after setUp, so equality proves the measured loop wrote it all.
            verify("last measured operation", out.length);
        } finally {
            inflater.end();
        }
    }

    @Benchmark
    public int whole(Output o) throws DataFormatException {
        inflater.reset();
        return count(o, Zlib.inflate(inflater, compressed, out, out.length));
    }

    @Benchmark
    public int chunk64k(Output o) throws DataFormatException {
        inflater.reset();
        return count(o, Zlib.inflate(inflater, compressed, out, CHUNK));
    }

    @Benchmark
    public int fresh(Output o) throws DataFormatException {
        Inflater inf = Inflaters.create(impl);
        try {
            return count(o, Zlib.inflate(inf, compressed, out, out.length));
        } finally {
            inf.end();
        }
    }

    private int count(Output o, int produced) {
        o.outMB += produced * 1e-6;
        return produced;
    }

    private void verify(String what, int produced) {
        if (produced != original.length || !Arrays.equals(out, original)) {
            CRC32 crc = new CRC32();
            crc.update(out, 0, Math.min(produced, out.length));
            throw new IllegalStateException(String.format(
                    "%s inflater, %s, file %s: output differs from the original (%d bytes, crc32 %08x;"
                            + " expected %d bytes, crc32 %08x; first difference at %d)",
                    impl, what, file, produced, crc.getValue(), original.length, originalCrc,
                    Arrays.mismatch(out, original)));
        }
    }
}
