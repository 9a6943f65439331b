package io.warpdrive.zip;

/**
 * What WdInflater needs from a backend: zlib's inflate contract over array ranges. Results are
 * zlib's codes (see {@link io.warpdrive.soft.SoftInflater}); after each call {@link #consumed()}
 * and {@link #produced()} hold that call's progress, also when it reports a data error.
 */
interface InflateEngine {
    int inflate(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen);

    int consumed();

    int produced();

    String message();

    int adler();

    int setDictionary(byte[] dict, int off, int len);

    void reset();

    /** Releases what the engine holds (queues, native memory); idempotent. */
    void close();

    static InflateEngine create(boolean nowrap) {
        Backend b = Backend.resolve(Backend.configured());
        if (b == Backend.EMULATED || b == Backend.DEVICE) {
            // real hardware splits its progress its own way: replay it by totals
            return new QueueInflateEngine(nowrap, AccelRuntime.queueDevice(b), b == Backend.DEVICE);
        }
        return new SoftInflateEngine(nowrap);
    }
}
