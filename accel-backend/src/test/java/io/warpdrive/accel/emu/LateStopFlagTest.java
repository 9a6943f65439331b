package io.warpdrive.accel.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.queue.QmLayout;
import io.warpdrive.accel.queue.QueueException;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipSession;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A device that completes requests and then stops its queue writes the CQEs first and raises the
 * stop flags after them. The driver that reads the CQ, finds it empty, and only then sees the
 * flag must not fail the requests whose CQEs landed in between: they are done, and their
 * results are in the ring. Found by CI, where a preempted reaper failed request 23 of a queue
 * stopped at request 30.
 *
 * <p>Here the gap is made wide instead of hoped for: the reaper's first CQ doorbell (which it
 * rings after reading the CQ and before it looks at the flag) is held until the device has
 * stopped the queue.
 */
class LateStopFlagTest {
    private static final int REQUESTS = 12;
    private static final int STOP_AT = 10; // the 10th request stops the queue

    @Test
    void completionsWrittenBeforeTheStopFlagAreKept() throws Exception {
        FaultPlan plan = FaultPlan.create().at(STOP_AT, FaultPlan.Fault.STOP_QUEUE);
        AtomicBoolean held = new AtomicBoolean();
        try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withDepth(64).withCores(1, 1), ZipDevice.Config.DEFAULT.withQueues(1),
                q -> new StopFirstChannel(q, held))) {
            rig.emu.model().setFaultPlan(plan);
            byte[] plain = TestData.text(3, 4000);
            byte[] comp = TestData.deflate(plain, 6, true);
            DmaBuffer src = rig.zip.dma().take(comp.length);
            src.buffer().put(0, comp);
            DmaBuffer[] dsts = new DmaBuffer[REQUESTS];
            CompletableFuture<?>[] fs = new CompletableFuture<?>[REQUESTS];
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                for (int i = 0; i < REQUESTS; i++) {
                    dsts[i] = rig.zip.dma().take(8192);
                    try {
                        fs[i] = s.runAsync(src, 0, comp.length, dsts[i], 0, 8192, true);
                    } catch (QueueException e) {
                        fs[i] = CompletableFuture.failedFuture(e); // sent after the stop was seen
                    }
                }
                for (int i = 0; i < STOP_AT - 1; i++) {
                    fs[i].get(30, TimeUnit.SECONDS); // throws if the driver failed it
                    assertArrayEquals(plain, Rig.get(dsts[i], 0, plain.length), "request " + (i + 1));
                }
                // The stopping request fails; the later ones fail with it or, sent after the
                // failure was seen, go to a reopened queue.
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> fs[STOP_AT - 1].get(30, TimeUnit.SECONDS));
                assertEquals(QueueException.Kind.STOPPED, ((QueueException) e.getCause()).kind());
            }
        }
        assertTrue(held.get(), "the CQ doorbell was never held: the test did not open the gap");
    }

    /** Holds the first CQ doorbell until the device has raised the queue's rx stop flag. */
    private static final class StopFirstChannel extends ForwardingDevice.Channel {
        private final AtomicBoolean held;
        private ByteBuffer dus;
        private QmLayout layout;
        private QmLayout.Doorbell format;

        StopFirstChannel(QueueChannel q, AtomicBoolean held) {
            super(q);
            this.held = held;
        }

        @Override
        public ByteBuffer mapDus() {
            dus = q.mapDus();
            return dus;
        }

        @Override
        public void doorbell(int offset, long value) {
            if (format == null) {
                format = offset == QmLayout.Doorbell.V1.offset ? QmLayout.Doorbell.V1 : QmLayout.Doorbell.V2;
                layout = new QmLayout(q.qpInfo(), dus.capacity());
            }
            if (format.cmd(value) == QmLayout.DB_CMD_CQ && held.compareAndSet(false, true)) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!layout.rxStopped(dus) && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            }
            q.doorbell(offset, value);
        }
    }
}
