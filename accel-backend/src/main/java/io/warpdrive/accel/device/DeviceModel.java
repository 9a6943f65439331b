package io.warpdrive.accel.device;

/**
 * The hardware behind a {@link MemoryDevice}: told what a real device learns from the bus (a
 * queue context written at START_Q, a doorbell store, a queue stopped). It touches host memory
 * only through the queue's DUS region and the device's {@link IoAddressMap}.
 *
 * <p>Calls come from driver threads; implementations hand work to their own threads and return.
 */
public interface DeviceModel {
    /** START_Q: the queue's contexts (rings, depth, qn, direction) are now in the hardware. */
    void started(MemoryQueue queue);

    /** PUT_Q or close: the hardware stops the queue; no completion may be written afterwards. */
    void stopped(MemoryQueue queue);

    /** A 64-bit store into the queue's MMIO region (the register write as the device latches it). */
    void mmioWrite(MemoryQueue queue, int offset, long value);
}
