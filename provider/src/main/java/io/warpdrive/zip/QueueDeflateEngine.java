package io.warpdrive.zip;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.queue.DmaPool;
import io.warpdrive.accel.queue.QueueException;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSqe;
import io.warpdrive.accel.queue.ZipSession;
import io.warpdrive.soft.Adler32Sum;
import io.warpdrive.soft.SoftDeflater;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Compression through WarpDrive queues behind zlib's stream model.
 *
 * <p>Input is gathered into requests of up to the request size; a full request is sent with a
 * SYNC flush (the hardware ends every non-final request byte-aligned), a SYNC or FULL flush or
 * FINISH sends what is gathered at once. Output is staged and drained into the caller's buffers
 * over as many calls as it takes, as zlib drains its pending buffer. The bytes are therefore
 * those java.util.zip writes at the device's level (the hardware has one) when given a
 * SYNC_FLUSH at the same request boundaries ({@link #requestLog()} tells them). Level and
 * strategy changes are accepted and have no effect on the device, as on the hardware.
 *
 * <p>What the hardware cannot do runs on the pure-Java engine from the exact point reached,
 * brought there by replaying the stream's requests ({@link ReplayLog}): a preset dictionary (a
 * stream with one runs on the pure-Java engine from its start, at the caller's level), a FULL
 * flush, and a failed request (error status, timeout, stopped queue, bad completion) unless strict.
 * A stream past the replay limit cannot be replayed; it continues instead on a raw pure-Java
 * engine primed with the last 32 KiB the device took as its dictionary (device requests end
 * byte-aligned, so the next block can follow), the zlib trailer written here from the running
 * Adler-32: the output stays a valid stream of the same input, though no longer the bytes of
 * the replay oracle.
 *
 * <p>Not thread-safe (WdDeflater serializes calls).
 */
final class QueueDeflateEngine implements DeflateEngine {
    private static final int NO_FLUSH = SoftDeflater.NO_FLUSH;
    private static final int SYNC_FLUSH = SoftDeflater.SYNC_FLUSH;
    private static final int FULL_FLUSH = SoftDeflater.FULL_FLUSH;
    private static final int FINISH = SoftDeflater.FINISH;
    private static final int OK = SoftDeflater.OK;
    private static final int STREAM_END = SoftDeflater.STREAM_END;
    private static final int STREAM_ERROR = SoftDeflater.STREAM_ERROR;
    private static final int BUF_ERROR = SoftDeflater.BUF_ERROR;
    /** Largest request: its output bound (9/8 of the input plus the header) stays within 8 MiB. */
    private static final int MAX_REQUEST = 7 << 20;
    /** DEFLATE's window: all a continuing engine needs of the past. */
    private static final int WINDOW = 32 << 10;

    private final int level;
    private final boolean nowrap;
    private final ZipDevice device;
    private final int deviceLevel;
    private final boolean strict;
    private final int requestSize;
    private final ReplayLog log;

    // The caller's input, zlib style: kept until consumed.
    private byte[] inArr;
    private ByteBuffer inBuf;
    private int inPos;
    private int availIn;
    // The current call's output area.
    private byte[] outArr;
    private ByteBuffer outBuf;
    private int outPos;
    private int availOut;

    private ZipSession session;
    /** Consumed input not yet sent. */
    private byte[] gather = new byte[0];
    private int gathered;
    /** Of the gathered input, how much the device already took (a request cut short). */
    private int gatherSent;
    /** Compressed output not yet handed to the caller: pending[pendStart, pendEnd). */
    private byte[] pending = new byte[4096];
    private int pendStart;
    private int pendEnd;
    private int requestsSent;
    private boolean streamEnded;
    private boolean started;
    private int adler = 1;
    /** Request sizes of this stream (input bytes of each request, -1 marking the final one). */
    private int[] requestSizes = new int[16];
    private int requestCount;

    /** Non-null once the stream moved to the pure-Java engine. */
    private SoftDeflater soft;
    /** The last WINDOW bytes of input the device consumed: tail[0, tailLen). */
    private final byte[] tail = new byte[WINDOW];
    private int tailLen;
    /**
     * soft is a raw engine continuing a zlib stream past the replay limit: this class keeps the
     * Adler-32 and writes the trailer (once: trailerWritten).
     */
    private boolean ownTrailer;
    private boolean trailerWritten;
    private String fallbackReason;

    /**
     * @param deviceLevel the level whose zlib output the device reproduces exactly (the emulated
     *     engine), or -2 for a device whose bytes no pure-Java engine reproduces (real hardware):
     *     then nothing is replayed and a failure always continues from the window
     */
    QueueDeflateEngine(int level, boolean nowrap, ZipDevice device, int deviceLevel) {
        this.level = level;
        this.nowrap = nowrap;
        this.device = device;
        this.deviceLevel = deviceLevel;
        this.strict = AccelOptions.strict();
        this.requestSize = Math.min(AccelOptions.requestSize(256 << 10), MAX_REQUEST);
        this.log = new ReplayLog(deviceLevel == OPAQUE_DEVICE ? 0 : AccelOptions.replayLimit());
    }

    /** deviceLevel of a device the soft engine cannot imitate. */
    static final int OPAQUE_DEVICE = -2;

    @Override
    public void setInput(byte[] b, int off, int len) {
        inArr = b;
        inBuf = null;
        inPos = off;
        availIn = len;
    }

    @Override
    public void setInput(ByteBuffer b, int index, int len) {
        inArr = null;
        inBuf = b;
        inPos = index;
        availIn = len;
    }

    @Override
    public int getAvailIn() {
        return availIn;
    }

    @Override
    public int getAvailOut() {
        return availOut;
    }

    @Override
    public int deflate(byte[] out, int off, int len, int flush) {
        outArr = out;
        outBuf = null;
        outPos = off;
        availOut = len;
        try {
            return run(flush);
        } finally {
            outArr = null;
        }
    }

    @Override
    public int deflate(ByteBuffer out, int index, int len, int flush) {
        outArr = null;
        outBuf = out;
        outPos = index;
        availOut = len;
        try {
            return run(flush);
        } finally {
            outBuf = null;
        }
    }

    private int run(int flush) {
        started = true;
        int inBefore = availIn;
        int outBefore = availOut;
        drain();
        if (soft != null) {
            return softCall(flush, inBefore, outBefore);
        }
        if (outBefore == 0) {
            return BUF_ERROR; // zlib: no output room, no progress, no input taken
        }
        if (streamEnded) {
            return pendStart == pendEnd ? STREAM_END : OK;
        }
        if (flush == FULL_FLUSH) {
            // a FULL flush forgets the window; the hardware cannot: go on in software
            moveToSoft("full flush", null);
            return softCall(flush, inBefore, outBefore);
        }
        try {
            for (;;) {
                if (pendStart != pendEnd) {
                    break; // output full: take no more input now, as zlib stops when out of room
                }
                if (availIn > 0 && gathered < requestSize) {
                    take(Math.min(availIn, requestSize - gathered));
                }
                if (gathered == requestSize) {
                    submit(false);
                    drain();
                    continue;
                }
                break;
            }
            if (flush != NO_FLUSH && availIn == 0 && pendStart == pendEnd) {
                if (flush == FINISH) {
                    submit(true);
                } else if (gathered > 0 || requestsSent == 0) {
                    submit(false);
                }
                drain();
            }
        } catch (Failure f) {
            return softCall(flush, inBefore, outBefore);
        }
        if (streamEnded && pendStart == pendEnd) {
            return STREAM_END;
        }
        return availIn != inBefore || availOut != outBefore ? OK : BUF_ERROR;
    }

    /** Thrown inside run() once a failed request moved the stream to the pure-Java engine. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure() {
            super(null, null, false, false);
        }
    }

    /** Moves {@code n} bytes of caller input into the gather buffer (they count as consumed). */
    private void take(int n) {
        if (gather.length < gathered + n) {
            gather = Arrays.copyOf(gather, Math.max(gathered + n, Math.min(requestSize, Math.max(4096, gather.length * 2))));
        }
        if (inArr != null) {
            System.arraycopy(inArr, inPos, gather, gathered, n);
        } else {
            inBuf.get(inPos, gather, gathered, n);
        }
        if (!nowrap) {
            adler = Adler32Sum.update(adler, gather, gathered, n);
        }
        gathered += n;
        inPos += n;
        availIn -= n;
    }

    /** Copies staged output into the caller's area. */
    private void drain() {
        int n = Math.min(pendEnd - pendStart, availOut);
        if (n > 0) {
            if (outArr != null) {
                System.arraycopy(pending, pendStart, outArr, outPos, n);
            } else {
                outBuf.put(outPos, pending, pendStart, n);
            }
            pendStart += n;
            outPos += n;
            availOut -= n;
        }
        if (pendStart == pendEnd) {
            pendStart = pendEnd = 0;
        }
    }

    private void appendPending(DmaBuffer b, int n) {
        if (pending.length - pendEnd < n) {
            if (pendStart > 0) {
                System.arraycopy(pending, pendStart, pending, 0, pendEnd - pendStart);
                pendEnd -= pendStart;
                pendStart = 0;
            }
            if (pending.length - pendEnd < n) {
                pending = Arrays.copyOf(pending, Math.max(pendEnd + n, pending.length * 2));
            }
        }
        b.buffer().get(0, pending, pendEnd, n);
        pendEnd += n;
    }

    /** Sends the gathered input as one request (more if the device leaves output pending). */
    private void submit(boolean last) throws Failure {
        DmaPool dma = device.dma();
        DmaBuffer src = null;
        DmaBuffer dst = null;
        int n = gathered - gatherSent;
        int cap = n + (n >>> 3) + 1024;
        try {
            if (session == null) {
                session = device.openSession(nowrap ? ZipAlg.DEFLATE : ZipAlg.ZLIB, true, true, 15);
            }
            src = dma.take(Math.max(n, 1));
            dst = dma.take(cap);
            recordRequest(last ? -1 - n : n);
            for (;;) {
                src.buffer().put(0, gather, gatherSent, n);
                ZipResult r = session.run(src, 0, n, dst, 0, cap, last);
                if (!r.ok()) {
                    failed("device status " + String.format("0x%02x", r.status()), null, last);
                }
                log.record(gather, gatherSent, n, r.consumed(), cap, last ? 1 : 0, r.produced(), r.status());
                appendPending(dst, r.produced());
                remember(gather, gatherSent, r.consumed());
                gatherSent += r.consumed();
                n -= r.consumed();
                requestsSent++;
                if (r.status() != ZipSqe.ST_OUT_TOO_SMALL && n == 0) {
                    if (last) {
                        streamEnded = r.streamEnd();
                        if (!streamEnded) {
                            failed("FINISH request did not end the stream", null, true);
                        }
                    }
                    break;
                }
            }
            gathered = 0;
            gatherSent = 0;
        } catch (QueueException e) {
            failed(e.getMessage(), e, last);
        } finally {
            dma.give(src);
            dma.give(dst);
        }
    }

    /** Keeps the last WINDOW bytes of what the device consumed. */
    private void remember(byte[] b, int off, int n) {
        if (n >= WINDOW) {
            System.arraycopy(b, off + n - WINDOW, tail, 0, WINDOW);
            tailLen = WINDOW;
            return;
        }
        int drop = Math.max(0, tailLen + n - WINDOW);
        if (drop > 0) {
            System.arraycopy(tail, drop, tail, 0, tailLen - drop);
            tailLen -= drop;
        }
        System.arraycopy(b, off, tail, tailLen, n);
        tailLen += n;
    }

    private void recordRequest(int v) {
        if (requestCount == requestSizes.length) {
            requestSizes = Arrays.copyOf(requestSizes, requestCount * 2);
        }
        requestSizes[requestCount++] = v;
    }

    /** The failed request is redone on the pure-Java engine, or (strict, or no replay possible) thrown. */
    private void failed(String why, QueueException cause, boolean last) throws Failure {
        dropSession();
        if (strict) {
            throw new BackendFailureException("warpdrive (strict): " + why, cause);
        }
        moveToSoft(why, cause);
        // the request that failed: what of it the device had not taken, with its flush
        redoGathered(last ? FINISH : SYNC_FLUSH);
        throw new Failure();
    }

    /** Replays the stream's requests into a fresh pure-Java engine; the rest of the stream runs there. */
    private void moveToSoft(String why, Throwable cause) {
        if (log.overflowed()) {
            continueFromWindow(why, cause);
            return;
        }
        SoftDeflater s = new SoftDeflater(deviceLevel, nowrap);
        byte[] input = log.replayInput();
        byte[] scratch = new byte[0];
        int pos = 0;
        for (int i = 0; i < log.calls(); i++) {
            int shown = log.field(i, 0);
            int cap = log.field(i, 1);
            if (scratch.length < cap) {
                scratch = new byte[cap];
            }
            s.setInput(input, pos, shown);
            s.deflate(scratch, 0, cap, log.field(i, 2) == 1 ? FINISH : SYNC_FLUSH);
            int consumed = shown - s.getAvailIn();
            int produced = cap - s.getAvailOut();
            if (consumed != shown || produced != log.field(i, 3)) {
                s.end();
                throw new BackendFailureException("warpdrive: " + why + "; replay of request " + i
                        + " diverged from the device (consumed " + consumed + "/" + shown + ", produced " + produced
                        + "/" + log.field(i, 3) + ")", cause);
            }
            pos += consumed;
        }
        soft = s;
        fallbackReason = why;
        dropSession();
        log.clear();
    }

    /**
     * Past the replay limit: a raw engine with the device's last 32 KiB as its dictionary goes on
     * where the device's output stopped. That output ends byte-aligned only at a request
     * boundary; a request the device cut short (output too small) leaves none, so then the
     * stream cannot continue.
     */
    private void continueFromWindow(String why, Throwable cause) {
        if (gatherSent > 0) {
            throw new BackendFailureException("warpdrive: " + why + "; the stream is past the replay limit ("
                    + AccelOptions.replayLimit() + " bytes) and the device stopped inside a request", cause);
        }
        SoftDeflater s = new SoftDeflater(level, true);
        if (tailLen > 0) {
            s.setDictionary(tail, 0, tailLen);
        }
        soft = s;
        ownTrailer = !nowrap;
        fallbackReason = why + (deviceLevel == OPAQUE_DEVICE ? " (continued from the last 32 KiB)"
                : " (past the replay limit: continued from the last 32 KiB)");
        dropSession();
        log.clear();
    }

    /** After a raw continuation ended the data: the zlib trailer, once. */
    private void softEnded() {
        if (ownTrailer && !trailerWritten) {
            byte[] t = {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler};
            appendBytes(t, 4);
            trailerWritten = true;
        }
    }

    /** Feeds the gathered, unsent input to the pure-Java engine with {@code flush}, output to pending. */
    private void redoGathered(int flush) {
        soft.setInput(gather, gatherSent, gathered - gatherSent);
        byte[] chunk = new byte[Math.max(4096, (gathered - gatherSent) + ((gathered - gatherSent) >>> 3) + 1024)];
        for (;;) {
            int r = soft.deflate(chunk, 0, chunk.length, flush);
            int produced = chunk.length - soft.getAvailOut();
            appendBytes(chunk, produced);
            if (r == STREAM_END || (soft.getAvailIn() == 0 && soft.getAvailOut() > 0) || r == BUF_ERROR) {
                if (r == STREAM_END) {
                    streamEnded = true;
                    softEnded();
                }
                break;
            }
        }
        gathered = 0;
        gatherSent = 0;
    }

    private void appendBytes(byte[] b, int n) {
        if (pending.length - pendEnd < n) {
            pending = Arrays.copyOf(pending, Math.max(pendEnd + n, pending.length * 2));
        }
        System.arraycopy(b, 0, pending, pendEnd, n);
        pendEnd += n;
    }

    /** A call on the pure-Java engine, after staged output was drained. */
    private int softCall(int flush, int inBefore, int outBefore) {
        drain();
        if (gathered > gatherSent) {
            // input taken from the caller before the move (a FULL flush): it goes first
            redoGathered(NO_FLUSH);
            drain();
        }
        if (pendStart != pendEnd) {
            return availIn != inBefore || availOut != outBefore ? OK : BUF_ERROR;
        }
        if (inArr != null) {
            soft.setInput(inArr, inPos, availIn);
        } else if (inBuf != null) {
            soft.setInput(inBuf, inPos, availIn);
        } else {
            soft.setInput(new byte[0], 0, 0);
        }
        int r = outArr != null ? soft.deflate(outArr, outPos, availOut, flush) : soft.deflate(outBuf, outPos, availOut, flush);
        int consumed = availIn - soft.getAvailIn();
        int produced = availOut - soft.getAvailOut();
        if (ownTrailer && consumed > 0) {
            adler = adlerOf(adler, consumed);
        }
        inPos += consumed;
        availIn -= consumed;
        outPos += produced;
        availOut -= produced;
        if (r == STREAM_END && ownTrailer && !trailerWritten) {
            softEnded();
            drain();
            if (pendStart != pendEnd) {
                r = OK; // the trailer goes out on a later call, as zlib's pending output does
            }
        }
        if (r == BUF_ERROR && (availIn != inBefore || availOut != outBefore)) {
            r = OK; // the drained output was progress
        }
        return r;
    }

    /** Adler-32 over the {@code n} caller bytes before inPos. */
    private int adlerOf(int a, int n) {
        if (inArr != null) {
            return Adler32Sum.update(a, inArr, inPos, n);
        }
        byte[] chunk = new byte[Math.min(n, 8192)];
        for (int done = 0; done < n; ) {
            int k = Math.min(chunk.length, n - done);
            inBuf.get(inPos + done, chunk, 0, k);
            a = Adler32Sum.update(a, chunk, 0, k);
            done += k;
        }
        return a;
    }

    @Override
    public int params(byte[] out, int off, int len, int level, int strategy) {
        outArr = out;
        outBuf = null;
        outPos = off;
        availOut = len;
        try {
            return paramsCall(level, strategy);
        } finally {
            outArr = null;
        }
    }

    @Override
    public int params(ByteBuffer out, int index, int len, int level, int strategy) {
        outArr = null;
        outBuf = out;
        outPos = index;
        availOut = len;
        try {
            return paramsCall(level, strategy);
        } finally {
            outBuf = null;
        }
    }

    private int paramsCall(int level, int strategy) {
        drain();
        if (soft != null && pendStart == pendEnd) {
            int before = availOut;
            int r = outArr != null ? soft.params(outArr, outPos, availOut, level, strategy)
                    : soft.params(outBuf, outPos, availOut, level, strategy);
            int produced = before - soft.getAvailOut();
            outPos += produced;
            availOut -= produced;
            return r;
        }
        // On the device the change has nothing to act on (one fixed setting); it is done once
        // the staged output is out.
        return pendStart == pendEnd ? OK : BUF_ERROR;
    }

    @Override
    public int setDictionary(byte[] b, int off, int len) {
        SoftDeflater s = dictionaryTarget();
        return s == null ? STREAM_ERROR : s.setDictionary(b, off, len);
    }

    @Override
    public int setDictionary(ByteBuffer b, int index, int len) {
        SoftDeflater s = dictionaryTarget();
        return s == null ? STREAM_ERROR : s.setDictionary(b, index, len);
    }

    /** The engine that takes a dictionary now, or null when zlib would refuse it (STREAM_ERROR). */
    private SoftDeflater dictionaryTarget() {
        if (soft != null) {
            return soft;
        }
        if (!started && requestsSent == 0 && gathered == 0) {
            // the hardware has no dictionary: this stream runs in software from its start,
            // at the caller's level
            soft = new SoftDeflater(level, nowrap);
            fallbackReason = "dictionary";
            dropSession();
            return soft;
        }
        if (!nowrap || gathered > gatherSent) {
            return null; // zlib: after the first deflate call (zlib wrapper), or input still buffered
        }
        moveToSoft("dictionary on a raw stream", null);
        return soft;
    }

    @Override
    public void reset() {
        if (soft != null) {
            soft.end();
            soft = null;
        }
        fallbackReason = null;
        ownTrailer = false;
        trailerWritten = false;
        tailLen = 0;
        if (session != null) {
            session.reset();
        }
        log.clear();
        inArr = null;
        inBuf = null;
        inPos = 0;
        availIn = 0;
        gathered = 0;
        gatherSent = 0;
        pendStart = pendEnd = 0;
        requestsSent = 0;
        requestCount = 0;
        streamEnded = false;
        started = false;
        adler = 1;
    }

    @Override
    public int getAdler() {
        return soft != null && !ownTrailer ? soft.getAdler() : adler;
    }

    @Override
    public String getMessage() {
        return soft != null ? soft.getMessage() : null;
    }

    @Override
    public void end() {
        dropSession();
        if (soft != null) {
            soft.end();
            soft = null;
        }
    }

    private void dropSession() {
        ZipSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
    }

    /**
     * Input sizes of this stream's requests in order; a final (FINISH) request of n bytes is
     * written as {@code -1 - n} (tests build the java.util.zip oracle from it).
     */
    int[] requestLog() {
        return Arrays.copyOf(requestSizes, requestCount);
    }

    /** Why the stream left the device, or null (tests). */
    String fallbackReason() {
        return fallbackReason;
    }
}
