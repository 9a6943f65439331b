package io.warpdrive.soft;

import static io.warpdrive.soft.DeflateEngine.BLOCK_DONE;
import static io.warpdrive.soft.DeflateEngine.FINISH_DONE;
import static io.warpdrive.soft.DeflateEngine.FINISH_STARTED;
import static io.warpdrive.soft.DeflateEngine.NEED_MORE;
import static io.warpdrive.soft.DeflaterState.PENDING_BUF_SIZE;
import static io.warpdrive.soft.DeflaterState.WINDOW_SIZE;
import static io.warpdrive.soft.DeflaterState.W_SIZE;

/**
 * Level 0 (zlib 1.2.12+'s deflate_stored): stored blocks, written straight from the input to
 * the output when both are large enough, otherwise gathered in the window and sent through
 * pending. Block boundaries therefore depend on how the caller chunks input and output, and
 * the rules below are zlib's exactly:
 *
 * <ol>
 *   <li>Direct: while the output has room for a header, send a block of
 *       min(65535, window leftovers + input, output room) bytes, unless that is below
 *       min_block (32K) and we are not flushing, or flushing but unable to take all the
 *       input, or it is empty and not finishing.</li>
 *   <li>Keep the window's last 32K up to date with what went out directly (so that a switch to
 *       a compressing level has history), and copy remaining input into the window.</li>
 *   <li>Through pending: send a block from the window if it holds a worthy amount, or if
 *       flushing with all input taken and it fits.</li>
 * </ol>
 *
 * <p>{@code matches} counts the hash slides owed to the hash table (1) or a clear (2), paid
 * by deflateParams if the level switches away from 0.
 */
final class DeflateStored {
    private DeflateStored() {
    }

    /** Largest stored block the format allows. */
    private static final int MAX_STORED = 65535;

    static int deflate(DeflaterState s, int flush) {
        if (s.base != 0) {
            DeflateWindow.rebase(s); // stored blocks work in zlib's own window positions
        }
        // Smallest worthy block when not flushing: 32K with the default memLevel.
        int minBlock = Math.min(PENDING_BUF_SIZE - 5, W_SIZE);
        boolean last = false;
        int used = s.availIn;
        int len;
        int left;
        int have;
        do {
            len = MAX_STORED;
            have = (s.biValid + 42) >> 3; // header bytes, pending bits included
            if (s.availOut < have) {
                break;
            }
            have = s.availOut - have;
            left = s.strstart - s.blockStart;
            if (len > (long) left + s.availIn) {
                len = left + s.availIn;
            }
            if (len > have) {
                len = have;
            }
            if (len < minBlock && ((len == 0 && flush != SoftDeflater.FINISH)
                    || flush == SoftDeflater.NO_FLUSH
                    || len != left + s.availIn)) {
                break;
            }
            last = flush == SoftDeflater.FINISH && len == left + s.availIn;
            // Header through pending (it carries any leftover bits), then patch in the length.
            BlockWriter.storedBlock(s, null, 0, 0, last);
            byte[] p = s.pendingBuf;
            p[s.pending - 4] = (byte) len;
            p[s.pending - 3] = (byte) (len >> 8);
            p[s.pending - 2] = (byte) ~len;
            p[s.pending - 1] = (byte) (~len >> 8);
            DeflateStream.flushPending(s);

            if (left != 0) {
                if (left > len) {
                    left = len;
                }
                DeflateStream.writeOut(s, s.window, s.blockStart, left);
                s.blockStart += left;
                len -= left;
            }
            if (len != 0) {
                DeflateStream.readBufToOutput(s, len);
            }
        } while (!last);

        // Bring the window up to date with the input that went out directly.
        used -= s.availIn;
        if (used != 0) {
            // All input used means nothing of the window is unsent: blockStart == strstart.
            if (used >= W_SIZE) {
                s.matches = 2; // history replaced: the hash table must be cleared
                copyInputTail(s, 0, W_SIZE);
                s.strstart = W_SIZE;
                s.insert = s.strstart;
                s.headClearExact = false;
            } else {
                if (WINDOW_SIZE - s.strstart <= used) {
                    slideDown(s);
                }
                copyInputTail(s, s.strstart, used);
                s.strstart += used;
                s.insert += Math.min(used, W_SIZE - s.insert);
            }
            s.blockStart = s.strstart;
        }

        if (last) {
            return FINISH_DONE;
        }
        if (flush != SoftDeflater.NO_FLUSH && flush != SoftDeflater.FINISH
                && s.availIn == 0 && s.strstart == s.blockStart) {
            return BLOCK_DONE;
        }

        // Keep the remaining input in the window.
        have = WINDOW_SIZE - s.strstart;
        if (s.availIn > have && s.blockStart >= W_SIZE) {
            s.blockStart -= W_SIZE;
            slideDown(s);
            have += W_SIZE;
        }
        if (have > s.availIn) {
            have = s.availIn;
        }
        if (have != 0) {
            DeflateStream.readBuf(s, s.window, s.strstart, have);
            s.strstart += have;
            s.insert += Math.min(have, W_SIZE - s.insert);
        }

        // Not enough output room for a worthy or flushed block above: go through pending if
        // the window holds a worthy block, or if flushing and all input fits in one block.
        have = (s.biValid + 42) >> 3;
        have = Math.min(PENDING_BUF_SIZE - have, MAX_STORED);
        minBlock = Math.min(have, W_SIZE);
        left = s.strstart - s.blockStart;
        if (left >= minBlock
                || ((left != 0 || flush == SoftDeflater.FINISH) && flush != SoftDeflater.NO_FLUSH
                    && s.availIn == 0 && left <= have)) {
            len = Math.min(left, have);
            last = flush == SoftDeflater.FINISH && s.availIn == 0 && len == left;
            BlockWriter.storedBlock(s, s.window, s.blockStart, len, last);
            s.blockStart += len;
            DeflateStream.flushPending(s);
        }
        return last ? FINISH_STARTED : NEED_MORE;
    }

    /**
     * Slides the window down by W_SIZE (strstart drops by W_SIZE; the caller adjusts
     * blockStart where zlib does) and owes the hash table one more slide.
     */
    private static void slideDown(DeflaterState s) {
        s.strstart -= W_SIZE;
        System.arraycopy(s.window, W_SIZE, s.window, 0, s.strstart);
        if (s.matches < 2) {
            s.matches++;
        }
        if (s.insert > s.strstart) {
            s.insert = s.strstart;
        }
        s.headClearExact = false;
    }

    /** Copies the last {@code n} input bytes consumed into the window at {@code dst}. */
    private static void copyInputTail(DeflaterState s, int dst, int n) {
        int from = s.nextIn - n;
        if (s.inArr != null) {
            System.arraycopy(s.inArr, from, s.window, dst, n);
        } else {
            s.inBuf.get(from, s.window, dst, n);
        }
    }
}
