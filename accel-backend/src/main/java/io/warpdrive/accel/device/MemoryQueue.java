package io.warpdrive.accel.device;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One queue of a {@link MemoryDevice}: the driver's {@link QueueChannel}, and the hardware side
 * the {@link DeviceModel} works with (its regions, qn, direction, and the completion interrupt).
 *
 * <p>The two regions are allocated here, as the kernel allocates them at open(): zeroed, so the
 * CQ starts with every phase bit 0 and the stop flags clear.
 *
 * <p>Thread-safe.
 */
public final class MemoryQueue implements QueueChannel {
    /** Little-endian 64-bit view for the doorbell register store. */
    private static final VarHandle LONG_LE = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private enum State { INIT, STARTED, ZOMBIE }

    private final MemoryDevice device;
    private final int qn;
    private final QpInfo qpInfo;
    private final ByteBuffer dus;
    private final ByteBuffer mmio;
    private final DeviceModel model;

    private State state = State.INIT;
    /** -1 until SET_QP_CTX. */
    private int qcType = -1;
    private boolean dusMapped;
    private boolean mmioMapped;

    /** Interrupt line: set by the device, cleared by the waiter that sees it. Guarded by irqLock. */
    private final Object irqLock = new Object();
    private boolean irqPending;
    /** Threads inside awaitInterrupt; lets raiseInterrupt skip the monitor when nobody waits. */
    private volatile int irqWaiters;

    MemoryQueue(MemoryDevice device, int qn, QpInfo qpInfo, int dusSize, int mmioSize, DeviceModel model) {
        this(device, qn, qpInfo, ByteBuffer.allocateDirect(dusSize), ByteBuffer.allocateDirect(mmioSize), model);
    }

    /** Over regions the caller provides (see {@link MemoryDevice#openQueue(ByteBuffer, ByteBuffer)}). */
    MemoryQueue(MemoryDevice device, int qn, QpInfo qpInfo, ByteBuffer dus, ByteBuffer mmio, DeviceModel model) {
        this.device = device;
        this.qn = qn;
        this.qpInfo = qpInfo;
        this.dus = dus.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.mmio = mmio.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.model = model;
    }

    // ---------------------------------------------------------------- driver side (QueueChannel)

    @Override
    public synchronized int setQpCtx(int qcType) {
        if (state != State.INIT) {
            throw new DeviceException(state == State.ZOMBIE ? DeviceException.ENXIO : DeviceException.EINVAL,
                    "SET_QP_CTX on a " + state + " queue");
        }
        if (qcType < 0 || qcType > 2) {
            throw new DeviceException(DeviceException.EINVAL, "qc_type " + qcType);
        }
        this.qcType = qcType;
        return qn;
    }

    @Override
    public QpInfo qpInfo() {
        return qpInfo;
    }

    @Override
    public synchronized ByteBuffer mapDus() {
        checkAlive();
        if (dusMapped) {
            throw new DeviceException(DeviceException.EEXIST, "DUS already mapped");
        }
        dusMapped = true;
        return dus.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public synchronized ByteBuffer mapMmio() {
        checkAlive();
        if (mmioMapped) {
            throw new DeviceException(DeviceException.EEXIST, "MMIO already mapped");
        }
        mmioMapped = true;
        return mmio.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void start() {
        synchronized (this) {
            checkAlive();
            if (state == State.STARTED) {
                throw new DeviceException(DeviceException.EINVAL, "queue already started");
            }
            if (qcType < 0) {
                qcType = 0; // the kernel starts with a zeroed qp context
            }
            state = State.STARTED;
        }
        model.started(this);
    }

    @Override
    public void put() {
        boolean wasStarted;
        synchronized (this) {
            if (state == State.ZOMBIE) {
                return;
            }
            wasStarted = state == State.STARTED;
            state = State.ZOMBIE;
        }
        if (wasStarted) {
            model.stopped(this); // returns once the hardware no longer touches the rings
        }
        device.released(this);
        raiseInterrupt(); // wake pollers: the queue is gone
    }

    @Override
    public void close() {
        put();
    }

    @Override
    public synchronized boolean isDead() {
        return state == State.ZOMBIE;
    }

    /** A {@link SchedulingJitter} step when jitter is on. */
    private static void jitter() {
        if (SchedulingJitter.ENABLED) {
            SchedulingJitter.step();
        }
    }

    @Override
    public void doorbell(int offset, long value) {
        jitter();
        if (offset < 0 || offset > mmio.capacity() - 8 || (offset & 7) != 0) {
            throw new IllegalArgumentException("doorbell offset " + offset);
        }
        if (!isStarted()) {
            return; // a store to a stopped queue's register page reaches nothing
        }
        // Release: every store the driver made before the doorbell (the SQEs) is visible to
        // whoever observes the register value, as the barrier before a real doorbell store ensures.
        LONG_LE.setRelease(mmio, offset, value);
        model.mmioWrite(this, offset, value);
    }

    /**
     * The device latches a 64-bit register store that the driver made through another mapping
     * of this queue's MMIO memory (the store itself is already in that memory). Ignored unless
     * the queue is started, like a store into a stopped queue's register page.
     */
    public void latch(int offset, long value) {
        if (offset < 0 || offset > mmio.capacity() - 8 || (offset & 7) != 0) {
            throw new IllegalArgumentException("register offset " + offset);
        }
        if (isStarted()) {
            model.mmioWrite(this, offset, value);
        }
    }

    @Override
    public boolean awaitInterrupt(long timeoutNanos) {
        jitter();
        boolean got = awaitInterrupt0(timeoutNanos);
        jitter();
        return got;
    }

    private boolean awaitInterrupt0(long timeoutNanos) {
        synchronized (irqLock) {
            if (irqPending) {
                irqPending = false;
                return true;
            }
            if (isDead() || timeoutNanos <= 0) {
                return false;
            }
            irqWaiters++;
            try {
                long deadline = System.nanoTime() + timeoutNanos;
                long left = timeoutNanos;
                while (!irqPending && left > 0) {
                    irqLock.wait(left / 1_000_000, (int) (left % 1_000_000));
                    left = deadline - System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                irqWaiters--;
            }
            boolean got = irqPending;
            irqPending = false;
            return got;
        }
    }

    private void checkAlive() {
        if (state == State.ZOMBIE) {
            throw new DeviceException(DeviceException.ENXIO, "queue " + qn + " is gone");
        }
    }

    // ---------------------------------------------------------------- hardware side

    /** The hardware queue number. */
    public int qn() {
        return qn;
    }

    /** The direction written at SET_QP_CTX (0 compress, 1 decompress). */
    public synchronized int qcType() {
        return qcType;
    }

    /** The api string of the device (selects the doorbell format). */
    public String api() {
        return device.api();
    }

    /** The DUS region as the device sees it (same memory as the driver's mapping). */
    public ByteBuffer dusMemory() {
        return dus;
    }

    /** True between START_Q and PUT_Q. */
    public synchronized boolean isStarted() {
        return state == State.STARTED;
    }

    /** The device's completion interrupt for this queue (the kernel then wakes poll()). */
    public void raiseInterrupt() {
        // Set under irqLock: a waiter tests the flag under the same lock before it sleeps, so
        // a completion signalled between its CQ check and its wait is never lost.
        synchronized (irqLock) {
            irqPending = true;
            if (irqWaiters > 0) {
                irqLock.notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        return device.name() + "/q" + qn;
    }
}
