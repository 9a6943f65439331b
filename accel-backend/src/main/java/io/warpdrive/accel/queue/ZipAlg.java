package io.warpdrive.accel.queue;

/**
 * The data formats a hisi_zip request can carry, with the fixed header the driver writes in front
 * of compressed data (the hardware never writes or parses headers; it writes the data and, for
 * zlib and gzip, the trailer).
 */
public enum ZipAlg {
    /** Raw DEFLATE: no header, no trailer. */
    DEFLATE(ZipSqe.REQ_DEFLATE, new byte[0]),
    /** zlib: CMF 0x78 (32 KiB window), FLG 0x9C (default level, no dictionary); Adler-32 trailer. */
    ZLIB(ZipSqe.REQ_ZLIB, new byte[] {0x78, (byte) 0x9c}),
    /** gzip: ID1 ID2 CM=8, no flags, no time, XFL 0, OS 3 (Unix); CRC-32 and ISIZE trailer. */
    GZIP(ZipSqe.REQ_GZIP, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});

    /** dw9 request type. */
    public final int requestType;
    private final byte[] header;

    ZipAlg(int requestType, byte[] header) {
        this.requestType = requestType;
        this.header = header;
    }

    /** Length of the header the driver writes (compression) or that precedes the data (decompression). */
    public int headerLength() {
        return header.length;
    }

    /** A copy of the fixed header. */
    public byte[] header() {
        return header.clone();
    }
}
