package io.warpdrive.soft;

import static io.warpdrive.soft.DeflateTables.MIN_MATCH;
import static io.warpdrive.soft.DeflaterState.BUSY_STATE;
import static io.warpdrive.soft.DeflaterState.FINISH_STATE;
import static io.warpdrive.soft.DeflaterState.HASH_MASK;
import static io.warpdrive.soft.DeflaterState.HASH_SHIFT;
import static io.warpdrive.soft.DeflaterState.INIT_STATE;
import static io.warpdrive.soft.DeflaterState.W_BITS;
import static io.warpdrive.soft.DeflaterState.W_MASK;
import static io.warpdrive.soft.DeflaterState.W_SIZE;
import static io.warpdrive.soft.SoftDeflater.BLOCK;
import static io.warpdrive.soft.SoftDeflater.BUF_ERROR;
import static io.warpdrive.soft.SoftDeflater.FINISH;
import static io.warpdrive.soft.SoftDeflater.FULL_FLUSH;
import static io.warpdrive.soft.SoftDeflater.HUFFMAN_ONLY;
import static io.warpdrive.soft.SoftDeflater.NO_FLUSH;
import static io.warpdrive.soft.SoftDeflater.OK;
import static io.warpdrive.soft.SoftDeflater.PARTIAL_FLUSH;
import static io.warpdrive.soft.SoftDeflater.RLE;
import static io.warpdrive.soft.SoftDeflater.STREAM_END;
import static io.warpdrive.soft.SoftDeflater.STREAM_ERROR;

/**
 * The deflate stream driver (zlib's deflate(), deflateParams(), deflateSetDictionary(),
 * deflateReset()): framing, flush semantics, pending output, and dispatch to the block
 * functions. Return values are zlib's, since java.util.zip's visible behaviour is derived from
 * them.
 *
 * <p>Call discipline (zlib's): a call first drains pending output; compression starts only
 * with pending empty; a flush that cannot complete for lack of output is finished by the next
 * call with the same flush value; repeating a flush with no new input is a BUF_ERROR no-op.
 */
final class DeflateEngine {
    private DeflateEngine() {
    }

    // Block function results.
    /** Block not finished: more input or more output needed. */
    static final int NEED_MORE = 0;
    /** Block flushed (a flush point). */
    static final int BLOCK_DONE = 1;
    /** Last block started; its output still needs room. */
    static final int FINISH_STARTED = 2;
    /** Last block out; only the trailer remains. */
    static final int FINISH_DONE = 3;

    private static final String STREAM_ERROR_MSG = "stream error";
    private static final String BUF_ERROR_MSG = "buffer error";
    private static final int PRESET_DICT = 0x20;
    private static final int Z_DEFLATED = 8;

    /** Sets up a new stream; level must be -1..9, wrap 0 (raw) or 1 (zlib). */
    static void init(DeflaterState s, int level, int strategy, int wrap) {
        s.level = level == -1 ? 6 : level;
        s.strategy = strategy;
        s.wrap = wrap;
        // A fresh table is already zero; what is there from a pooled stream gets cleared below.
        reset(s);
    }

    /** deflateReset: same parameters, new stream. */
    static void reset(DeflaterState s) {
        s.totalIn = 0;
        s.totalOut = 0;
        s.msg = null;
        s.pending = 0;
        s.pendingOut = 0;
        if (s.wrap < 0) {
            s.wrap = -s.wrap; // was negated by the trailer
        }
        s.status = INIT_STATE;
        s.adler = 1;
        s.lastFlush = -2;
        BlockWriter.init(s);

        // lm_init: empty window and chains, table parameters for the level.
        DeflateWindow.restart(s);
        setLevelParameters(s, s.level);
        s.lookahead = 0;
        s.matchLength = MIN_MATCH - 1;
        s.prevLength = MIN_MATCH - 1;
        s.matchAvailable = false;
        s.insH = 0;
    }

    private static void setLevelParameters(DeflaterState s, int level) {
        s.maxLazyMatch = LevelTable.lazy(level);
        s.goodMatch = LevelTable.good(level);
        s.niceMatch = LevelTable.nice(level);
        s.maxChainLength = LevelTable.chain(level);
    }

    /** zlib's RANK: orders flush values with BLOCK between NO_FLUSH and PARTIAL_FLUSH. */
    private static int rank(int f) {
        return f * 2 - (f > 4 ? 9 : 0);
    }

    /** One deflate(flush) call over the stream's current input and output. */
    static int deflate(DeflaterState s, int flush) {
        if (flush > BLOCK || flush < 0) {
            return STREAM_ERROR;
        }
        if (s.status == FINISH_STATE && flush != FINISH) {
            s.msg = STREAM_ERROR_MSG;
            return STREAM_ERROR;
        }
        if (s.availOut == 0) {
            s.msg = BUF_ERROR_MSG;
            return BUF_ERROR;
        }
        int oldFlush = s.lastFlush;
        s.lastFlush = flush;

        if (s.pending != 0) {
            DeflateStream.flushPending(s);
            if (s.availOut == 0) {
                // Output full: the next call may come with nothing new; make it an OK no-op
                // rather than a BUF_ERROR.
                s.lastFlush = -1;
                return OK;
            }
        } else if (s.availIn == 0 && rank(flush) <= rank(oldFlush) && flush != FINISH) {
            // Nothing to do, and the same (or a weaker) flush was already done.
            s.msg = BUF_ERROR_MSG;
            return BUF_ERROR;
        }
        if (s.status == FINISH_STATE && s.availIn != 0) {
            // No input after FINISH.
            s.msg = BUF_ERROR_MSG;
            return BUF_ERROR;
        }

        if (s.status == INIT_STATE && s.wrap == 0) {
            s.status = BUSY_STATE;
        }
        if (s.status == INIT_STATE) {
            writeZlibHeader(s);
            s.status = BUSY_STATE;
            DeflateStream.flushPending(s);
            if (s.pending != 0) {
                s.lastFlush = -1;
                return OK;
            }
        }

        if (s.availIn != 0 || s.lookahead != 0 || (flush != NO_FLUSH && s.status != FINISH_STATE)) {
            int bstate;
            if (s.level == 0) {
                bstate = DeflateStored.deflate(s, flush);
            } else if (s.strategy == HUFFMAN_ONLY) {
                bstate = DeflateHuff.deflate(s, flush);
            } else if (s.strategy == RLE) {
                bstate = DeflateRle.deflate(s, flush);
            } else if (LevelTable.function(s.level) == LevelTable.FAST) {
                bstate = DeflateFast.deflate(s, flush);
            } else {
                bstate = DeflateSlow.deflate(s, flush);
            }

            if (bstate == FINISH_STARTED || bstate == FINISH_DONE) {
                s.status = FINISH_STATE;
            }
            if (bstate == NEED_MORE || bstate == FINISH_STARTED) {
                if (s.availOut == 0) {
                    s.lastFlush = -1;
                }
                // With a flush and no room, the next call repeats the flush and completes it,
                // so at most one empty block is emitted even for tiny output buffers.
                return OK;
            }
            if (bstate == BLOCK_DONE) {
                if (flush == PARTIAL_FLUSH) {
                    BlockWriter.align(s);
                } else if (flush != BLOCK) {
                    // SYNC or FULL: an empty stored block byte-aligns the stream (00 00 ff ff).
                    BlockWriter.storedBlock(s, null, 0, 0, false);
                    if (flush == FULL_FLUSH) {
                        // Forget history; with nothing buffered, also start over at position 0.
                        if (s.lookahead == 0) {
                            DeflateWindow.restart(s);
                        } else {
                            DeflateWindow.clearHash(s);
                        }
                    }
                }
                DeflateStream.flushPending(s);
                if (s.availOut == 0) {
                    s.lastFlush = -1;
                    return OK;
                }
            }
        }

        if (flush != FINISH) {
            return OK;
        }
        if (s.wrap <= 0) {
            return STREAM_END;
        }
        BitWriter.putShortMSB(s, s.adler >>> 16);
        BitWriter.putShortMSB(s, s.adler & 0xffff);
        DeflateStream.flushPending(s);
        s.wrap = -s.wrap; // trailer only once
        return s.pending != 0 ? OK : STREAM_END;
    }

    /**
     * zlib header: CMF (deflate, 32K window), FLG with the level class and FDICT, check bits
     * making the pair a multiple of 31; then the dictionary's Adler-32 if one was set.
     */
    private static void writeZlibHeader(DeflaterState s) {
        int header = (Z_DEFLATED + ((W_BITS - 8) << 4)) << 8;
        int levelFlags;
        if (s.strategy >= HUFFMAN_ONLY || s.level < 2) {
            levelFlags = 0;
        } else if (s.level < 6) {
            levelFlags = 1;
        } else if (s.level == 6) {
            levelFlags = 2;
        } else {
            levelFlags = 3;
        }
        header |= levelFlags << 6;
        if (s.strstart != s.base) {
            header |= PRESET_DICT;
        }
        header += 31 - (header % 31);
        BitWriter.putShortMSB(s, header);
        if (s.strstart != s.base) {
            BitWriter.putShortMSB(s, s.adler >>> 16);
            BitWriter.putShortMSB(s, s.adler & 0xffff);
        }
        s.adler = 1;
    }

    /**
     * deflateParams: when the block function or the strategy changes on a stream that has
     * started, first compress what is buffered with the old settings (a deflate(BLOCK) over the
     * current input and output); the change happens only if that left nothing behind, else
     * BUF_ERROR and the caller retries.
     */
    static int params(DeflaterState s, int level, int strategy) {
        if (level == -1) {
            level = 6;
        }
        if (level < 0 || level > 9 || strategy < 0 || strategy > SoftDeflater.FIXED) {
            return STREAM_ERROR;
        }
        int func = LevelTable.function(s.level);
        if ((strategy != s.strategy || func != LevelTable.function(level)) && s.lastFlush != -2) {
            int err = deflate(s, BLOCK);
            if (err == STREAM_ERROR) {
                return err;
            }
            if (s.availIn != 0 || (s.strstart - s.blockStart) + s.lookahead != 0) {
                return BUF_ERROR;
            }
        }
        if (s.level != level) {
            if (s.level == 0 && s.matches != 0) {
                // Pay the hash slides level 0 skipped (two or more amount to a clear).
                if (s.matches == 1) {
                    DeflateWindow.slideHash(s);
                } else {
                    DeflateWindow.clearHash(s);
                }
                s.matches = 0;
            }
            s.level = level;
            setLevelParameters(s, level);
        }
        s.strategy = strategy;
        return OK;
    }

    /**
     * deflateSetDictionary: loads up to the last 32K of the dictionary into the window and hash
     * chains. In zlib mode only before the first deflate call (its Adler-32 goes in the header);
     * in raw mode whenever no input is buffered.
     */
    static int setDictionary(DeflaterState s, byte[] dict, java.nio.ByteBuffer dictBuf, int off, int len) {
        int wrap = s.wrap;
        if (wrap == 2 || (wrap == 1 && s.status != INIT_STATE) || s.lookahead != 0) {
            return STREAM_ERROR;
        }
        if (wrap == 1) {
            s.adler = dict != null ? Adler32Sum.update(s.adler, dict, off, len) : adlerOf(s, dictBuf, off, len);
        }
        s.wrap = 0; // no checksum while reading the dictionary in

        if (len >= W_SIZE) {
            if (wrap == 0) { // zlib mode starts from an empty window anyway
                DeflateWindow.restart(s);
            }
            off += len - W_SIZE; // only the tail can be reached
            len = W_SIZE;
        }

        byte[] savedArr = s.inArr;
        java.nio.ByteBuffer savedBuf = s.inBuf;
        int savedNext = s.nextIn;
        int savedAvail = s.availIn;
        s.inArr = dict;
        s.inBuf = dict != null ? null : dictBuf;
        s.nextIn = off;
        s.availIn = len;
        DeflateWindow.fillWindow(s);
        byte[] w = s.window;
        while (s.lookahead >= MIN_MATCH) {
            int str = s.strstart;
            int n = s.lookahead - (MIN_MATCH - 1);
            int h = s.insH;
            do {
                h = ((h << HASH_SHIFT) ^ (w[str + MIN_MATCH - 1] & 0xff)) & HASH_MASK;
                s.prev[str & W_MASK] = s.head[h];
                s.head[h] = (char) str;
                str++;
            } while (--n != 0);
            s.insH = h;
            s.strstart = str;
            s.lookahead = MIN_MATCH - 1;
            DeflateWindow.fillWindow(s);
        }
        s.strstart += s.lookahead;
        s.blockStart = s.strstart;
        s.insert = s.lookahead;
        s.lookahead = 0;
        s.matchLength = MIN_MATCH - 1;
        s.prevLength = MIN_MATCH - 1;
        s.matchAvailable = false;
        s.inArr = savedArr;
        s.inBuf = savedBuf;
        s.nextIn = savedNext;
        s.availIn = savedAvail;
        s.wrap = wrap;
        return OK;
    }

    private static int adlerOf(DeflaterState s, java.nio.ByteBuffer b, int off, int len) {
        if (s.scratch == null) {
            s.scratch = new byte[4096];
        }
        int adler = s.adler;
        for (int done = 0; done < len; ) {
            int n = Math.min(s.scratch.length, len - done);
            b.get(off + done, s.scratch, 0, n);
            adler = Adler32Sum.update(adler, s.scratch, 0, n);
            done += n;
        }
        return adler;
    }
}
