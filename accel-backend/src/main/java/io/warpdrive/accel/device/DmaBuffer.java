package io.warpdrive.accel.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Memory the device reads and writes by address: native memory (a direct buffer, never moved by
 * the GC) and the address a descriptor carries for it (an IOVA from the device's address map;
 * under SVA, a process virtual address).
 *
 * <p>The buffer is shared: use absolute get/put only (its position and limit mean nothing).
 * Thread safety: the object is immutable; the memory is not guarded, the owner serializes use.
 */
public final class DmaBuffer {
    private final ByteBuffer buffer;
    private final long address;

    /**
     * For {@link UacceDevice} implementations outside this package (a real device's native
     * memory, whose address is a process virtual address under SVA).
     *
     * @param buffer direct memory that stays at one address while the device may use it
     * @param address what descriptors carry for byte 0
     * @throws IllegalArgumentException if {@code buffer} is not direct
     */
    public static DmaBuffer of(ByteBuffer buffer, long address) {
        return new DmaBuffer(buffer, address);
    }

    DmaBuffer(ByteBuffer buffer, long address) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("DMA memory must be direct (native, fixed address)");
        }
        this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
        this.address = address;
    }

    /** The memory, little-endian; use absolute accessors only. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The address the device sees for byte 0. */
    public long address() {
        return address;
    }

    /** Size in bytes. */
    public int size() {
        return buffer.capacity();
    }

    @Override
    public String toString() {
        return String.format("DmaBuffer[0x%x, %d bytes]", address, buffer.capacity());
    }
}
