package io.warpdrive.soft;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small bounded pool of deflater states. A state is about 260 KiB of arrays; allocating and
 * zeroing that for every short-lived deflater costs more than compressing a small message, so
 * ended deflaters park their state here and new ones take it. A pooled state is reset before
 * reuse (its hash table cleared; window and chain links need no clearing, see DeflateWindow).
 *
 * <p>Lock-free: slots are claimed with getAndSet/compareAndSet. The size is
 * {@code io.warpdrive.soft.deflaterPoolSize} (default: twice the processors, at most 8);
 * 0 disables pooling.
 */
final class DeflateStatePool {
    private DeflateStatePool() {
    }

    private static final AtomicReferenceArray<DeflaterState> SLOTS = new AtomicReferenceArray<>(poolSize());

    private static int poolSize() {
        int dflt = Math.min(8, 2 * Runtime.getRuntime().availableProcessors());
        try {
            return Math.max(0, Integer.getInteger("io.warpdrive.soft.deflaterPoolSize", dflt));
        } catch (SecurityException e) {
            return dflt;
        }
    }

    /** A pooled state, or a new one. */
    static DeflaterState acquire() {
        for (int i = 0; i < SLOTS.length(); i++) {
            if (SLOTS.get(i) != null) {
                DeflaterState s = SLOTS.getAndSet(i, null);
                if (s != null) {
                    return s;
                }
            }
        }
        DeflaterState s = new DeflaterState();
        s.headClearExact = true; // a new table is all zero
        return s;
    }

    /** Parks a state no one uses any more; drops it if the pool is full. */
    static void release(DeflaterState s) {
        // Drop references to caller buffers so a parked state pins nothing.
        s.inArr = null;
        s.inBuf = null;
        s.outArr = null;
        s.outBuf = null;
        for (int i = 0; i < SLOTS.length(); i++) {
            if (SLOTS.get(i) == null && SLOTS.compareAndSet(i, null, s)) {
                return;
            }
        }
    }
}
