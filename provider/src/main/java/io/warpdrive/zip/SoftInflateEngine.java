package io.warpdrive.zip;

import io.warpdrive.soft.SoftInflater;

/** The pure-Java backend: a direct call into the soft engine, whose state close() hands back to its pool. */
final class SoftInflateEngine implements InflateEngine {
    private final SoftInflater inflater;
    /** Set by close(); lets tests see that end() or the Cleaner released the engine. */
    private volatile boolean closed;

    SoftInflateEngine(boolean nowrap) {
        this.inflater = new SoftInflater(nowrap);
    }

    @Override
    public int inflate(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        return inflater.inflate(in, inOff, inLen, out, outOff, outLen);
    }

    @Override
    public int consumed() {
        return inflater.consumed();
    }

    @Override
    public int produced() {
        return inflater.produced();
    }

    @Override
    public String message() {
        return inflater.message();
    }

    @Override
    public int adler() {
        return inflater.adler();
    }

    @Override
    public int setDictionary(byte[] dict, int off, int len) {
        return inflater.setDictionary(dict, off, len);
    }

    @Override
    public void reset() {
        inflater.reset();
    }

    @Override
    public void close() {
        // Heap only: the state goes back to the soft backend's pool for the next inflater.
        closed = true;
        inflater.end();
    }

    boolean isClosed() {
        return closed;
    }
}
