/*
 * Shared rig of the reliability suites: switches new WdInflater/WdDeflater instances to the
 * emulated queue backend (Backend.setDefault, so it works in the default surefire run as well as
 * in the emulated one), installs fault plans on the process-wide emulated ZIP engine, reaches the
 * provider's ZipDevice (package-private in the provider, so by reflection) for the queue pools,
 * and drives streams with java.util.zip as the oracle.
 *
 * Every test restores what it changed (backend, strictness, timeouts, fault plan), and tests in
 * this module run one class at a time, so a fault plan never meets another suite's streams.
 */
package io.warpdrive.conformance.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.emu.FaultPlan;
import io.warpdrive.accel.queue.HisiQp;
import io.warpdrive.accel.queue.QueuePool;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.conformance.Thrown;
import io.warpdrive.zip.AccelOptions;
import io.warpdrive.zip.Backend;
import io.warpdrive.zip.WdInflater;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Test rig over the shared emulated device. */
final class Emulated {
    /** Queue timeout while faults are planned: NO_COMPLETION must be noticed fast. */
    static final long TIMEOUT_MILLIS = 300;

    private Emulated() {
    }

    /** Routes new instances to the emulated backend with a short queue timeout. */
    static void use() {
        Backend.setDefault(Backend.EMULATED);
        AccelOptions.setQueueTimeoutMillis(TIMEOUT_MILLIS);
    }

    /** Undoes everything a test may have set. */
    static void restore() {
        EmulatedZip.shared().model().setFaultPlan(null);
        Backend.setDefault(null);
        AccelOptions.setStrict(null);
        AccelOptions.setRequestSize(null);
        AccelOptions.setReplayLimit(null);
        AccelOptions.setQueueTimeoutMillis(null);
    }

    static FaultPlan install(FaultPlan p) {
        EmulatedZip.shared().model().setFaultPlan(p);
        return p;
    }

    /** The provider's driver over the shared emulated engine (package-private there). */
    static ZipDevice device() {
        try {
            Class<?> c = Class.forName("io.warpdrive.zip.AccelRuntime");
            Method m = c.getDeclaredMethod("emulated");
            m.setAccessible(true);
            return (ZipDevice) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot reach the provider's emulated device", e);
        }
    }

    static QueuePool pool(boolean compress) {
        return device().pool(compress);
    }

    /** Queues of the pool that are open and have failed (a stopped queue not replaced yet). */
    static int brokenQueues(boolean compress) {
        int n = 0;
        for (HisiQp q : pool(compress).snapshot()) {
            if (q != null && q.failure() != null) {
                n++;
            }
        }
        return n;
    }

    /** Text-like data with runs and random stretches (compresses about 3:1). */
    static byte[] data(long seed, int size) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        for (int i = 0; i < size; ) {
            int kind = r.nextInt(5);
            int n = Math.min(size - i, 1 + r.nextInt(kind == 0 ? 64 : 400));
            for (int k = 0; k < n; k++) {
                b[i + k] = kind == 0 ? (byte) r.nextInt(256) : kind == 1 ? (byte) 'x' : (byte) ('a' + (i + k) % 23);
            }
            i += n;
        }
        return b;
    }

    /** java.util.zip's stream, with a SYNC_FLUSH after {@code flushAt} bytes when it is > 0. */
    static byte[] deflateJdk(byte[] plain, boolean nowrap, int flushAt) {
        Deflater d = new Deflater(6, nowrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        if (flushAt > 0) {
            d.setInput(plain, 0, flushAt);
            int n;
            do {
                n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
            } while (n == buf.length);
        }
        d.setInput(plain, Math.max(flushAt, 0), plain.length - Math.max(flushAt, 0));
        d.finish();
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** Inflates a complete stream with java.util.zip; fails on trailing or missing bytes. */
    static byte[] inflateJdk(byte[] z, boolean nowrap) throws DataFormatException {
        Inflater inf = new Inflater(nowrap);
        try {
            inf.setInput(z);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && inf.needsInput()) {
                    throw new AssertionError("stream truncated after " + out.size() + " bytes");
                }
                out.write(buf, 0, n);
            }
            assertEquals(0, inf.getRemaining(), "bytes after the stream end");
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    /** Inflates as much of a (possibly cut) stream as there is, with java.util.zip. */
    static byte[] inflatePrefix(byte[] z, boolean nowrap) throws DataFormatException {
        Inflater inf = new Inflater(nowrap);
        try {
            inf.setInput(z);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = inf.inflate(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    /** What one inflate-stream drive saw. */
    static final class InflateRun {
        /** Output handed to the caller (up to an exception, if any). */
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        /** The subject's exception that the oracle did not throw, or null. */
        Throwable failure;
        /** Requests counted by the installed plan before each call (index = call). */
        final long[] servedBefore = new long[100_000];
        int calls;
        /** Call index at which input beyond {@code markOffset} was first fed, or -1. */
        int markCall = -1;
    }

    /**
     * Drives java.util.zip.Inflater and a WdInflater with identical calls (input in
     * {@code inChunk} pieces, output windows of {@code outSize} bytes inside padded arrays) and
     * compares everything after every call: return value or exception class and message, bytes
     * written and untouched padding, getRemaining, getBytesRead/Written, finished, needsInput,
     * needsDictionary, getAdler. A subject exception the oracle does not throw ends the drive
     * (strict mode's BackendFailureException) and is returned in the run; everything before it
     * must still have matched.
     */
    static InflateRun lockstepInflate(byte[] comp, boolean nowrap, int inChunk, int outSize, int markOffset,
            FaultPlan counting) {
        InflateRun run = new InflateRun();
        Inflater jdk = new Inflater(nowrap);
        WdInflater wd = new WdInflater(nowrap);
        try {
            int pos = 0;
            for (int call = 0; ; call++) {
                if (call >= run.servedBefore.length) {
                    throw new AssertionError("runaway stream");
                }
                String where = "call " + call;
                if (jdk.needsInput() && pos < comp.length) {
                    int n = Math.min(inChunk, comp.length - pos);
                    if (run.markCall < 0 && pos + n > markOffset) {
                        run.markCall = call;
                    }
                    jdk.setInput(comp, pos, n);
                    wd.setInput(comp, pos, n);
                    pos += n;
                }
                run.servedBefore[call] = counting == null ? 0 : counting.served();
                run.calls = call + 1;
                byte[] a = new byte[outSize + 16];
                byte[] b = new byte[outSize + 16];
                Arrays.fill(a, (byte) 0x5a);
                Arrays.fill(b, (byte) 0x5a);
                int na = -1;
                int nb = -1;
                Throwable ea = null;
                Throwable eb = null;
                try {
                    na = jdk.inflate(a, 8, outSize);
                } catch (DataFormatException e) {
                    ea = e;
                }
                try {
                    nb = wd.inflate(b, 8, outSize);
                } catch (DataFormatException e) {
                    eb = e;
                } catch (RuntimeException e) {
                    if (ea == null) {
                        run.failure = e; // the caller decides whether this exception is allowed
                        return run;
                    }
                    eb = e;
                }
                assertEquals(Thrown.of(ea), Thrown.of(eb), where);
                assertEquals(na, nb, where);
                assertArrayEquals(a, b, where + ": output or padding differs");
                assertEquals(jdk.getRemaining(), wd.getRemaining(), where);
                assertEquals(jdk.getBytesRead(), wd.getBytesRead(), where);
                assertEquals(jdk.getBytesWritten(), wd.getBytesWritten(), where);
                assertEquals(jdk.finished(), wd.finished(), where);
                assertEquals(jdk.needsInput(), wd.needsInput(), where);
                assertEquals(jdk.needsDictionary(), wd.needsDictionary(), where);
                assertEquals(jdk.getAdler(), wd.getAdler(), where);
                if (ea != null) {
                    return run;
                }
                run.out.write(a, 8, na);
                if (jdk.finished() || (jdk.needsInput() && pos == comp.length && na < outSize)) {
                    return run;
                }
            }
        } finally {
            jdk.end();
            wd.end();
        }
    }
}
