package io.warpdrive.soft;

/**
 * A small bounded pool of deflater states. A state is about 260 KiB of arrays; allocating and
 * zeroing that for every short-lived deflater costs more than compressing a small message, so
 * ended deflaters park their state here and new ones take it. A pooled state is reset before
 * reuse (its hash table cleared; window and chain links need no clearing, see DeflateWindow).
 *
 * <p>Size: {@code io.warpdrive.soft.deflaterPoolSize} (see {@link StatePool}).
 */
final class DeflateStatePool {
    private DeflateStatePool() {
    }

    private static final StatePool<DeflaterState> POOL = new StatePool<>("io.warpdrive.soft.deflaterPoolSize");

    /** A pooled state, or a new one. */
    static DeflaterState acquire() {
        DeflaterState s = POOL.poll();
        if (s != null) {
            return s;
        }
        s = new DeflaterState();
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
        POOL.park(s);
    }
}
