package io.warpdrive.accel.device;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A uacce device whose regions are direct buffers in this process, served by a {@link DeviceModel}
 * instead of silicon: what the emulated backend runs on, and the shape a real device takes in
 * issue 5 (where the same buffers come from mmap).
 *
 * <p>Region sizes are what the kernel would publish in sysfs: the DUS region holds the rings plus
 * a trailing page (stop flags in its last 8 bytes), the MMIO region the doorbell page.
 *
 * <p>Thread-safe.
 */
public final class MemoryDevice implements UacceDevice {
    private final String name;
    private final String api;
    private final List<String> algorithms;
    private final QpInfo qpInfo;
    private final int dusSize;
    private final int mmioSize;
    private final DeviceModel model;
    private final IoAddressMap addressMap;
    /** Hardware queue numbers in use. */
    private final BitSet qns;
    private final int queueCount;
    private final Map<Long, DmaBuffer> buffers = new ConcurrentHashMap<>();
    private final Map<Integer, MemoryQueue> queues = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param queueCount how many queues may be open at once (available_instances when idle)
     * @param dusSize sysfs region_dus_size for this geometry
     * @param mmioSize sysfs region_mmio_size
     */
    public MemoryDevice(String name, String api, List<String> algorithms, int queueCount, QpInfo qpInfo,
            int dusSize, int mmioSize, DeviceModel model, IoAddressMap addressMap) {
        this.name = Objects.requireNonNull(name);
        this.api = Objects.requireNonNull(api);
        this.algorithms = List.copyOf(algorithms);
        this.queueCount = queueCount;
        this.qns = new BitSet(queueCount);
        this.qpInfo = Objects.requireNonNull(qpInfo);
        this.dusSize = dusSize;
        this.mmioSize = mmioSize;
        this.model = Objects.requireNonNull(model);
        this.addressMap = Objects.requireNonNull(addressMap);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String api() {
        return api;
    }

    @Override
    public List<String> algorithms() {
        return algorithms;
    }

    @Override
    public synchronized int availableInstances() {
        return queueCount - qns.cardinality();
    }

    /** The address map the hardware model translates through. */
    public IoAddressMap addressMap() {
        return addressMap;
    }

    @Override
    public synchronized QueueChannel openQueue() {
        MemoryQueue q = new MemoryQueue(this, takeQn(), qpInfo, dusSize, mmioSize, model);
        queues.put(q.qn(), q);
        return q;
    }

    /** A free queue number, now taken. Caller holds this. */
    private int takeQn() {
        if (closed) {
            throw new DeviceException(DeviceException.ENXIO, name + " is closed");
        }
        int qn = qns.nextClearBit(0);
        if (qn >= queueCount) {
            throw new DeviceException(DeviceException.EBUSY, name + ": no free queue");
        }
        qns.set(qn);
        return qn;
    }

    /**
     * open() of a queue whose regions are memory the caller provides instead of fresh direct
     * buffers: a second mapping of memory the driver maps elsewhere, so that the hardware model
     * serves exactly the bytes the driver's own mappings hold. Both must be zeroed, as the
     * kernel hands them out.
     *
     * @param dus region_dus_size bytes
     * @param mmio region_mmio_size bytes
     * @throws DeviceException EBUSY when every queue is in use, EINVAL for wrong region sizes
     */
    public synchronized MemoryQueue openQueue(ByteBuffer dus, ByteBuffer mmio) {
        if (!dus.isDirect() || !mmio.isDirect() || dus.capacity() != dusSize || mmio.capacity() != mmioSize) {
            throw new DeviceException(DeviceException.EINVAL, "regions must be direct, " + dusSize + " and "
                    + mmioSize + " bytes");
        }
        MemoryQueue q = new MemoryQueue(this, takeQn(), qpInfo, dus, mmio, model);
        queues.put(q.qn(), q);
        return q;
    }

    synchronized void released(MemoryQueue q) {
        if (queues.remove(q.qn(), q)) {
            qns.clear(q.qn());
        }
    }

    @Override
    public DmaBuffer allocate(int size) {
        if (size <= 0) {
            throw new DeviceException(DeviceException.EINVAL, "bad DMA size " + size);
        }
        if (closed) {
            throw new DeviceException(DeviceException.ENXIO, name + " is closed");
        }
        ByteBuffer memory;
        try {
            memory = ByteBuffer.allocateDirect(size); // zeroed
        } catch (OutOfMemoryError e) {
            throw new DeviceException(DeviceException.ENOMEM, "no direct memory for " + size + " bytes");
        }
        DmaBuffer b = new DmaBuffer(memory, addressMap.map(memory));
        buffers.put(b.address(), b);
        return b;
    }

    @Override
    public void free(DmaBuffer buffer) {
        if (buffer != null && buffers.remove(buffer.address(), buffer)) {
            addressMap.unmap(buffer.address());
        }
    }

    @Override
    public void close() {
        closed = true;
        for (MemoryQueue q : queues.values()) {
            q.close();
        }
        for (DmaBuffer b : buffers.values()) {
            free(b);
        }
    }

    @Override
    public String toString() {
        return name + " (" + api + ", emulated)";
    }
}
