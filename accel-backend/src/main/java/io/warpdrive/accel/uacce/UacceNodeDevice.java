package io.warpdrive.accel.uacce;

import io.warpdrive.accel.device.DeviceException;
import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.device.UacceDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real uacce device, reached through its {@code /dev} node: every {@link #openQueue} is an
 * open(2) of the node (one hardware queue), and DMA memory is plain native memory whose process
 * virtual address is what descriptors carry (SVA: the device walks this process's page table
 * through the IOMMU, so nothing is pinned or mapped for it).
 *
 * <p>SVA memory: a zeroed direct buffer, aligned to a page so that no other object shares its
 * first or last page with the device. Zeroing also touches every page, which matters: an I/O
 * page fault on first device access costs far more than the CPU's fault (UADK measured 7.0 to
 * 1.9 GB/s). The memory lives until the buffer is collected after {@link #free}; a freed
 * buffer must not be in any request still outstanding (the driver guarantees that).
 *
 * <p>Thread-safe.
 */
public final class UacceNodeDevice implements UacceDevice {
    private final UacceDeviceInfo info;
    private final UacceKernel kernel;
    private final int pageSize;
    private final Map<UacceQueue, Boolean> queues = new ConcurrentHashMap<>();
    private final Map<Long, DmaBuffer> buffers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * The device discovery found.
     *
     * @throws UacceUnavailableException if discovery judged it unusable or native calls cannot
     *     be made here
     */
    public static UacceNodeDevice open(UacceDeviceInfo info) {
        if (!info.usable()) {
            throw new UacceUnavailableException(info.name() + " is not usable: " + info.reason());
        }
        if (Native.problem() != null) {
            throw new UacceUnavailableException(Native.problem());
        }
        return new UacceNodeDevice(info, LibcKernel.INSTANCE);
    }

    UacceNodeDevice(UacceDeviceInfo info, UacceKernel kernel) {
        this.info = Objects.requireNonNull(info);
        this.kernel = Objects.requireNonNull(kernel);
        this.pageSize = kernel.pageSize();
    }

    /** What discovery read. */
    public UacceDeviceInfo info() {
        return info;
    }

    /** region_dus_size, what the driver lays the rings out in. */
    public int dusSize() {
        return (int) info.dusSize();
    }

    @Override
    public String name() {
        return info.name();
    }

    @Override
    public String api() {
        return info.api();
    }

    @Override
    public List<String> algorithms() {
        return info.algorithms();
    }

    /** Read again from sysfs: other processes open and close queues too. */
    @Override
    public int availableInstances() {
        List<String> ignored = new ArrayList<>();
        long n = Sysfs.readLong(info.sysfsDir().resolve("available_instances"), ignored, true, -1);
        return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : info.availableInstances();
    }

    @Override
    public QueueChannel openQueue() {
        if (closed) {
            throw new DeviceException(Errno.ENXIO, name() + " is closed");
        }
        UacceQueue q = UacceQueue.open(kernel, info.node().toString(), info.dusSize(), info.mmioSize());
        queues.put(q, Boolean.TRUE);
        q.onClose(() -> queues.remove(q)); // a long-lived device opens many queues over time
        return q;
    }

    @Override
    public DmaBuffer allocate(int size) {
        if (size <= 0) {
            throw new DeviceException(Errno.EINVAL, "bad DMA size " + size);
        }
        if (closed) {
            throw new DeviceException(Errno.ENXIO, name() + " is closed");
        }
        ByteBuffer memory;
        try {
            // one page of slack for the alignment; the slice keeps the whole block reachable
            ByteBuffer raw = ByteBuffer.allocateDirect(size + pageSize - 1);
            memory = raw.alignedSlice(pageSize).limit(size).slice();
        } catch (OutOfMemoryError e) {
            throw new DeviceException(Errno.ENOMEM, "no direct memory for " + size + " bytes");
        }
        long address = Native.address(memory);
        kernel.svaShare(address, memory);
        DmaBuffer b = DmaBuffer.of(memory, address);
        buffers.put(address, b);
        return b;
    }

    @Override
    public void free(DmaBuffer buffer) {
        if (buffer != null && buffers.remove(buffer.address(), buffer)) {
            kernel.svaUnshare(buffer.address());
        }
    }

    /** Puts and closes every queue this object opened, forgets every buffer. */
    @Override
    public void close() {
        closed = true;
        for (UacceQueue q : queues.keySet()) {
            q.close();
        }
        queues.clear();
        for (DmaBuffer b : buffers.values()) {
            free(b);
        }
    }

    @Override
    public String toString() {
        return name() + " (" + api() + ", " + info.node() + ")";
    }
}
