package io.warpdrive.zip;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.queue.DmaPool;
import io.warpdrive.accel.queue.QueueException;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import io.warpdrive.soft.SoftInflater;

/**
 * Inflation through WarpDrive queues, with zlib's exact per-call behaviour.
 *
 * <p>Each inflate call becomes one stateful decompression request (more only when a buffer is
 * larger than the request size, cut exactly where zlib would go on within one call); the device
 * engine runs one zlib-exact call per request, so consumed, produced and the stream end come out
 * as java.util.zip's. The caller's arrays are staged through pinned DMA buffers.
 *
 * <p>The zlib header is parsed here with zlib's rules, as the hardware never parses headers; the
 * device gets the data after it and checks the Adler-32 trailer. Anything the hardware cannot do
 * exactly runs on the pure-Java engine from the exact point reached, by replaying the stream's
 * log into it ({@link ReplayLog}): a header that is not the plain 32 KiB-window one (errors,
 * smaller windows, a preset dictionary), a dictionary set on a raw stream, corrupt data (the
 * device only says "error"; the replay finds zlib's message at the same call), and any failed
 * request (error status, timeout, stopped queue, bad completion) unless strict.
 *
 * <p>A real device ({@code opaque}) need not split its progress per request as zlib does, so
 * there the replay is by totals: the pure-Java engine decodes the input the device consumed, its
 * output capped at what the device produced; the Adler-32 must come out as the device reported
 * (zlib streams), and input the device took but the engine did not yet need is fed first on
 * later calls.
 *
 * <p>Not thread-safe (WdInflater serializes calls).
 */
final class QueueInflateEngine implements InflateEngine {
    private static final int OK = SoftInflater.OK;
    private static final int STREAM_END = SoftInflater.STREAM_END;
    private static final int STREAM_ERROR = SoftInflater.STREAM_ERROR;
    private static final int DATA_ERROR = SoftInflater.DATA_ERROR;
    private static final int BUF_ERROR = SoftInflater.BUF_ERROR;
    /** strm->adler of a fresh raw inflater (zlib does not touch it in raw mode). */
    private static final int RAW_ADLER = new SoftInflater(true).adler();

    private final boolean nowrap;
    private final ZipDevice device;
    private final boolean strict;
    private final int requestSize;
    private final ReplayLog log;

    /** The device stream; null until the first request and after a failure. */
    private ZipSession session;
    /** Non-null once the stream moved to the pure-Java engine; then every call goes there. */
    private SoftInflater soft;

    // Device-path stream state.
    private int hdrHave;
    private final byte[] hdr = new byte[2];
    private boolean hdrDone;
    private boolean ended;
    private int adler;
    private String msg;
    private int consumed;
    private int produced;
    private boolean closed;
    /** Why the stream left the device, for tests and diagnostics (null while on it). */
    private String fallbackReason;

    /** The device's per-request progress may differ from zlib's (real hardware): replay by totals. */
    private final boolean opaque;
    /** Input the device consumed that the pure-Java engine has not (opaque replay): carry[carryPos, +carryLen). */
    private byte[] carry;
    private int carryPos;
    private int carryLen;
    /** The device's checksum as of the last call in the log (what an opaque replay must reach). */
    private int loggedAdler;

    QueueInflateEngine(boolean nowrap, ZipDevice device) {
        this(nowrap, device, false);
    }

    QueueInflateEngine(boolean nowrap, ZipDevice device, boolean opaque) {
        this.nowrap = nowrap;
        this.device = device;
        this.opaque = opaque;
        this.strict = AccelOptions.strict();
        this.requestSize = AccelOptions.requestSize(8 << 20);
        this.log = new ReplayLog(AccelOptions.replayLimit());
        this.adler = nowrap ? RAW_ADLER : 1;
        this.loggedAdler = adler;
        this.hdrDone = nowrap;
    }

    @Override
    public int inflate(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
        if (soft != null) {
            return softInflate(in, inOff, inLen, out, outOff, outLen);
        }
        if (ended) {
            consumed = 0;
            produced = 0;
            return STREAM_END; // zlib in DONE
        }
        int read = 0;
        if (!hdrDone) {
            while (hdrHave < 2 && read < inLen) {
                hdr[hdrHave++] = in[inOff + read++];
            }
            if (hdrHave < 2) {
                // zlib pulls what there is of the 16 header bits and waits for the rest
                int status = read > 0 ? OK : BUF_ERROR;
                log.record(in, inOff, inLen, read, outLen, read, 0, status);
                consumed = read;
                produced = 0;
                return status;
            }
            if (!plainZlibHeader(hdr[0] & 0xff, hdr[1] & 0xff)) {
                // zlib's own rules (errors and their messages, windows under 32 KiB, FDICT):
                // the pure-Java engine takes the stream from its start, this call included.
                return moveToSoft("zlib header " + String.format("%02x %02x", hdr[0], hdr[1]), null,
                        in, inOff, inLen, out, outOff, outLen);
            }
            hdrDone = true;
        }
        return deviceCall(in, inOff, inLen, out, outOff, outLen, read);
    }

    /** CMF/FLG of a zlib stream the device can take as is: valid check, deflate, 32 KiB window, no dictionary. */
    private static boolean plainZlibHeader(int cmf, int flg) {
        return ((cmf << 8) | flg) % 31 == 0 && (cmf & 0x0f) == 8 && (cmf >>> 4) == 7 && (flg & 0x20) == 0;
    }

    private int deviceCall(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen, int read) {
        int written = 0;
        DmaPool dma = device.dma();
        DmaBuffer src = null;
        DmaBuffer dst = null;
        try {
            if (session == null) {
                session = device.openSession(nowrap ? ZipAlg.DEFLATE : ZipAlg.ZLIB, false, true, 15);
            }
            int stage = Math.min(requestSize, Math.max(inLen - read, 1));
            src = dma.take(stage);
            dst = dma.take(Math.max(Math.min(requestSize, outLen), 1));
            for (;;) {
                int chunkIn = Math.min(inLen - read, requestSize);
                int chunkOut = Math.min(outLen - written, requestSize);
                src.buffer().put(0, in, inOff + read, chunkIn);
                ZipResult r = session.run(src, 0, chunkIn, dst, 0, chunkOut, false);
                if (!r.ok()) {
                    return fail("device status " + String.format("0x%02x", r.status()), null, r.status(),
                            in, inOff, inLen, out, outOff, outLen);
                }
                dst.buffer().get(0, out, outOff + written, r.produced());
                read += r.consumed();
                written += r.produced();
                if (!nowrap) {
                    adler = r.checksum();
                }
                if (r.streamEnd()) {
                    ended = true;
                    break;
                }
                boolean moreIn = r.consumed() == chunkIn && read < inLen;
                boolean moreOut = r.produced() == chunkOut && written < outLen;
                if (!moreIn && !moreOut) {
                    break;
                }
            }
        } catch (QueueException e) {
            return fail(e.getMessage(), e, -1, in, inOff, inLen, out, outOff, outLen);
        } finally {
            dma.give(src);
            dma.give(dst);
        }
        int status = ended ? STREAM_END : read == 0 && written == 0 ? BUF_ERROR : OK;
        log.record(in, inOff, inLen, read, outLen, read, written, status);
        loggedAdler = adler;
        consumed = read;
        produced = written;
        if (ended) {
            log.clear(); // nothing after the end can need a replay
        }
        return status;
    }

    /**
     * A request of the current call failed ({@code status} >= 0: the device's error status;
     * otherwise {@code cause}). The call is redone from its start on the pure-Java engine, brought
     * to the state before the call by the replay; in strict mode only to tell corrupt data (an
     * exact DataFormatException) from a device failure (thrown).
     */
    private int fail(String why, QueueException cause, int status, byte[] in, int inOff, int inLen, byte[] out,
            int outOff, int outLen) {
        dropSession();
        if (log.overflowed()) {
            if (status >= 0) {
                msg = String.format("invalid compressed data (device status 0x%02x; stream past the replay limit)", status);
                consumed = 0;
                produced = 0;
                closedForGood();
                return DATA_ERROR;
            }
            closedForGood();
            throw new BackendFailureException("warpdrive: " + why + "; the stream is past the replay limit ("
                    + AccelOptions.replayLimit() + " bytes) and cannot continue", cause);
        }
        if (strict && status < 0) {
            closedForGood();
            throw new BackendFailureException("warpdrive (strict): " + why, cause);
        }
        int r = moveToSoft(why, cause, in, inOff, inLen, out, outOff, outLen);
        if (strict && r != DATA_ERROR) {
            soft = null;
            closedForGood();
            throw new BackendFailureException("warpdrive (strict): " + why + " on data the pure-Java engine decodes", cause);
        }
        return r;
    }

    private void closedForGood() {
        // the stream cannot go on; only reset() (a new stream) or close() remain meaningful
        ended = true;
        hdrDone = true;
    }

    /** Replays the log into a fresh pure-Java engine and runs this call there. */
    private int moveToSoft(String why, Throwable cause, byte[] in, int inOff, int inLen, byte[] out, int outOff,
            int outLen) {
        SoftInflater s = replay(why, cause);
        soft = s;
        fallbackReason = why;
        dropSession();
        log.clear();
        return softInflate(in, inOff, inLen, out, outOff, outLen);
    }

    /** A call on the pure-Java engine: carried input first, then the caller's. */
    private int softInflate(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        SoftInflater s = soft;
        if (carryLen == 0) {
            int r = s.inflate(in, inOff, inLen, out, outOff, outLen);
            consumed = s.consumed();
            produced = s.produced();
            return r;
        }
        int r = s.inflate(carry, carryPos, carryLen, out, outOff, outLen);
        int p = s.produced();
        carryPos += s.consumed();
        carryLen -= s.consumed();
        consumed = 0;
        produced = p;
        if (r == STREAM_END) {
            carryLen = 0; // what the device took past the end was never data
            return r;
        }
        if (carryLen > 0 || (r != OK && r != BUF_ERROR) || p == outLen) {
            return r == BUF_ERROR && p > 0 ? OK : r;
        }
        int r2 = s.inflate(in, inOff, inLen, out, outOff + p, outLen - p);
        consumed = s.consumed();
        produced = p + s.produced();
        return r2 == BUF_ERROR && produced > 0 ? OK : r2;
    }

    private SoftInflater replay(String why, Throwable cause) {
        if (log.overflowed()) {
            throw new BackendFailureException("warpdrive: " + why + "; the stream is past the replay limit", cause);
        }
        if (opaque) {
            return replayTotals(why, cause);
        }
        SoftInflater s = new SoftInflater(nowrap);
        byte[] input = log.replayInput();
        byte[] scratch = new byte[0];
        int pos = 0;
        for (int i = 0; i < log.calls(); i++) {
            int shown = log.field(i, 0);
            int outLen = log.field(i, 1);
            if (scratch.length < outLen) {
                scratch = new byte[outLen];
            }
            int r = s.inflate(input, pos, shown, scratch, 0, outLen);
            if (s.consumed() != log.field(i, 2) || s.produced() != log.field(i, 3) || r != log.field(i, 4)) {
                throw new BackendFailureException("warpdrive: " + why + "; replay of call " + i
                        + " diverged from the device (consumed " + s.consumed() + "/" + log.field(i, 2) + ", produced "
                        + s.produced() + "/" + log.field(i, 3) + ", result " + r + "/" + log.field(i, 4) + ")", cause);
            }
            pos += s.consumed();
        }
        return s;
    }

    /** The opaque replay: decode what the device consumed up to what it produced. */
    private SoftInflater replayTotals(String why, Throwable cause) {
        SoftInflater s = new SoftInflater(nowrap);
        byte[] input = log.replayInput();
        int totalIn = log.size();
        long totalOut = 0;
        for (int i = 0; i < log.calls(); i++) {
            totalOut += log.field(i, 3);
        }
        byte[] scratch = new byte[(int) Math.min(Math.max(totalOut, 1), 256 << 10)];
        int pos = 0;
        long out = 0;
        while (out < totalOut) {
            int r = s.inflate(input, pos, totalIn - pos, scratch, 0, (int) Math.min(scratch.length, totalOut - out));
            pos += s.consumed();
            out += s.produced();
            if (r != OK || s.produced() == 0 && s.consumed() == 0) {
                break;
            }
        }
        if (out != totalOut || (!nowrap && log.calls() > 0 && s.adler() != loggedAdler)) {
            throw new BackendFailureException("warpdrive: " + why + "; the pure-Java engine does not reach the device's"
                    + " point (" + out + " of " + totalOut + " bytes" + (nowrap ? "" : ", Adler-32 "
                    + Integer.toHexString(s.adler()) + " vs " + Integer.toHexString(loggedAdler)) + ")", cause);
        }
        carry = java.util.Arrays.copyOfRange(input, pos, totalIn);
        carryPos = 0;
        carryLen = carry.length;
        return s;
    }

    private void dropSession() {
        ZipSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public int consumed() {
        return consumed;
    }

    @Override
    public int produced() {
        return produced;
    }

    @Override
    public String message() {
        return soft != null ? soft.message() : msg;
    }

    @Override
    public int adler() {
        return soft != null ? soft.adler() : adler;
    }

    @Override
    public int setDictionary(byte[] dict, int off, int len) {
        if (soft != null) {
            return soft.setDictionary(dict, off, len);
        }
        if (!nowrap) {
            // zlib: a zlib stream takes a dictionary only when it asked for one (NEED_DICT), and
            // asking happens on the pure-Java engine (FDICT headers go there)
            return STREAM_ERROR;
        }
        // raw streams take a dictionary at any time; the hardware has no way to load one
        SoftInflater s = replay("dictionary on a raw stream", null);
        soft = s;
        fallbackReason = "dictionary";
        dropSession();
        log.clear();
        return s.setDictionary(dict, off, len);
    }

    @Override
    public void reset() {
        soft = null;
        carry = null;
        carryPos = 0;
        carryLen = 0;
        fallbackReason = null;
        if (session != null) {
            session.reset();
        }
        log.clear();
        hdrHave = 0;
        hdrDone = nowrap;
        ended = false;
        adler = nowrap ? RAW_ADLER : 1;
        loggedAdler = adler;
        msg = null;
        consumed = 0;
        produced = 0;
    }

    @Override
    public void close() {
        closed = true;
        dropSession();
        soft = null;
    }

    /** Why the stream moved to the pure-Java engine, or null while it runs on the device (tests). */
    String fallbackReason() {
        return fallbackReason;
    }

    /** True while the stream runs on the device (tests). */
    boolean onDevice() {
        return soft == null;
    }
}
