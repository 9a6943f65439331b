/*
 * A hostile device model: results no honest engine reports (consumed beyond what was submitted,
 * 0xffffffff, produced beyond the room given, 0x7fffffff) and completions that lie (a CQE for a
 * slot never submitted, another queue's qn, the wrong slot, phase bits flipping in CQ memory).
 * Whatever the device says, the driver must not read or write outside its buffers (that would
 * surface as an IndexOutOfBounds or another exception the JDK does not throw) nor hand wrong
 * data to the caller: inflate stays equal to java.util.zip call by call, with padding around
 * every output window untouched; deflate output inflates to exactly the input; strict mode
 * fails cleanly with BackendFailureException.
 */
package io.warpdrive.conformance.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warpdrive.accel.emu.FaultPlan;
import io.warpdrive.accel.emu.FaultPlan.Fault;
import io.warpdrive.zip.AccelOptions;
import io.warpdrive.zip.BackendFailureException;
import io.warpdrive.zip.WdDeflater;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HostileDeviceTest {
    @BeforeEach
    void setUp() {
        Emulated.use();
        AccelOptions.setRequestSize(32 << 10);
    }

    @AfterEach
    void tearDown() {
        Emulated.restore();
    }

    /** Every result/completion lie, repeatedly within one stream, in both directions. */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"BAD_CONSUMED", "BAD_PRODUCED", "HUGE_CONSUMED", "HUGE_PRODUCED",
        "WRONG_SLOT", "GHOST_CQE", "WRONG_QN", "PHASE_FLIP"})
    void lyingDeviceNeverCorruptsTheStream(Fault fault) throws Exception {
        for (int every : new int[] {1, 3, 17}) {
            for (boolean nowrap : new boolean[] {false, true}) {
                String what = fault + " every " + every + ", nowrap " + nowrap;
                byte[] plain = Emulated.data(every * 2L + (nowrap ? 1 : 0), 200_000);
                Emulated.install(FaultPlan.forQcType(1).every(every, fault));
                Emulated.InflateRun r = Emulated.lockstepInflate(Emulated.deflateJdk(plain, nowrap, 0), nowrap,
                        4000, 3000, Integer.MAX_VALUE, null);
                assertNull(r.failure, what);
                assertArrayEquals(plain, r.out.toByteArray(), what);

                Emulated.install(FaultPlan.forQcType(0).every(every, fault));
                byte[] z = deflate(plain, nowrap);
                assertArrayEquals(plain, Emulated.inflateJdk(z, nowrap), what + ": deflate round trip");
            }
        }
        Emulated.install(null);
        assertEquals(0, afterwards(), "streams fail after the hostile phase");
    }

    /** Strict mode: a lie ends the stream with BackendFailureException; what was handed out is right. */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"HUGE_CONSUMED", "HUGE_PRODUCED", "WRONG_QN"})
    void strictModeFailsCleanly(Fault fault) throws Exception {
        AccelOptions.setStrict(true);
        byte[] plain = Emulated.data(5, 100_000);
        Emulated.install(FaultPlan.forQcType(1).at(3, fault));
        Emulated.InflateRun r = Emulated.lockstepInflate(Emulated.deflateJdk(plain, false, 0), false, 4000, 3000,
                Integer.MAX_VALUE, null);
        assertInstanceOf(BackendFailureException.class, r.failure, fault.name());
        byte[] got = r.out.toByteArray();
        assertArrayEquals(Arrays.copyOf(plain, got.length), got);
    }

    /**
     * A ghost CQE after a genuine one: the genuine request completes with its right results; the
     * ghost ends that queue, either before the stream's next request (which then goes to a fresh
     * queue) or while that request is in flight (which then fails and the stream continues in
     * software). Either way the output is exact and the pool replaces the queue. (Strict mode
     * would throw in the second case: which one happens is a race the driver cannot prevent.)
     */
    @Test
    void ghostCompletionEndsOnlyThatQueue() throws Exception {
        int reopened = Emulated.pool(false).reopenedCount();
        byte[] plain = Emulated.data(6, 100_000);
        Emulated.install(FaultPlan.forQcType(1).at(3, Fault.GHOST_CQE));
        Emulated.InflateRun r = Emulated.lockstepInflate(Emulated.deflateJdk(plain, false, 0), false, 4000, 3000,
                Integer.MAX_VALUE, null);
        assertNull(r.failure);
        assertArrayEquals(plain, r.out.toByteArray());
        Emulated.install(null);
        // the pool hands queues out round-robin: enough new streams come round to the broken one
        byte[] small = Emulated.data(7, 20_000);
        for (int i = 0; i < 16 && Emulated.brokenQueues(false) > 0; i++) {
            Emulated.InflateRun again = Emulated.lockstepInflate(Emulated.deflateJdk(small, false, 0), false, 4000,
                    3000, Integer.MAX_VALUE, null);
            assertArrayEquals(small, again.out.toByteArray());
        }
        org.junit.jupiter.api.Assertions.assertTrue(Emulated.pool(false).reopenedCount() > reopened,
                "the queue that saw the ghost CQE was not replaced");
        assertEquals(0, Emulated.brokenQueues(false));
    }

    /**
     * Phase bits flipping at random over many CQ laps: a stale CQE that looks fresh names exactly
     * the slot the driver expects, so only the results themselves can give it away. Small output
     * windows make thousands of requests, so every queue of the pool wraps its 1024-entry CQ.
     */
    @Test
    void phaseFlipsOverManyLaps() throws Exception {
        byte[] plain = Emulated.data(77, 1_500_000);
        byte[] comp = Emulated.deflateJdk(plain, false, 0);
        Emulated.InflateRun warm = Emulated.lockstepInflate(comp, false, 2000, 700, Integer.MAX_VALUE, null);
        assertArrayEquals(plain, warm.out.toByteArray());
        Emulated.install(FaultPlan.forQcType(1).every(5, Fault.PHASE_FLIP));
        Emulated.InflateRun r = Emulated.lockstepInflate(comp, false, 2000, 700, Integer.MAX_VALUE, null);
        assertNull(r.failure);
        assertArrayEquals(plain, r.out.toByteArray());
    }

    private static byte[] deflate(byte[] plain, boolean nowrap) {
        WdDeflater d = new WdDeflater(6, nowrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[7000];
        byte[] padded = new byte[buf.length + 16];
        int pos = 0;
        try {
            for (int call = 0; !d.finished(); call++) {
                if (call > 200_000) {
                    throw new AssertionError("runaway deflate");
                }
                if (d.needsInput()) {
                    if (pos < plain.length) {
                        int n = Math.min(9000, plain.length - pos);
                        d.setInput(plain, pos, n);
                        pos += n;
                    } else {
                        d.finish();
                    }
                }
                Arrays.fill(padded, (byte) 0x77);
                int k = d.deflate(padded, 8, buf.length, call % 11 == 0 ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH);
                for (int i = 0; i < padded.length; i++) {
                    if ((i < 8 || i >= 8 + k) && padded[i] != 0x77) {
                        throw new AssertionError("byte " + i + " outside the written window changed");
                    }
                }
                out.write(padded, 8, k);
            }
            assertEquals(plain.length, d.getBytesRead());
            assertEquals(out.size(), d.getBytesWritten());
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    /** Streams after the faults: the number that failed (0 expected). */
    private static int afterwards() throws Exception {
        int failed = 0;
        for (int i = 0; i < 3; i++) {
            byte[] plain = Emulated.data(300 + i, 80_000);
            Emulated.InflateRun r = Emulated.lockstepInflate(Emulated.deflateJdk(plain, true, 0), true, 5000, 9000,
                    Integer.MAX_VALUE, null);
            if (r.failure != null || !Arrays.equals(plain, r.out.toByteArray())) {
                failed++;
            }
            if (!Arrays.equals(plain, Emulated.inflateJdk(deflate(plain, false), false))) {
                failed++;
            }
        }
        return failed;
    }
}
