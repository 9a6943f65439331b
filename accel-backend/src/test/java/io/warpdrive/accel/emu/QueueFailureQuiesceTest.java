package io.warpdrive.accel.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.device.UacceDevice;
import io.warpdrive.accel.queue.QueueException;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipSession;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A failed queue gives a request back to its owner only once PUT_Q has returned: until then the
 * device may still execute it and write into its buffers, which the owner reuses at once (the
 * DMA pool hands them to the next stream). Found by the soak (-Plong): streams of one thread
 * came out with another's bytes at their start.
 *
 * <p>The device is the emulated one behind a channel that can hold doorbells back and whose
 * PUT_Q is slow: it waits, lets the held request through (a device still busy with a request
 * when the queue is put), and only then stops the queue, as PUT_Q does on hardware.
 */
class QueueFailureQuiesceTest {
    private static final int OUT = 4096;

    @Test
    void aWaiterLearnsOfTheFailureOnlyAfterPut() throws Exception {
        FaultPlan counter = FaultPlan.create(); // no faults: counts the requests the device takes
        try (EmulatedZip emu = new EmulatedZip(EmulatedZip.Config.DEFAULT.withDepth(16).withCores(1, 1))) {
            emu.model().setFaultPlan(counter);
            SlowPutDevice dev = new SlowPutDevice(emu.device(), counter);
            try (ZipDevice zip = new ZipDevice(dev.device, emu.dusSize(), ZipDevice.Config.DEFAULT.withQueues(1))) {
                byte[] plain = TestData.text(7, 3000);
                byte[] comp = TestData.deflate(plain, 6, true);
                DmaBuffer src = zip.dma().take(comp.length);
                src.buffer().put(0, comp);
                DmaBuffer dst = zip.dma().take(OUT);
                byte[] reused = new byte[OUT];
                Arrays.fill(reused, (byte) 0x5a);
                try (ZipSession s = zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                    // One request through: the pool's queue is open and the device works.
                    assertTrue(s.run(src, 0, comp.length, dst, 0, OUT, true).streamEnd());
                    assertArrayEquals(plain, Rig.get(dst, 0, plain.length));

                    dev.gate.shut();
                    CompletableFuture<String> owner = CompletableFuture.supplyAsync(() -> {
                        try {
                            s.run(src, 0, comp.length, dst, 0, OUT, true);
                            return "the request completed on a closed queue";
                        } catch (QueueException e) {
                            int puts = dev.putsReturned.get();
                            // The owner has its buffer back and reuses it at once.
                            dst.buffer().put(0, reused);
                            return puts == 1 ? null : "the owner got " + e.kind() + " before PUT_Q returned";
                        }
                    });
                    dev.gate.awaitHeld(); // the request is in the ring, its doorbell held back
                    zip.pool(false).snapshot()[0].close(); // the queue fails (here: closed); PUT_Q
                    assertEquals(null, owner.get(30, TimeUnit.SECONDS));
                    assertEquals(2, counter.served(), "the held request reached the device during PUT_Q");
                    assertArrayEquals(reused, Rig.get(dst, 0, OUT),
                            "the device wrote into the buffer after its owner had it back");
                }
            }
        }
    }

    /** The emulated device, its queues behind {@link SlowPutChannel}. */
    private static final class SlowPutDevice {
        final ForwardingDevice device;
        final DoorbellGate gate = new DoorbellGate();
        private final FaultPlan counter;
        final AtomicInteger putsReturned = new AtomicInteger();

        SlowPutDevice(UacceDevice inner, FaultPlan counter) {
            this.device = new ForwardingDevice(inner, SlowPutChannel::new);
            this.counter = counter;
        }

        private final class SlowPutChannel extends DoorbellGate.GatedChannel {
            SlowPutChannel(QueueChannel q) {
                super(q, SlowPutDevice.this.gate);
            }

            /**
             * Slow, then the held request goes to the device, which takes it before the queue
             * stops: whoever got the request back during the wait reused a buffer it writes.
             */
            @Override
            public void put() {
                try {
                    Thread.sleep(300);
                    long before = counter.served();
                    int late = gate.open();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (late > 0 && counter.served() == before && System.nanoTime() < end) {
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // PUT_Q proper: waits for the request the device is executing.
                q.put();
                putsReturned.incrementAndGet();
            }

            @Override
            public void close() {
                put();
                q.close();
            }
        }
    }
}
