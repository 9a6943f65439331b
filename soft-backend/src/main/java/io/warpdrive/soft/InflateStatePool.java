package io.warpdrive.soft;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small bounded pool of inflater states, as {@link DeflateStatePool} is for deflaters. A state
 * is about 50 KiB of arrays (the window and the decode tables); allocating and zeroing that for
 * every short-lived inflater costs more than inflating a small message (a new Inflater per
 * message is a common pattern, and java.util.zip's costs 0.1 us). Ended inflaters park their
 * state here; a state taken from the pool starts over as a new one would: nothing of the old
 * stream is observable (window, tables and lengths are only read after being written).
 *
 * <p>Lock-free: slots are claimed with getAndSet/compareAndSet. The size is
 * {@code io.warpdrive.soft.inflaterPoolSize} (default: twice the processors, at most 8);
 * 0 disables pooling.
 */
final class InflateStatePool {
    private InflateStatePool() {
    }

    private static final AtomicReferenceArray<InflateState> SLOTS = new AtomicReferenceArray<>(poolSize());

    private static int poolSize() {
        int dflt = Math.min(8, 2 * Runtime.getRuntime().availableProcessors());
        try {
            return Math.max(0, Integer.getInteger("io.warpdrive.soft.inflaterPoolSize", dflt));
        } catch (SecurityException e) {
            return dflt;
        }
    }

    /** A pooled state or a new one, set up for a new stream with the given wrapper. */
    static InflateState acquire(boolean zlibWrapper) {
        for (int i = 0; i < SLOTS.length(); i++) {
            if (SLOTS.get(i) != null) {
                InflateState s = SLOTS.getAndSet(i, null);
                if (s != null) {
                    Inflate.init(s, zlibWrapper);
                    return s;
                }
            }
        }
        InflateState s = new InflateState();
        Inflate.init(s, zlibWrapper);
        return s;
    }

    /** Parks a state no one uses any more; drops it if the pool is full. */
    static void release(InflateState s) {
        for (int i = 0; i < SLOTS.length(); i++) {
            if (SLOTS.get(i) == null && SLOTS.compareAndSet(i, null, s)) {
                return;
            }
        }
    }
}
