/*
 * Runs one call sequence on the oracle (java.util.zip.Inflater) and the subject side by side and
 * fails at the first call where anything observable differs: return value or exception (class and
 * message), bytes written, bytes outside the written window, buffer positions, and the full
 * Snapshot after the call.
 *
 * The sequence is decided from the oracle's observations only (feed when it needs input, hand
 * over the dictionary when it asks), so both sides always receive the same calls. The one allowed
 * difference is needsInput() under Inflaters.pendingOutputRule(): on JDK 25+ the subject reports
 * false while the JDK's package-private hasPendingOutput() is true, i.e. after an
 * inflate(byte[], ...) call that filled its window without finishing, until the next such call
 * (JDK 25's InflaterInputStream asks for needsInput() && !hasPendingOutput(); a subclass can only
 * answer through needsInput()). This class mirrors the JDK's pendingOutput field exactly, so the
 * subject's needsInput() must equal the JDK's needsInput() && !hasPendingOutput().
 */
package io.warpdrive.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Oracle and subject driven in lockstep. Not thread-safe. */
public final class Lockstep implements AutoCloseable {

    /** How a drive() ended. */
    public enum End { FINISHED, NEEDS_INPUT, NEEDS_DICTIONARY, ERROR, STOPPED }

    /**
     * What a drive() produced (identical on both sides, or it would have failed).
     *
     * @param output all bytes inflated
     * @param end    why it stopped
     * @param error  the DataFormatException message for ERROR, else null
     */
    public record Run(byte[] output, End end, String error) {
        @Override
        public String toString() {
            return end + (error == null ? "" : "(" + error + ")") + ", output " + output.length + " bytes";
        }
    }

    /** An operation run on both sides; the results must be equal. */
    @FunctionalInterface
    public interface Call<T> {
        T run(Inflater inf) throws Exception;
    }

    private static final int TRACE = 24;

    public final Inflater jdk;
    public final Inflater wd;
    private final boolean rule;
    /**
     * Mirror of JDK 25's Inflater.pendingOutput: set by inflate(byte[], int, int) when it returns
     * written == len without finishing, cleared when it returns anything else; nothing else touches it.
     */
    private boolean pending;
    /**
     * The last inflate call (any form) filled its window: zlib may hold more output, so a caller
     * must call again before concluding it needs input (JDK-8292327). Drives feeding decisions only.
     */
    private boolean lastFull;
    private ByteBuffer jdkIn;
    private ByteBuffer wdIn;
    private final OutputWindow jdkOut = new OutputWindow();
    private final OutputWindow wdOut = new OutputWindow();
    /** Inflate calls made so far. */
    private long calls;
    /** Entries logged so far (numbering of the trace). */
    private long logged;
    private final Deque<String> trace = new ArrayDeque<>();

    public Lockstep(boolean nowrap) {
        this(Inflaters.jdk(nowrap), Inflaters.wd(nowrap), Inflaters.pendingOutputRule());
    }

    /** Any pair (harness self-tests use deliberately broken subjects); both are ended by close(). */
    Lockstep(Inflater oracle, Inflater subject, boolean pendingOutputRule) {
        this.jdk = oracle;
        this.wd = subject;
        this.rule = pendingOutputRule;
    }

    public long calls() {
        return calls;
    }

    // ---------------------------------------------------------------- single paired calls

    /** Runs {@code call} on both, compares results or exceptions and then the state. */
    public <T> T both(String what, Call<T> call) {
        return both(what, call, null);
    }

    /**
     * inflate(new byte[arrayLen], off, len) on both, arguments unchecked (argument tests), keeping
     * the pending-output mirror right when the call is valid.
     */
    public Throwable inflateUnchecked(int arrayLen, int off, int len) {
        Throwable[] t = new Throwable[1];
        both("inflate(byte[" + arrayLen + "], " + off + ", " + len + ")", inf -> {
            try {
                return inf.inflate(new byte[arrayLen], off, len);
            } catch (Exception | Error e) {
                if (inf == jdk) {
                    t[0] = e;
                }
                throw e;
            }
        }, written -> {
            if (t[0] == null) {
                lastFull = written == len;
                pending = written == len && !jdk.finished();
            }
        });
        return t[0];
    }

    private <T> T both(String what, Call<T> call, java.util.function.Consumer<T> beforeCompare) {
        Object a;
        Object b;
        Throwable ea = null;
        Throwable eb = null;
        T result = null;
        try {
            result = call.run(jdk);
            a = result;
        } catch (Throwable t) {
            ea = t;
            a = null;
        }
        try {
            b = call.run(wd);
        } catch (Throwable t) {
            eb = t;
            b = null;
        }
        log(what + " -> " + (ea != null ? Thrown.of(ea) : a));
        compareOutcome(what, a, ea, b, eb);
        if (beforeCompare != null) {
            beforeCompare.accept(result);
        }
        compareState(what);
        return result;
    }

    /** Like {@link #both} but returns the oracle's exception (null if none) instead of throwing it. */
    public Throwable bothThrown(String what, Call<?> call) {
        Throwable[] t = new Throwable[1];
        both(what, inf -> {
            try {
                return call.run(inf);
            } catch (Exception e) {
                if (inf == jdk) {
                    t[0] = e;
                }
                throw e;
            }
        });
        return t[0];
    }

    public void setInput(byte[] chunk, Plan.InKind kind) {
        String what = "setInput(" + kind + ", " + chunk.length + " bytes)";
        switch (kind) {
            case ARRAY -> {
                byte[] a = chunk.clone();
                byte[] b = chunk.clone();
                jdkIn = wdIn = null;
                pair(what, () -> jdk.setInput(a), () -> wd.setInput(b));
            }
            case ARRAY_SLICE -> {
                int off = 1 + chunk.length % 7;
                byte[] a = embed(chunk, off);
                byte[] b = embed(chunk, off);
                jdkIn = wdIn = null;
                pair(what, () -> jdk.setInput(a, off, chunk.length), () -> wd.setInput(b, off, chunk.length));
            }
            default -> {
                ByteBuffer a = inputBuffer(chunk, kind);
                ByteBuffer b = inputBuffer(chunk, kind);
                jdkIn = a;
                wdIn = b;
                pair(what, () -> jdk.setInput(a), () -> wd.setInput(b));
            }
        }
    }

    public Throwable setDictionary(byte[] dict, Plan.DictKind kind) {
        String what = "setDictionary(" + kind + ", " + dict.length + " bytes, adler "
                + String.format("%08x", adler32(dict)) + ")";
        switch (kind) {
            case ARRAY -> {
                return pair(what, () -> jdk.setDictionary(dict.clone()), () -> wd.setDictionary(dict.clone()));
            }
            case ARRAY_SLICE -> {
                int off = 1 + dict.length % 5;
                return pair(what, () -> jdk.setDictionary(embed(dict, off), off, dict.length),
                        () -> wd.setDictionary(embed(dict, off), off, dict.length));
            }
            default -> {
                ByteBuffer a = dictBuffer(dict, kind);
                ByteBuffer b = dictBuffer(dict, kind);
                Throwable t = pair(what, () -> jdk.setDictionary(a), () -> wd.setDictionary(b));
                check(what, "dictionary buffer position", a.position(), b.position());
                return t;
            }
        }
    }

    public void reset() {
        pair("reset()", jdk::reset, wd::reset);
        lastFull = false;
        jdkIn = wdIn = null;
        compareState("reset()");
    }

    /** end() on both, then every method once more: they must fail (or not) identically. */
    public void end() {
        pair("end()", jdk::end, wd::end);
        jdkIn = wdIn = null;
    }

    /**
     * One inflate call of window size {@code len} through the given output form.
     *
     * @return bytes written, or -1 when both threw the same DataFormatException
     */
    public int inflate(int len, Plan.OutKind kind, int pad, ByteArrayOutputStream sink) {
        calls++;
        String what = "inflate(" + kind + ", len=" + len + (pad > 0 ? ", pad=" + pad : "") + ")";
        Object ra;
        Object rb;
        Throwable ea = null;
        Throwable eb = null;
        int wa = 0;
        int wb = 0;
        int posA = -1;
        int posB = -1;
        int inPosA = jdkIn == null ? -1 : jdkIn.position();
        long writtenBefore = jdk.getBytesWritten();
        if (kind == Plan.OutKind.ARRAY) {
            byte[] a = jdkOut.array(pad, len);
            byte[] b = wdOut.array(pad, len);
            int off = OutputWindow.offset(pad);
            try {
                wa = jdk.inflate(a, off, len);
            } catch (Throwable t) {
                ea = t;
            }
            try {
                wb = wd.inflate(b, off, len);
            } catch (Throwable t) {
                eb = t;
            }
        } else {
            boolean heap = kind == Plan.OutKind.HEAP;
            ByteBuffer a = heap ? jdkOut.heapBuffer(pad, len) : jdkOut.directBuffer(pad, len);
            ByteBuffer b = heap ? wdOut.heapBuffer(pad, len) : wdOut.directBuffer(pad, len);
            try {
                wa = jdk.inflate(a);
            } catch (Throwable t) {
                ea = t;
            }
            try {
                wb = wd.inflate(b);
            } catch (Throwable t) {
                eb = t;
            }
            posA = a.position();
            posB = b.position();
            check(what, "output limit", a.limit(), b.limit());
        }
        ra = ea == null ? wa : null;
        rb = eb == null ? wb : null;
        log(what + " -> " + (ea != null ? Thrown.of(ea) : ra)
                + (inPosA >= 0 ? " (input position " + inPosA + "->" + jdkIn.position() + ")" : ""));
        compareOutcome(what, ra, ea, rb, eb);
        if (ea != null && !(ea instanceof DataFormatException)) {
            // Anything but corrupt data is a test or argument error; the callers that expect it
            // (argument checks) use both() instead.
            throw new AssertionError(what + ": unexpected oracle exception " + Thrown.of(ea) + "\n" + history(), ea);
        }
        if (posA >= 0) {
            check(what, "output position", posA, posB);
        }
        if (jdkIn != null) {
            check(what, "input position", jdkIn.position(), wdIn.position());
        }
        // After a DataFormatException the JDK still counts what it wrote (getBytesWritten), and
        // those bytes are in the window: compare them like a normal return.
        int written = ea == null ? wa : (int) (jdk.getBytesWritten() - writtenBefore);
        int strayA = jdkOut.strayWrite(kind, pad, len, written);
        if (strayA != Integer.MIN_VALUE) {
            fail(what, "oracle wrote outside its output window [0, " + written + "): at window offset " + strayA);
        }
        int strayB = wdOut.strayWrite(kind, pad, len, written);
        if (strayB != Integer.MIN_VALUE) {
            fail(what, "subject wrote outside [0, " + written + ") of its output window: at window offset " + strayB);
        }
        byte[] outA = jdkOut.written(kind, pad, written);
        byte[] outB = wdOut.written(kind, pad, written);
        if (!Arrays.equals(outA, outB)) {
            int i = Arrays.mismatch(outA, outB);
            fail(what, "output bytes differ first at window offset " + i + ": jdk=" + hex(outA, i)
                    + " wd=" + hex(outB, i));
        }
        jdkOut.restore(kind, pad, written);
        wdOut.restore(kind, pad, written);
        if (sink != null) {
            sink.write(outA, 0, written);
        }
        lastFull = ea == null && wa == len;
        if (kind == Plan.OutKind.ARRAY && ea == null) {
            // Exactly where the JDK 25 Inflater updates its pendingOutput: only inflate(byte[], ...)
            // returning normally; ByteBuffer calls, exceptions and reset() leave it as it was.
            pending = wa == len && !jdk.finished();
        }
        compareState(what);
        return ea == null ? wa : -1;
    }

    // ---------------------------------------------------------------- the drive loop

    /**
     * Inflates {@code stream} following {@code plan} until the stream ends, fails, or wants what it
     * cannot get; after an end, an error or a stall, one more inflate call must agree too.
     *
     * @param dict        the preset dictionary offered when asked (zlib) or up front (raw), or null
     * @param expectedOut the expected output size, used to size "whole" output windows
     * @param maxCalls    stop after this many inflate calls (mid-stream reset tests)
     */
    public Run drive(byte[] stream, byte[] dict, boolean nowrap, Plan plan, int expectedOut, long maxCalls) {
        return drive(stream, dict, nowrap, plan, expectedOut, maxCalls, i -> { });
    }

    /** Called before the i-th inflate call of a drive() (0-based), to slip extra calls in. */
    @FunctionalInterface
    public interface Hook {
        void beforeInflate(int i);
    }

    /**
     * The next time the oracle asks for a dictionary, offer {@code wrong} first (its outcome is
     * recorded in {@link #wrongDictionaryOutcome()}), then the right one.
     */
    public void offerWrongDictionaryFirst(byte[] wrong) {
        this.wrongDictionary = wrong;
    }

    /** The oracle's exception from the wrong dictionary (null if none was offered or none thrown). */
    public Throwable wrongDictionaryOutcome() {
        return wrongOutcome;
    }

    private byte[] wrongDictionary;
    private Throwable wrongOutcome;

    /** drive() with a hook before every inflate call. */
    public Run drive(byte[] stream, byte[] dict, boolean nowrap, Plan plan, int expectedOut, long maxCalls,
                     Hook hook) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, expectedOut));
        if (nowrap && dict != null) {
            setDictionary(dict, plan.dictKind());
        }
        int inPos = 0;
        int feeds = 0;
        int outIdx = 0;
        boolean dictGiven = false;
        int driveCalls = 0;
        long limit = calls + Math.min(maxCalls, 8L * (stream.length + expectedOut) + 10_000);
        int idle = 0;
        while (true) {
            if (calls >= limit) {
                return new Run(out.toByteArray(), End.STOPPED, null);
            }
            if (jdk.finished()) {
                inflate(64, Plan.OutKind.ARRAY, 0, out);
                return new Run(out.toByteArray(), End.FINISHED, null);
            }
            if (jdk.needsDictionary()) {
                if (wrongDictionary != null) {
                    byte[] w = wrongDictionary;
                    wrongDictionary = null;
                    wrongOutcome = setDictionary(w, plan.dictKind());
                    continue;
                }
                if (dict == null || dictGiven) {
                    inflate(64, Plan.OutKind.ARRAY, 0, out);
                    return new Run(out.toByteArray(), End.NEEDS_DICTIONARY, null);
                }
                dictGiven = true;
                setDictionary(dict, plan.dictKind());
                continue;
            }
            if (jdk.needsInput()) {
                boolean more = inPos < stream.length;
                if (more && (plan.eagerFeed() || !lastFull)) {
                    int size = plan.inChunks().get(feeds % plan.inChunks().size());
                    int n = size == 0 ? stream.length - inPos : Math.min(size, stream.length - inPos);
                    setInput(Arrays.copyOfRange(stream, inPos, inPos + n),
                            plan.inKinds().get(feeds % plan.inKinds().size()));
                    inPos += n;
                    feeds++;
                } else if (!more && !lastFull) {
                    inflate(64, Plan.OutKind.ARRAY, 0, out);
                    return new Run(out.toByteArray(), End.NEEDS_INPUT, null);
                }
            }
            int size = plan.outSizes().get(outIdx % plan.outSizes().size());
            int left = Math.max(0, expectedOut - out.size());
            int len = size == 0 ? Math.max(left + 1, 256) : size < 0 ? Math.max(left, 1) : size;
            hook.beforeInflate(driveCalls++);
            long readBefore = jdk.getBytesRead();
            int w = inflate(len, plan.outKinds().get(outIdx % plan.outKinds().size()), plan.pad(), out);
            outIdx++;
            if (w < 0) {
                String msg = lastError;
                inflate(64, Plan.OutKind.ARRAY, 0, out);
                return new Run(out.toByteArray(), End.ERROR, msg);
            }
            idle = (w == 0 && jdk.getBytesRead() == readBefore) ? idle + 1 : 0;
            if (idle > 3 && !jdk.needsInput()) {
                // No progress with input present and room to write: both agree it is stuck.
                return new Run(out.toByteArray(), End.STOPPED, null);
            }
        }
    }

    /** drive() with no call limit. */
    public Run drive(byte[] stream, byte[] dict, boolean nowrap, Plan plan, int expectedOut) {
        return drive(stream, dict, nowrap, plan, expectedOut, Long.MAX_VALUE);
    }

    @Override
    public void close() {
        jdk.end();
        wd.end();
    }

    // ---------------------------------------------------------------- comparison helpers

    private String lastError;

    private void compareOutcome(String what, Object a, Throwable ea, Object b, Throwable eb) {
        if (ea != null || eb != null) {
            if (!Thrown.same(ea, eb)) {
                fail(what, "exception differs: jdk=" + (ea == null ? "returned " + a : Thrown.of(ea))
                        + " wd=" + (eb == null ? "returned " + b : Thrown.of(eb))
                        + (eb != null ? "\n  wd stack:\n    " + Thrown.stack(eb, 10).replace("\n", "\n    ") : ""));
            }
            lastError = ea.getMessage();
            return;
        }
        if (!equal(a, b)) {
            fail(what, "result differs: jdk=" + a + " wd=" + b);
        }
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    /** Compares snapshots, allowing the documented needsInput() difference. */
    public void compareState(String after) {
        Snapshot a = Snapshot.of(jdk);
        Snapshot b = Snapshot.of(wd);
        Snapshot expected = a;
        if (rule && pending && a.needsInput() instanceof Boolean ni) {
            expected = a.withNeedsInput(ni && !pending);
        }
        if (!expected.equals(b)) {
            fail(after, "state differs" + (expected != a ? " (pending output: needsInput expected false)" : "")
                    + "\n  jdk: " + a + "\n  wd:  " + b);
        }
    }

    private Throwable pair(String what, ThrowingRunnable a, ThrowingRunnable b) {
        Throwable ea = null;
        Throwable eb = null;
        try {
            a.run();
        } catch (Throwable t) {
            ea = t;
        }
        try {
            b.run();
        } catch (Throwable t) {
            eb = t;
        }
        log(what + (ea != null ? " -> " + Thrown.of(ea) : ""));
        compareOutcome(what, null, ea, null, eb);
        compareState(what);
        return ea;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void check(String what, String field, Object jdkValue, Object wdValue) {
        if (!equal(jdkValue, wdValue)) {
            fail(what, field + " differs: jdk=" + show(jdkValue) + " wd=" + show(wdValue));
        }
    }

    private static String show(Object o) {
        return o instanceof byte[] b ? Hex.brief(b, 64) : String.valueOf(o);
    }


    private void fail(String what, String detail) {
        throw new AssertionError("call " + what + ": " + detail + "\n" + history());
    }

    private String history() {
        return "  recent calls (oldest first):\n    " + String.join("\n    ", trace);
    }

    private void log(String s) {
        if (trace.size() == TRACE) {
            trace.removeFirst();
        }
        trace.addLast(++logged + ": " + s);
    }

    private static String hex(byte[] b, int i) {
        return i < 0 || i >= b.length ? "-" : String.format("%02x", b[i] & 0xff);
    }

    // ---------------------------------------------------------------- buffers

    /** Deterministic filler that differs per call, so a stray write of "the same" byte is unlikely. */
    static byte[] pattern(int n, long salt) {
        byte[] b = new byte[n];
        int x = (int) (salt * 0x9E3779B1L) | 1;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[i] = (byte) x;
        }
        return b;
    }


    private static byte[] embed(byte[] data, int off) {
        byte[] big = pattern(off + data.length + 3, data.length);
        System.arraycopy(data, 0, big, off, data.length);
        return big;
    }

    private static ByteBuffer inputBuffer(byte[] chunk, Plan.InKind kind) {
        return switch (kind) {
            case HEAP -> ByteBuffer.wrap(chunk.clone());
            case HEAP_SLICE -> {
                // non-zero arrayOffset and non-zero position
                ByteBuffer s = ByteBuffer.wrap(embed(chunk, 5), 3, chunk.length + 2).slice();
                yield s.position(2).limit(2 + chunk.length);
            }
            case DIRECT -> {
                ByteBuffer d = ByteBuffer.allocateDirect(chunk.length + 4);
                d.position(2);
                d.put(chunk);
                yield d.position(2).limit(2 + chunk.length);
            }
            case READ_ONLY -> ByteBuffer.wrap(chunk.clone()).asReadOnlyBuffer();
            default -> throw new AssertionError(kind);
        };
    }

    private static ByteBuffer dictBuffer(byte[] dict, Plan.DictKind kind) {
        if (kind == Plan.DictKind.DIRECT) {
            ByteBuffer d = ByteBuffer.allocateDirect(dict.length + 1);
            d.position(1);
            d.put(dict);
            return d.position(1);
        }
        return ByteBuffer.wrap(embed(dict, 2), 2, dict.length);
    }


    static int adler32(byte[] b) {
        java.util.zip.Adler32 a = new java.util.zip.Adler32();
        a.update(b);
        return (int) a.getValue();
    }
}
