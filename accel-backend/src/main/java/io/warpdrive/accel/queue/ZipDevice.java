package io.warpdrive.accel.queue;

import io.warpdrive.accel.device.UacceDevice;

/**
 * A hisi_zip device as the driver uses it: a pool of compression queues, a pool of decompression
 * queues (opened lazily, reopened when they fail), the staging buffer pool, and sessions.
 *
 * <p>Thread-safe.
 */
public final class ZipDevice implements AutoCloseable {
    /** Settings; the defaults suit a sync caller per thread. */
    public record Config(int queuesPerDirection, long timeoutNanos, long spinNanos, int stagingKeep) {
        public static final Config DEFAULT = new Config(2, 10_000_000_000L, 20_000L, 16);

        public Config withTimeout(long nanos) {
            return new Config(queuesPerDirection, nanos, spinNanos, stagingKeep);
        }

        public Config withQueues(int n) {
            return new Config(n, timeoutNanos, spinNanos, stagingKeep);
        }
    }

    private final UacceDevice device;
    private final Config config;
    private final DmaPool dma;
    private final QueuePool compressQueues;
    private final QueuePool decompressQueues;

    /**
     * @param dusSize the device's region_dus_size
     */
    public ZipDevice(UacceDevice device, int dusSize, Config config) {
        this.device = device;
        this.config = config;
        this.dma = new DmaPool(device, config.stagingKeep());
        this.compressQueues = new QueuePool(device, dusSize, HisiQp.QC_COMPRESS, config.queuesPerDirection(),
                config.timeoutNanos(), config.spinNanos());
        this.decompressQueues = new QueuePool(device, dusSize, HisiQp.QC_DECOMPRESS, config.queuesPerDirection(),
                config.timeoutNanos(), config.spinNanos());
    }

    public UacceDevice device() {
        return device;
    }

    public Config config() {
        return config;
    }

    /** Staging buffers. */
    public DmaPool dma() {
        return dma;
    }

    /** Changes the completion timeout of every queue of both directions. */
    public void setTimeoutNanos(long nanos) {
        compressQueues.setTimeoutNanos(nanos);
        decompressQueues.setTimeoutNanos(nanos);
    }

    /** The queue pool of one direction. */
    public QueuePool pool(boolean compress) {
        return compress ? compressQueues : decompressQueues;
    }

    HisiQp queue(boolean compress) {
        return pool(compress).next();
    }

    /**
     * A session.
     *
     * @param stateful true for a stream carried across requests (64 KiB context), false for
     *     one-shot requests (each a whole stream: compression finishes, decompression must end)
     * @param windowBits 12..15
     */
    public ZipSession openSession(ZipAlg alg, boolean compress, boolean stateful, int windowBits) {
        return new ZipSession(this, alg, compress, stateful, windowBits);
    }

    @Override
    public void close() {
        compressQueues.close();
        decompressQueues.close();
        dma.close();
    }
}
