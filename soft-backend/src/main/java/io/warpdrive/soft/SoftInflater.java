package io.warpdrive.soft;

import java.util.Objects;

/**
 * A pure-Java inflater with zlib's exact behaviour, driven the way java.util.zip.Inflater drives
 * zlib: each {@link #inflate} call is one {@code inflate(Z_PARTIAL_FLUSH)}.
 *
 * <p>Results are zlib's return codes; after each call {@link #consumed()} and {@link #produced()}
 * tell how far the call got, also when it reports {@link #DATA_ERROR} (the output written before
 * the error is valid, as in zlib).
 *
 * <p>Not thread-safe: one stream, one thread at a time. Heap: under 64 KiB per instance.
 */
public final class SoftInflater {
    /** Progress was made. */
    public static final int OK = Inflate.OK;
    /** The end of the stream was reached (and, for zlib streams, its Adler-32 verified). */
    public static final int STREAM_END = Inflate.STREAM_END;
    /** A zlib stream asks for its preset dictionary; {@link #adler()} is the dictionary id. */
    public static final int NEED_DICT = Inflate.NEED_DICT;
    /** A dictionary was offered at the wrong time. */
    public static final int STREAM_ERROR = Inflate.STREAM_ERROR;
    /** Corrupt input (or, from setDictionary, the wrong dictionary); see {@link #message()}. */
    public static final int DATA_ERROR = Inflate.DATA_ERROR;
    /** No progress was possible: more input or more output room is needed. */
    public static final int BUF_ERROR = Inflate.BUF_ERROR;

    /** Null after {@link #end()}. */
    private InflateState state;

    /** @param nowrap true for raw DEFLATE, false for the zlib wrapper */
    public SoftInflater(boolean nowrap) {
        this.state = InflateStatePool.acquire(!nowrap);
    }

    private InflateState state() {
        InflateState st = state;
        if (st == null) {
            throw new IllegalStateException("SoftInflater has been ended");
        }
        return st;
    }

    /**
     * Decodes from {@code in[inOff, inOff+inLen)} into {@code out[outOff, outOff+outLen)}.
     *
     * @return one of the result constants
     * @throws IndexOutOfBoundsException if a range is outside its array
     */
    public int inflate(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        return Inflate.inflate(state(), in, inOff, inLen, out, outOff, outLen);
    }

    /** Input bytes consumed by the last {@link #inflate} call. */
    public int consumed() {
        return state().consumed;
    }

    /** Output bytes written by the last {@link #inflate} call. */
    public int produced() {
        return state().produced;
    }

    /** zlib's message for the corruption found, or null. Kept until {@link #reset()}, as zlib does. */
    public String message() {
        return state().msg;
    }

    /** zlib's {@code strm->adler}: Adler-32 of the output so far, or the wanted dictionary id. */
    public int adler() {
        return state().adler;
    }

    /** True once the end of the stream was reached. */
    public boolean finished() {
        return state().mode == Inflate.DONE;
    }

    /**
     * zlib's inflateSetDictionary.
     *
     * @return {@link #OK}, {@link #STREAM_ERROR} (zlib stream not waiting for a dictionary) or
     *         {@link #DATA_ERROR} (Adler-32 of the dictionary differs from the id asked for)
     */
    public int setDictionary(byte[] dict, int off, int len) {
        Objects.checkFromIndexSize(off, len, dict.length);
        return Inflate.setDictionary(state(), dict, off, len);
    }

    /** zlib's inflateReset: back to the start of a new stream with the same wrapper. */
    public void reset() {
        Inflate.reset(state());
    }

    /** True once {@link #end()} was called. */
    public boolean isEnded() {
        return state == null;
    }

    /**
     * Releases the state (to a pool that new inflaters take from); further use throws
     * IllegalStateException. Idempotent.
     */
    public void end() {
        InflateState st = state;
        if (st != null) {
            state = null;
            InflateStatePool.release(st);
        }
    }
}
