package io.warpdrive.soft;

import static io.warpdrive.soft.HuffmanDecodeTables.END_OF_BLOCK;
import static io.warpdrive.soft.HuffmanDecodeTables.INVALID;
import static io.warpdrive.soft.HuffmanDecodeTables.CODE_LEN_SHIFT;
import static io.warpdrive.soft.HuffmanDecodeTables.DROP_MASK;
import static io.warpdrive.soft.HuffmanDecodeTables.LITERAL;
import static io.warpdrive.soft.HuffmanDecodeTables.SUBTABLE;
import static io.warpdrive.soft.HuffmanDecodeTables.VALUE_MASK;
import static io.warpdrive.soft.HuffmanDecodeTables.VALUE_SHIFT;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The resumable inflater: a mode machine that can stop at any input or output byte and continue
 * on the next call, with zlib's observable behaviour (RFC 1950/1951).
 *
 * <h2>Modes</h2>
 * <pre>
 *   HEAD -> [DICTID -> DICT] -> TYPE            zlib header (raw streams start at TYPE)
 *   TYPE -> STORED -> COPY -> TYPE              stored block
 *   TYPE -> LEN                                 fixed block
 *   TYPE -> TABLE -> LENLENS -> CODELENS -> LEN dynamic block header
 *   LEN -> LIT -> LEN                           literal
 *   LEN -> LENEXT -> DIST -> DISTEXT -> MATCH -> LEN    length/distance pair
 *   LEN -> TYPE                                 end of block
 *   TYPE (after the last block) -> CHECK -> DONE        Adler-32 trailer (zlib only)
 *   any -> BAD                                  corrupt input; sticky until reset
 * </pre>
 *
 * <h2>Why the details follow zlib so closely</h2>
 * java.util.zip exposes more than the output: how many input bytes each call consumed, whether
 * an error surfaces in this call or the next, what the output buffer holds at that moment. Those
 * are decided by exactly when zlib pulls a byte into its bit accumulator (only when the bits in
 * hand are not enough), by the modes that decode ahead without output room (LEN decodes the next
 * symbol even when the output is full; MATCH and LIT wait for room; block headers are read
 * eagerly), and by the order of checks. Each mode below does the same pulls and checks in the same
 * order. The fast loop ({@link InflateFast}) is observably equivalent: it runs only with ample
 * input and output, stops on symbol boundaries and gives back the whole bytes it did not use. So
 * are {@link InflateTail} (the last bytes of the buffers: a symbol only when it can be finished)
 * and the bulk decoding of a header's code lengths, which stop before anything zlib would judge.
 */
final class Inflate {
    private Inflate() {
    }

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // Modes. BAD must stay last: window updates are skipped from BAD on.
    static final int HEAD = 0;
    static final int DICTID = 1;
    static final int DICT = 2;
    static final int TYPE = 3;
    static final int STORED = 4;
    static final int COPY = 5;
    static final int TABLE = 6;
    static final int LENLENS = 7;
    static final int CODELENS = 8;
    static final int LEN = 9;
    static final int LENEXT = 10;
    static final int DIST = 11;
    static final int DISTEXT = 12;
    static final int MATCH = 13;
    static final int LIT = 14;
    static final int CHECK = 15;
    static final int DONE = 16;
    static final int BAD = 17;

    // Results, numbered as zlib's return codes.
    static final int OK = 0;
    static final int STREAM_END = 1;
    static final int NEED_DICT = 2;
    static final int STREAM_ERROR = -2;
    static final int DATA_ERROR = -3;
    static final int BUF_ERROR = -5;

    /**
     * Fast loop entry: enough input for two 8-byte refills; room for up to two literal pairs
     * (4 bytes) written before a length is decoded, plus the longest match (258).
     */
    static final int FAST_MIN_INPUT = 16;
    static final int FAST_MIN_OUTPUT = 4 + 258;

    /**
     * Sets up a new or pooled state for a new stream: every field a stream reads before writing
     * it gets a new state's value (zero), then inflateReset.
     */
    static void init(InflateState s, boolean zlibWrapper) {
        s.zlibWrapper = zlibWrapper;
        s.length = 0;
        s.offset = 0;
        s.extra = 0;
        s.litlenBits = 0;
        s.distBits = 0;
        s.nlen = 0;
        s.ndist = 0;
        s.ncode = 0;
        s.have = 0;
        s.check = 0;
        s.adler = 0;
        s.inPos = 0;
        s.outPos = 0;
        s.consumed = 0;
        s.produced = 0;
        reset(s);
    }

    static void reset(InflateState s) {
        s.mode = s.zlibWrapper ? HEAD : TYPE;
        s.last = false;
        s.haveDict = false;
        s.hold = 0;
        s.bits = 0;
        s.whave = 0;
        s.wnext = 0;
        s.msg = null;
        s.litlenTable = null;
        s.distTable = null;
        if (s.zlibWrapper) {
            // zlib resets the reported check value only for wrapped streams; a raw stream keeps
            // whatever it had (zero from the JDK's zeroed z_stream).
            s.adler = 1;
        }
    }

    /**
     * One inflate call, as zlib's inflate(Z_PARTIAL_FLUSH): decodes from {@code in[inOff, inOff+inLen)}
     * into {@code out[outOff, outOff+outLen)}; sets {@code consumed}/{@code produced}.
     * Caller has validated the ranges.
     */
    static int inflate(InflateState s, byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        final int inEnd = inOff + inLen;
        final int outEnd = outOff + outLen;
        int inPos = inOff;
        int outPos = outOff;
        int checkFrom = outOff; // output from here on is not yet in the Adler-32
        long hold = s.hold;
        int bits = s.bits;
        int ret = OK;

        leave:
        for (;;) {
            switch (s.mode) {
                case HEAD: {
                    while (bits < 16) {
                        if (inPos == inEnd) break leave;
                        hold |= (in[inPos++] & 0xffL) << bits;
                        bits += 8;
                    }
                    int cmf = (int) hold & 0xff;
                    int flg = (int) (hold >>> 8) & 0xff;
                    if (((cmf << 8) + flg) % 31 != 0) {
                        bad(s, "incorrect header check");
                        break;
                    }
                    if ((cmf & 0xf) != 8) {
                        bad(s, "unknown compression method");
                        break;
                    }
                    hold >>>= 4;
                    bits -= 4;
                    if ((cmf >>> 4) + 8 > 15) {
                        bad(s, "invalid window size");
                        break;
                    }
                    s.adler = s.check = 1;
                    s.mode = (flg & 0x20) != 0 ? DICTID : TYPE;
                    hold = 0;
                    bits = 0;
                    break;
                }
                case DICTID: {
                    while (bits < 32) {
                        if (inPos == inEnd) break leave;
                        hold |= (in[inPos++] & 0xffL) << bits;
                        bits += 8;
                    }
                    s.adler = s.check = Integer.reverseBytes((int) hold);
                    hold = 0;
                    bits = 0;
                    s.mode = DICT;
                    break;
                }
                case DICT: {
                    if (!s.haveDict) {
                        // zlib returns here directly: no window or check update, nothing produced.
                        s.hold = hold;
                        s.bits = bits;
                        s.consumed = inPos - inOff;
                        s.produced = 0;
                        return NEED_DICT;
                    }
                    s.adler = s.check = 1;
                    s.mode = TYPE;
                    break;
                }
                case TYPE: {
                    if (s.last) {
                        hold >>>= bits & 7;
                        bits -= bits & 7;
                        s.mode = CHECK;
                        break;
                    }
                    while (bits < 3) {
                        if (inPos == inEnd) break leave;
                        hold |= (in[inPos++] & 0xffL) << bits;
                        bits += 8;
                    }
                    s.last = (hold & 1) != 0;
                    switch ((int) (hold >>> 1) & 3) {
                        case 0:
                            s.mode = STORED;
                            break;
                        case 1:
                            s.litlenTable = InflateTables.FIXED_LITLEN;
                            s.distTable = InflateTables.FIXED_DIST;
                            s.litlenBits = InflateTables.FIXED_LITLEN_BITS;
                            s.distBits = InflateTables.FIXED_DIST_BITS;
                            s.mode = LEN;
                            break;
                        case 2:
                            s.mode = TABLE;
                            break;
                        default:
                            bad(s, "invalid block type");
                            break;
                    }
                    hold >>>= 3;
                    bits -= 3;
                    break;
                }
                case STORED: {
                    hold >>>= bits & 7;
                    bits -= bits & 7;
                    while (bits < 32) {
                        if (inPos == inEnd) break leave;
                        hold |= (in[inPos++] & 0xffL) << bits;
                        bits += 8;
                    }
                    int len = (int) hold & 0xffff;
                    if (len != (((int) (hold >>> 16) & 0xffff) ^ 0xffff)) {
                        bad(s, "invalid stored block lengths");
                        break;
                    }
                    s.length = len;
                    hold = 0;
                    bits = 0;
                    s.mode = COPY;
                    break;
                }
                case COPY: {
                    int n = s.length;
                    if (n == 0) {
                        s.mode = TYPE;
                        break;
                    }
                    n = Math.min(n, Math.min(inEnd - inPos, outEnd - outPos));
                    if (n == 0) break leave;
                    System.arraycopy(in, inPos, out, outPos, n);
                    inPos += n;
                    outPos += n;
                    s.length -= n;
                    break;
                }
                case TABLE: {
                    while (bits < 14) {
                        if (inPos == inEnd) break leave;
                        hold |= (in[inPos++] & 0xffL) << bits;
                        bits += 8;
                    }
                    s.nlen = ((int) hold & 0x1f) + 257;
                    s.ndist = ((int) (hold >>> 5) & 0x1f) + 1;
                    s.ncode = ((int) (hold >>> 10) & 0xf) + 4;
                    hold >>>= 14;
                    bits -= 14;
                    if (s.nlen > 286 || s.ndist > 30) {
                        bad(s, "too many length or distance symbols");
                        break;
                    }
                    s.have = 0;
                    s.mode = LENLENS;
                    break;
                }
                case LENLENS: {
                    final byte[] lens = s.lens;
                    while (s.have < s.ncode) {
                        while (bits < 3) {
                            if (inPos == inEnd) break leave;
                            hold |= (in[inPos++] & 0xffL) << bits;
                            bits += 8;
                        }
                        lens[InflateTables.CODE_LENGTH_ORDER[s.have++]] = (byte) (hold & 7);
                        hold >>>= 3;
                        bits -= 3;
                    }
                    while (s.have < 19) {
                        lens[InflateTables.CODE_LENGTH_ORDER[s.have++]] = 0;
                    }
                    if (HuffmanDecodeTables.build(s.precodeTable, lens, 0, 19,
                            HuffmanDecodeTables.KIND_PRECODE, s.scratch) < 0) {
                        bad(s, "invalid code lengths set");
                        break;
                    }
                    s.have = 0;
                    s.mode = CODELENS;
                    break;
                }
                case CODELENS: {
                    final byte[] lens = s.lens;
                    final int[] pre = s.precodeTable;
                    final int total = s.nlen + s.ndist;
                    if (inEnd - inPos >= 8 && s.have < total) {
                        s.hold = hold;
                        s.bits = bits;
                        s.inPos = inPos;
                        bulkCodeLengths(s, in, inEnd, total);
                        hold = s.hold;
                        bits = s.bits;
                        inPos = s.inPos;
                    }
                    boolean failed = false;
                    while (s.have < total) {
                        int e;
                        for (;;) {
                            e = pre[(int) hold & (HuffmanDecodeTables.PRECODE_TABLE_SIZE - 1)];
                            if (codeLength(e) <= bits) break;
                            if (inPos == inEnd) break leave;
                            hold |= (in[inPos++] & 0xffL) << bits;
                            bits += 8;
                        }
                        int codeBits = codeLength(e);
                        int sym = value(e);
                        if (sym < 16) {
                            hold >>>= codeBits;
                            bits -= codeBits;
                            lens[s.have++] = (byte) sym;
                            continue;
                        }
                        // Repeat codes: zlib first gathers the code and its extra bits, then checks.
                        int extraBits = sym == 16 ? 2 : sym == 17 ? 3 : 7;
                        while (bits < codeBits + extraBits) {
                            if (inPos == inEnd) break leave;
                            hold |= (in[inPos++] & 0xffL) << bits;
                            bits += 8;
                        }
                        hold >>>= codeBits;
                        bits -= codeBits;
                        int value;
                        int repeat;
                        if (sym == 16) {
                            if (s.have == 0) {
                                bad(s, "invalid bit length repeat");
                                failed = true;
                                break;
                            }
                            value = lens[s.have - 1];
                            repeat = 3 + ((int) hold & 3);
                        } else if (sym == 17) {
                            value = 0;
                            repeat = 3 + ((int) hold & 7);
                        } else {
                            value = 0;
                            repeat = 11 + ((int) hold & 0x7f);
                        }
                        hold >>>= extraBits;
                        bits -= extraBits;
                        if (s.have + repeat > total) {
                            bad(s, "invalid bit length repeat");
                            failed = true;
                            break;
                        }
                        while (repeat-- > 0) {
                            lens[s.have++] = (byte) value;
                        }
                    }
                    if (failed) {
                        break;
                    }
                    if (lens[256] == 0) {
                        bad(s, "invalid code -- missing end-of-block");
                        break;
                    }
                    int litlenBits = HuffmanDecodeTables.build(s.dynLitlen, lens, 0, s.nlen,
                            HuffmanDecodeTables.KIND_LITLEN, s.scratch);
                    if (litlenBits < 0) {
                        bad(s, "invalid literal/lengths set");
                        break;
                    }
                    int distBits = HuffmanDecodeTables.build(s.dynDist, lens, s.nlen, s.ndist,
                            HuffmanDecodeTables.KIND_DIST, s.scratch);
                    if (distBits < 0) {
                        bad(s, "invalid distances set");
                        break;
                    }
                    s.litlenBits = litlenBits;
                    s.distBits = distBits;
                    s.litlenTable = s.dynLitlen;
                    s.distTable = s.dynDist;
                    s.mode = LEN;
                    break;
                }
                case LEN: {
                    s.hold = hold;
                    s.bits = bits;
                    s.inPos = inPos;
                    s.outPos = outPos;
                    if (inEnd - inPos >= FAST_MIN_INPUT && outEnd - outPos >= FAST_MIN_OUTPUT) {
                        InflateFast.run(s, in, inEnd, out, outOff, outEnd);
                    }
                    if (s.mode == LEN) {
                        InflateTail.run(s, in, inEnd, out, outOff, outEnd);
                    }
                    hold = s.hold;
                    bits = s.bits;
                    inPos = s.inPos;
                    outPos = s.outPos;
                    if (s.mode != LEN) {
                        break;
                    }
                    long found;
                    while ((found = lookup(s.litlenTable, s.litlenBits, hold, bits)) < 0) {
                        if (inPos == inEnd) break leave;
                        hold |= (in[inPos++] & 0xffL) << bits;
                        bits += 8;
                    }
                    int e = (int) found;
                    int drop = (int) (found >>> 32);
                    hold >>>= drop;
                    bits -= drop;
                    if ((e & LITERAL) != 0) {
                        s.length = (e >>> HuffmanDecodeTables.LITERAL_SHIFT) & 0xff; // first of a pair
                        s.mode = LIT;
                    } else if ((e & END_OF_BLOCK) != 0) {
                        s.mode = TYPE;
                    } else if ((e & INVALID) != 0) {
                        bad(s, "invalid literal/length code");
                    } else {
                        s.length = value(e);
                        s.extra = (e & DROP_MASK) - codeLength(e);
                        s.mode = LENEXT;
                    }
                    break;
                }
                case LENEXT:
                case DISTEXT: {
                    // The extra bits of a length or a distance, added to the base its code gave.
                    int x = s.extra;
                    while (bits < x) {
                        if (inPos == inEnd) break leave;
                        hold |= (in[inPos++] & 0xffL) << bits;
                        bits += 8;
                    }
                    int v = (int) hold & ((1 << x) - 1);
                    hold >>>= x;
                    bits -= x;
                    if (s.mode == LENEXT) {
                        s.length += v;
                        s.mode = DIST;
                    } else {
                        s.offset += v;
                        s.mode = MATCH;
                    }
                    break;
                }
                case DIST: {
                    long found;
                    while ((found = lookup(s.distTable, s.distBits, hold, bits)) < 0) {
                        if (inPos == inEnd) break leave;
                        hold |= (in[inPos++] & 0xffL) << bits;
                        bits += 8;
                    }
                    int e = (int) found;
                    int drop = (int) (found >>> 32);
                    hold >>>= drop;
                    bits -= drop;
                    if ((e & INVALID) != 0) {
                        bad(s, "invalid distance code");
                        break;
                    }
                    s.offset = value(e);
                    s.extra = (e & DROP_MASK) - codeLength(e);
                    s.mode = DISTEXT;
                    break;
                }
                case MATCH: {
                    int left = outEnd - outPos;
                    if (left == 0) break leave;
                    int producedNow = outPos - outOff;
                    int n;
                    if (s.offset > producedNow) {
                        // The match starts in output of earlier calls, which lives in the window.
                        int back = s.offset - producedNow;
                        if (back > s.whave) {
                            bad(s, "invalid distance too far back");
                            break;
                        }
                        int from = s.wnext - back;
                        if (from < 0) {
                            from += InflateState.WSIZE;
                        }
                        n = Math.min(Math.min(back, s.length), left);
                        n = Math.min(n, InflateState.WSIZE - from); // up to the wrap; loop continues
                        System.arraycopy(s.window, from, out, outPos, n);
                    } else {
                        n = Math.min(s.length, left);
                        int from = outPos - s.offset;
                        for (int i = 0; i < n; i++) {
                            out[outPos + i] = out[from + i];
                        }
                    }
                    outPos += n;
                    s.length -= n;
                    if (s.length == 0) {
                        s.mode = LEN;
                    }
                    break;
                }
                case LIT: {
                    if (outPos == outEnd) break leave;
                    out[outPos++] = (byte) s.length;
                    s.mode = LEN;
                    break;
                }
                case CHECK: {
                    if (s.zlibWrapper) {
                        while (bits < 32) {
                            if (inPos == inEnd) break leave;
                            hold |= (in[inPos++] & 0xffL) << bits;
                            bits += 8;
                        }
                        if (outPos > checkFrom) {
                            s.check = Adler32Sum.update(s.check, out, checkFrom, outPos - checkFrom);
                            s.adler = s.check;
                            checkFrom = outPos;
                        }
                        if (Integer.reverseBytes((int) hold) != s.check) {
                            bad(s, "incorrect data check");
                            break;
                        }
                        hold = 0;
                        bits = 0;
                    }
                    s.mode = DONE;
                    break;
                }
                case DONE:
                    ret = STREAM_END;
                    break leave;
                default: // BAD
                    ret = DATA_ERROR;
                    break leave;
            }
        }

        s.hold = hold;
        s.bits = bits;
        int produced = outPos - outOff;
        if (produced > 0) {
            if (s.mode < BAD) {
                updateWindow(s, out, outOff, produced);
            }
            if (s.zlibWrapper && outPos > checkFrom) {
                s.check = Adler32Sum.update(s.check, out, checkFrom, outPos - checkFrom);
                s.adler = s.check;
            }
        }
        s.consumed = inPos - inOff;
        s.produced = produced;
        if (ret == OK && s.consumed == 0 && produced == 0) {
            ret = BUF_ERROR;
        }
        return ret;
    }

    /**
     * Decodes code lengths (CODELENS) from 8-byte refills while at least 8 input bytes remain,
     * up to {@code total}. Stops before a repeat that zlib rejects, leaving it to the mode
     * machine to report, then gives back the whole bytes it did not use (never more than it
     * pulled), so the mode machine goes on from zlib's state: after a finished code length
     * zlib holds fewer than 8 bits. A refill gives at least 56 bits: four code lengths of at
     * most 7 + 7 bits.
     */
    private static void bulkCodeLengths(InflateState s, byte[] in, int inEnd, int total) {
        final byte[] lens = s.lens;
        final int[] pre = s.precodeTable;
        final int start = s.inPos;
        int inPos = start;
        long hold = s.hold;
        int bits = s.bits;
        int have = s.have;
        refills:
        while (inEnd - inPos >= 8) {
            hold |= (long) LONG_LE.get(in, inPos) << bits;
            inPos += (63 - bits) >>> 3;
            bits |= 56;
            for (int k = 0; k < 4; k++) {
                if (have == total) {
                    break refills;
                }
                int e = pre[(int) hold & (HuffmanDecodeTables.PRECODE_TABLE_SIZE - 1)];
                int codeBits = codeLength(e);
                int sym = value(e);
                if (sym < 16) {
                    hold >>>= codeBits;
                    bits -= codeBits;
                    lens[have++] = (byte) sym;
                    continue;
                }
                int extraBits = sym == 16 ? 2 : sym == 17 ? 3 : 7;
                int x = (int) (hold >>> codeBits) & ((1 << extraBits) - 1);
                int repeat = sym == 18 ? 11 + x : 3 + x;
                if ((sym == 16 && have == 0) || have + repeat > total) {
                    break refills;
                }
                long v = sym == 16 ? (lens[have - 1] & 0xffL) * 0x0101010101010101L : 0;
                hold >>>= codeBits + extraBits;
                bits -= codeBits + extraBits;
                // 8 lengths per store; up to 7 past the run, into slots written later (or
                // never read: lens has 8 spare bytes after the largest total, 316).
                for (int j = have; j < have + repeat; j += 8) {
                    LONG_LE.set(lens, j, v);
                }
                have += repeat;
            }
        }
        s.have = have;
        giveBack(s, hold, bits, inPos, start);
    }

    /**
     * Ends a run that refilled 8 bytes at a time from {@code start}: puts the whole bytes it did
     * not use back to the input, but never more than it pulled (a stream that ran dry inside a
     * code comes in with 8 or more bits held, and when that code is not finished in the run,
     * the mode machine must find exactly those bits again), and stores hold, bits and inPos.
     */
    static void giveBack(InflateState s, long hold, int bits, int inPos, int start) {
        int unused = Math.min(bits >>> 3, inPos - start);
        bits -= unused << 3;
        s.hold = hold & ((1L << bits) - 1);
        s.bits = bits;
        s.inPos = inPos - unused;
    }

    /**
     * Decodes the code at the bottom of {@code hold} with a root table of {@code rootBits} and
     * its subtables: the entry in the low half and the code's whole length in the high half, or
     * -1 while fewer bits are held than the code needs (the caller then reads another byte).
     * Literal entries use bit 15 for the literal, so only a non-negative entry can point to a
     * subtable; distance tables have no literal entries.
     */
    private static long lookup(int[] table, int rootBits, long hold, int bits) {
        int e = table[(int) hold & ((1 << rootBits) - 1)];
        int drop = codeLength(e);
        if (e >= 0 && (e & SUBTABLE) != 0) {
            if (bits < rootBits) {
                return -1;
            }
            int sub = table[value(e) + ((int) (hold >>> rootBits) & ((1 << drop) - 1))];
            int total = rootBits + codeLength(sub);
            return total <= bits ? (long) total << 32 | (sub & 0xffffffffL) : -1;
        }
        return drop <= bits ? (long) drop << 32 | (e & 0xffffffffL) : -1;
    }

    static int codeLength(int entry) {
        return (entry >>> CODE_LEN_SHIFT) & 0xf;
    }

    static int value(int entry) {
        return (entry >>> VALUE_SHIFT) & VALUE_MASK;
    }

    static void bad(InflateState s, String message) {
        s.msg = message;
        s.mode = BAD;
    }

    /**
     * zlib's inflateSetDictionary: accepted at any time in raw mode, and in zlib mode only while
     * the stream waits for it and only if its Adler-32 matches the id in the header.
     */
    static int setDictionary(InflateState s, byte[] dict, int off, int len) {
        if (s.zlibWrapper && s.mode != DICT) {
            return STREAM_ERROR;
        }
        if (s.mode == DICT && Adler32Sum.update(1, dict, off, len) != s.check) {
            return DATA_ERROR;
        }
        updateWindow(s, dict, off, len);
        s.haveDict = true;
        return OK;
    }

    /** Appends {@code b[off, off+len)} to the circular window, keeping its last WSIZE bytes. */
    static void updateWindow(InflateState s, byte[] b, int off, int len) {
        final int size = InflateState.WSIZE;
        if (len >= size) {
            System.arraycopy(b, off + len - size, s.window, 0, size);
            s.wnext = 0;
            s.whave = size;
            return;
        }
        int first = Math.min(size - s.wnext, len);
        System.arraycopy(b, off, s.window, s.wnext, first);
        int rest = len - first;
        if (rest > 0) {
            System.arraycopy(b, off + first, s.window, 0, rest);
            s.wnext = rest;
            s.whave = size;
        } else {
            s.wnext += first;
            if (s.wnext == size) {
                s.wnext = 0;
            }
            if (s.whave < size) {
                s.whave += first;
            }
        }
    }
}
