package io.warpdrive.accel.queue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.UacceDevice;

import java.util.ArrayDeque;

/**
 * Pinned staging buffers: heap data goes through these on its way to and from the device, since
 * the device can only reach memory at stable, registered addresses. Power-of-two size classes
 * from 4 KiB to 16 MiB; a returned buffer is kept for reuse (up to {@code keepPerClass} per
 * class) instead of being unmapped, so a steady stream allocates nothing.
 *
 * <p>Thread-safe.
 */
public final class DmaPool implements AutoCloseable {
    private static final int MIN_SHIFT = 12;
    private static final int MAX_SHIFT = 24;

    private final UacceDevice device;
    private final int keepPerClass;
    private final ArrayDeque<DmaBuffer>[] free;
    private boolean closed;

    @SuppressWarnings("unchecked")
    public DmaPool(UacceDevice device, int keepPerClass) {
        this.device = device;
        this.keepPerClass = keepPerClass;
        this.free = new ArrayDeque[MAX_SHIFT + 1];
        for (int i = MIN_SHIFT; i <= MAX_SHIFT; i++) {
            free[i] = new ArrayDeque<>();
        }
    }

    private static int sizeClass(int size) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1);
        return Math.max(shift, MIN_SHIFT);
    }

    /** A buffer of at least {@code size} bytes (contents undefined). */
    public DmaBuffer take(int size) {
        int c = sizeClass(size);
        if (c > MAX_SHIFT) {
            throw new IllegalArgumentException("staging buffer of " + size + " bytes");
        }
        synchronized (this) {
            DmaBuffer b = free[c].pollLast();
            if (b != null) {
                return b;
            }
        }
        return device.allocate(1 << c);
    }

    /** Returns a buffer from {@link #take}; null is ignored. */
    public void give(DmaBuffer b) {
        if (b == null) {
            return;
        }
        int c = sizeClass(b.size());
        synchronized (this) {
            if (!closed && c <= MAX_SHIFT && (1 << c) == b.size() && free[c].size() < keepPerClass) {
                free[c].addLast(b);
                return;
            }
        }
        device.free(b);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (int i = MIN_SHIFT; i <= MAX_SHIFT; i++) {
                for (DmaBuffer b : free[i]) {
                    device.free(b);
                }
                free[i].clear();
            }
        }
    }
}
