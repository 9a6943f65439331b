/*
 * Concurrency and load on the emulated backend: many threads, each with its own WdDeflater and
 * WdInflater, over the provider's shared queue pools; and the driver's async API (stateless
 * ZipSession.runAsync) with hundreds of requests in flight on a private emulated device. Every
 * output is checked against java.util.zip (round trip) or the data put in, so cross-talk (one
 * stream's bytes in another's output) cannot pass. Deadlocks fail on timeouts.
 *
 * The short version runs by default (a few seconds); -Dreliability.soakSeconds=N (the pom's
 * long profile: 300) repeats the mixed load with faults every few hundred requests for N seconds.
 */
package io.warpdrive.conformance.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.SchedulingJitter;
import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.emu.FaultPlan;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import io.warpdrive.zip.WdDeflater;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final long SOAK_SECONDS = Long.getLong("reliability.soakSeconds", 0);

    @BeforeEach
    void setUp() {
        Emulated.use();
        io.warpdrive.zip.AccelOptions.setRequestSize(16 << 10); // many requests per stream
    }

    @AfterEach
    void tearDown() {
        Emulated.restore();
    }

    /** One thread's work: a stream compressed with WdDeflater and back with WdInflater, each checked. */
    private static long roundTrips(long seed, long untilNanos, int minRounds) throws Exception {
        Random r = new Random(seed);
        long bytes = 0;
        for (int round = 0; round < minRounds || System.nanoTime() < untilNanos; round++) {
            // A per-thread marker makes every thread's data distinct: cross-talk cannot go unseen.
            byte[] plain = Emulated.data(seed * 1000 + round, 1 + r.nextInt(200_000));
            for (int i = 0; i + 8 <= plain.length; i += 4096) {
                plain[i] = (byte) seed;
            }
            boolean nowrap = r.nextBoolean();
            WdDeflater d = new WdDeflater(6, nowrap);
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] buf = new byte[1 + r.nextInt(20_000)];
            d.setInput(plain);
            d.finish();
            while (!d.finished()) {
                z.write(buf, 0, d.deflate(buf));
            }
            d.end();
            byte[] comp = z.toByteArray();
            assertArrayEquals(plain, Emulated.inflateJdk(comp, nowrap), "thread " + seed + " round " + round + ": deflate");
            Emulated.InflateRun run = Emulated.lockstepInflate(comp, nowrap, 1 + r.nextInt(30_000),
                    1 + r.nextInt(30_000), Integer.MAX_VALUE, null);
            assertTrue(run.failure == null, "thread " + seed + " round " + round + ": " + run.failure);
            assertArrayEquals(plain, run.out.toByteArray(), "thread " + seed + " round " + round + ": inflate");
            bytes += plain.length;
        }
        return bytes;
    }

    private static void manyThreads(int threads, long seconds, int minRounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<Long>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t + 1;
                fs.add(pool.submit(() -> roundTrips(seed, until, minRounds)));
            }
            long total = 0;
            for (Future<Long> f : fs) {
                total += f.get(seconds + 120, TimeUnit.SECONDS); // a deadlock fails here
            }
            assertTrue(total > 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsOwnStreamsSharedQueues() throws Exception {
        manyThreads(12, 0, 3);
        assertEquals(0, Emulated.brokenQueues(true) + Emulated.brokenQueues(false));
    }

    /** Hundreds of stateless requests in flight on one queue; each result is checked on its own. */
    @Test
    void asyncHundredsInFlight() throws Exception {
        try (EmulatedZip emu = new EmulatedZip(EmulatedZip.Config.DEFAULT.withDepth(1024).withCores(2, 2));
             ZipDevice zip = new ZipDevice(emu.device(), emu.dusSize(), ZipDevice.Config.DEFAULT.withQueues(2))) {
            int n = 600;
            byte[][] plains = new byte[n][];
            DmaBuffer[] src = new DmaBuffer[n];
            DmaBuffer[] dst = new DmaBuffer[n];
            List<CompletableFuture<ZipResult>> fs = new ArrayList<>();
            int[] len = new int[n];
            for (int i = 0; i < n; i++) { // everything staged first, so that submission is fast
                plains[i] = Emulated.data(5000 + i, 500 + (i * 7919) % 20_000);
                byte[] z = Emulated.deflateJdk(plains[i], false, 0);
                src[i] = zip.dma().take(z.length);
                src[i].buffer().put(0, z);
                len[i] = z.length;
                dst[i] = zip.dma().take(plains[i].length + 64);
            }
            try (ZipSession s = zip.openSession(ZipAlg.ZLIB, false, false, 15)) {
                int maxOutstanding = 0;
                for (int i = 0; i < n; i++) {
                    // the driver takes the zlib data after the 2-byte header
                    fs.add(s.runAsync(src[i], 2, len[i] - 2, dst[i], 0, plains[i].length + 64, true));
                    if (i % 50 == 49) {
                        int now = 0;
                        for (var q : zip.pool(false).snapshot()) {
                            now += q == null ? 0 : q.outstanding();
                        }
                        maxOutstanding = Math.max(maxOutstanding, now);
                    }
                }
                for (int i = 0; i < n; i++) {
                    ZipResult r = fs.get(i).get(30, TimeUnit.SECONDS);
                    assertTrue(r.streamEnd(), "request " + i);
                    assertEquals(plains[i].length, r.produced(), "request " + i);
                    byte[] got = new byte[r.produced()];
                    dst[i].buffer().get(0, got);
                    assertArrayEquals(plains[i], got, "request " + i + ": another request's bytes?");
                }
                // The ring really held hundreds. Not with scheduling jitter, which puts the
                // submitter to sleep for milliseconds on purpose while the device drains the ring.
                if (!SchedulingJitter.ENABLED) {
                    assertTrue(maxOutstanding >= 100, "only " + maxOutstanding + " requests were in flight at once");
                }
            }
        }
    }

    /**
     * Bounded soak: many threads with a fault every few hundred requests (-Dreliability.soakSeconds),
     * one round per kind of fault the emulated engine has, hostile ones included, in turn.
     */
    @Test
    void soak() throws Exception {
        // Reported as skipped in the default run (the short tests above cover it); -Plong: 300 s.
        assumeTrue(SOAK_SECONDS > 0, "soak off: -Dreliability.soakSeconds=N or -Plong");
        AtomicLong faults = new AtomicLong();
        FaultPlan.Fault[] kinds = FaultPlan.Fault.values();
        // Every kind gets a round within the soak time (at least 5 s each).
        long roundSeconds = Math.max(5, Math.min(30, SOAK_SECONDS / kinds.length));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SOAK_SECONDS);
        for (int round = 0; System.nanoTime() < end || round < kinds.length; round++) {
            Emulated.install(FaultPlan.create().every(300 + round % 97, kinds[round % kinds.length]));
            manyThreads(8, roundSeconds, 1);
            faults.incrementAndGet();
        }
        Emulated.install(null);
        manyThreads(4, 0, 2);
        assertTrue(faults.get() > 0);
    }
}
