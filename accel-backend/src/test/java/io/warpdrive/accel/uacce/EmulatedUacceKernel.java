package io.warpdrive.accel.uacce;

import io.warpdrive.accel.device.DeviceException;
import io.warpdrive.accel.device.IoAddressMap;
import io.warpdrive.accel.device.MemoryDevice;
import io.warpdrive.accel.device.MemoryQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.Pointer;

/**
 * A uacce + hisi_qm driver emulated behind real system calls, for {@link UacceQueue} and
 * {@link UacceNodeDevice} to run on as they would on a real kernel.
 *
 * <p>Each open() of a node creates a memfd: the queue's "physical" memory. The driver's mmaps
 * are real mmaps of it (the region type in the page offset selects a part of the memfd, as the
 * kernel selects a region); the hardware side is a {@link MemoryQueue} of a {@link MemoryDevice}
 * over a second, independent mapping of the same pages, served by the emulated engine. So the
 * engine reads the SQEs and writes CQEs through memory that the driver only ever reaches
 * through its own mmap. The ioctls are emulated (state checks as the kernel makes them); poll
 * waits for the queue's interrupt; a doorbell store is latched by reading it back from the
 * hardware side's mapping; SVA is the address map keyed by process virtual addresses.
 *
 * <p>The hardware model is only told what silicon would see; it never calls driver classes.
 */
final class EmulatedUacceKernel implements UacceKernel {
    /** Where each region lives in the memfd: far enough apart for any region size used here. */
    private static final long STRIDE = 1L << 20;

    private final LibcKernel real = LibcKernel.INSTANCE;
    private final MemoryDevice hardware;
    private final IoAddressMap iommu;
    private final long dusSize;
    private final long mmioSize;
    private final boolean hasQpInfo;
    private final Map<Integer, Queue> queues = new ConcurrentHashMap<>();

    /** Calls in order, per queue fd ("SET_QP_CTX", "mmap DUS", ...). */
    final Map<Integer, List<String>> calls = new ConcurrentHashMap<>();
    /** Doorbells whose value was not in the hardware side's mapping when latched (single-thread runs: 0). */
    final AtomicInteger unseenStores = new AtomicInteger();
    final AtomicInteger latched = new AtomicInteger();
    final AtomicInteger liveMappings = new AtomicInteger();
    final List<Integer> openFlags = Collections.synchronizedList(new ArrayList<>());

    private static final class Queue {
        final int memfd;
        final MemoryQueue hw;
        final long hwDus;
        final long hwMmio;
        final ByteBuffer hwMmioView;
        boolean dusMapped;
        boolean mmioMapped;

        Queue(int memfd, MemoryQueue hw, long hwDus, long hwMmio, ByteBuffer hwMmioView) {
            this.memfd = memfd;
            this.hw = hw;
            this.hwDus = hwDus;
            this.hwMmio = hwMmio;
            this.hwMmioView = hwMmioView;
        }
    }

    EmulatedUacceKernel(MemoryDevice hardware, IoAddressMap iommu, long dusSize, long mmioSize, boolean hasQpInfo) {
        this.hardware = hardware;
        this.iommu = iommu;
        this.dusSize = dusSize;
        this.mmioSize = mmioSize;
        this.hasQpInfo = hasQpInfo;
    }

    private void log(int fd, String call) {
        calls.computeIfAbsent(fd, k -> Collections.synchronizedList(new ArrayList<>())).add(call);
    }

    @Override
    public int open(String path, int flags) {
        openFlags.add(flags);
        // the node's own permission and existence checks are the real kernel's
        int probe = real.open(path, flags);
        if (probe < 0) {
            return probe;
        }
        real.close(probe);
        int memfd = Native.libc().memfd_create("uacce-queue", Uapi.MFD_CLOEXEC);
        if (memfd < 0 || Native.libc().ftruncate(memfd, 2 * STRIDE) != 0) {
            return -Errno.ENOMEM;
        }
        // the hardware's view of the queue memory (zeroed, as the kernel hands it out)
        long hwDus = real.mmap(memfd, dusSize, Uapi.REGION_DUS * STRIDE);
        long hwMmio = real.mmap(memfd, mmioSize, Uapi.REGION_MMIO * STRIDE);
        if (hwDus < 0 || hwMmio < 0) {
            throw new IllegalStateException("hardware mapping failed: " + hwDus + " " + hwMmio);
        }
        ByteBuffer mmioView = Native.view(hwMmio, (int) mmioSize);
        MemoryQueue hw;
        try {
            hw = hardware.openQueue(Native.view(hwDus, (int) dusSize), mmioView);
        } catch (DeviceException e) {
            real.munmap(hwDus, dusSize);
            real.munmap(hwMmio, mmioSize);
            real.close(memfd);
            return -e.errno();
        }
        queues.put(memfd, new Queue(memfd, hw, hwDus, hwMmio, mmioView));
        log(memfd, "open");
        return memfd;
    }

    @Override
    public int close(int fd) {
        Queue q = queues.remove(fd);
        if (q == null) {
            return real.close(fd);
        }
        log(fd, "close");
        q.hw.close(); // release of the file: the kernel puts the queue if PUT_Q did not
        real.munmap(q.hwDus, dusSize);
        real.munmap(q.hwMmio, mmioSize);
        return real.close(fd);
    }

    @Override
    public int ioctl(int fd, int cmd, Pointer arg) {
        Queue q = queues.get(fd);
        if (q == null) {
            return real.ioctl(fd, cmd, arg);
        }
        try {
            switch (cmd) {
                case Uapi.UACCE_CMD_QM_SET_QP_CTX:
                    log(fd, "SET_QP_CTX");
                    arg.putShort(Uapi.QP_CTX_ID, (short) q.hw.setQpCtx(arg.getShort(Uapi.QP_CTX_QC_TYPE) & 0xffff));
                    return 0;
                case Uapi.UACCE_CMD_QM_SET_QP_INFO:
                    log(fd, "SET_QP_INFO");
                    if (!hasQpInfo) {
                        return -Errno.EINVAL; // hisi_qm's answer to a command it does not know
                    }
                    arg.putInt(Uapi.QP_INFO_SQE_SIZE, q.hw.qpInfo().sqeSize());
                    arg.putShort(Uapi.QP_INFO_SQ_DEPTH, (short) q.hw.qpInfo().sqDepth());
                    arg.putShort(Uapi.QP_INFO_CQ_DEPTH, (short) q.hw.qpInfo().cqDepth());
                    return 0;
                case Uapi.UACCE_CMD_START_Q:
                    log(fd, "START_Q");
                    if (!q.dusMapped || !q.mmioMapped) {
                        return -Errno.EINVAL; // this driver wants both regions in place first
                    }
                    q.hw.start();
                    return 0;
                case Uapi.UACCE_CMD_PUT_Q:
                    log(fd, "PUT_Q");
                    if (q.hw.isDead()) {
                        return -Errno.ENXIO;
                    }
                    q.hw.put();
                    return 0;
                default:
                    return -Errno.EINVAL;
            }
        } catch (DeviceException e) {
            return -e.errno();
        }
    }

    @Override
    public long mmap(int fd, long length, long offset) {
        Queue q = queues.get(fd);
        if (q == null) {
            return real.mmap(fd, length, offset);
        }
        int page = pageSize();
        if (offset % page != 0) {
            return -Errno.EINVAL;
        }
        long type = offset / page;
        synchronized (q) {
            if (type == Uapi.REGION_DUS) {
                if (q.dusMapped) {
                    return -Errno.EEXIST;
                }
                if (length != dusSize) {
                    return -Errno.EINVAL; // DUS must be mapped whole
                }
                q.dusMapped = true;
                log(fd, "mmap DUS");
            } else if (type == Uapi.REGION_MMIO) {
                if (q.mmioMapped) {
                    return -Errno.EEXIST;
                }
                if (length > mmioSize) {
                    return -Errno.EINVAL;
                }
                q.mmioMapped = true;
                log(fd, "mmap MMIO");
            } else {
                return -Errno.EINVAL;
            }
        }
        long a = real.mmap(fd, length, type * STRIDE);
        if (a > 0) {
            liveMappings.incrementAndGet();
        }
        return a;
    }

    @Override
    public int munmap(long address, long length) {
        int r = real.munmap(address, length);
        if (r == 0) {
            liveMappings.decrementAndGet();
        }
        return r;
    }

    @Override
    public int poll(int fd, short events, int timeoutMillis) {
        Queue q = queues.get(fd);
        if (q == null) {
            return real.poll(fd, events, timeoutMillis);
        }
        return q.hw.awaitInterrupt(timeoutMillis * 1_000_000L) ? Uapi.POLLIN : 0;
    }

    @Override
    public int pageSize() {
        return real.pageSize();
    }

    /** The bus delivers the store: the value is read where the hardware sees the register page. */
    @Override
    public void registerStored(int fd, int offset, long value) {
        Queue q = queues.get(fd);
        if (q == null) {
            return;
        }
        if (q.hwMmioView.getLong(offset) != value) {
            unseenStores.incrementAndGet(); // only possible when two threads ring at once
        }
        latched.incrementAndGet();
        q.hw.latch(offset, value);
    }

    /** SVA: the device reaches the buffer at its virtual address, through a view of its own. */
    @Override
    public void svaShare(long address, ByteBuffer memory) {
        iommu.mapAt(address, Native.view(address, memory.capacity()));
    }

    @Override
    public void svaUnshare(long address) {
        iommu.unmap(address);
    }

    int openQueues() {
        return queues.size();
    }
}
