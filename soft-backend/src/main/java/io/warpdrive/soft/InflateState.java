package io.warpdrive.soft;

/**
 * Everything one inflate stream remembers between calls: plain fields, no logic (the logic is in
 * {@link Inflate} and {@link InflateFast}). Heap per instance: the 32 KiB window, 16 KiB of
 * decode tables and 1.5 KiB of code lengths and scratch: about 50 KiB, under the 64 KiB budget.
 */
final class InflateState {
    /** Sliding window size: DEFLATE distances reach back at most 32 KiB. */
    static final int WSIZE = 32768;

    // ---- configuration ----
    /** True for a zlib-wrapped stream (RFC 1950), false for raw DEFLATE; set by Inflate.init. */
    boolean zlibWrapper;

    // ---- where the decoder is ----
    /** Current mode, one of the {@link Inflate} mode constants. */
    int mode;
    /** True once the final block's header has been read. */
    boolean last;
    /** True after a dictionary was supplied for an FDICT stream. */
    boolean haveDict;

    // ---- bit accumulator (carried between calls; only whole bytes are ever taken from input) ----
    /** Pending input bits, least significant first; bits above {@link #bits} are zero. */
    long hold;
    /** Number of valid bits in {@link #hold}, 0..63. */
    int bits;

    // ---- current block / symbol ----
    /** Bytes left in a stored block, or the literal byte, or the match length, by mode. */
    int length;
    /** Match distance in bytes. */
    int offset;
    /** Extra bits still to read for the current length or distance. */
    int extra;
    /** Decode table for literal/length symbols of the current block (dynamic or fixed). */
    int[] litlenTable;
    /** Decode table for distance symbols of the current block. */
    int[] distTable;
    /** Root index width of {@link #litlenTable}, in bits. */
    int litlenBits;
    /** Root index width of {@link #distTable}, in bits. */
    int distBits;

    // ---- dynamic block header ----
    /** Number of literal/length codes (257..286). */
    int nlen;
    /** Number of distance codes (1..30). */
    int ndist;
    /** Number of code length codes (4..19). */
    int ncode;
    /** Code lengths read so far. */
    int have;
    /**
     * Code lengths: precode lengths first, then literal/length followed by distance lengths
     * (at most 286 + 30), and 8 spare bytes for the 8-byte stores of repeated lengths.
     */
    final byte[] lens = new byte[328];
    /** Decode table of the code length code. */
    final int[] precodeTable = new int[HuffmanDecodeTables.PRECODE_TABLE_SIZE];
    /** Decode table storage for dynamic literal/length codes. */
    final int[] dynLitlen = new int[HuffmanDecodeTables.LITLEN_TABLE_SIZE];
    /** Decode table storage for dynamic distance codes. */
    final int[] dynDist = new int[HuffmanDecodeTables.DIST_TABLE_SIZE];
    /** Scratch for the table builder. */
    final HuffmanDecodeTables.Scratch scratch = new HuffmanDecodeTables.Scratch();

    // ---- window: the last 32 KiB of output, for matches that reach into earlier calls ----
    /** Circular window; filled at the end of each call, as zlib's updatewindow does. */
    final byte[] window = new byte[WSIZE];
    /** Valid bytes in {@link #window} (0..WSIZE). */
    int whave;
    /** Next write position in {@link #window}. */
    int wnext;

    // ---- check value and results ----
    /** Running Adler-32 of the output (zlib mode), or the dictionary id while one is wanted. */
    int check;
    /** The value getAdler() reports: zlib's strm->adler. */
    int adler;
    /** zlib's message once the stream is corrupt (mode BAD), else null. */
    String msg;
    /** Input position handed between the mode machine and the fast loop within one call. */
    int inPos;
    /** Output position handed between the mode machine and the fast loop within one call. */
    int outPos;
    /** Input bytes consumed by the last call. */
    int consumed;
    /** Output bytes produced by the last call. */
    int produced;

    /** A blank state; {@link Inflate#init} sets it up for a stream. */
    InflateState() {
    }
}
