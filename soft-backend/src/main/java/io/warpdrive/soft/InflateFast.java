package io.warpdrive.soft;

import static io.warpdrive.soft.HuffmanDecodeTables.END_OF_BLOCK;
import static io.warpdrive.soft.HuffmanDecodeTables.CODE_LEN_SHIFT;
import static io.warpdrive.soft.HuffmanDecodeTables.DROP_MASK;
import static io.warpdrive.soft.HuffmanDecodeTables.INVALID;
import static io.warpdrive.soft.HuffmanDecodeTables.LITERAL_SHIFT;
import static io.warpdrive.soft.HuffmanDecodeTables.PAIR;
import static io.warpdrive.soft.HuffmanDecodeTables.SECOND_LITERAL_SHIFT;
import static io.warpdrive.soft.HuffmanDecodeTables.VALUE_MASK;
import static io.warpdrive.soft.HuffmanDecodeTables.VALUE_SHIFT;
import static io.warpdrive.soft.HuffmanDecodeTables.SUBTABLE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast decode loop for the body of a Huffman block, entered from {@link Inflate}'s LEN mode.
 *
 * <h2>Entry assumptions</h2>
 * The state is in LEN mode at a symbol boundary with fewer than 8 bits held and no bits above
 * {@code bits} set. Each iteration starts only while at least 16 input bytes and 262 output bytes
 * remain: 16 bytes pay for two unconditional 8-byte refills in one iteration; 262 covers two
 * literal pairs written before a length turns up plus the longest match (258), or three pairs.
 * So nothing inside the loop checks a bound per byte.
 *
 * <h2>Bit accumulator</h2>
 * A refill ORs the next 8 input bytes in above the held bits and then counts only the whole bytes
 * that fit (libdeflate's branchless refill): afterwards 56..63 bits are valid. The bits above the
 * valid ones hold a copy of the next byte's low bits; the next refill ORs the very same bits over
 * them, so they never corrupt anything, and they are masked off on exit. One refill covers the
 * longest length/distance pair (15 + 5 + 15 + 13 = 48 bits) or three literals (45 bits).
 *
 * <h2>Exit</h2>
 * On a symbol boundary: when the margins run out (mode stays LEN), at end of block (TYPE), or on
 * corrupt data (BAD). Whole unused bytes go back to the input, so the caller sees exactly the
 * bytes zlib would have consumed: those holding the bits used so far.
 */
final class InflateFast {
    private InflateFast() {
    }

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static void run(InflateState s, byte[] in, int inEnd, byte[] out, int outStart, int outEnd) {
        final int[] lt = s.litlenTable;
        final int[] dt = s.distTable;
        final int litlenMask = (1 << s.litlenBits) - 1;
        final int distMask = (1 << s.distBits) - 1;
        final int inLimit = inEnd - Inflate.FAST_MIN_INPUT;
        final int outLimit = outEnd - Inflate.FAST_MIN_OUTPUT;
        int inPos = s.inPos;
        int outPos = s.outPos;
        long hold = s.hold;
        int bits = s.bits;

        while (inPos <= inLimit && outPos <= outLimit) {
            hold |= (long) LONG_LE.get(in, inPos) << bits;
            inPos += (63 - bits) >>> 3;
            bits |= 56;

            int e = lt[(int) hold & litlenMask];
            if (e < 0) {
                // Up to three literal entries (single or pair) per refill: 3 x 15 bits leave at
                // least 11 bits, enough for the next root lookup; at most 6 bytes are written,
                // or 4 before a match of up to 258: both inside the 262 bytes of room.
                hold >>>= e;
                bits -= e & DROP_MASK;
                out[outPos] = (byte) (e >>> LITERAL_SHIFT);
                if ((e & PAIR) != 0) {
                    out[outPos + 1] = (byte) (e >>> SECOND_LITERAL_SHIFT);
                    outPos += 2;
                } else {
                    outPos++;
                }
                e = lt[(int) hold & litlenMask];
                if (e < 0) {
                    hold >>>= e;
                    bits -= e & DROP_MASK;
                    out[outPos] = (byte) (e >>> LITERAL_SHIFT);
                    if ((e & PAIR) != 0) {
                        out[outPos + 1] = (byte) (e >>> SECOND_LITERAL_SHIFT);
                        outPos += 2;
                    } else {
                        outPos++;
                    }
                    e = lt[(int) hold & litlenMask];
                    if (e < 0) {
                        hold >>>= e;
                        bits -= e & DROP_MASK;
                        out[outPos] = (byte) (e >>> LITERAL_SHIFT);
                        if ((e & PAIR) != 0) {
                            out[outPos + 1] = (byte) (e >>> SECOND_LITERAL_SHIFT);
                            outPos += 2;
                        } else {
                            outPos++;
                        }
                        continue;
                    }
                }
                // A length follows: refill so that the whole pair (48 bits at most) is in hand.
                // Safe: the first refill advanced at most 7 bytes from inPos <= inEnd - 16.
                hold |= (long) LONG_LE.get(in, inPos) << bits;
                inPos += (63 - bits) >>> 3;
                bits |= 56;
            }
            if ((e & SUBTABLE) != 0) {
                hold >>>= e;
                bits -= e & DROP_MASK;
                e = lt[((e >>> VALUE_SHIFT) & VALUE_MASK) + ((int) hold & ((1 << ((e >>> CODE_LEN_SHIFT) & 0xf)) - 1))];
                if (e < 0) { // subtable literals are never pairs
                    hold >>>= e;
                    bits -= e & DROP_MASK;
                    out[outPos++] = (byte) (e >>> LITERAL_SHIFT);
                    continue;
                }
            }
            if ((e & (END_OF_BLOCK | INVALID)) != 0) {
                hold >>>= e;
                bits -= e & DROP_MASK;
                if ((e & END_OF_BLOCK) != 0) {
                    s.mode = Inflate.TYPE;
                } else {
                    Inflate.bad(s, "invalid literal/length code");
                }
                break;
            }
            long h = hold;
            hold >>>= e;
            bits -= e & DROP_MASK;
            int length = ((e >>> VALUE_SHIFT) & VALUE_MASK)
                    + (int) ((h & ((1L << (e & DROP_MASK)) - 1)) >>> ((e >>> CODE_LEN_SHIFT) & 0xf));

            int d = dt[(int) hold & distMask];
            if ((d & SUBTABLE) != 0) {
                hold >>>= d;
                bits -= d & DROP_MASK;
                d = dt[((d >>> VALUE_SHIFT) & VALUE_MASK) + ((int) hold & ((1 << ((d >>> CODE_LEN_SHIFT) & 0xf)) - 1))];
            }
            h = hold;
            hold >>>= d;
            bits -= d & DROP_MASK;
            if ((d & INVALID) != 0) {
                Inflate.bad(s, "invalid distance code");
                break;
            }
            int dist = ((d >>> VALUE_SHIFT) & VALUE_MASK)
                    + (int) ((h & ((1L << (d & DROP_MASK)) - 1)) >>> ((d >>> CODE_LEN_SHIFT) & 0xf));

            int producedNow = outPos - outStart;
            if (dist > producedNow) {
                int back = dist - producedNow;
                if (back > s.whave) {
                    Inflate.bad(s, "invalid distance too far back");
                    break;
                }
                outPos = copyFromWindow(s, back, length, out, outStart, outPos);
            } else if (dist >= 8) {
                // Word copies never write past the match end: the last word overlaps the one
                // before it instead. Each word's source is final before it is read, because
                // dist >= 8 keeps the source at least one word behind the destination.
                int from = outPos - dist;
                if (length >= 8 && dist >= length) {
                    int end = outPos + length;
                    do {
                        LONG_LE.set(out, outPos, (long) LONG_LE.get(out, from));
                        outPos += 8;
                        from += 8;
                    } while (outPos < end - 8);
                    LONG_LE.set(out, end - 8, (long) LONG_LE.get(out, from + (end - outPos) - 8));
                    outPos = end;
                } else if (length >= 8) {
                    // The source runs into bytes this match writes: words as long as whole ones
                    // fit, then bytes. An overlapping last word would read across the stores
                    // just made, which the CPU cannot forward (a stall per match).
                    int end = outPos + length;
                    do {
                        LONG_LE.set(out, outPos, (long) LONG_LE.get(out, from));
                        outPos += 8;
                        from += 8;
                    } while (outPos <= end - 8);
                    while (outPos < end) {
                        out[outPos++] = out[from++];
                    }
                } else if (length >= 4) {
                    INT_LE.set(out, outPos, (int) INT_LE.get(out, from));
                    INT_LE.set(out, outPos + length - 4, (int) INT_LE.get(out, from + length - 4));
                    outPos += length;
                } else {
                    out[outPos] = out[from];
                    out[outPos + 1] = out[from + 1];
                    out[outPos + 2] = out[from + 2];
                    outPos += 3;
                }
            } else if (dist == 1) {
                java.util.Arrays.fill(out, outPos, outPos + length, out[outPos - 1]);
                outPos += length;
            } else {
                int from = outPos - dist;
                int end = outPos + length;
                while (outPos < end) {
                    out[outPos++] = out[from++];
                }
            }
        }

        int unused = bits >>> 3;
        inPos -= unused;
        bits &= 7;
        s.hold = hold & ((1L << bits) - 1);
        s.bits = bits;
        s.inPos = inPos;
        s.outPos = outPos;
    }

    /**
     * Copies a match whose first {@code back} bytes lie in the window (output of earlier calls) and
     * whose rest, if any, continues at the start of this call's output. Caller checked back <= whave.
     */
    static int copyFromWindow(InflateState s, int back, int length, byte[] out, int outStart, int outPos) {
        final byte[] window = s.window;
        int from = s.wnext - back;
        if (from < 0) {
            from += InflateState.WSIZE;
        }
        int fromWindow = Math.min(back, length);
        int first = Math.min(fromWindow, InflateState.WSIZE - from);
        System.arraycopy(window, from, out, outPos, first);
        if (fromWindow > first) {
            System.arraycopy(window, 0, out, outPos + first, fromWindow - first);
        }
        outPos += fromWindow;
        int rest = length - fromWindow;
        // The remainder starts at this call's first output byte and may overlap what it writes.
        for (int i = 0; i < rest; i++) {
            out[outPos + i] = out[outStart + i];
        }
        return outPos + rest;
    }
}
