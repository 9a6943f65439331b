package io.warpdrive.accel.emu;

import io.warpdrive.accel.device.IoAddressMap;
import io.warpdrive.accel.queue.ZipSqe;
import io.warpdrive.soft.Adler32Sum;
import io.warpdrive.soft.SoftDeflater;
import io.warpdrive.soft.SoftInflater;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * One engine core of the model: executes a descriptor. Reads the source and writes the
 * destination only through the address map (a fault becomes an error status), runs the soft
 * engine on its own scratch arrays, and fills the result words of the descriptor.
 *
 * <p>Decompression: the input starts after the zlib/gzip header (the driver's business); the core
 * decodes raw DEFLATE and then checks the trailer, gathering its bytes across requests. One
 * request is exactly one soft-engine call over (input, dest_avail_out), so a stream driven
 * through the device consumes and produces what zlib would for the same calls.
 *
 * <p>Compression: raw DEFLATE at the model's level; a non-final request ends with a SYNC flush
 * (byte-aligned, as the hardware's), a final one with FINISH and then the trailer (Adler-32
 * big-endian for zlib, CRC-32 and ISIZE little-endian for gzip). Output that does not fit stays
 * pending (status 0x0E) and comes out on the next request of the stream.
 *
 * <p>Confined to its core thread.
 */
final class ZipCore {
    /** Emulator status: corrupt DEFLATE data (a real device's code for this is unverified). */
    static final int ST_BAD_DATA = 0x21;
    /** Emulator status: an address did not translate (the IOMMU fault completion). */
    static final int ST_ADDR_FAULT = 0x22;
    /** Emulator status: a descriptor field the engine does not support. */
    static final int ST_BAD_REQUEST = 0x23;

    /**
     * Decompression slice (bytes in and out per soft-engine call). Each slice is copied into the
     * destination while it is still in this core's cache; 64 KiB measured 1.0x of a direct soft
     * call at 256 KiB requests where 256 KiB slices gave 0.7x (QueueBenchmark, 2-core machine).
     */
    private static final int SLICE = 64 << 10;

    /** ctx_dw0 3:0 ctx_st: output full in the middle of the data. */
    private static final int CTX_ST_OUT_FULL = 2;
    /** ctx_dw0 bit 7: BFINAL seen. */
    private static final int CTX_BFINAL = 1 << 7;

    private final IoAddressMap map;
    private final Map<Long, StreamState> contexts;
    private final int level;
    /** Stream state of stateless requests (reset per request). */
    private final StreamState oneShot = new StreamState();
    private byte[] in = new byte[64 << 10];
    private byte[] out = new byte[64 << 10];

    ZipCore(IoAddressMap map, Map<Long, StreamState> contexts, int level) {
        this.map = map;
        this.contexts = contexts;
        this.level = level;
    }

    /** Executes {@code sqe} (loaded from the SQ) on a queue of direction {@code qcType}; fills its results. */
    void execute(ZipSqe sqe, int qcType) {
        sqe.consumed(0).produced(0).status(ZipSqe.ST_OK, false);
        int type = sqe.requestType();
        int inLen = sqe.inputDataLength();
        int cap = Math.min(sqe.destAvailOut(), ZipSqe.MAX_REQUEST);
        if (sqe.bufferType() != ZipSqe.BUF_FLAT || (type != ZipSqe.REQ_DEFLATE && type != ZipSqe.REQ_ZLIB
                && type != ZipSqe.REQ_GZIP) || inLen < 0 || inLen > ZipSqe.MAX_REQUEST || cap < 0
                || sqe.windowCode() > ZipSqe.WIN_32K || (qcType != 0 && qcType != 1)) {
            sqe.status(ST_BAD_REQUEST, false);
            return;
        }
        ByteBuffer src = map.translate(sqe.sourceAddress(), inLen);
        ByteBuffer dst = map.translate(sqe.destAddress(), cap);
        StreamState st;
        if (sqe.stateful()) {
            long ctxAddr = sqe.streamCtxAddress();
            // The context must be real memory of the session's context size, as the hardware
            // reads and writes it.
            if (map.translate(ctxAddr, ZipSqe.CTX_BUFFER_SIZE - ZipSqe.CTX_HW_OFFSET) == null) {
                sqe.status(ST_ADDR_FAULT, false);
                return;
            }
            st = contexts.computeIfAbsent(ctxAddr, a -> new StreamState());
        } else {
            st = oneShot;
        }
        if (src == null || dst == null) {
            sqe.status(ST_ADDR_FAULT, false);
            return;
        }
        boolean compress = qcType == 0;
        if (sqe.newStream() || !sqe.stateful() || st.requestType != type || st.compress != compress) {
            st.open(type, compress);
        }
        if (compress) {
            ensure(inLen, cap);
            src.get(0, in, 0, inLen);
            compress(sqe, st, inLen, cap, dst);
        } else {
            ensure(Math.min(inLen, SLICE), Math.min(cap, SLICE));
            decompress(sqe, st, inLen, cap, src, dst);
        }
    }

    private void ensure(int inLen, int cap) {
        if (in.length < inLen) {
            in = new byte[Math.max(inLen, in.length * 2)];
        }
        if (out.length < cap) {
            out = new byte[Math.max(cap, out.length * 2)];
        }
    }

    private void decompress(ZipSqe sqe, StreamState st, int inLen, int cap, ByteBuffer src, ByteBuffer dst) {
        int type = st.requestType;
        int adler = sqe.newStream() || !sqe.stateful() ? 1 : sqe.checksum();
        if (st.ended) {
            sqe.status(ZipSqe.ST_DECOMP_END, true).checksum(adler);
            return;
        }
        int c = 0;
        int p = 0;
        if (!st.dataEnd) {
            if (st.inflater == null) {
                st.inflater = new SoftInflater(true);
            }
            SoftInflater inf = st.inflater;
            // The request is decoded in slices of at most SLICE bytes in and out, continuing
            // exactly where one zlib call over the whole buffers would go on (the previous slice
            // used up its input and more exists, or filled its output and more room exists):
            // the same result as one call, with the scratch arrays staying in cache.
            int r;
            for (;;) {
                int sliceIn = Math.min(SLICE, inLen - c);
                int sliceOut = Math.min(SLICE, cap - p);
                src.get(c, in, 0, sliceIn);
                r = inf.inflate(in, 0, sliceIn, out, 0, sliceOut);
                int cc = inf.consumed();
                int pp = inf.produced();
                dst.put(p, out, 0, pp);
                if (type == ZipSqe.REQ_ZLIB) {
                    adler = Adler32Sum.update(adler, out, 0, pp);
                } else if (type == ZipSqe.REQ_GZIP) {
                    st.crc.update(out, 0, pp);
                }
                c += cc;
                p += pp;
                if (r != SoftInflater.OK) {
                    break;
                }
                boolean moreIn = cc == sliceIn && c < inLen;
                boolean moreOut = pp == sliceOut && p < cap;
                if (!moreIn && !moreOut) {
                    break;
                }
            }
            st.total += p;
            if (r == SoftInflater.STREAM_END) {
                st.dataEnd = true;
                st.trailerLen = type == ZipSqe.REQ_ZLIB ? 4 : type == ZipSqe.REQ_GZIP ? 8 : 0;
            } else if (r != SoftInflater.OK && r != SoftInflater.BUF_ERROR) {
                // corrupt data: report how far the engine got; the stream is over
                st.ended = true;
                finishResult(sqe, st, c, p, ST_BAD_DATA, false, adler);
                return;
            }
        }
        int status = ZipSqe.ST_OK;
        boolean last = false;
        if (st.dataEnd) {
            int take = Math.min(st.trailerLen - st.trailerHave, inLen - c);
            src.get(c, st.trailer, st.trailerHave, take);
            st.trailerHave += take;
            c += take;
            if (st.trailerHave == st.trailerLen) {
                st.ended = true;
                if (trailerMatches(st, adler)) {
                    status = ZipSqe.ST_DECOMP_END;
                    last = true;
                } else {
                    status = ZipSqe.ST_CRC_ERR;
                }
            }
        }
        finishResult(sqe, st, c, p, status, last, adler);
        if (!st.dataEnd && p == cap) {
            sqe.ctxDw0(CTX_ST_OUT_FULL);
        }
    }

    private static boolean trailerMatches(StreamState st, int adler) {
        byte[] t = st.trailer;
        if (st.requestType == ZipSqe.REQ_ZLIB) {
            int want = ((t[0] & 0xff) << 24) | ((t[1] & 0xff) << 16) | ((t[2] & 0xff) << 8) | (t[3] & 0xff);
            return want == adler;
        }
        if (st.requestType == ZipSqe.REQ_GZIP) {
            int crc = (t[0] & 0xff) | ((t[1] & 0xff) << 8) | ((t[2] & 0xff) << 16) | ((t[3] & 0xff) << 24);
            int isize = (t[4] & 0xff) | ((t[5] & 0xff) << 8) | ((t[6] & 0xff) << 16) | ((t[7] & 0xff) << 24);
            return crc == (int) st.crc.getValue() && isize == (int) st.total;
        }
        return true;
    }

    private static void finishResult(ZipSqe sqe, StreamState st, int c, int p, int status, boolean last, int adler) {
        sqe.consumed(c).produced(p).status(status, last)
                .ctxDw0(st.dataEnd ? CTX_BFINAL : 0)
                .ctxDw2((int) Math.min(st.total, 32768))
                .isize((int) st.total)
                .checksum(st.requestType == ZipSqe.REQ_GZIP ? (int) st.crc.getValue() : adler);
    }

    private void compress(ZipSqe sqe, StreamState st, int inLen, int cap, ByteBuffer dst) {
        int type = st.requestType;
        int adler = sqe.newStream() || !sqe.stateful() ? 1 : sqe.checksum();
        boolean finish = sqe.finish() || !sqe.stateful();
        int p = 0;
        int c = 0;
        if (!st.ended || st.trailerSent < st.trailerLen) {
            if (st.deflater == null) {
                st.deflater = new SoftDeflater(level, true);
            }
            SoftDeflater d = st.deflater;
            if (!st.ended) {
                d.setInput(in, 0, inLen);
                int r = d.deflate(out, 0, cap, finish ? SoftDeflater.FINISH : SoftDeflater.SYNC_FLUSH);
                c = inLen - d.getAvailIn();
                p = cap - d.getAvailOut();
                if (type == ZipSqe.REQ_ZLIB) {
                    adler = Adler32Sum.update(adler, in, 0, c);
                } else if (type == ZipSqe.REQ_GZIP) {
                    st.crc.update(in, 0, c);
                }
                st.total += c;
                if (r == SoftDeflater.STREAM_END) {
                    st.ended = true;
                    st.trailerSent = 0;
                    st.trailerLen = trailer(st, adler);
                } else if (r == SoftDeflater.STREAM_ERROR) {
                    finishCompress(sqe, st, 0, 0, ST_BAD_REQUEST, adler);
                    return;
                }
            }
            if (st.ended) {
                int n = Math.min(st.trailerLen - st.trailerSent, cap - p);
                System.arraycopy(st.trailer, st.trailerSent, out, p, n);
                st.trailerSent += n;
                p += n;
            }
        }
        dst.put(0, out, 0, p);
        boolean complete = st.ended ? st.trailerSent == st.trailerLen : c == inLen && p < cap;
        int status;
        if (!complete) {
            status = ZipSqe.ST_OUT_TOO_SMALL; // more output pending: send again with room
        } else {
            status = p > c ? ZipSqe.ST_NEGACOMPRESS : ZipSqe.ST_OK;
        }
        finishCompress(sqe, st, c, p, status, adler);
    }

    private static int trailer(StreamState st, int adler) {
        byte[] t = st.trailer;
        if (st.requestType == ZipSqe.REQ_ZLIB) {
            t[0] = (byte) (adler >>> 24);
            t[1] = (byte) (adler >>> 16);
            t[2] = (byte) (adler >>> 8);
            t[3] = (byte) adler;
            return 4;
        }
        if (st.requestType == ZipSqe.REQ_GZIP) {
            int crc = (int) st.crc.getValue();
            int isize = (int) st.total;
            for (int i = 0; i < 4; i++) {
                t[i] = (byte) (crc >>> (8 * i));
                t[4 + i] = (byte) (isize >>> (8 * i));
            }
            return 8;
        }
        return 0;
    }

    private static void finishCompress(ZipSqe sqe, StreamState st, int c, int p, int status, int adler) {
        sqe.consumed(c).produced(p).status(status, st.ended)
                .isize((int) st.total)
                .checksum(st.requestType == ZipSqe.REQ_GZIP ? (int) st.crc.getValue() : adler);
    }
}
