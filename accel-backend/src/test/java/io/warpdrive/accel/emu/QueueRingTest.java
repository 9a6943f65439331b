package io.warpdrive.accel.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.queue.HisiQp;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import io.warpdrive.accel.queue.ZipSqe;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * The rings under load: wraparounds and phase flips, a full ring, many queues, both doorbell
 * formats. Oracles: java.util.zip (the data round-trips; the emulator's output matches zlib's).
 */
class QueueRingTest {
    static final boolean SOAK = Boolean.getBoolean("accel.soak");

    /** Small stateless one-shot decompressions on a depth-16 ring: laps, phase flips. */
    @Test
    void thousandsOfWraparoundsSync() {
        int depth = 16;
        int requests = SOAK ? 200_000 : 6_000;
        try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withDepth(depth), ZipDevice.Config.DEFAULT.withQueues(1))) {
            byte[] plain = TestData.text(1, 700);
            byte[] comp = TestData.deflate(plain, 6, true);
            DmaBuffer src = rig.put(comp, 0, comp.length);
            DmaBuffer dst = rig.zip.dma().take(4096);
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                for (int i = 0; i < requests; i++) {
                    dst.buffer().put(0, new byte[plain.length]);
                    ZipResult r = s.run(src, 0, comp.length, dst, 0, 4096, true);
                    assertTrue(r.streamEnd(), () -> "request " + r);
                    assertEquals(comp.length, r.consumed());
                    assertEquals(plain.length, r.produced());
                    if (i % 997 == 0) {
                        assertArrayEquals(plain, Rig.get(dst, 0, plain.length));
                    }
                }
            }
            HisiQp qp = rig.zip.pool(false).snapshot()[0];
            assertEquals(requests, qp.completedCount());
            // every lap of the CQ flips the expected phase once
            assertEquals(requests / depth, qp.phaseFlips());
            assertTrue(qp.phaseFlips() >= 300);
        }
    }

    /** Async: far more requests than slots, with one slow core: the ring fills, completions stay in order. */
    @Test
    void fullRingAsyncInOrder() throws Exception {
        int depth = 8;
        int requests = 3_000;
        try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withDepth(depth).withCores(1, 1),
                ZipDevice.Config.DEFAULT.withQueues(1))) {
            byte[][] plains = new byte[requests][];
            List<CompletableFuture<ZipResult>> futures = new ArrayList<>();
            List<DmaBuffer> dsts = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            AtomicInteger maxOutstanding = new AtomicInteger();
            HisiQp qp = null;
            // everything prepared first, so that submission outruns the single slow core
            DmaBuffer[] srcs = new DmaBuffer[requests];
            int[] lens = new int[requests];
            for (int i = 0; i < requests; i++) {
                plains[i] = TestData.text(i, 50 + (i * 37) % 3000);
                byte[] comp = TestData.deflate(plains[i], 1 + i % 9, false);
                // the driver hands the data after the zlib header
                srcs[i] = rig.put(comp, 2, comp.length - 2);
                lens[i] = comp.length - 2;
                dsts.add(rig.zip.dma().take(4096));
            }
            try (ZipSession s = rig.zip.openSession(ZipAlg.ZLIB, false, false, 15)) {
                for (int i = 0; i < requests; i++) {
                    int id = i;
                    futures.add(s.runAsync(srcs[i], 0, lens[i], dsts.get(i), 0, 4096, true).whenComplete((r, e) -> {
                        synchronized (order) {
                            order.add(id);
                        }
                    }));
                    if (qp == null) {
                        qp = rig.zip.pool(false).snapshot()[0];
                    }
                    maxOutstanding.accumulateAndGet(qp.outstanding(), Math::max);
                }
                for (int i = 0; i < requests; i++) {
                    ZipResult r = futures.get(i).get(30, TimeUnit.SECONDS);
                    assertTrue(r.streamEnd(), "request " + i);
                    assertArrayEquals(plains[i], Rig.get(dsts.get(i), 0, r.produced()));
                }
            }
            assertTrue(maxOutstanding.get() <= depth - 1, "outstanding " + maxOutstanding);
            assertEquals(depth - 1, maxOutstanding.get(), "the ring never filled");
            for (int i = 0; i < requests; i++) {
                assertEquals(i, order.get(i), "completion order");
            }
            assertTrue(qp.phaseFlips() >= requests / depth - 1);
        }
    }

    /** Many threads, each a stateful stream, over a small pool of queues of a v1 device and a v2 device. */
    @Test
    void manyQueuesManyStreams() throws Exception {
        for (String api : new String[] {"hisi_qm_v1", "hisi_qm_v2"}) {
            try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withDepth(32).withApi(api),
                    ZipDevice.Config.DEFAULT.withQueues(4))) {
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    all.add(pool.submit(() -> {
                        byte[] plain = TestData.text(100 + seed, 200_000 + seed * 5000);
                        byte[] comp = TestData.deflate(plain, 6, false);
                        assertArrayEquals(plain, streamInflate(rig, comp, 1 + seed * 301, 700 + seed * 97));
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get(120, TimeUnit.SECONDS);
                }
                pool.shutdown();
                int used = 0;
                for (HisiQp q : rig.zip.pool(false).snapshot()) {
                    if (q != null && q.completedCount() > 0) {
                        used++;
                    }
                }
                assertEquals(4, used, api);
            }
        }
    }

    /**
     * Stateful zlib decompression in pieces of {@code inStep} input and {@code outStep} output
     * room; the driver strips the 2-byte header as UADK does. Checks the result flags per request.
     */
    static byte[] streamInflate(Rig rig, byte[] comp, int inStep, int outStep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DmaBuffer src = rig.zip.dma().take(inStep);
        DmaBuffer dst = rig.zip.dma().take(outStep);
        try (ZipSession s = rig.zip.openSession(ZipAlg.ZLIB, false, true, 15)) {
            int pos = 2;
            for (int guard = 0; guard < 10_000_000; guard++) {
                int n = Math.min(inStep, comp.length - pos);
                src.buffer().put(0, comp, pos, n);
                ZipResult r = s.run(src, 0, n, dst, 0, outStep, false);
                assertTrue(r.ok(), () -> "status " + r);
                out.write(Rig.get(dst, 0, r.produced()), 0, r.produced());
                pos += r.consumed();
                if (r.streamEnd()) {
                    assertEquals(comp.length, pos);
                    return out.toByteArray();
                }
            }
            throw new AssertionError("no stream end");
        } finally {
            rig.zip.dma().give(src);
            rig.zip.dma().give(dst);
        }
    }

    /**
     * The emulator's per-request progress is exactly one zlib call's: compare with java.util.zip
     * call by call, with small requests and with requests larger than the engine's slices.
     */
    @Test
    void statefulProgressMatchesZlibCallByCall() throws Exception {
        progressMatchesZlib(300_000, 3000, 20000, 3);
        progressMatchesZlib(3_000_000, 900_000, 1_500_000, 4);
    }

    private static void progressMatchesZlib(int size, int maxIn, int maxOut, long seed) throws Exception {
        try (Rig rig = new Rig()) {
            byte[] plain = TestData.text(seed, size);
            byte[] comp = TestData.deflate(plain, 9, true);
            Inflater jdk = new Inflater(true);
            DmaBuffer src = rig.zip.dma().take(maxIn);
            DmaBuffer dst = rig.zip.dma().take(maxOut);
            byte[] jdkOut = new byte[maxOut];
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, true, 15)) {
                int pos = 0;
                java.util.Random rnd = new java.util.Random(seed);
                int calls = 0;
                while (true) {
                    int n = Math.min(1 + rnd.nextInt(maxIn), comp.length - pos);
                    int room = 1 + rnd.nextInt(rnd.nextBoolean() ? 300 : maxOut);
                    src.buffer().put(0, comp, pos, n);
                    ZipResult r = s.run(src, 0, n, dst, 0, room, false);
                    jdk.setInput(comp, pos, n);
                    int before = jdk.getRemaining();
                    int got = jdk.inflate(jdkOut, 0, room);
                    assertEquals(before - jdk.getRemaining(), r.consumed(), "consumed at call " + calls);
                    assertEquals(got, r.produced(), "produced at call " + calls);
                    assertArrayEquals(java.util.Arrays.copyOf(jdkOut, got), Rig.get(dst, 0, r.produced()));
                    assertEquals(jdk.finished(), r.streamEnd());
                    pos += r.consumed();
                    calls++;
                    if (r.streamEnd()) {
                        break;
                    }
                }
                assertEquals(comp.length, pos);
                assertTrue(calls > 10);
            }
            jdk.end();
        }
    }

    /** Compression: emulator output = java.util.zip with SYNC_FLUSH at the request boundaries. */
    @Test
    void statefulCompressionMatchesSyncFlushedZlib() {
        try (Rig rig = new Rig()) {
            for (ZipAlg alg : new ZipAlg[] {ZipAlg.ZLIB, ZipAlg.DEFLATE}) {
                byte[] plain = TestData.text(11, 400_000);
                java.util.Random rnd = new java.util.Random(5);
                List<Integer> pieces = new ArrayList<>();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                DmaBuffer src = rig.zip.dma().take(1 << 17);
                DmaBuffer dst = rig.zip.dma().take(1 << 18);
                try (ZipSession s = rig.zip.openSession(alg, true, true, 15)) {
                    int pos = 0;
                    while (true) {
                        int n = Math.min(rnd.nextInt(100_000), plain.length - pos);
                        boolean last = pos + n == plain.length && rnd.nextBoolean();
                        src.buffer().put(0, plain, pos, n);
                        ZipResult r = s.run(src, 0, n, dst, 0, 1 << 18, last);
                        assertEquals(n, r.consumed());
                        assertTrue(r.status() == ZipSqe.ST_OK || r.status() == ZipSqe.ST_NEGACOMPRESS, () -> "" + r);
                        out.write(Rig.get(dst, 0, r.produced()), 0, r.produced());
                        pieces.add(n);
                        pos += n;
                        if (last) {
                            assertTrue(r.streamEnd());
                            break;
                        }
                    }
                }
                int[] p = pieces.stream().mapToInt(Integer::intValue).toArray();
                assertArrayEquals(TestData.deflateSynced(plain, p, 6, alg == ZipAlg.DEFLATE), out.toByteArray(), alg.name());
                rig.zip.dma().give(src);
                rig.zip.dma().give(dst);
            }
        }
    }

    /** gzip both ways: the driver writes (compression) or skips (decompression) the fixed header. */
    @Test
    void gzipRequests() throws Exception {
        try (Rig rig = new Rig()) {
            byte[] plain = TestData.text(31, 200_000);
            DmaBuffer src = rig.put(plain, 0, plain.length);
            DmaBuffer dst = rig.zip.dma().take(1 << 19);
            try (ZipSession s = rig.zip.openSession(ZipAlg.GZIP, true, false, 15)) {
                ZipResult r = s.run(src, 0, plain.length, dst, 0, 1 << 19, true);
                assertTrue(r.streamEnd(), r::toString);
                byte[] gz = Rig.get(dst, 0, r.produced());
                assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, java.util.Arrays.copyOf(gz, 10));
                assertArrayEquals(plain, new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes());
            }
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(bos)) {
                g.write(plain);
            }
            byte[] gz = bos.toByteArray();
            for (boolean corrupt : new boolean[] {false, true}) {
                if (corrupt) {
                    gz[gz.length - 5] ^= 1; // CRC-32 of the trailer
                }
                DmaBuffer in = rig.put(gz, 10, gz.length - 10);
                try (ZipSession s = rig.zip.openSession(ZipAlg.GZIP, false, true, 15)) {
                    ZipResult r = s.run(in, 0, gz.length - 10, dst, 0, 1 << 19, true);
                    if (corrupt) {
                        assertEquals(ZipSqe.ST_CRC_ERR, r.status());
                        assertFalse(r.ok());
                    } else {
                        assertTrue(r.streamEnd(), r::toString);
                        assertEquals(gz.length - 10, r.consumed());
                        assertArrayEquals(plain, Rig.get(dst, 0, r.produced()));
                        assertEquals(plain.length, r.isize());
                    }
                }
            }
        }
    }
}
