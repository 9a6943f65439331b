/*
 * Every fault the emulated engine can inject, at every stage of a stream, in both directions,
 * through WdInflater/WdDeflater on the emulated backend:
 *   - fallback (default): inflate stays equal to java.util.zip call by call, deflate output
 *     inflates (java.util.zip) to exactly the input, also at the SYNC_FLUSH point;
 *   - strict: a BackendFailureException, and everything handed out before it is still right;
 *   - afterwards the queue pool has replaced a broken queue and new streams succeed.
 * Stages are request ordinals counted by a fault-free run of the same deterministic calls:
 * the first request, one in the middle, the last one, and the first after a SYNC_FLUSH.
 */
package io.warpdrive.conformance.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.emu.FaultPlan;
import io.warpdrive.accel.emu.FaultPlan.Fault;
import io.warpdrive.zip.AccelOptions;
import io.warpdrive.zip.BackendFailureException;
import io.warpdrive.zip.WdDeflater;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeviceFaultTest {
    enum Stage { FIRST, MIDDLE, FINAL, AFTER_FLUSH }

    /** The faults of an honest-but-failing device (the hostile ones are in HostileDeviceTest). */
    static final EnumSet<Fault> DEVICE_FAULTS = EnumSet.range(Fault.ERROR_STATUS, Fault.WRONG_SLOT);

    private static final int INFLATE_SIZE = 150_000;
    private static final int INFLATE_FLUSH_AT = 60_000;
    private static final int DEFLATE_SIZE = 400_000;
    private static final int DEFLATE_FLUSH_AT = 180_000;
    private static final int DEFLATE_REQUEST = 64 << 10;

    /** Fault-free request counts per (direction, nowrap): [total, first request after the flush]. */
    private static final Map<String, long[]> CLEAN = new HashMap<>();

    @BeforeEach
    void setUp() {
        Emulated.use();
        AccelOptions.setRequestSize(DEFLATE_REQUEST); // deflate: several requests per stream
    }

    @AfterEach
    void tearDown() {
        Emulated.restore();
    }

    static Stream<Arguments> cases() {
        return DEVICE_FAULTS.stream().flatMap(f -> Arrays.stream(Stage.values())
                .flatMap(s -> Stream.of(Arguments.of(f, s, false), Arguments.of(f, s, true))));
    }

    private static boolean breaksQueue(Fault f) {
        return f == Fault.NO_COMPLETION || f == Fault.STOP_QUEUE || f == Fault.WRONG_SLOT;
    }

    private static long ordinal(Stage stage, long[] clean) {
        switch (stage) {
            case FIRST:
                return 1;
            case MIDDLE:
                return Math.max(2, clean[0] / 2);
            case FINAL:
                return clean[0];
            default:
                return clean[1];
        }
    }

    // ------------------------------------------------------------------ inflate

    private static byte[] inflatePlain(boolean nowrap) {
        return Emulated.data(nowrap ? 71 : 70, INFLATE_SIZE);
    }

    /** Compressed length of the part before the SYNC_FLUSH (it is a prefix of the whole stream). */
    private static int flushPrefix(byte[] plain, boolean nowrap) {
        Deflater d = new Deflater(6, nowrap);
        d.setInput(plain, 0, INFLATE_FLUSH_AT);
        byte[] buf = new byte[1 << 17];
        int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        d.end();
        return n;
    }

    private static Emulated.InflateRun inflate(byte[] comp, boolean nowrap, int mark, FaultPlan plan) {
        return Emulated.lockstepInflate(comp, nowrap, 5000, 8192, mark, plan);
    }

    private static long[] cleanInflate(boolean nowrap) {
        return CLEAN.computeIfAbsent("inflate" + nowrap, k -> {
            byte[] plain = inflatePlain(nowrap);
            byte[] comp = Emulated.deflateJdk(plain, nowrap, INFLATE_FLUSH_AT);
            FaultPlan counting = Emulated.install(FaultPlan.forQcType(1));
            Emulated.InflateRun r = inflate(comp, nowrap, flushPrefix(plain, nowrap), counting);
            Emulated.install(null);
            assertNull(r.failure);
            assertArrayEquals(plain, r.out.toByteArray());
            assertTrue(counting.served() >= 10, "too few requests to place faults: " + counting.served());
            return new long[] {counting.served(), r.servedBefore[r.markCall] + 1};
        });
    }

    @ParameterizedTest(name = "inflate {0} at {1}, strict {2}")
    @MethodSource("cases")
    void inflate(Fault fault, Stage stage, boolean strict) throws Exception {
        boolean nowrap = stage.ordinal() % 2 == 1;
        long[] clean = cleanInflate(nowrap);
        byte[] plain = inflatePlain(nowrap);
        byte[] comp = Emulated.deflateJdk(plain, nowrap, INFLATE_FLUSH_AT);
        long n = ordinal(stage, clean);
        int reopenedBefore = Emulated.pool(false).reopenedCount();
        AccelOptions.setStrict(strict);
        FaultPlan plan = Emulated.install(FaultPlan.forQcType(1).at(n, fault));
        Emulated.InflateRun r = inflate(comp, nowrap, flushPrefix(plain, nowrap), plan);
        String what = fault + " at request " + n + " (" + stage + ", nowrap " + nowrap + ")";
        assertTrue(plan.served() >= n, what + " was not reached: " + plan.served() + " requests");
        if (strict) {
            assertInstanceOf(BackendFailureException.class, r.failure, what);
            byte[] got = r.out.toByteArray();
            assertArrayEquals(Arrays.copyOf(plain, got.length), got, what + ": output before the failure");
        } else {
            assertNull(r.failure, what);
            assertArrayEquals(plain, r.out.toByteArray(), what);
        }
        AccelOptions.setStrict(null);
        Emulated.install(null);
        recovered(false, fault, reopenedBefore);
    }

    // ------------------------------------------------------------------ deflate

    /** What a deflate drive produced. */
    private static final class DeflateRun {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        RuntimeException failure;
        long servedAfterFlush;
        int outAtFlush = -1;
        long bytesRead;
        long bytesWritten;
    }

    private static byte[] deflatePlain(boolean nowrap) {
        return Emulated.data(nowrap ? 81 : 80, DEFLATE_SIZE);
    }

    /**
     * 20,000-byte inputs, 16 KiB output windows, NO_FLUSH, one SYNC_FLUSH (looped until it
     * returns less than the window) after DEFLATE_FLUSH_AT bytes, then finish.
     */
    private static DeflateRun deflate(byte[] plain, boolean nowrap, FaultPlan plan) {
        DeflateRun run = new DeflateRun();
        WdDeflater d = new WdDeflater(6, nowrap);
        byte[] buf = new byte[16384];
        try {
            int pos = 0;
            boolean flushed = false;
            for (int call = 0; !d.finished(); call++) {
                if (call > 100_000) {
                    throw new AssertionError("runaway deflate");
                }
                if (d.needsInput()) {
                    if (pos < plain.length) {
                        int len = Math.min(20_000, plain.length - pos);
                        if (!flushed && pos + len > DEFLATE_FLUSH_AT) {
                            len = DEFLATE_FLUSH_AT - pos;
                        }
                        d.setInput(plain, pos, len);
                        pos += len;
                    } else {
                        d.finish();
                    }
                }
                int k;
                if (!flushed && pos == DEFLATE_FLUSH_AT) {
                    // SYNC_FLUSH until a call leaves room: all input so far is out, byte-aligned.
                    do {
                        k = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                        run.out.write(buf, 0, k);
                    } while (k == buf.length);
                    flushed = true;
                    run.outAtFlush = run.out.size();
                    run.servedAfterFlush = plan == null ? 0 : plan.served();
                    continue;
                }
                k = d.deflate(buf);
                run.out.write(buf, 0, k);
            }
            run.bytesRead = d.getBytesRead();
            run.bytesWritten = d.getBytesWritten();
        } catch (BackendFailureException e) {
            run.failure = e;
        } finally {
            d.end();
        }
        return run;
    }

    private static long[] cleanDeflate(boolean nowrap) {
        return CLEAN.computeIfAbsent("deflate" + nowrap, k -> {
            FaultPlan counting = Emulated.install(FaultPlan.forQcType(0));
            DeflateRun r = deflate(deflatePlain(nowrap), nowrap, counting);
            Emulated.install(null);
            assertNull(r.failure);
            assertTrue(counting.served() >= 5, "too few requests to place faults: " + counting.served());
            return new long[] {counting.served(), r.servedAfterFlush + 1};
        });
    }

    @ParameterizedTest(name = "deflate {0} at {1}, strict {2}")
    @MethodSource("cases")
    void deflate(Fault fault, Stage stage, boolean strict) throws Exception {
        boolean nowrap = stage.ordinal() % 2 == 0;
        long[] clean = cleanDeflate(nowrap);
        byte[] plain = deflatePlain(nowrap);
        long n = ordinal(stage, clean);
        int reopenedBefore = Emulated.pool(true).reopenedCount();
        AccelOptions.setStrict(strict);
        FaultPlan plan = Emulated.install(FaultPlan.forQcType(0).at(n, fault));
        DeflateRun r = deflate(plain, nowrap, plan);
        String what = fault + " at request " + n + " (" + stage + ", nowrap " + nowrap + ")";
        assertTrue(plan.served() >= n, what + " was not reached: " + plan.served() + " requests");
        byte[] z = r.out.toByteArray();
        if (strict) {
            assertInstanceOf(BackendFailureException.class, r.failure, what);
            byte[] got = Emulated.inflatePrefix(z, nowrap);
            assertArrayEquals(Arrays.copyOf(plain, got.length), got, what + ": output before the failure");
        } else {
            assertNull(r.failure, what);
            assertArrayEquals(plain, Emulated.inflateJdk(z, nowrap), what + ": round trip");
            assertEquals(plain.length, r.bytesRead, what);
            assertEquals(z.length, r.bytesWritten, what);
            // The SYNC_FLUSH promise: everything before it decodes from the output up to it.
            byte[] head = Emulated.inflatePrefix(Arrays.copyOf(z, r.outAtFlush), nowrap);
            assertArrayEquals(Arrays.copyOf(plain, DEFLATE_FLUSH_AT), head, what + ": data at the flush point");
        }
        AccelOptions.setStrict(null);
        Emulated.install(null);
        recovered(true, fault, reopenedBefore);
    }

    // ------------------------------------------------------------------ recovery

    /** Fresh streams of both directions succeed, and a broken queue of the pool was replaced. */
    private static void recovered(boolean compress, Fault fault, int reopenedBefore) throws Exception {
        for (int i = 0; i < 2; i++) {
            byte[] plain = Emulated.data(900 + i, 120_000);
            Emulated.InflateRun r = Emulated.lockstepInflate(Emulated.deflateJdk(plain, false, 0), false, 3000, 4096,
                    Integer.MAX_VALUE, null);
            assertNull(r.failure, "inflate after " + fault);
            assertArrayEquals(plain, r.out.toByteArray());
            DeflateRun d = deflate(plain, true, null);
            assertNull(d.failure, "deflate after " + fault);
            assertArrayEquals(plain, Emulated.inflateJdk(d.out.toByteArray(), true));
        }
        assertEquals(0, Emulated.brokenQueues(compress), "a failed queue was not replaced after " + fault);
        if (breaksQueue(fault)) {
            assertTrue(Emulated.pool(compress).reopenedCount() > reopenedBefore, fault + ": no queue was reopened");
        }
    }
}
