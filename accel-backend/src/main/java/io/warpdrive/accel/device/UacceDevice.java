package io.warpdrive.accel.device;

import java.util.List;

/**
 * One accelerator as uacce presents it: a char device whose every open() is a hardware queue,
 * its sysfs attributes, and the DMA memory the device can address.
 *
 * <p>This is the seam between the host driver ({@code io.warpdrive.accel.queue}) and whatever
 * serves the queues: a real {@code /dev/hisi_zip-N} (issue 5) or {@link MemoryDevice}, whose
 * regions are plain direct buffers served by a hardware model.
 *
 * <p>Implementations are thread-safe.
 */
public interface UacceDevice extends AutoCloseable {
    /** The node name, e.g. {@code hisi_zip-0}. */
    String name();

    /** sysfs {@code api}, e.g. {@code hisi_qm_v2}. */
    String api();

    /** sysfs {@code algorithms}, one name per entry (e.g. zlib, gzip, deflate). */
    List<String> algorithms();

    /** sysfs {@code available_instances}: queues that can still be opened. */
    int availableInstances();

    /**
     * open(): a new queue in the INIT state.
     *
     * @throws DeviceException EBUSY when every queue is in use
     */
    QueueChannel openQueue();

    /**
     * Native memory the device can reach, zeroed, at a stable address.
     *
     * @throws DeviceException ENOMEM when it cannot be had
     */
    DmaBuffer allocate(int size);

    /** Gives memory back; the device can no longer reach it. Idempotent. */
    void free(DmaBuffer buffer);

    /** Releases the device: every queue is put and every buffer freed. */
    @Override
    void close();
}
