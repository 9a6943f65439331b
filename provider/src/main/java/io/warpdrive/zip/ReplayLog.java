package io.warpdrive.zip;

import java.util.Arrays;

/**
 * What it takes to bring a fresh pure-Java engine to the exact point a device stream reached:
 * the stream's input since its start, and every call made on it with its sizes and outcome.
 *
 * <p>The soft engines are deterministic: the same calls with the same input and the same buffer
 * sizes leave them in the same state, and the emulated device runs the same engine one call per
 * request. Replaying the log therefore recreates the device's stream state bit for bit (the
 * replay checks each call's outcome against the record and refuses to go on if one differs).
 *
 * <p>Only consumed input is kept; the bytes a call was shown but did not consume are replayed as
 * zeros (an engine's progress never depends on the value of a byte it did not consume, only on
 * how many were there). The log is bounded: past {@code limit} bytes of input it stops
 * recording and reports {@link #overflowed()}.
 *
 * <p>Not thread-safe (owned by one engine).
 */
final class ReplayLog {
    /** Ints per call record. */
    static final int WIDTH = 5;

    private final int limit;
    private byte[] bytes = new byte[0];
    private int size;
    /** Largest stream offset a call was shown (replay needs a buffer this long). */
    private long extent;
    private int[] records = new int[WIDTH * 16];
    private int count;
    private boolean overflowed;

    ReplayLog(int limit) {
        this.limit = limit;
        this.overflowed = limit == 0;
    }

    /** True when the stream outgrew the log (or the limit is 0): no replay is possible. */
    boolean overflowed() {
        return overflowed;
    }

    /** Number of calls recorded. */
    int calls() {
        return count;
    }

    /** Input bytes consumed since the stream start. */
    int size() {
        return size;
    }

    /**
     * Records one call: {@code shown} input bytes starting with {@code in[off, off+consumed)}, and
     * the four numbers the replay must present and then see again.
     */
    void record(byte[] in, int off, int shown, int consumed, int a, int b, int c, int d) {
        if (overflowed) {
            return;
        }
        long end = (long) size + shown;
        if (end > limit || size + consumed > limit) {
            clear();
            overflowed = true;
            return;
        }
        extent = Math.max(extent, end);
        if (size + consumed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + consumed, Math.min(limit, Math.max(4096, bytes.length * 2))));
        }
        System.arraycopy(in, off, bytes, size, consumed);
        size += consumed;
        if ((count + 1) * WIDTH > records.length) {
            records = Arrays.copyOf(records, records.length * 2);
        }
        int r = count * WIDTH;
        records[r] = shown;
        records[r + 1] = a;
        records[r + 2] = b;
        records[r + 3] = c;
        records[r + 4] = d;
        count++;
    }

    /** Field {@code f} (0 = shown, 1..4 = a..d) of call {@code i}. */
    int field(int i, int f) {
        return records[i * WIDTH + f];
    }

    /** The consumed input padded with zeros to every length a call was shown. */
    byte[] replayInput() {
        return Arrays.copyOf(bytes, (int) Math.max(extent, size));
    }

    /** Forgets the stream (a new one starts); keeps the buffers. */
    void clear() {
        size = 0;
        extent = 0;
        count = 0;
        overflowed = limit == 0;
    }
}
