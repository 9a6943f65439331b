package io.warpdrive.bench.queue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import io.warpdrive.soft.SoftInflater;

import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trip of one 4 KiB decompression request through an emulated queue (submit, doorbell,
 * engine, CQE, reap, staging both ways) against the direct pure-Java call (sample time).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar QueueLatencyBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class QueueLatencyBenchmark {
    private byte[] compressed;
    private final byte[] out = new byte[4096];
    private final SoftInflater soft = new SoftInflater(true);
    private EmulatedZip emu;
    private ZipDevice zip;
    private ZipSession session;
    private DmaBuffer src;
    private DmaBuffer dst;

    @Setup(Level.Trial)
    public void setup() {
        byte[] plain = QueueBenchmark.text(4096, 2);
        Deflater d = new Deflater(6, true);
        d.setInput(plain);
        d.finish();
        byte[] buf = new byte[8192];
        compressed = java.util.Arrays.copyOf(buf, d.deflate(buf));
        d.end();
        emu = new EmulatedZip(EmulatedZip.Config.DEFAULT);
        zip = new ZipDevice(emu.device(), emu.dusSize(), ZipDevice.Config.DEFAULT);
        session = zip.openSession(ZipAlg.DEFLATE, false, false, 15);
        src = zip.dma().take(8192);
        dst = zip.dma().take(8192);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
        zip.close();
        emu.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int latency4kEmulatedQueue() {
        src.buffer().put(0, compressed, 0, compressed.length);
        ZipResult r = session.run(src, 0, compressed.length, dst, 0, 4096, true);
        dst.buffer().get(0, out, 0, r.produced());
        return r.produced();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int latency4kSoft() {
        soft.reset();
        soft.inflate(compressed, 0, compressed.length, out, 0, 4096);
        return soft.produced();
    }
}
