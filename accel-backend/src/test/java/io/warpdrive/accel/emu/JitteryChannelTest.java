package io.warpdrive.accel.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.device.SchedulingJitter;
import io.warpdrive.accel.queue.QueueException;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The driver under a scheduler that is unkind at every step it can be: the channel yields or
 * sleeps at random before doorbells and around interrupt waits, as a loaded machine deschedules
 * threads there. The two races CI found (a stop flag read after CQEs that landed unseen, a
 * waiter timing out behind a descheduled reaper) lived in such gaps; the deterministic tests
 * ({@link LateStopFlagTest}, {@link DelayedReaperTest}) hold one gap open each, this one shakes
 * all of them. Oracles: the plain data (every completed request decoded exactly), and the fault
 * plan (which request stopped the queue).
 */
class JitteryChannelTest {
    /** No faults: with threads, both directions of use and jitter, nothing fails, nothing is lost. */
    @Test
    void everyRequestCompletesUnderJitter() throws Exception {
        try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withDepth(16), ZipDevice.Config.DEFAULT.withQueues(2),
                JitteryChannel::new)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    long seed = 40 + t;
                    work.add(pool.submit(() -> {
                        for (int k = 0; k < 6; k++) {
                            byte[] plain = TestData.text(seed * 10 + k, 30_000);
                            byte[] comp = TestData.deflate(plain, 6, false);
                            assertArrayEquals(plain, QueueRingTest.streamInflate(rig, comp, 700, 2000));
                        }
                        return null;
                    }));
                    work.add(pool.submit(() -> {
                        asyncBatches(rig, seed, 5, 30);
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, rig.zip.pool(false).reopenedCount());
        }
    }

    private static void asyncBatches(Rig rig, long seed, int batches, int perBatch) throws Exception {
        byte[] plain = TestData.text(seed, 5000);
        byte[] comp = TestData.deflate(plain, 6, true);
        DmaBuffer src = rig.put(comp, 0, comp.length);
        for (int b = 0; b < batches; b++) {
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                List<CompletableFuture<ZipResult>> fs = new ArrayList<>();
                List<DmaBuffer> dsts = new ArrayList<>();
                for (int i = 0; i < perBatch; i++) {
                    DmaBuffer dst = rig.zip.dma().take(8192);
                    dsts.add(dst);
                    fs.add(s.runAsync(src, 0, comp.length, dst, 0, 8192, true));
                }
                for (int i = 0; i < perBatch; i++) {
                    assertTrue(fs.get(i).get(60, TimeUnit.SECONDS).streamEnd());
                    assertArrayEquals(plain, Rig.get(dsts.get(i), 0, plain.length), "batch " + b + " request " + i);
                    rig.zip.dma().give(dsts.get(i));
                }
            }
        }
        rig.zip.dma().give(src);
    }

    /**
     * A queue stopped at a random request of a batch in flight: every request before it
     * completes with its data, the stopping one fails with STOPPED, later ones fail with it or
     * (sent after the failure was seen) complete on a reopened queue.
     */
    @Test
    void stopsMidBatchUnderJitter() throws Exception {
        try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withDepth(64).withCores(1, 1),
                ZipDevice.Config.DEFAULT.withQueues(1), JitteryChannel::new)) {
            byte[] plain = TestData.text(77, 6000);
            byte[] comp = TestData.deflate(plain, 6, true);
            DmaBuffer src = rig.put(comp, 0, comp.length);
            int batch = 40;
            DmaBuffer[] dsts = new DmaBuffer[batch];
            for (int i = 0; i < batch; i++) {
                dsts[i] = rig.zip.dma().take(8192);
            }
            for (int round = 0; round < 60; round++) {
                int stopAt = 1 + ThreadLocalRandom.current().nextInt(batch);
                FaultPlan plan = FaultPlan.create().at(stopAt, FaultPlan.Fault.STOP_QUEUE);
                rig.emu.model().setFaultPlan(plan);
                CompletableFuture<?>[] fs = new CompletableFuture<?>[batch];
                try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                    for (int i = 0; i < batch; i++) {
                        dsts[i].buffer().put(0, new byte[plain.length]);
                        try {
                            fs[i] = s.runAsync(src, 0, comp.length, dsts[i], 0, 8192, true);
                        } catch (QueueException e) {
                            fs[i] = CompletableFuture.failedFuture(e);
                        }
                    }
                    String outcomes = outcomes(fs) + ", " + plan.served() + " served";
                    for (int i = 0; i < batch; i++) {
                        String what = "round " + round + ", stop at " + stopAt + ", request " + (i + 1) + ": " + outcomes;
                        CompletableFuture<?> f = fs[i];
                        if (i + 1 < stopAt) {
                            f.get(60, TimeUnit.SECONDS); // throws if the driver failed it
                            assertArrayEquals(plain, Rig.get(dsts[i], 0, plain.length), what);
                        } else if (i + 1 == stopAt) {
                            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS), what);
                            assertEquals(QueueException.Kind.STOPPED, ((QueueException) e.getCause()).kind(), what);
                        } else {
                            try {
                                f.get(60, TimeUnit.SECONDS);
                                assertArrayEquals(plain, Rig.get(dsts[i], 0, plain.length), what);
                            } catch (ExecutionException e) {
                                assertEquals(QueueException.Kind.STOPPED, ((QueueException) e.getCause()).kind(), what);
                            }
                        }
                    }
                }
                rig.emu.model().setFaultPlan(null);
            }
        }
    }

    /** One letter per request for failure messages: '+' completed, else its failure kind's initial. */
    private static String outcomes(CompletableFuture<?>[] fs) throws Exception {
        StringBuilder b = new StringBuilder();
        for (CompletableFuture<?> f : fs) {
            try {
                f.get(60, TimeUnit.SECONDS);
                b.append('+');
            } catch (ExecutionException e) {
                b.append(e.getCause() instanceof QueueException q ? q.kind().name().charAt(0) : '?');
            }
        }
        return b.toString();
    }

    /** A {@link SchedulingJitter} step before each doorbell and before and after each interrupt wait, always. */
    private static final class JitteryChannel extends ForwardingDevice.Channel {
        JitteryChannel(QueueChannel q) {
            super(q);
        }

        @Override
        public void doorbell(int offset, long value) {
            SchedulingJitter.step();
            q.doorbell(offset, value);
        }

        @Override
        public boolean awaitInterrupt(long timeoutNanos) {
            SchedulingJitter.step();
            boolean signalled = q.awaitInterrupt(timeoutNanos);
            SchedulingJitter.step();
            return signalled;
        }
    }
}
