package io.warpdrive.accel.queue;

import io.warpdrive.accel.device.DmaBuffer;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A compression or decompression session in the spirit of UADK's wd_comp: one stream at a time
 * (stateful: requests carry the stream forward through a 64 KiB context buffer and the checksum
 * words) or independent one-shot requests (stateless).
 *
 * <p>Headers: when compressing zlib or gzip, the first request of a stream gets the fixed header
 * ({@link ZipAlg}) written by this driver in front of the hardware's output, and {@code produced}
 * counts it. When decompressing, the caller hands the input after the header (it parses or skips
 * it); the hardware decodes the data and checks the trailer.
 *
 * <p>Stateful compression keeps UADK's rule that the output space must be at least 9/8 of the
 * input: a larger input is cut to {@code (out * 8 / 9) & ~3} and its FINISH flag cleared.
 *
 * <p>After a {@link QueueException} or an error status the stream state is unknown: {@link #reset}
 * before reuse.
 *
 * <p>Not thread-safe: one request at a time per stateful session (a stateful request needs the
 * result words of the previous one). Stateless sessions accept concurrent {@link #runAsync}.
 */
public final class ZipSession implements AutoCloseable {
    private final ZipDevice device;
    private final ZipAlg alg;
    private final boolean compress;
    private final boolean stateful;
    private final int windowCode;
    /** Stateful only: the context buffer (hardware context at +64); null for stateless. */
    private DmaBuffer ctx;

    /** Next request opens a new stream. */
    private boolean newStream = true;
    // Carried between stateful requests (software-kept copies of the hardware's stream words).
    private int ctxDw0;
    private int ctxDw1;
    private int ctxDw2;
    private int checksum;
    private int isize;

    ZipSession(ZipDevice device, ZipAlg alg, boolean compress, boolean stateful, int windowBits) {
        this.device = device;
        this.alg = Objects.requireNonNull(alg);
        this.compress = compress;
        this.stateful = stateful;
        this.windowCode = ZipSqe.windowCode(windowBits);
        if (stateful) {
            ctx = device.dma().take(ZipSqe.CTX_BUFFER_SIZE);
            zeroCtx();
        }
    }

    public ZipAlg alg() {
        return alg;
    }

    public boolean isCompress() {
        return compress;
    }

    public boolean isStateful() {
        return stateful;
    }

    /** The running checksum (dw31) of the current stream. */
    public int checksum() {
        return checksum;
    }

    /** True if the next request starts a new stream. */
    public boolean atStreamStart() {
        return newStream;
    }

    /** Starts a new stream: the context is zeroed and the next request carries the new-stream bit. */
    public void reset() {
        newStream = true;
        ctxDw0 = ctxDw1 = ctxDw2 = checksum = isize = 0;
        if (ctx != null) {
            zeroCtx();
        }
    }

    private void zeroCtx() {
        for (int i = 0; i < ZipSqe.CTX_BUFFER_SIZE; i += 8) {
            ctx.buffer().putLong(i, 0L);
        }
    }

    /**
     * One request, waiting for its completion.
     *
     * @param last FINISH (true: the stream ends with this input) or SYNC_FLUSH (compression); for
     *     decompression it only marks the caller's intent
     * @throws IllegalArgumentException for ranges outside the buffers or input over 8 MiB
     * @throws QueueException if the queue failed or the results were out of range
     */
    public ZipResult run(DmaBuffer src, int srcOff, int srcLen, DmaBuffer dst, int dstOff, int dstCap, boolean last) {
        Prepared p = prepare(src, srcOff, srcLen, dst, dstOff, dstCap, last);
        ZipSqe done = device.queue(compress).call(p.sqe);
        return complete(p, done);
    }

    /**
     * One request, without waiting; stateless sessions only (a stateful request depends on the
     * previous one's results).
     */
    public CompletableFuture<ZipResult> runAsync(DmaBuffer src, int srcOff, int srcLen, DmaBuffer dst, int dstOff,
            int dstCap, boolean last) {
        if (stateful) {
            throw new IllegalStateException("stateful sessions run one request at a time: use run()");
        }
        Prepared p = prepare(src, srcOff, srcLen, dst, dstOff, dstCap, last);
        return device.queue(compress).submitAsync(p.sqe).thenApply(done -> complete(p, done));
    }

    private static final class Prepared {
        final ZipSqe sqe = new ZipSqe();
        int srcLen;
        int cap;
        int headerLen;
        boolean last;
    }

    private Prepared prepare(DmaBuffer src, int srcOff, int srcLen, DmaBuffer dst, int dstOff, int dstCap, boolean last) {
        Objects.checkFromIndexSize(srcOff, srcLen, src.size());
        Objects.checkFromIndexSize(dstOff, dstCap, dst.size());
        if (srcLen > ZipSqe.MAX_REQUEST) {
            throw new IllegalArgumentException("request input " + srcLen + " > 8 MiB");
        }
        if (ctx == null && stateful) {
            throw new IllegalStateException("session closed");
        }
        Prepared p = new Prepared();
        int cap = Math.min(dstCap, ZipSqe.MAX_REQUEST);
        boolean first = newStream || !stateful;
        int hdr = compress && first ? alg.headerLength() : 0;
        if (hdr > 0) {
            if (cap < hdr) {
                throw new IllegalArgumentException("no room for the " + hdr + "-byte header");
            }
            dst.buffer().put(dstOff, alg.header(), 0, hdr);
            cap -= hdr;
        }
        if (compress && stateful && (long) cap * 8 / 9 < srcLen) {
            // UADK's rule: out >= 1.125 * in; send what fits and let the caller come back.
            srcLen = (int) ((long) cap * 8 / 9) & ~3;
            last = false;
        }
        p.srcLen = srcLen;
        p.cap = cap;
        p.headerLen = hdr;
        p.last = last;
        ZipSqe s = p.sqe;
        s.inputDataLength(srcLen)
                .mode(last || !stateful, stateful, first, 0)
                .type(alg.requestType, ZipSqe.BUF_FLAT, windowCode)
                .destAvailOut(cap)
                .sourceAddress(src.address() + srcOff)
                .destAddress(dst.address() + dstOff + hdr);
        if (stateful) {
            s.streamCtxAddress(ctx.address() + ZipSqe.CTX_HW_OFFSET)
                    .ctxDw0(first ? 0 : ctxDw0).ctxDw1(first ? 0 : ctxDw1).ctxDw2(first ? 0 : ctxDw2)
                    .checksum(first ? 0 : checksum).isize(first ? 0 : isize);
        }
        return p;
    }

    private ZipResult complete(Prepared p, ZipSqe r) {
        int consumed = r.consumed();
        int produced = r.produced();
        // Device-reported numbers are untrusted: they must fit what was submitted.
        if (consumed < 0 || consumed > p.srcLen || produced < 0 || produced > p.cap) {
            if (stateful) {
                newStream = true; // the stream cannot go on from an unknown point
            }
            throw new QueueException(QueueException.Kind.BAD_RESULT, "consumed " + (consumed & 0xffffffffL) + " of "
                    + p.srcLen + ", produced " + (produced & 0xffffffffL) + " of " + p.cap);
        }
        int status = r.status();
        boolean end;
        if (compress) {
            end = p.last && consumed == p.srcLen && ZipSqe.isSuccess(status);
        } else {
            end = r.streamEnd();
        }
        if (stateful) {
            if (ZipSqe.isSuccess(status) || status == ZipSqe.ST_OUT_TOO_SMALL) {
                newStream = end; // back to NEW once the stream ended, as wd_comp does
                ctxDw0 = r.ctxDw0();
                ctxDw1 = r.ctxDw1();
                ctxDw2 = r.ctxDw2();
                checksum = r.checksum();
                isize = r.isize();
            } else {
                newStream = true;
            }
        }
        return new ZipResult(status, consumed, produced + p.headerLen, end, r.checksum(), r.isize());
    }

    /** Returns the context buffer. Idempotent. */
    @Override
    public void close() {
        DmaBuffer c = ctx;
        ctx = null;
        if (c != null) {
            device.dma().give(c);
        }
    }
}
