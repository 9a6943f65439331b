package io.warpdrive.soft;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A pure-Java DEFLATE compressor that writes exactly the bytes zlib (1.2.12 to 1.3.x, as used
 * by java.util.zip) writes for the same sequence of calls: same levels, strategies, flushes,
 * dictionaries, parameter changes and buffer sizes, call by call. The API is zlib's stream
 * model: input is set and stays until consumed ({@link #getAvailIn()}); each {@link #deflate}
 * call gets an output area and returns a zlib status code.
 *
 * <p>Fixed geometry: 32 KiB window, memLevel 8 (java.util.zip's). About 260 KiB of heap per
 * instance; {@link #end()} returns it to a small pool that new instances draw from.
 *
 * <p>Not thread-safe: callers serialize access (the java.util.zip adapter synchronizes).
 */
public final class SoftDeflater {
    /** Flush values (zlib's numbers). */
    public static final int NO_FLUSH = 0;
    public static final int PARTIAL_FLUSH = 1;
    public static final int SYNC_FLUSH = 2;
    public static final int FULL_FLUSH = 3;
    public static final int FINISH = 4;
    public static final int BLOCK = 5;

    /** Status codes (zlib's numbers). */
    public static final int OK = 0;
    public static final int STREAM_END = 1;
    public static final int STREAM_ERROR = -2;
    public static final int BUF_ERROR = -5;

    /** Strategies (zlib's numbers); java.util.zip exposes the first three. */
    public static final int DEFAULT_STRATEGY = 0;
    public static final int FILTERED = 1;
    public static final int HUFFMAN_ONLY = 2;
    public static final int RLE = 3;
    public static final int FIXED = 4;

    private DeflaterState s;

    /**
     * @param level -1 (default, 6) or 0..9
     * @param nowrap true for raw deflate, false for the zlib wrapper
     * @throws IllegalArgumentException if the level is out of range
     */
    public SoftDeflater(int level, boolean nowrap) {
        this(level, DEFAULT_STRATEGY, nowrap);
    }

    /**
     * @param level -1 (default, 6) or 0..9
     * @param strategy one of the strategy constants
     * @param nowrap true for raw deflate, false for the zlib wrapper
     * @throws IllegalArgumentException if the level or strategy is out of range
     */
    public SoftDeflater(int level, int strategy, boolean nowrap) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("invalid compression level: " + level);
        }
        if (strategy < DEFAULT_STRATEGY || strategy > FIXED) {
            throw new IllegalArgumentException("invalid strategy: " + strategy);
        }
        DeflaterState st = DeflateStatePool.acquire();
        DeflateEngine.init(st, level, strategy, nowrap ? 0 : 1);
        this.s = st;
    }

    private DeflaterState state() {
        DeflaterState st = s;
        if (st == null) {
            throw new IllegalStateException("SoftDeflater has been ended");
        }
        return st;
    }

    /** Sets the input to {@code b[off, off+len)}; it stays in use until consumed or replaced. */
    public void setInput(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        DeflaterState st = state();
        st.inArr = b;
        st.inBuf = null;
        st.nextIn = off;
        st.availIn = len;
    }

    /**
     * Sets the input to the buffer's bytes at absolute indexes [index, index+len); the buffer's
     * position is not used or moved.
     */
    public void setInput(ByteBuffer b, int index, int len) {
        Objects.checkFromIndexSize(index, len, b.capacity());
        DeflaterState st = state();
        if (b.hasArray()) {
            st.inArr = b.array();
            st.inBuf = null;
            st.nextIn = b.arrayOffset() + index;
        } else {
            st.inArr = null;
            st.inBuf = b;
            st.nextIn = index;
        }
        st.availIn = len;
    }

    /** Input bytes not consumed yet. */
    public int getAvailIn() {
        return state().availIn;
    }

    /** Output space left by the last deflate/params call. */
    public int getAvailOut() {
        return state().availOut;
    }

    /**
     * zlib's deflate(flush) into {@code out[off, off+len)}.
     *
     * @return OK, STREAM_END, BUF_ERROR (no progress possible) or STREAM_ERROR (bad flush value,
     *     or a non-FINISH call after FINISH)
     */
    public int deflate(byte[] out, int off, int len, int flush) {
        Objects.checkFromIndexSize(off, len, out.length);
        DeflaterState st = state();
        st.outArr = out;
        st.outBuf = null;
        st.nextOut = off;
        st.availOut = len;
        try {
            return DeflateEngine.deflate(st, flush);
        } finally {
            st.outArr = null;
        }
    }

    /** As {@link #deflate(byte[], int, int, int)}, into the buffer at absolute [index, index+len). */
    public int deflate(ByteBuffer out, int index, int len, int flush) {
        DeflaterState st = state();
        setOutput(st, out, index, len);
        try {
            return DeflateEngine.deflate(st, flush);
        } finally {
            st.outArr = null;
            st.outBuf = null;
        }
    }

    /**
     * zlib's deflateParams: change level (-1..9) and strategy. If the block function or the
     * strategy changes on a started stream, the current input is first compressed with the old
     * settings into {@code out}; BUF_ERROR means that did not complete and the change is not
     * made (call again with more output).
     */
    public int params(byte[] out, int off, int len, int level, int strategy) {
        Objects.checkFromIndexSize(off, len, out.length);
        DeflaterState st = state();
        st.outArr = out;
        st.outBuf = null;
        st.nextOut = off;
        st.availOut = len;
        try {
            return DeflateEngine.params(st, level, strategy);
        } finally {
            st.outArr = null;
        }
    }

    /** As {@link #params(byte[], int, int, int, int)}, into the buffer at absolute indexes. */
    public int params(ByteBuffer out, int index, int len, int level, int strategy) {
        DeflaterState st = state();
        setOutput(st, out, index, len);
        try {
            return DeflateEngine.params(st, level, strategy);
        } finally {
            st.outArr = null;
            st.outBuf = null;
        }
    }

    private static void setOutput(DeflaterState st, ByteBuffer out, int index, int len) {
        Objects.checkFromIndexSize(index, len, out.capacity());
        if (out.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        if (out.hasArray()) {
            st.outArr = out.array();
            st.outBuf = null;
            st.nextOut = out.arrayOffset() + index;
        } else {
            st.outArr = null;
            st.outBuf = out;
            st.nextOut = index;
        }
        st.availOut = len;
    }

    /**
     * zlib's deflateSetDictionary.
     *
     * @return OK, or STREAM_ERROR when not allowed now (zlib wrapper after the first deflate
     *     call, or input buffered and not yet compressed)
     */
    public int setDictionary(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        return DeflateEngine.setDictionary(state(), b, null, off, len);
    }

    /** As {@link #setDictionary(byte[], int, int)}, from the buffer at absolute indexes. */
    public int setDictionary(ByteBuffer b, int index, int len) {
        Objects.checkFromIndexSize(index, len, b.capacity());
        if (b.hasArray()) {
            return DeflateEngine.setDictionary(state(), b.array(), null, b.arrayOffset() + index, len);
        }
        return DeflateEngine.setDictionary(state(), null, b, index, len);
    }

    /** zlib's deflateReset: a new stream with the current level and strategy; drops the input. */
    public void reset() {
        DeflaterState st = state();
        DeflateEngine.reset(st);
        st.inArr = null;
        st.inBuf = null;
        st.nextIn = 0;
        st.availIn = 0;
    }

    /**
     * Adler-32 of the input consumed (zlib wrapper); 1 in raw mode; after setDictionary and
     * before the first deflate call, the dictionary's Adler-32.
     */
    public int getAdler() {
        return state().adler;
    }

    /** Bytes consumed since the last reset (dictionary bytes included, as zlib counts). */
    public long getTotalIn() {
        return state().totalIn;
    }

    /** Bytes produced since the last reset. */
    public long getTotalOut() {
        return state().totalOut;
    }

    /** zlib's msg: text of the last error status, or null. */
    public String getMessage() {
        return state().msg;
    }

    /** True once {@link #end()} was called. */
    public boolean isEnded() {
        return s == null;
    }

    /** Releases the state (to the pool); further use throws IllegalStateException. Idempotent. */
    public void end() {
        DeflaterState st = s;
        if (st != null) {
            s = null;
            DeflateStatePool.release(st);
        }
    }
}
