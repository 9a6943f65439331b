package io.warpdrive.accel.emu;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.QpInfo;
import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.device.UacceDevice;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A device that passes everything to another one, its queues wrapped by the test: the way to
 * put a misbehaving kernel or bus between the driver and the emulated device.
 */
final class ForwardingDevice implements UacceDevice {
    private final UacceDevice inner;
    private final UnaryOperator<QueueChannel> wrap;

    ForwardingDevice(UacceDevice inner, UnaryOperator<QueueChannel> wrap) {
        this.inner = inner;
        this.wrap = wrap;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String api() {
        return inner.api();
    }

    @Override
    public List<String> algorithms() {
        return inner.algorithms();
    }

    @Override
    public int availableInstances() {
        return inner.availableInstances();
    }

    @Override
    public QueueChannel openQueue() {
        return wrap.apply(inner.openQueue());
    }

    @Override
    public DmaBuffer allocate(int size) {
        return inner.allocate(size);
    }

    @Override
    public void free(DmaBuffer buffer) {
        inner.free(buffer);
    }

    @Override
    public void close() {
        inner.close();
    }

    /** A queue that passes every call on; subclasses override the calls they change. */
    static class Channel implements QueueChannel {
        final QueueChannel q;

        Channel(QueueChannel q) {
            this.q = q;
        }

        @Override
        public int setQpCtx(int qcType) {
            return q.setQpCtx(qcType);
        }

        @Override
        public QpInfo qpInfo() {
            return q.qpInfo();
        }

        @Override
        public ByteBuffer mapDus() {
            return q.mapDus();
        }

        @Override
        public ByteBuffer mapMmio() {
            return q.mapMmio();
        }

        @Override
        public void start() {
            q.start();
        }

        @Override
        public void put() {
            q.put();
        }

        @Override
        public void doorbell(int offset, long value) {
            q.doorbell(offset, value);
        }

        @Override
        public boolean awaitInterrupt(long timeoutNanos) {
            return q.awaitInterrupt(timeoutNanos);
        }

        @Override
        public boolean isDead() {
            return q.isDead();
        }

        @Override
        public void close() {
            q.close();
        }
    }
}
