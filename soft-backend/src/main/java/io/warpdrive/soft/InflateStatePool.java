package io.warpdrive.soft;

/**
 * The pool of inflater states, as {@link DeflateStatePool} is for deflaters. A state is about
 * 50 KiB of arrays (the window and the decode tables); allocating and zeroing that for every
 * short-lived inflater costs more than inflating a small message (a new Inflater per message is
 * a common pattern, and java.util.zip's costs 0.1 us). Ended inflaters park their state here; a
 * state taken from the pool starts over as a new one would: nothing of the old stream is
 * observable (window, tables and lengths are only read after being written).
 *
 * <p>Size: {@code io.warpdrive.soft.inflaterPoolSize} (see {@link StatePool}).
 */
final class InflateStatePool {
    private InflateStatePool() {
    }

    private static final StatePool<InflateState> POOL = new StatePool<>("io.warpdrive.soft.inflaterPoolSize");

    /** A pooled state or a new one, set up for a new stream with the given wrapper. */
    static InflateState acquire(boolean zlibWrapper) {
        InflateState s = POOL.poll();
        if (s == null) {
            s = new InflateState();
        }
        Inflate.init(s, zlibWrapper);
        return s;
    }

    /** Parks a state no one uses any more; drops it if the pool is full. */
    static void release(InflateState s) {
        POOL.park(s);
    }
}
