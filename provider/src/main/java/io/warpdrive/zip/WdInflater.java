package io.warpdrive.zip;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A drop-in {@link Inflater}: the same methods with the same results, exceptions and messages as
 * java.util.zip on the running JDK, decoded by a warpdrive backend instead of the JDK's zlib.
 *
 * <p>Use it wherever an Inflater goes: {@code new InflaterInputStream(in, new WdInflater())}, or in
 * a GZIPInputStream subclass that replaces the protected {@code inf}. The backend is chosen at
 * construction (see {@link Backend}).
 *
 * <p>The superclass's native zlib state is released in the constructor; the engine is released by
 * {@link #end()}, or by a {@link Cleaner} when an instance becomes unreachable without it.
 *
 * <p>Thread safety: like java.util.zip.Inflater, every method locks the instance, so concurrent
 * calls are safe but interleaved streams are not meaningful.
 */
public class WdInflater extends Inflater implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ByteBuffer EMPTY = ByteBuffer.wrap(new byte[0]);
    /** Staging for direct and read-only buffers; the engine works on arrays. */
    private static final int STAGE_SIZE = 4096;

    private final Object lock = new Object();
    /** Releases the engine once, by end() or by the Cleaner. */
    private final EngineHandle<InflateEngine> ref;
    private final Cleaner.Cleanable cleanable;
    /** Null after end(). */
    private InflateEngine engine;

    // Input as the JDK keeps it: either an array range or a ByteBuffer (never both).
    private ByteBuffer input = EMPTY;
    private byte[] inputArray;
    private int inputPos;
    private int inputLim;

    private boolean finished;
    private boolean needDict;
    /** JDK 25 rule: the last call filled the output and did not finish, so more may be pending. */
    private boolean pendingOutput;
    private long bytesRead;
    private long bytesWritten;

    private byte[] stageIn;
    private byte[] stageOut;

    /** A zlib-format inflater on the configured backend. */
    public WdInflater() {
        this(false);
    }

    /**
     * @param nowrap true for raw DEFLATE data (as in GZIP and ZIP), false for the zlib format
     * @throws IllegalStateException if the configured backend is not available
     */
    @SuppressWarnings("this-escape")
    public WdInflater(boolean nowrap) {
        super(nowrap);
        super.end(); // we never use the JDK's zlib stream: give its native memory back now
        this.engine = InflateEngine.create(nowrap);
        this.ref = new EngineHandle<>(engine, InflateEngine::close);
        this.cleanable = CLEANER.register(this, ref);
    }

    @Override
    public void setInput(byte[] input, int off, int len) {
        JdkCompat.checkFromIndexSize(off, len, input.length);
        synchronized (lock) {
            this.input = null;
            this.inputArray = input;
            this.inputPos = off;
            this.inputLim = off + len;
        }
    }

    @Override
    public void setInput(byte[] input) {
        setInput(input, 0, input.length);
    }

    @Override
    public void setInput(ByteBuffer input) {
        Objects.requireNonNull(input);
        synchronized (lock) {
            this.input = input;
            this.inputArray = null;
        }
    }

    @Override
    public void setDictionary(byte[] dictionary, int off, int len) {
        JdkCompat.checkFromIndexSize(off, len, dictionary.length);
        synchronized (lock) {
            ensureOpen();
            applyDictionary(dictionary, off, len);
            needDict = false;
        }
    }

    @Override
    public void setDictionary(byte[] dictionary) {
        setDictionary(dictionary, 0, dictionary.length);
    }

    @Override
    public void setDictionary(ByteBuffer dictionary) {
        synchronized (lock) {
            int position = dictionary.position();
            int remaining = Math.max(dictionary.limit() - position, 0);
            ensureOpen();
            byte[] bytes = new byte[remaining];
            dictionary.get(position, bytes, 0, remaining);
            applyDictionary(bytes, 0, remaining);
            dictionary.position(position + remaining);
            needDict = false;
        }
    }

    private void applyDictionary(byte[] d, int off, int len) {
        int r = engine.setDictionary(d, off, len);
        if (r != 0) {
            // zlib leaves msg untouched here, so the JDK reports whatever message the stream holds.
            throw new IllegalArgumentException(engine.message());
        }
    }

    @Override
    public int getRemaining() {
        synchronized (lock) {
            ByteBuffer in = this.input;
            return in == null ? inputLim - inputPos : in.remaining();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Exactly java.util.zip's answer, with one exception: on JDKs whose InflaterInputStream
     * refills only when {@code needsInput() && !hasPendingOutput()} (JDK 25; that method is
     * package-private, so a subclass cannot override it), a call from InflaterInputStream.read
     * gets {@code false} while the JDK would report pending output (the last byte[] inflate call
     * filled its buffer without finishing). Without this the stream would refill at the end of
     * the input and fail with "Unexpected end of ZLIB input stream". Every other caller, such as
     * InflaterOutputStream.flush, sees the JDK's plain answer.
     */
    @Override
    public boolean needsInput() {
        synchronized (lock) {
            ByteBuffer in = this.input;
            boolean empty = in == null ? inputLim == inputPos : !in.hasRemaining();
            if (empty && pendingOutput && JdkCompat.INFLATER_HAS_PENDING_OUTPUT
                    && JdkCompat.calledFromInflaterInputStreamRead(WdInflater.class)) {
                return false;
            }
            return empty;
        }
    }

    @Override
    public boolean needsDictionary() {
        synchronized (lock) {
            return needDict;
        }
    }

    @Override
    public boolean finished() {
        synchronized (lock) {
            return finished;
        }
    }

    @Override
    public int inflate(byte[] output, int off, int len) throws DataFormatException {
        JdkCompat.checkFromIndexSize(off, len, output.length);
        synchronized (lock) {
            ensureOpen();
            int written = run(output, off, len, null);
            pendingOutput = written == len && !finished;
            return written;
        }
    }

    @Override
    public int inflate(byte[] output) throws DataFormatException {
        return inflate(output, 0, output.length);
    }

    @Override
    public int inflate(ByteBuffer output) throws DataFormatException {
        if (output.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        synchronized (lock) {
            ensureOpen();
            int outputPos = output.position();
            int outputRem = Math.max(output.limit() - outputPos, 0);
            int written;
            if (output.hasArray()) {
                written = run(output.array(), output.arrayOffset() + outputPos, outputRem, output);
            } else {
                written = run(null, 0, outputRem, output);
            }
            return written;
        }
    }

    /**
     * One JDK inflate call: feeds the current input to the engine (staging direct or read-only
     * input, and direct output, through small arrays), then updates positions, flags and counters
     * the way java.util.zip does, also before throwing DataFormatException. Caller holds lock.
     *
     * @param outArray output array, or null to stage into {@code outBuffer}
     * @param outBuffer the ByteBuffer output whose position advances, or null for array output
     */
    private int run(byte[] outArray, int outOff, int outLen, ByteBuffer outBuffer) throws DataFormatException {
        final InflateEngine e = engine;
        final ByteBuffer in = this.input;
        byte[] inArr;
        int inOff;
        int inLen;
        boolean stageInput;
        int startPos;
        if (in == null) {
            inArr = inputArray;
            inOff = inputPos;
            inLen = inputLim - inputPos;
            stageInput = false;
            startPos = inputPos;
        } else {
            startPos = in.position();
            inLen = Math.max(in.limit() - startPos, 0);
            if (in.hasArray()) {
                inArr = in.array();
                inOff = in.arrayOffset() + startPos;
                stageInput = false;
            } else {
                inArr = stageIn();
                inOff = 0;
                stageInput = true;
            }
        }
        boolean stageOutput = outArray == null;

        int read = 0;
        int written = 0;
        int status;
        for (;;) {
            int chunkIn = stageInput ? Math.min(inLen - read, STAGE_SIZE) : inLen - read;
            if (stageInput) {
                in.get(startPos + read, inArr, 0, chunkIn);
            }
            int chunkOut;
            byte[] dst;
            int dstOff;
            if (stageOutput) {
                dst = stageOut();
                dstOff = 0;
                chunkOut = Math.min(outLen - written, STAGE_SIZE);
            } else {
                dst = outArray;
                dstOff = outOff + written;
                chunkOut = outLen - written;
            }
            status = e.inflate(inArr, stageInput ? 0 : inOff + read, chunkIn, dst, dstOff, chunkOut);
            int c = e.consumed();
            int p = e.produced();
            if (stageOutput && p > 0) {
                outBuffer.put(outBuffer.position() + written, dst, 0, p);
            }
            read += c;
            written += p;
            if (status != 0) {
                break;
            }
            // Another round only where a single zlib call would have gone on: this round used
            // up its input chunk and more input exists, or filled its output chunk and more room exists.
            boolean moreIn = c == chunkIn && read < inLen;
            boolean moreOut = p == chunkOut && written < outLen;
            if (!moreIn && !moreOut) {
                break;
            }
        }
        // Rounds after the first may report "no progress" although the call as a whole made some.
        if (status == -5 && (read > 0 || written > 0)) {
            status = 0;
        }

        if (status == -3) {
            advance(in, startPos, read, outBuffer, written);
            throw new DataFormatException(e.message());
        }
        if (status == 1) {
            finished = true;
        } else if (status == 2) {
            needDict = true;
        }
        advance(in, startPos, read, outBuffer, written);
        return written;
    }

    private void advance(ByteBuffer in, int startPos, int read, ByteBuffer outBuffer, int written) {
        if (in == null) {
            inputPos = startPos + read;
        } else if (read > 0) {
            in.position(startPos + read);
        }
        if (outBuffer != null) {
            outBuffer.position(outBuffer.position() + written);
        }
        bytesRead += read;
        bytesWritten += written;
    }

    private byte[] stageIn() {
        byte[] b = stageIn;
        if (b == null) {
            b = stageIn = new byte[STAGE_SIZE];
        }
        return b;
    }

    private byte[] stageOut() {
        byte[] b = stageOut;
        if (b == null) {
            b = stageOut = new byte[STAGE_SIZE];
        }
        return b;
    }

    @Override
    public int getAdler() {
        synchronized (lock) {
            ensureOpen();
            return engine.adler();
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public int getTotalIn() {
        return (int) getBytesRead();
    }

    @Override
    public long getBytesRead() {
        synchronized (lock) {
            ensureOpen();
            return bytesRead;
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public int getTotalOut() {
        return (int) getBytesWritten();
    }

    @Override
    public long getBytesWritten() {
        synchronized (lock) {
            ensureOpen();
            return bytesWritten;
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            ensureOpen();
            engine.reset();
            input = EMPTY;
            inputArray = null;
            finished = false;
            needDict = false;
            bytesRead = 0;
            bytesWritten = 0;
        }
    }

    @Override
    public void end() {
        synchronized (lock) {
            if (engine == null && JdkCompat.END_IGNORES_REPEAT) {
                return;
            }
            engine = null;
            cleanable.clean(); // runs the release once; later calls do nothing
            input = EMPTY;
            inputArray = null;
        }
    }

    /** Same as {@link #end()} (JDK 25's Inflater.close()). */
    @Override
    public void close() {
        end();
    }

    private void ensureOpen() {
        if (engine == null) {
            throw JdkCompat.closed("Inflater");
        }
    }
}
