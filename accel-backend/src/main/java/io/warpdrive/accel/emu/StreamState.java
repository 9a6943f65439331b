package io.warpdrive.accel.emu;

import io.warpdrive.soft.SoftDeflater;
import io.warpdrive.soft.SoftInflater;

import java.util.zip.CRC32;

/**
 * What one engine keeps for a stream between stateful requests (on silicon: the context memory
 * at stream_ctx_addr and the engine's SRAM). Here the window lives inside the soft engine, so the
 * model keeps this object keyed by the context address and forgets it when that memory is unmapped.
 *
 * <p>Guarded by the serving core: requests of one stream arrive one at a time.
 */
final class StreamState {
    /** Request type the stream was opened with (dw9 7:0). */
    int requestType;
    /** True for a compression stream. */
    boolean compress;

    /** Decoder (raw DEFLATE); created on first use, reset per stream. */
    SoftInflater inflater;
    /** Encoder (raw DEFLATE at the model's level); created on first use, reset per stream. */
    SoftDeflater deflater;

    /** Decompression: the final block was decoded; what follows is the trailer. */
    boolean dataEnd;
    /** Decompression: trailer checked, the stream is over. Compression: FINISH completed. */
    boolean ended;
    /** Trailer bytes gathered (decompression) or still to write (compression), in {@link #trailer}. */
    final byte[] trailer = new byte[8];
    int trailerHave;
    int trailerLen;
    int trailerSent;

    /** gzip running CRC-32 (zlib's Adler-32 travels in dw31 instead). */
    final CRC32 crc = new CRC32();
    /** Uncompressed bytes so far (isize). */
    long total;

    void open(int requestType, boolean compress) {
        this.requestType = requestType;
        this.compress = compress;
        dataEnd = false;
        ended = false;
        trailerHave = 0;
        trailerLen = 0;
        trailerSent = 0;
        crc.reset();
        total = 0;
        if (inflater != null) {
            inflater.reset();
        }
        if (deflater != null) {
            deflater.reset();
        }
    }

    void release() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
        inflater = null;
    }
}
