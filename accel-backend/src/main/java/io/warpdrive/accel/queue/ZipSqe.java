package io.warpdrive.accel.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The hisi_zip submission descriptor: 128 bytes, 32 little-endian words, the same for hisi_qm v1,
 * v2 and v3. A mutable value: the driver fills one and copies it into an SQ slot; the device
 * loads the slot into one, and writes the result words back into the same slot.
 *
 * <pre>
 * dw  byte  field                in/out  bits
 *  0     0  consumed             out
 *  1     4  produced             out     (excludes a driver-written zlib/gzip header)
 *  2     8  comp_data_length     out     lz77 only
 *  3    12  dw3                  out     7:0 status, 8 lstblk (last block seen)
 *  4    16  input_data_length    in
 *  7    28  dw7                  in      23:0 src SGL offset, 25 flush (1 FINISH, 0 SYNC),
 *                                        26 stateful, 27 new stream, 31:28 sqe_type
 *  8    32  dw8                  in      23:0 dst SGL offset
 *  9    36  dw9                  in/out  7:0 request type, 11:8 buffer type, 15:12 window code
 * 13    52  tag                  in      (sqe_type 0)
 * 14    56  dest_avail_out       in/out
 * 15    60  ctx_dw0              in/out  3:0 ctx_st, 7 BFINAL seen, 15:10 pending header bits
 * 18/19 72  source_addr lo/hi    in
 * 20/21 80  dest_addr lo/hi      in
 * 22/23 88  stream_ctx_addr      in      stateful only: context buffer + 64
 * 24/25 96  literals_addr        in      lz77 only
 * 26   104  tag                  in      (sqe_type 3)
 * 28   112  ctx_dw1              in/out  18:0 stored-block bytes pending
 * 29   116  ctx_dw2              in/out  15:0 window (history) length
 * 30   120  isize                in/out  running uncompressed size (gzip)
 * 31   124  checksum             in/out  running Adler-32 (zlib) / CRC (gzip)
 * </pre>
 *
 * <p>Direction is not in the descriptor: it is the queue's {@code qc_type}.
 *
 * <p>Not thread-safe.
 */
public final class ZipSqe {
    private static final VarHandle INT_LE = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** dw3, status and lstblk: the word that publishes a slot's results. */
    private static final int STATUS_WORD = 3;
    /** Bytes in a descriptor. */
    public static final int SIZE = 128;

    // Request types (dw9 7:0).
    public static final int REQ_DEFLATE = 0x01;
    public static final int REQ_ZLIB = 0x02;
    public static final int REQ_GZIP = 0x03;
    public static final int REQ_LZ4 = 0x04;
    public static final int REQ_LZ77_ONLY = 0x40;
    public static final int REQ_LZ77_ZSTD = 0x43;

    // Buffer types (dw9 11:8).
    public static final int BUF_FLAT = 0;
    public static final int BUF_SGL = 1;

    // Window codes (dw9 15:12), UADK's wd_comp_winsz_type.
    public static final int WIN_4K = 0;
    public static final int WIN_8K = 1;
    public static final int WIN_16K = 2;
    public static final int WIN_24K = 3;
    public static final int WIN_32K = 4;

    // Status (dw3 7:0).
    public static final int ST_OK = 0x00;
    /** Negative compression (output larger than input); a success. */
    public static final int ST_NEGACOMPRESS = 0x0D;
    /** dest_avail_out too small to finish the request. */
    public static final int ST_OUT_TOO_SMALL = 0x0E;
    public static final int ST_IN_DIF_ERR = 0x0F;
    /** Checksum mismatch (the trailer does not match the data). */
    public static final int ST_CRC_ERR = 0x10;
    public static final int ST_UNCOMP_DIF_ERR = 0x12;
    /** Decompression end; with lstblk set, the end of the stream. */
    public static final int ST_DECOMP_END = 0x13;
    /**
     * Not a device status: the driver puts it in dw3 before submitting, and the device overwrites
     * dw3 when it completes the request. Still there after a completion, it shows a CQE that
     * announced a request the device had not finished (a stale entry whose phase bit flipped).
     */
    public static final int ST_NOT_WRITTEN = 0xFF;

    /** dw3 bit 8. */
    public static final int LSTBLK = 1 << 8;
    /** dw7 bit 25: 1 = FINISH (last request of the stream), 0 = SYNC_FLUSH. */
    public static final int FLUSH_FINISH = 1 << 25;
    /** dw7 bit 26: stateful (stream) mode. */
    public static final int STREAM_MODE = 1 << 26;
    /** dw7 bit 27: first request of a stream. */
    public static final int NEW_STREAM = 1 << 27;

    /** Largest input of one request (HZ_MAX_SIZE); larger is refused by the driver. */
    public static final int MAX_REQUEST = 8 << 20;
    /** Offset of the hardware context inside a session's context buffer. */
    public static final int CTX_HW_OFFSET = 64;
    /** Size of a stateful session's context buffer (HW_CTX_SIZE). */
    public static final int CTX_BUFFER_SIZE = 0x10000;

    private final int[] dw = new int[32];

    /** Zeroes every word. */
    public ZipSqe clear() {
        Arrays.fill(dw, 0);
        return this;
    }

    /** Copies all 32 words from {@code other}. */
    public ZipSqe copyFrom(ZipSqe other) {
        System.arraycopy(other.dw, 0, dw, 0, 32);
        return this;
    }

    /** Raw word {@code i} (tests, dumps). */
    public int word(int i) {
        return dw[i];
    }

    /** Sets raw word {@code i}. */
    public ZipSqe word(int i, int v) {
        dw[i] = v;
        return this;
    }

    // ---------------------------------------------------------------- memory

    /** Writes all 32 words at {@code off} (plain stores; the doorbell publishes them). */
    public void store(ByteBuffer region, int off) {
        for (int i = 0; i < 32; i++) {
            region.putInt(off + 4 * i, dw[i]);
        }
    }

    /**
     * Reads all 32 words from {@code off}, the status word (dw3) first and with acquire: a
     * status other than {@link #ST_NOT_WRITTEN} shows every result word the device stored
     * before it (see {@link #storeResult}).
     */
    public ZipSqe load(ByteBuffer region, int off) {
        dw[STATUS_WORD] = (int) INT_LE.getAcquire(region, off + 4 * STATUS_WORD);
        for (int i = 0; i < 32; i++) {
            if (i != STATUS_WORD) {
                dw[i] = region.getInt(off + 4 * i);
            }
        }
        return this;
    }

    /**
     * Device side: writes back the words the hardware updates (0-3, 9, 14, 15, 28-31), the status
     * word last and with release. A driver can read the slot before any CQE publishes it (a stale
     * CQE whose phase bit flipped names the slot being written); it then sees either the
     * sentinel status or all of the results, never a written status beside a stale checksum.
     */
    public void storeResult(ByteBuffer region, int off) {
        for (int i : RESULT_WORDS) {
            if (i != STATUS_WORD) {
                region.putInt(off + 4 * i, dw[i]);
            }
        }
        INT_LE.setRelease(region, off + 4 * STATUS_WORD, dw[STATUS_WORD]);
    }

    private static final int[] RESULT_WORDS = {0, 1, 2, 3, 9, 14, 15, 28, 29, 30, 31};

    // ---------------------------------------------------------------- fields

    public int consumed() {
        return dw[0];
    }

    public ZipSqe consumed(int v) {
        dw[0] = v;
        return this;
    }

    public int produced() {
        return dw[1];
    }

    public ZipSqe produced(int v) {
        dw[1] = v;
        return this;
    }

    public int compDataLength() {
        return dw[2];
    }

    public int dw3() {
        return dw[3];
    }

    /** dw3 7:0. */
    public int status() {
        return dw[3] & 0xff;
    }

    /** dw3 bit 8. */
    public boolean lastBlock() {
        return (dw[3] & LSTBLK) != 0;
    }

    /** Sets status and lstblk (dw3). */
    public ZipSqe status(int status, boolean lastBlock) {
        dw[3] = (status & 0xff) | (lastBlock ? LSTBLK : 0);
        return this;
    }

    /** The stream ended in this request: status 0x13 with the last-block bit. */
    public boolean streamEnd() {
        return status() == ST_DECOMP_END && lastBlock();
    }

    public int inputDataLength() {
        return dw[4];
    }

    public ZipSqe inputDataLength(int v) {
        dw[4] = v;
        return this;
    }

    public int dw7() {
        return dw[7];
    }

    /** dw7 bit 25. */
    public boolean finish() {
        return (dw[7] & FLUSH_FINISH) != 0;
    }

    /** dw7 bit 26. */
    public boolean stateful() {
        return (dw[7] & STREAM_MODE) != 0;
    }

    /** dw7 bit 27. */
    public boolean newStream() {
        return (dw[7] & NEW_STREAM) != 0;
    }

    /** dw7 31:28. */
    public int sqeType() {
        return dw[7] >>> 28;
    }

    /** Sets dw7: flush bit, stream mode, new stream, sqe_type; SGL offset 0. */
    public ZipSqe mode(boolean finish, boolean stateful, boolean newStream, int sqeType) {
        dw[7] = (finish ? FLUSH_FINISH : 0) | (stateful ? STREAM_MODE : 0) | (newStream ? NEW_STREAM : 0)
                | ((sqeType & 0xf) << 28);
        return this;
    }

    /** dw9 7:0. */
    public int requestType() {
        return dw[9] & 0xff;
    }

    /** dw9 11:8. */
    public int bufferType() {
        return (dw[9] >>> 8) & 0xf;
    }

    /** dw9 15:12. */
    public int windowCode() {
        return (dw[9] >>> 12) & 0xf;
    }

    /** Sets dw9. */
    public ZipSqe type(int requestType, int bufferType, int windowCode) {
        dw[9] = (requestType & 0xff) | ((bufferType & 0xf) << 8) | ((windowCode & 0xf) << 12);
        return this;
    }

    /** The tag in dw13 (sqe_type 0) and dw26 (sqe_type 3): both are written, either is checked. */
    public int tag() {
        return sqeType() == 3 ? dw[26] : dw[13];
    }

    public ZipSqe tag(int v) {
        dw[13] = v;
        dw[26] = v;
        return this;
    }

    public int destAvailOut() {
        return dw[14];
    }

    public ZipSqe destAvailOut(int v) {
        dw[14] = v;
        return this;
    }

    public int ctxDw0() {
        return dw[15];
    }

    public ZipSqe ctxDw0(int v) {
        dw[15] = v;
        return this;
    }

    public long sourceAddress() {
        return addr(18);
    }

    public ZipSqe sourceAddress(long a) {
        return addr(18, a);
    }

    public long destAddress() {
        return addr(20);
    }

    public ZipSqe destAddress(long a) {
        return addr(20, a);
    }

    public long streamCtxAddress() {
        return addr(22);
    }

    public ZipSqe streamCtxAddress(long a) {
        return addr(22, a);
    }

    public int ctxDw1() {
        return dw[28];
    }

    public ZipSqe ctxDw1(int v) {
        dw[28] = v;
        return this;
    }

    public int ctxDw2() {
        return dw[29];
    }

    public ZipSqe ctxDw2(int v) {
        dw[29] = v;
        return this;
    }

    public int isize() {
        return dw[30];
    }

    public ZipSqe isize(int v) {
        dw[30] = v;
        return this;
    }

    public int checksum() {
        return dw[31];
    }

    public ZipSqe checksum(int v) {
        dw[31] = v;
        return this;
    }

    private long addr(int lo) {
        return (dw[lo] & 0xffffffffL) | ((long) dw[lo + 1] << 32);
    }

    private ZipSqe addr(int lo, long a) {
        dw[lo] = (int) a;
        dw[lo + 1] = (int) (a >>> 32);
        return this;
    }

    /** Window code for a window of 2^bits bytes (UADK: 12..14 map to 0..2; 15 to 32K). */
    public static int windowCode(int bits) {
        switch (bits) {
            case 12:
                return WIN_4K;
            case 13:
                return WIN_8K;
            case 14:
                return WIN_16K;
            case 15:
                return WIN_32K;
            default:
                throw new IllegalArgumentException("no hardware window for 2^" + bits);
        }
    }

    /** A status the driver counts as success (ok, negative compression, end of decompression). */
    public static boolean isSuccess(int status) {
        return status == ST_OK || status == ST_NEGACOMPRESS || status == ST_DECOMP_END;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ZipSqe[");
        b.append("consumed=").append(consumed()).append(" produced=").append(produced())
                .append(String.format(" status=0x%02x%s", status(), lastBlock() ? "+lstblk" : ""))
                .append(" in=").append(inputDataLength()).append(" out=").append(destAvailOut())
                .append(String.format(" type=0x%02x", requestType()))
                .append(finish() ? " FINISH" : " SYNC").append(stateful() ? " stateful" : "")
                .append(newStream() ? " new" : "").append(" tag=").append(tag());
        return b.append(']').toString();
    }
}
