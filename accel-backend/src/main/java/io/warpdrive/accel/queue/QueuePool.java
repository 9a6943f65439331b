package io.warpdrive.accel.queue;

import io.warpdrive.accel.device.DeviceException;
import io.warpdrive.accel.device.UacceDevice;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queues of one direction on one device (one qc_type per queue, as the hardware wants),
 * handed out round-robin. A queue that failed (stop flag, timeout, bad completion) is closed
 * and replaced by a freshly opened one the next time its turn comes: "reported, then reopened".
 *
 * <p>Thread-safe.
 */
public final class QueuePool implements AutoCloseable {
    private final UacceDevice device;
    private final int dusSize;
    private final int qcType;
    private volatile long timeoutNanos;
    private final long spinNanos;
    private final HisiQp[] queues;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger reopened = new AtomicInteger();
    private volatile boolean closed;

    public QueuePool(UacceDevice device, int dusSize, int qcType, int size, long timeoutNanos, long spinNanos) {
        if (size < 1) {
            throw new IllegalArgumentException("pool of " + size + " queues");
        }
        this.device = device;
        this.dusSize = dusSize;
        this.qcType = qcType;
        this.timeoutNanos = timeoutNanos;
        this.spinNanos = spinNanos;
        this.queues = new HisiQp[size];
    }

    /**
     * The next queue in turn, opened or reopened as needed.
     *
     * @throws QueueException CLOSED if the pool is closed or no queue can be opened
     */
    public HisiQp next() {
        int i = Math.floorMod(next.getAndIncrement(), queues.length);
        synchronized (queues) {
            if (closed) {
                throw new QueueException(QueueException.Kind.CLOSED, "queue pool closed");
            }
            HisiQp q = queues[i];
            if (q != null && q.failure() == null) {
                return q;
            }
            if (q != null) {
                q.close();
                reopened.incrementAndGet();
            }
            try {
                q = new HisiQp(device.openQueue(), device.api(), dusSize, qcType, timeoutNanos, spinNanos);
            } catch (DeviceException e) {
                queues[i] = null;
                throw new QueueException(QueueException.Kind.CLOSED, "cannot open a queue on " + device.name()
                        + ": " + e.getMessage());
            }
            queues[i] = q;
            return q;
        }
    }

    /** Changes the completion timeout of every queue, open or opened later. */
    public void setTimeoutNanos(long nanos) {
        synchronized (queues) {
            timeoutNanos = nanos;
            for (HisiQp q : queues) {
                if (q != null) {
                    q.setTimeoutNanos(nanos);
                }
            }
        }
    }

    /** How many failed queues were replaced. */
    public int reopenedCount() {
        return reopened.get();
    }

    /** The queues open now (null entries not yet opened). */
    public HisiQp[] snapshot() {
        synchronized (queues) {
            return queues.clone();
        }
    }

    @Override
    public void close() {
        synchronized (queues) {
            closed = true;
            for (int i = 0; i < queues.length; i++) {
                if (queues[i] != null) {
                    queues[i].close();
                    queues[i] = null;
                }
            }
        }
    }
}
