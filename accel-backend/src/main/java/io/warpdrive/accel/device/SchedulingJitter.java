package io.warpdrive.accel.device;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Random delays where a loaded machine deschedules a driver thread: the emulated queues take a
 * {@link #step} before every doorbell and before and after every interrupt wait when
 * {@code -Dwarpdrive.emu.jitter=true}, so that a test run shakes the driver's interleavings
 * (races between the driver's reads of the rings and the device's writes live in such gaps).
 * Off, it costs nothing: {@link #ENABLED} is a constant the JIT folds.
 */
public final class SchedulingJitter {
    /** {@code warpdrive.emu.jitter}, read once. */
    public static final boolean ENABLED = Boolean.getBoolean("warpdrive.emu.jitter");

    private SchedulingJitter() {
    }

    /** Yields (1 in 8) or sleeps 1-3 ms (1 in 64), else returns at once. */
    public static void step() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int r = random.nextInt(64);
        if (r < 8) {
            Thread.yield();
        } else if (r == 8) {
            try {
                Thread.sleep(1 + random.nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
