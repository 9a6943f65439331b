package io.warpdrive.zip;

/**
 * Settings of the queue backends (emulated, device), read when an inflater or deflater is
 * created. Each can be set in code (wins) or by a system property:
 *
 * <ul>
 *   <li>{@code warpdrive.strict} (false): on a failed request, throw
 *       {@link BackendFailureException} instead of continuing the stream on the pure-Java engine.
 *       Corrupt input is still reported as java.util.zip reports it.
 *   <li>{@code warpdrive.requestSize} (bytes, 8 MiB for inflate; deflate gathers input up to
 *       this size, default 256 KiB): the most one request carries.
 *   <li>{@code warpdrive.replayLimit} (bytes, 16 MiB): how much input of a stream is kept so
 *       that, after a failure, the pure-Java engine can be brought to the exact point the device
 *       reached. A stream longer than this cannot fall back (it fails as if strict).
 *   <li>{@code warpdrive.queueTimeoutMillis} (10000): how long a request may take before its
 *       queue is declared dead.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class AccelOptions {
    private static volatile Boolean strict;
    private static volatile Integer requestSize;
    private static volatile Integer replayLimit;
    private static volatile Long queueTimeoutMillis;

    private AccelOptions() {
    }

    /** Sets strict mode for streams created from now on; null returns to the property. */
    public static void setStrict(Boolean value) {
        strict = value;
    }

    /** Sets the request size (bytes, 4 KiB..8 MiB); null returns to the property. */
    public static void setRequestSize(Integer bytes) {
        if (bytes != null && (bytes < 4096 || bytes > (8 << 20))) {
            throw new IllegalArgumentException("request size " + bytes);
        }
        requestSize = bytes;
    }

    /** Sets the replay limit (bytes, 0 disables fallback); null returns to the property. */
    public static void setReplayLimit(Integer bytes) {
        if (bytes != null && bytes < 0) {
            throw new IllegalArgumentException("replay limit " + bytes);
        }
        replayLimit = bytes;
    }

    /**
     * Sets the completion timeout (milliseconds) of the queue backends, also for queues already
     * open; null returns to the property.
     */
    public static void setQueueTimeoutMillis(Long millis) {
        if (millis != null && millis <= 0) {
            throw new IllegalArgumentException("timeout " + millis);
        }
        queueTimeoutMillis = millis;
        AccelRuntime.timeoutChanged();
    }

    static boolean strict() {
        Boolean b = strict;
        return b != null ? b : Boolean.getBoolean("warpdrive.strict");
    }

    static int requestSize(int dflt) {
        Integer v = requestSize;
        int r = v != null ? v : Integer.getInteger("warpdrive.requestSize", dflt);
        return Math.max(4096, Math.min(r, 8 << 20));
    }

    static int replayLimit() {
        Integer v = replayLimit;
        return Math.max(0, v != null ? v : Integer.getInteger("warpdrive.replayLimit", 16 << 20));
    }

    static long queueTimeoutNanos() {
        Long v = queueTimeoutMillis;
        return (v != null ? v : Long.getLong("warpdrive.queueTimeoutMillis", 10_000L)) * 1_000_000L;
    }
}
