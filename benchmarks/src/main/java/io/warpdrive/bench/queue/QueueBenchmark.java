package io.warpdrive.bench.queue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import io.warpdrive.soft.SoftDeflater;
import io.warpdrive.soft.SoftInflater;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
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

/**
 * The emulated queue path against the direct pure-Java path, one request = one operation.
 *
 * <p>{@code inflate*}: a raw DEFLATE stream of {@code size} uncompressed bytes (text-like data,
 * java.util.zip level 6) decoded whole: directly by {@link SoftInflater}, or as one stateless
 * request through an emulated hisi_zip queue, staging included (heap input copied into a pinned
 * buffer, output copied back into a heap array, as WdInflater does). {@code deflate*}: the same
 * for compression. Throughput in operations per second; multiply by {@code size} for bytes/s.
 *
 * <p>{@code inflateEmulatedQueueAsync}: the same requests kept {@value #IN_FLIGHT} in flight over
 * four queues (stateless sessions, as a caller with independent blocks would use the device), so
 * that engine cores and the caller's staging copies overlap; one operation = one request.
 *
 * <p>The round trip of a small request is measured by {@link QueueLatencyBenchmark}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar QueueBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class QueueBenchmark {
    @Param({"65536", "262144", "1048576", "4194304", "8388608"})
    public int size;

    private byte[] plain;
    private byte[] compressed;
    private byte[] out;
    private SoftInflater softInflater;
    private EmulatedZip emu;
    private ZipDevice zip;
    private ZipSession inflateSession;
    private ZipSession deflateSession;
    private DmaBuffer src;
    private DmaBuffer dst;
    private DmaBuffer plainSrc;
    /** Requests in flight in the async benchmark. */
    static final int IN_FLIGHT = 4;
    private DmaBuffer[] asyncSrc;
    private DmaBuffer[] asyncDst;
    private ZipSession[] asyncSessions;
    @SuppressWarnings("unchecked")
    private CompletableFuture<ZipResult>[] inFlight = new CompletableFuture[IN_FLIGHT];
    private int next;
    private DmaBuffer deflDst;
    private byte[] deflOut;

    /** Text-like bytes: words with some noise, compressing about 3:1 at level 6. */
    static byte[] text(int size, long seed) {
        Random r = new Random(seed);
        String[] words = {"the ", "queue ", "doorbell ", "phase ", "of ", "completion ", "window ", "and ",
            "deflate ", "ring ", "engine ", "request\n", "status ", "0x13 ", "a ", "context "};
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            if (r.nextInt(12) == 0) {
                b[i++] = (byte) (33 + r.nextInt(90));
            } else {
                byte[] w = words[r.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
                for (int k = 0; k < w.length && i < size; k++) {
                    b[i++] = w[k];
                }
            }
        }
        return b;
    }

    @Setup(Level.Trial)
    public void setup() {
        plain = text(size, 1);
        Deflater d = new Deflater(6, true);
        d.setInput(plain);
        d.finish();
        byte[] buf = new byte[size + size / 8 + 1024];
        int n = d.deflate(buf);
        d.end();
        compressed = java.util.Arrays.copyOf(buf, n);
        out = new byte[size];
        softInflater = new SoftInflater(true);
        emu = new EmulatedZip(EmulatedZip.Config.DEFAULT);
        zip = new ZipDevice(emu.device(), emu.dusSize(), ZipDevice.Config.DEFAULT.withQueues(IN_FLIGHT));
        inflateSession = zip.openSession(ZipAlg.DEFLATE, false, false, 15);
        deflateSession = zip.openSession(ZipAlg.DEFLATE, true, false, 15);
        src = zip.dma().take(Math.max(compressed.length, 4096));
        dst = zip.dma().take(size);
        plainSrc = zip.dma().take(size);
        deflDst = zip.dma().take(Math.min(8 << 20, size + size / 8 + 1024));
        deflOut = new byte[deflDst.size()];
        asyncSrc = new DmaBuffer[IN_FLIGHT];
        asyncDst = new DmaBuffer[IN_FLIGHT];
        asyncSessions = new ZipSession[IN_FLIGHT];
        for (int i = 0; i < IN_FLIGHT; i++) {
            asyncSrc[i] = zip.dma().take(Math.max(compressed.length, 4096));
            asyncDst[i] = zip.dma().take(size);
            asyncSessions[i] = zip.openSession(ZipAlg.DEFLATE, false, false, 15);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (CompletableFuture<ZipResult> f : inFlight) {
            if (f != null) {
                f.join();
            }
        }
        for (ZipSession s : asyncSessions) {
            s.close();
        }
        inflateSession.close();
        deflateSession.close();
        zip.close();
        emu.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int inflateSoft() {
        softInflater.reset();
        int r = softInflater.inflate(compressed, 0, compressed.length, out, 0, size);
        if (r != SoftInflater.STREAM_END) {
            throw new IllegalStateException("soft inflate " + r);
        }
        return softInflater.produced();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int inflateEmulatedQueue() {
        src.buffer().put(0, compressed, 0, compressed.length);
        ZipResult r = inflateSession.run(src, 0, compressed.length, dst, 0, size, true);
        if (!r.streamEnd()) {
            throw new IllegalStateException("queue inflate " + r);
        }
        dst.buffer().get(0, out, 0, r.produced());
        return r.produced();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int inflateEmulatedQueueAsync() {
        int i = next;
        next = (i + 1) % IN_FLIGHT;
        int produced = 0;
        CompletableFuture<ZipResult> f = inFlight[i];
        if (f != null) {
            ZipResult r = f.join();
            if (!r.streamEnd()) {
                throw new IllegalStateException("queue inflate " + r);
            }
            asyncDst[i].buffer().get(0, out, 0, r.produced());
            produced = r.produced();
        }
        asyncSrc[i].buffer().put(0, compressed, 0, compressed.length);
        inFlight[i] = asyncSessions[i].runAsync(asyncSrc[i], 0, compressed.length, asyncDst[i], 0, size, true);
        return produced;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int deflateSoft() {
        SoftDeflater d = new SoftDeflater(6, true);
        d.setInput(plain, 0, size);
        int r = d.deflate(deflOut, 0, deflOut.length, SoftDeflater.FINISH);
        int n = deflOut.length - d.getAvailOut();
        d.end();
        if (r != SoftDeflater.STREAM_END) {
            throw new IllegalStateException("soft deflate " + r);
        }
        return n;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int deflateEmulatedQueue() {
        plainSrc.buffer().put(0, plain, 0, size);
        ZipResult r = deflateSession.run(plainSrc, 0, size, deflDst, 0, deflDst.size(), true);
        if (!r.streamEnd()) {
            throw new IllegalStateException("queue deflate " + r);
        }
        deflDst.buffer().get(0, deflOut, 0, r.produced());
        return r.produced();
    }
}
