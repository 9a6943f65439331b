package io.warpdrive.accel.emu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.device.QueueChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bus that can sit on doorbell writes: while shut, doorbells rung through it are kept, in
 * order, each with the queue it was meant for; {@link #open} rings them. Tests use it to put a
 * request in the ring that the device has not been told of yet.
 */
final class DoorbellGate {
    private final List<Held> held = new ArrayList<>();
    private boolean shut;

    private record Held(QueueChannel queue, int offset, long value) {
    }

    /** From now on doorbells are held. */
    synchronized void shut() {
        shut = true;
    }

    /** Rings {@code queue}'s doorbell now, or keeps it for {@link #open} while the gate is shut. */
    void ring(QueueChannel queue, int offset, long value) {
        synchronized (this) {
            if (shut) {
                held.add(new Held(queue, offset, value));
                notifyAll();
                return;
            }
        }
        queue.doorbell(offset, value);
    }

    /**
     * Lets doorbells through again, ringing the held ones first and in order (under the lock, so
     * a doorbell rung meanwhile cannot overtake them); returns how many were held.
     */
    synchronized int open() {
        shut = false;
        for (Held h : held) {
            h.queue.doorbell(h.offset, h.value);
        }
        int n = held.size();
        held.clear();
        return n;
    }

    /** Waits until a doorbell is held; fails the test after 30 s. */
    synchronized void awaitHeld() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (held.isEmpty() && System.nanoTime() < end) {
            wait(100);
        }
        assertTrue(!held.isEmpty(), "no doorbell was held");
    }

    /** A queue whose doorbells go through a gate; everything else passes on. */
    static class GatedChannel extends ForwardingDevice.Channel {
        final DoorbellGate gate;

        GatedChannel(QueueChannel q, DoorbellGate gate) {
            super(q);
            this.gate = gate;
        }

        @Override
        public void doorbell(int offset, long value) {
            gate.ring(q, offset, value);
        }
    }
}
