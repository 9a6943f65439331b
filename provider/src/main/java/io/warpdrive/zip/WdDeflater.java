package io.warpdrive.zip;

import io.warpdrive.soft.SoftDeflater;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * A drop-in {@link Deflater}: the same methods with the same results, exceptions and messages
 * as java.util.zip on the running JDK, and call by call the same return values and bytes for
 * the same sequence of calls and buffer sizes, compressed by a warpdrive backend instead of the
 * JDK's zlib.
 *
 * <p>Use it wherever a Deflater goes: {@code new DeflaterOutputStream(out, new WdDeflater(6))},
 * or in a GZIPOutputStream / ZipOutputStream subclass that replaces the protected {@code def}
 * (ending the one it replaces). The backend is chosen at construction (see {@link Backend}).
 *
 * <p>The superclass's native zlib state is released in the constructor. The engine is released
 * by {@link #end()}, or by a {@link Cleaner} when an instance becomes unreachable without it.
 *
 * <p>Invalid arguments and use after {@code end()} are reported by letting the superclass
 * (already ended) check the same call: it throws exactly what java.util.zip throws on this JDK
 * (for instance ArrayIndexOutOfBoundsException without a message on JDK 17 and with a range
 * message on JDK 25; NullPointerException or, from JDK 25, IllegalStateException, "Deflater has
 * been closed").
 *
 * <p>Thread safety: like java.util.zip.Deflater, every method locks the instance, so concurrent
 * calls are safe but interleaved streams are not meaningful.
 */
public class WdDeflater extends Deflater implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ByteBuffer EMPTY = ByteBuffer.wrap(new byte[0]);
    /** java.util.zip's private flush value used once finish() was called (zlib's Z_FINISH). */
    private static final int FINISH = 4;
    /**
     * Whether end() on an already ended java.util.zip.Deflater returns without touching the
     * input (JDK 25: it checks the native address first; JDK 17 drops the input every time).
     * Observed once on a real Deflater rather than assumed from the version.
     */
    private static final boolean REPEATED_END_KEEPS_INPUT = repeatedEndKeepsInput();

    private static boolean repeatedEndKeepsInput() {
        Deflater d = new Deflater();
        d.end();
        d.setInput(new byte[1]);
        d.end();
        return !d.needsInput();
    }

    /**
     * Owns the engine and is the lock of every method (as java.util.zip locks its zsRef): the
     * Cleaner's release takes the same monitor, so it cannot release the engine under a call
     * that is still using it.
     */
    private final EngineHandle<DeflateEngine> ref;
    private final Cleaner.Cleanable cleanable;

    // Java-side state, kept exactly as java.util.zip keeps it.
    private ByteBuffer input = EMPTY;
    private byte[] inputArray;
    private int inputPos;
    private int inputLim;
    private int level;
    private int strategy;
    private boolean setParams;
    private boolean finish;
    private boolean finished;
    private long bytesRead;
    private long bytesWritten;

    /**
     * A deflater with the given level; raw deflate data (as in GZIP and ZIP) when
     * {@code nowrap}, else the zlib format.
     *
     * @param level -1 (default) or 0..9
     * @param nowrap true for raw DEFLATE
     * @throws IllegalArgumentException if the level is invalid (as java.util.zip)
     * @throws IllegalStateException if the configured backend is not available
     */
    @SuppressWarnings("this-escape")
    public WdDeflater(int level, boolean nowrap) {
        super(level, nowrap); // also validates level exactly as the JDK does
        super.end(); // we never use the JDK's zlib stream: give its native memory back now
        this.level = level;
        this.strategy = DEFAULT_STRATEGY;
        this.ref = new EngineHandle<>(DeflateEngine.create(level, nowrap), DeflateEngine::end);
        this.cleanable = CLEANER.register(this, ref);
    }

    /** A zlib-format deflater with the given level. */
    public WdDeflater(int level) {
        this(level, false);
    }

    /** A zlib-format deflater with the default level. */
    public WdDeflater() {
        this(DEFAULT_COMPRESSION, false);
    }

    private static boolean badRange(byte[] b, int off, int len) {
        return b == null || off < 0 || len < 0 || off > b.length - len;
    }

    private static boolean badFlush(int flush) {
        return flush != NO_FLUSH && flush != SYNC_FLUSH && flush != FULL_FLUSH;
    }

    /** For paths where the superclass threw nothing, which cannot happen: it is ended. */
    private static RuntimeException notReached() {
        return JdkCompat.closed("Deflater");
    }

    @Override
    public void setInput(byte[] input, int off, int len) {
        if (badRange(input, off, len)) {
            super.setInput(input, off, len); // throws the JDK's exception for these arguments
            throw notReached();
        }
        synchronized (ref) {
            this.input = null;
            this.inputArray = input;
            this.inputPos = off;
            this.inputLim = off + len;
        }
    }

    @Override
    public void setInput(byte[] input) {
        if (input == null) {
            super.setInput(input);
            throw notReached();
        }
        setInput(input, 0, input.length);
    }

    @Override
    public void setInput(ByteBuffer input) {
        if (input == null) {
            super.setInput(input);
            throw notReached();
        }
        synchronized (ref) {
            this.input = input;
            this.inputArray = null;
        }
    }

    @Override
    public void setDictionary(byte[] dictionary, int off, int len) {
        synchronized (ref) {
            DeflateEngine d = ref.engine;
            if (d == null || badRange(dictionary, off, len)) {
                super.setDictionary(dictionary, off, len);
                throw notReached();
            }
            if (d.setDictionary(dictionary, off, len) != SoftDeflater.OK) {
                throw new IllegalArgumentException(); // zlib's Z_STREAM_ERROR, as the JDK reports it
            }
        }
    }

    @Override
    public void setDictionary(byte[] dictionary) {
        if (dictionary == null) {
            super.setDictionary(dictionary);
            throw notReached();
        }
        setDictionary(dictionary, 0, dictionary.length);
    }

    @Override
    public void setDictionary(ByteBuffer dictionary) {
        synchronized (ref) {
            DeflateEngine d = ref.engine;
            if (d == null || dictionary == null) {
                super.setDictionary(dictionary);
                throw notReached();
            }
            int position = dictionary.position();
            int remaining = Math.max(dictionary.limit() - position, 0);
            if (d.setDictionary(dictionary, position, remaining) != SoftDeflater.OK) {
                throw new IllegalArgumentException();
            }
            dictionary.position(position + remaining);
        }
    }

    @Override
    public void setStrategy(int strategy) {
        if (strategy != DEFAULT_STRATEGY && strategy != FILTERED && strategy != HUFFMAN_ONLY) {
            super.setStrategy(strategy);
            throw notReached();
        }
        synchronized (ref) {
            if (this.strategy != strategy) {
                this.strategy = strategy;
                setParams = true;
            }
        }
    }

    @Override
    public void setLevel(int level) {
        if ((level < 0 || level > 9) && level != DEFAULT_COMPRESSION) {
            super.setLevel(level);
            throw notReached();
        }
        synchronized (ref) {
            if (this.level != level) {
                this.level = level;
                setParams = true;
            }
        }
    }

    @Override
    public boolean needsInput() {
        synchronized (ref) {
            ByteBuffer in = this.input;
            return in == null ? inputLim == inputPos : !in.hasRemaining();
        }
    }

    @Override
    public void finish() {
        synchronized (ref) {
            finish = true;
        }
    }

    @Override
    public boolean finished() {
        synchronized (ref) {
            return finished;
        }
    }

    @Override
    public int deflate(byte[] output, int off, int len) {
        return deflate(output, off, len, NO_FLUSH);
    }

    @Override
    public int deflate(byte[] output) {
        if (output == null) {
            super.deflate(output);
            throw notReached();
        }
        return deflate(output, 0, output.length, NO_FLUSH);
    }

    @Override
    public int deflate(ByteBuffer output) {
        return deflate(output, NO_FLUSH);
    }

    @Override
    public int deflate(byte[] output, int off, int len, int flush) {
        synchronized (ref) {
            DeflateEngine d = ref.engine;
            if (d == null || badRange(output, off, len) || badFlush(flush)) {
                super.deflate(output, off, len, flush);
                throw notReached();
            }
            int inLen = bindInput(d);
            int code;
            if (setParams) {
                code = d.params(output, off, len, level, strategy);
            } else {
                code = d.deflate(output, off, len, finish ? FINISH : flush);
            }
            return account(d, code, inLen, len);
        }
    }

    @Override
    public int deflate(ByteBuffer output, int flush) {
        synchronized (ref) {
            DeflateEngine d = ref.engine;
            if (d == null || output == null || output.isReadOnly() || badFlush(flush)) {
                super.deflate(output, flush);
                throw notReached();
            }
            int inLen = bindInput(d);
            int outputPos = output.position();
            int outputRem = Math.max(output.limit() - outputPos, 0);
            int code;
            if (setParams) {
                code = d.params(output, outputPos, outputRem, level, strategy);
            } else {
                code = d.deflate(output, outputPos, outputRem, finish ? FINISH : flush);
            }
            int written = account(d, code, inLen, outputRem);
            output.position(outputPos + written);
            return written;
        }
    }

    /** Hands the current input to the engine; returns its length. */
    private int bindInput(DeflateEngine d) {
        ByteBuffer in = this.input;
        if (in == null) {
            d.setInput(inputArray, inputPos, inputLim - inputPos);
            return inputLim - inputPos;
        }
        int pos = in.position();
        int rem = Math.max(in.limit() - pos, 0);
        d.setInput(in, pos, rem);
        return rem;
    }

    /**
     * Applies a call's outcome as java.util.zip does (its checkDeflateStatus): on a parameter
     * call OK clears the pending change and BUF_ERROR keeps it; on a deflate call STREAM_END
     * marks the end; progress is counted in both; anything else is an InternalError with zlib's
     * message, before any counter moves.
     */
    private int account(DeflateEngine d, int code, int inLen, int outLen) {
        if (setParams) {
            if (code == SoftDeflater.OK) {
                setParams = false;
            } else if (code != SoftDeflater.BUF_ERROR) {
                throw internalError(d, "unknown error in checkDeflateStatus, setParams case");
            }
        } else if (code == SoftDeflater.STREAM_END) {
            finished = true;
        } else if (code != SoftDeflater.OK && code != SoftDeflater.BUF_ERROR) {
            throw internalError(d, "unknown error in checkDeflateStatus");
        }
        int read = inLen - d.getAvailIn();
        int written = outLen - d.getAvailOut();
        ByteBuffer in = this.input;
        if (in != null) {
            in.position(in.position() + read);
        } else {
            inputPos += read;
        }
        bytesWritten += written;
        bytesRead += read;
        return written;
    }

    private static InternalError internalError(DeflateEngine d, String fallback) {
        String msg = d.getMessage();
        return new InternalError(msg != null ? msg : fallback);
    }

    @Override
    public int getAdler() {
        synchronized (ref) {
            DeflateEngine d = ref.engine;
            if (d == null) {
                super.getAdler();
                throw notReached();
            }
            return d.getAdler();
        }
    }

    @Override
    public int getTotalIn() {
        return (int) getBytesRead();
    }

    @Override
    public long getBytesRead() {
        synchronized (ref) {
            if (ref.engine == null) {
                super.getBytesRead();
                throw notReached();
            }
            return bytesRead;
        }
    }

    @Override
    public int getTotalOut() {
        return (int) getBytesWritten();
    }

    @Override
    public long getBytesWritten() {
        synchronized (ref) {
            if (ref.engine == null) {
                super.getBytesWritten();
                throw notReached();
            }
            return bytesWritten;
        }
    }

    /** As java.util.zip: a new stream; keeps level and strategy, and a change still pending. */
    @Override
    public void reset() {
        synchronized (ref) {
            DeflateEngine d = ref.engine;
            if (d == null) {
                super.reset();
                throw notReached();
            }
            d.reset();
            finish = false;
            finished = false;
            input = EMPTY;
            inputArray = null;
            bytesRead = 0;
            bytesWritten = 0;
        }
    }

    /** Releases the engine; idempotent. Afterwards every method but the setters throws. */
    @Override
    public void end() {
        synchronized (ref) {
            if (ref.engine == null && REPEATED_END_KEEPS_INPUT) {
                return;
            }
            cleanable.clean();
            input = EMPTY;
            inputArray = null;
        }
    }

    /** Same as {@link #end()} (java.util.zip's Deflater is AutoCloseable from JDK 25). */
    @Override
    public void close() {
        end();
    }
}
