package io.warpdrive.accel.device;

import java.nio.ByteBuffer;

/**
 * One open queue: the control path of a uacce queue file (ioctls and mmaps) and its two
 * data-path primitives, the doorbell store and the wait for a completion interrupt.
 *
 * <p>Order of use, the kernel's and UADK's: map the DUS region then the MMIO region,
 * {@link #setQpCtx}, {@link #qpInfo}, {@link #start} (it writes the direction from SET_QP_CTX into
 * the hardware, so that must come first), run, {@link #put}, {@link #close} (unmap, close). Everything after start is done by the driver
 * through the regions; this interface is not called per request except {@link #doorbell} and
 * {@link #awaitInterrupt}.
 *
 * <p>Thread safety: {@link #doorbell} and {@link #awaitInterrupt} may be called from any thread;
 * the control calls are for the owner.
 */
public interface QueueChannel extends AutoCloseable {
    /**
     * SET_QP_CTX: the queue's direction ({@code qc_type}: 0 compress, 1 decompress for ZIP).
     *
     * @return the hardware queue number ({@code qn}) to put in doorbells
     * @throws DeviceException EINVAL for an unknown type or a started queue
     */
    int setQpCtx(int qcType);

    /** SET_QP_INFO: descriptor size and ring depths. */
    QpInfo qpInfo();

    /**
     * mmap of the DUS region (rings and stop flags), little-endian, exactly its full size.
     *
     * @throws DeviceException EEXIST on a second call
     */
    ByteBuffer mapDus();

    /**
     * mmap of the MMIO region (doorbell page); stores into it go through {@link #doorbell}.
     *
     * @throws DeviceException EEXIST on a second call
     */
    ByteBuffer mapMmio();

    /** START_Q: the device starts serving the rings. */
    void start();

    /** PUT_Q: stops the queue (the device finishes nothing more) and frees it. Idempotent. */
    void put();

    /**
     * A 64-bit store to {@code MMIO + offset}, ordered after every earlier store of the caller
     * (the SQEs it announces). An in-process implementation makes it a release store; one over
     * real uncached MMIO puts a full fence before it (UADK issues a {@code dsb st} there, and
     * every barrier a JVM emits on arm64 is weaker: see the accel-backend README).
     */
    void doorbell(int offset, long value);

    /**
     * poll(POLLIN): waits until the device signalled a completion since the last return of this
     * method, or the timeout passed. Level-triggered per caller round: a completion signalled
     * before the call returns at once. Spurious returns are allowed.
     *
     * @return true if a completion was signalled, false on timeout or when the queue is gone
     */
    boolean awaitInterrupt(long timeoutNanos);

    /** True once {@link #put} or {@link #close} ran (the queue is a zombie). */
    boolean isDead();

    /** munmap and close: also puts the queue. Idempotent. */
    @Override
    void close();
}
