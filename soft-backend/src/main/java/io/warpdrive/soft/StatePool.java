package io.warpdrive.soft;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small bounded lock-free pool of engine states: slots claimed with getAndSet/compareAndSet,
 * a state dropped when every slot is taken. The size comes from a system property (default:
 * twice the processors, at most 8); 0 disables pooling. Callers reset what they take.
 */
final class StatePool<T> {
    private final AtomicReferenceArray<T> slots;

    /** @param sizeProperty the system property that sizes the pool */
    StatePool(String sizeProperty) {
        this.slots = new AtomicReferenceArray<>(size(sizeProperty));
    }

    private static int size(String property) {
        int dflt = Math.min(8, 2 * Runtime.getRuntime().availableProcessors());
        try {
            return Math.max(0, Integer.getInteger(property, dflt));
        } catch (SecurityException e) {
            return dflt;
        }
    }

    /** A parked state, or null when there is none. */
    T poll() {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                T s = slots.getAndSet(i, null);
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    /** Parks a state no one uses any more; drops it if the pool is full. */
    void park(T s) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, s)) {
                return;
            }
        }
    }
}
