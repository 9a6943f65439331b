package io.warpdrive.accel.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue timeout means "no completion for that long", not "this waiter was away for that
 * long". A waiter whose deadline passes while another thread holds the CQ (a reaper descheduled
 * on a loaded machine, or in a GC pause) must read the CQ before it declares the queue late:
 * the device may have completed everything in time.
 *
 * <p>Here the async reaper is held inside its wait for the completion interrupt, holding the
 * CQ lock, for three timeouts, while the device completes both its request and a synchronous
 * one sent meanwhile.
 */
class DelayedReaperTest {
    /**
     * The queue timeout. The device must answer the synchronous request within it (a machine
     * that stalls the device thread for this long fails the test), and the reaper is held for
     * three of them.
     */
    private static final long TIMEOUT_MS = 1000;

    @Test
    void aWaiterPastItsDeadlineFindsTheCompletionsFirst() throws Exception {
        StallingChannel[] channel = new StallingChannel[1];
        try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withCores(1, 1),
                ZipDevice.Config.DEFAULT.withQueues(1).withTimeout(TIMEOUT_MS * 1_000_000L),
                q -> channel[0] = new StallingChannel(q))) {
            byte[] plain = TestData.text(5, 3000);
            byte[] comp = TestData.deflate(plain, 6, true);
            DmaBuffer src = rig.zip.dma().take(comp.length);
            src.buffer().put(0, comp);
            DmaBuffer asyncDst = rig.zip.dma().take(8192);
            DmaBuffer syncDst = rig.zip.dma().take(8192);
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                assertTrue(s.run(src, 0, comp.length, syncDst, 0, 8192, true).streamEnd()); // the queue is open
                StallingChannel c = channel[0];
                c.gate.shut();
                CompletableFuture<ZipResult> async = s.runAsync(src, 0, comp.length, asyncDst, 0, 8192, true);
                assertTrue(c.reaperStalled.await(30, TimeUnit.SECONDS), "the async reaper never waited");
                long start = System.nanoTime();
                // Completed by the device in microseconds, but its waiter cannot reap until the reaper is
                // back: without a last CQ read at the deadline this failed with TIMEOUT.
                ZipResult r = s.run(src, 0, comp.length, syncDst, 0, 8192, true);
                long waited = (System.nanoTime() - start) / 1_000_000;
                assertTrue(r.streamEnd());
                assertArrayEquals(plain, Rig.get(syncDst, 0, plain.length));
                assertTrue(async.get(30, TimeUnit.SECONDS).streamEnd());
                assertArrayEquals(plain, Rig.get(asyncDst, 0, plain.length));
                // The gap was real: the synchronous call outlived its deadline.
                assertTrue(waited > TIMEOUT_MS, "the waiter was back after " + waited + " ms");
                assertEquals(0, rig.zip.pool(false).reopenedCount());
            }
        }
    }

    /**
     * Rings SQ doorbells through a gate; the first time the async reaper waits for an interrupt,
     * opens the gate and keeps the reaper there for three timeouts.
     */
    private static final class StallingChannel extends DoorbellGate.GatedChannel {
        final CountDownLatch reaperStalled = new CountDownLatch(1);

        StallingChannel(QueueChannel q) {
            super(q, new DoorbellGate());
        }

        @Override
        public boolean awaitInterrupt(long timeoutNanos) {
            if (Thread.currentThread().getName().contains("reaper") && reaperStalled.getCount() > 0) {
                gate.open();
                reaperStalled.countDown();
                try {
                    Thread.sleep(3 * TIMEOUT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return q.awaitInterrupt(timeoutNanos);
        }
    }
}
