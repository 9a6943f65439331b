package io.warpdrive.soft;

import static io.warpdrive.soft.HuffmanDecodeTables.DROP_MASK;
import static io.warpdrive.soft.HuffmanDecodeTables.END_OF_BLOCK;
import static io.warpdrive.soft.HuffmanDecodeTables.INVALID;
import static io.warpdrive.soft.HuffmanDecodeTables.LITERAL_SHIFT;
import static io.warpdrive.soft.HuffmanDecodeTables.PAIR;
import static io.warpdrive.soft.HuffmanDecodeTables.SECOND_LITERAL_SHIFT;
import static io.warpdrive.soft.HuffmanDecodeTables.SUBTABLE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The decode loop for the last bytes of a call's input or output, where {@link InflateFast}'s
 * margins (16 input bytes, 262 output bytes) no longer hold. A small message spends most of its
 * symbols here: with an output buffer a little larger than the message, only its first bytes
 * are decoded with 262 bytes of room.
 *
 * <p>Each symbol is decoded only when it can be finished at once: all of its bits (code, extra
 * bits, and the distance with its extra bits) are in hand and its output fits. Otherwise, and on
 * anything corrupt, the loop stops before the symbol, without consuming it, and
 * {@link Inflate}'s mode machine decodes it the way zlib does (pulling bytes one at a time,
 * decoding ahead with a full output, reporting errors with zlib's messages). On exit the whole
 * bytes not used go back to the input, as InflateFast does: zlib pulls a byte only when the bits
 * in hand fall short, so after a finished symbol it holds fewer than 8 bits, and the state is
 * the one zlib has after the same symbols.
 *
 * <p>Entered in LEN mode at a symbol boundary, usually with fewer than 8 bits held; more when
 * an earlier call ran out of input inside the next code.
 */
final class InflateTail {
    private InflateTail() {
    }

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static void run(InflateState s, byte[] in, int inEnd, byte[] out, int outStart, int outEnd) {
        final int[] lt = s.litlenTable;
        final int[] dt = s.distTable;
        final int litlenBits = s.litlenBits;
        final int distBits = s.distBits;
        final int litlenMask = (1 << litlenBits) - 1;
        final int distMask = (1 << distBits) - 1;
        int inPos = s.inPos;
        int outPos = s.outPos;
        long hold = s.hold;
        int bits = s.bits;

        for (;;) {
            if (inEnd - inPos >= 8) {
                // InflateFast's branchless refill: 56..63 bits valid afterwards.
                hold |= (long) LONG_LE.get(in, inPos) << bits;
                inPos += (63 - bits) >>> 3;
                bits |= 56;
            } else {
                while (bits <= 56 && inPos < inEnd) {
                    hold |= (in[inPos++] & 0xffL) << bits;
                    bits += 8;
                }
            }

            int e = lt[(int) hold & litlenMask];
            int used = 0; // bits of a root entry that points to a subtable
            if (e >= 0 && (e & SUBTABLE) != 0) {
                if (bits < litlenBits) {
                    break;
                }
                e = lt[Inflate.value(e) + ((int) (hold >>> litlenBits) & ((1 << Inflate.codeLength(e)) - 1))];
                used = litlenBits;
            }
            if (e < 0) {
                if ((e & PAIR) != 0 && (e & DROP_MASK) <= bits && outEnd - outPos >= 2) {
                    out[outPos] = (byte) (e >>> LITERAL_SHIFT);
                    out[outPos + 1] = (byte) (e >>> SECOND_LITERAL_SHIFT);
                    outPos += 2;
                    hold >>>= e & DROP_MASK;
                    bits -= e & DROP_MASK;
                    continue;
                }
                // A single literal, or the first of a pair (subtable literals are never pairs).
                int n = used + Inflate.codeLength(e);
                if (n > bits || outPos == outEnd) {
                    break;
                }
                out[outPos++] = (byte) (e >>> LITERAL_SHIFT);
                hold >>>= n;
                bits -= n;
                continue;
            }
            if ((e & (END_OF_BLOCK | INVALID)) != 0) {
                int n = used + Inflate.codeLength(e);
                if ((e & INVALID) != 0 || n > bits) {
                    break;
                }
                hold >>>= n;
                bits -= n;
                s.mode = Inflate.TYPE;
                break;
            }

            // A length: its code and extra bits, then the distance's, all before consuming any.
            int lengthBits = used + (e & DROP_MASK);
            if (lengthBits > bits) {
                break;
            }
            int length = Inflate.value(e) + extra(hold, used + Inflate.codeLength(e), e);
            long h = hold >>> lengthBits;
            int left = bits - lengthBits;
            int d = dt[(int) h & distMask];
            int dUsed = 0;
            if ((d & SUBTABLE) != 0) {
                if (left < distBits) {
                    break;
                }
                d = dt[Inflate.value(d) + ((int) (h >>> distBits) & ((1 << Inflate.codeLength(d)) - 1))];
                dUsed = distBits;
            }
            int distanceBits = dUsed + (d & DROP_MASK);
            if ((d & INVALID) != 0 || distanceBits > left || length > outEnd - outPos) {
                break;
            }
            int dist = Inflate.value(d) + extra(h, dUsed + Inflate.codeLength(d), d);
            int producedNow = outPos - outStart;
            if (dist > producedNow) {
                if (dist - producedNow > s.whave) {
                    break;
                }
                outPos = InflateFast.copyFromWindow(s, dist - producedNow, length, out, outStart, outPos);
            } else {
                int from = outPos - dist;
                for (int i = 0; i < length; i++) {
                    out[outPos + i] = out[from + i];
                }
                outPos += length;
            }
            hold = h >>> distanceBits;
            bits = left - distanceBits;
        }

        s.outPos = outPos;
        Inflate.giveBack(s, hold, bits, inPos, s.inPos);
    }

    /** The extra bits of entry e (DROP minus code length) found at bit {@code at} of hold. */
    private static int extra(long hold, int at, int e) {
        int n = (e & DROP_MASK) - Inflate.codeLength(e);
        return (int) (hold >>> at) & ((1 << n) - 1);
    }
}
