package io.warpdrive.accel.uacce;

import io.warpdrive.accel.device.DeviceException;
import io.warpdrive.accel.device.QpInfo;
import io.warpdrive.accel.device.QueueChannel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * One hardware queue of a real uacce device: an open file description of {@code /dev/<name>}.
 *
 * <p>Lifecycle, in the kernel's order (what UADK does): open O_RDWR|O_CLOEXEC (the kernel
 * allocates the queue pair and binds the process address space to it), mmap DUS then MMIO at
 * offsets region-type x page-size with the sysfs sizes, SET_QP_CTX (direction in, qn out),
 * SET_QP_INFO (or hisi_zip's documented geometry when the kernel predates it), START_Q, ...,
 * PUT_Q, munmap MMIO and DUS, close. O_CLOEXEC because the queue belongs to this process's
 * address space: a child after exec must not inherit it.
 *
 * <p>Data path: the doorbell is a full fence then one 64-bit volatile store through a
 * VarHandle view of the MMIO mapping (see the accel-backend README for what that is and is not
 * on arm64); the completion wait is poll(2) POLLIN on the queue fd. The busy part of waiting is
 * the driver's ({@code HisiQp} spins and polls the CQ before it calls {@link #awaitInterrupt}).
 *
 * <p>Thread safety: control calls are synchronized. {@link #doorbell} and
 * {@link #awaitInterrupt} are not, for speed; the caller must not run them, or touch the region
 * buffers, concurrently with {@link #close}, which unmaps the memory under them ({@code HisiQp}
 * closes holding both of its ring locks for exactly this reason).
 */
final class UacceQueue implements QueueChannel {
    private static final VarHandle LONG_LE = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private enum State { INIT, STARTED, PUT, CLOSED }

    private final UacceKernel kernel;
    private final String path;
    private final int fd;
    private final long dusSize;
    private final long mmioSize;
    private final int pageSize;

    private volatile State state = State.INIT;
    /** Region addresses, 0 until mapped. Guarded by this. */
    private long dusAddress;
    private long mmioAddress;
    /** The register page; written by doorbell only. */
    private ByteBuffer mmio;
    /** SET_QP_INFO answer, asked once. Guarded by this. */
    private QpInfo qpInfo;
    /** Run once after close (the owner forgets the queue). Guarded by this. */
    private Runnable onClose;

    private UacceQueue(UacceKernel kernel, String path, int fd, long dusSize, long mmioSize) {
        this.kernel = kernel;
        this.path = path;
        this.fd = fd;
        this.dusSize = dusSize;
        this.mmioSize = mmioSize;
        this.pageSize = kernel.pageSize();
    }

    /**
     * open(2) of the device node: one new hardware queue.
     *
     * @param dusSize sysfs region_dus_size
     * @param mmioSize sysfs region_mmio_size
     * @throws DeviceException with the errno and a message naming the file and what to do
     */
    static UacceQueue open(UacceKernel kernel, String path, long dusSize, long mmioSize) {
        if (dusSize <= 0 || dusSize > Integer.MAX_VALUE || mmioSize < 8 || mmioSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("region sizes " + dusSize + "/" + mmioSize);
        }
        int fd = kernel.open(path, Uapi.O_RDWR | Uapi.O_CLOEXEC);
        if (fd < 0) {
            throw openFailure(path, -fd);
        }
        return new UacceQueue(kernel, path, fd, dusSize, mmioSize);
    }

    /** The exception for a failed open(2) of {@code path}: what it means for a uacce node. */
    static DeviceException openFailure(String path, int errno) {
        String what;
        switch (errno) {
            case Errno.EACCES:
            case Errno.EPERM:
                what = "permission denied: " + path + " needs read and write permission (open O_RDWR) for this user;"
                        + " device nodes are root-only by default: add a udev rule (group and mode 0660) or run as"
                        + " a user of the node's group";
                break;
            case Errno.ENOENT:
                what = "no device node " + path + " (is the driver loaded, e.g. modprobe hisi_zip, and devtmpfs/udev"
                        + " creating /dev nodes?)";
                break;
            case Errno.EBUSY:
                what = path + " has no free queue (every hardware queue is open)";
                break;
            default:
                what = "cannot open " + path;
        }
        return new DeviceException(errno, what + ": open: " + Errno.describe(errno));
    }

    private DeviceException failure(String call, int errno) {
        return new DeviceException(errno, call + " on " + path + ": " + Errno.describe(errno));
    }

    private void checkOpen() {
        State s = state;
        if (s == State.PUT || s == State.CLOSED) {
            throw new DeviceException(Errno.ENXIO, path + ": queue is " + (s == State.PUT ? "put" : "closed"));
        }
    }

    @Override
    public synchronized ByteBuffer mapDus() {
        checkOpen();
        if (dusAddress != 0) {
            throw new DeviceException(Errno.EEXIST, "DUS of " + path + " already mapped");
        }
        long a = kernel.mmap(fd, dusSize, Uapi.regionOffset(Uapi.REGION_DUS, pageSize));
        if (a < 0) {
            throw failure("mmap of the DUS region (" + dusSize + " bytes)", (int) -a);
        }
        dusAddress = a;
        return Native.view(a, (int) dusSize);
    }

    @Override
    public synchronized ByteBuffer mapMmio() {
        checkOpen();
        if (mmioAddress != 0) {
            throw new DeviceException(Errno.EEXIST, "MMIO of " + path + " already mapped");
        }
        long a = kernel.mmap(fd, mmioSize, Uapi.regionOffset(Uapi.REGION_MMIO, pageSize));
        if (a < 0) {
            throw failure("mmap of the MMIO region (" + mmioSize + " bytes)", (int) -a);
        }
        mmioAddress = a;
        mmio = Native.view(a, (int) mmioSize);
        return mmio.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public synchronized int setQpCtx(int qcType) {
        checkOpen();
        if (qcType < 0 || qcType > 0xffff) {
            throw new DeviceException(Errno.EINVAL, "qc_type " + qcType);
        }
        Pointer ctx = Native.allocate(Uapi.QP_CTX_SIZE);
        ctx.putShort(Uapi.QP_CTX_QC_TYPE, (short) qcType);
        int r = kernel.ioctl(fd, Uapi.UACCE_CMD_QM_SET_QP_CTX, ctx);
        if (r < 0) {
            throw failure("ioctl UACCE_CMD_QM_SET_QP_CTX (qc_type " + qcType + ")", -r);
        }
        return ctx.getShort(Uapi.QP_CTX_ID) & 0xffff;
    }

    /**
     * SET_QP_INFO. ENOTTY or EINVAL mean a kernel without the command (hisi_qm answers unknown
     * commands with EINVAL, older uacce with ENOTTY): then hisi_zip's geometry, 128-byte SQEs and
     * 1024-entry rings, which is what UADK assumes too.
     */
    @Override
    public synchronized QpInfo qpInfo() {
        if (qpInfo != null) {
            return qpInfo;
        }
        checkOpen();
        Pointer info = Native.allocate(Uapi.QP_INFO_SIZE);
        int r = kernel.ioctl(fd, Uapi.UACCE_CMD_QM_SET_QP_INFO, info);
        if (r < 0) {
            if (-r == Errno.ENOTTY || -r == Errno.EINVAL) {
                return qpInfo = QpInfo.ZIP;
            }
            throw failure("ioctl UACCE_CMD_QM_SET_QP_INFO", -r);
        }
        int sqeSize = info.getInt(Uapi.QP_INFO_SQE_SIZE);
        int sqDepth = info.getShort(Uapi.QP_INFO_SQ_DEPTH) & 0xffff;
        int cqDepth = info.getShort(Uapi.QP_INFO_CQ_DEPTH) & 0xffff;
        try {
            // the kernel's numbers decide ring offsets: reject what cannot be a ring
            return qpInfo = new QpInfo(sqeSize, sqDepth, cqDepth);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Errno.EINVAL, path + ": SET_QP_INFO reported " + e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        checkOpen();
        if (state == State.STARTED) {
            throw new DeviceException(Errno.EINVAL, path + ": queue already started");
        }
        int r = kernel.ioctl(fd, Uapi.UACCE_CMD_START_Q, null);
        if (r < 0) {
            throw failure("ioctl UACCE_CMD_START_Q", -r);
        }
        state = State.STARTED;
    }

    /**
     * PUT_Q: the kernel stops the queue, waits for the hardware to drain it and frees it. A
     * queue the kernel already made a zombie (device reset or removal) answers ENXIO (EINVAL on
     * older kernels); that is the state we want, so it is not an error.
     */
    @Override
    public synchronized void put() {
        State s = state;
        if (s == State.PUT || s == State.CLOSED) {
            return;
        }
        state = State.PUT;
        int r = kernel.ioctl(fd, Uapi.UACCE_CMD_PUT_Q, null);
        if (r < 0 && -r != Errno.ENXIO && -r != Errno.EINVAL) {
            throw failure("ioctl UACCE_CMD_PUT_Q", -r);
        }
    }

    /** PUT_Q, munmap MMIO and DUS, close: UADK's order. Never throws; idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        try {
            put();
        } catch (DeviceException e) {
            // close(2) below stops and frees the queue as well
        }
        state = State.CLOSED;
        mmio = null;
        if (mmioAddress != 0) {
            kernel.munmap(mmioAddress, mmioSize);
            mmioAddress = 0;
        }
        if (dusAddress != 0) {
            kernel.munmap(dusAddress, dusSize);
            dusAddress = 0;
        }
        kernel.close(fd);
        if (onClose != null) {
            onClose.run();
        }
    }

    /** Sets what runs after close. */
    synchronized void onClose(Runnable r) {
        onClose = r;
    }

    @Override
    public boolean isDead() {
        State s = state;
        return s == State.PUT || s == State.CLOSED;
    }

    /**
     * The doorbell: a full fence, then one aligned 64-bit volatile store into the register page.
     *
     * <p>The fence orders the SQE (or CQ-head) stores before the register store for every CPU
     * of the inner-shareable domain; the VarHandle store of an aligned long is single-copy
     * atomic, so the device sees one 64-bit write, never two halves (two doorbells). Whether the
     * device itself is guaranteed to observe the SQE first on arm64 is the limit the README
     * describes.
     */
    @Override
    public void doorbell(int offset, long value) {
        if (offset < 0 || offset > mmioSize - 8 || (offset & 7) != 0) {
            throw new IllegalArgumentException("doorbell offset " + offset);
        }
        ByteBuffer m = mmio;
        if (state != State.STARTED || m == null) {
            return; // a store to a queue that is not running reaches nothing
        }
        // publish the SQE (or the consumed CQEs) before the doorbell
        VarHandle.fullFence();
        LONG_LE.setVolatile(m, offset, value);
        kernel.registerStored(fd, offset, value);
    }

    /**
     * poll(2) for POLLIN, which the kernel reports once the queue's interrupt found a new CQE.
     * EINTR and error events return false (a spurious return the caller tolerates).
     */
    @Override
    public boolean awaitInterrupt(long timeoutNanos) {
        if (state != State.STARTED) {
            return false;
        }
        int ms = timeoutNanos <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        int r = kernel.poll(fd, Uapi.POLLIN, ms);
        return r > 0 && (r & Uapi.POLLIN) != 0;
    }

    /** The queue file descriptor (tests). */
    int fd() {
        return fd;
    }

    @Override
    public String toString() {
        return path + " fd " + fd + " " + state;
    }
}
