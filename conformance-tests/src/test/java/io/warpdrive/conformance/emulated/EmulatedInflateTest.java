package io.warpdrive.conformance.emulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.emu.FaultPlan;
import io.warpdrive.zip.AccelOptions;
import io.warpdrive.zip.Backend;
import io.warpdrive.zip.BackendFailureException;
import io.warpdrive.zip.WdInflater;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WdInflater on the emulated backend, beyond the shared inflate suite: that it really goes
 * through the queues, and that every failure of the fault plan, hit in the middle of a stream,
 * continues on the pure-Java engine with every call still equal to java.util.zip's (no byte lost
 * or repeated), or throws in strict mode.
 *
 * <p>Runs in the conformance module's emulated execution ({@code -Dwarpdrive.backend=emulated});
 * skipped otherwise. Seeds are fixed and printed in the failure message.
 */
class EmulatedInflateTest {
    private FaultPlan plan;

    @BeforeEach
    void onlyOnEmulated() {
        assumeTrue(Backend.configured() == Backend.EMULATED, "run with -Dwarpdrive.backend=emulated");
    }

    @AfterEach
    void clear() {
        if (plan != null) {
            EmulatedZip.shared().model().setFaultPlan(null);
            plan = null;
        }
        AccelOptions.setStrict(null);
        AccelOptions.setReplayLimit(null);
    }

    private void install(FaultPlan p) {
        plan = p;
        EmulatedZip.shared().model().setFaultPlan(p);
    }

    static byte[] data(long seed, int size) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        for (int i = 0; i < size; ) {
            if (r.nextInt(4) == 0) {
                b[i++] = (byte) r.nextInt(256);
            } else {
                int run = Math.min(size - i, 1 + r.nextInt(30));
                byte v = (byte) ('a' + r.nextInt(6));
                for (int k = 0; k < run; k++) {
                    b[i++] = v;
                }
            }
        }
        return b;
    }

    static byte[] deflate(byte[] data, boolean nowrap) {
        Deflater d = new Deflater(6, nowrap);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /**
     * Drives WdInflater and java.util.zip with the same calls (random input pieces and output
     * sizes) and compares every observable after every call. Returns the output.
     */
    static byte[] lockstep(byte[] comp, boolean nowrap, long seed) throws Exception {
        Random r = new Random(seed);
        Inflater jdk = new Inflater(nowrap);
        WdInflater wd = new WdInflater(nowrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int pos = 0;
            for (int call = 0; call < 1_000_000; call++) {
                String where = "seed " + seed + " call " + call;
                if (jdk.needsInput() && pos < comp.length) {
                    int n = Math.min(comp.length - pos, 1 + r.nextInt(r.nextBoolean() ? 40 : 5000));
                    jdk.setInput(comp, pos, n);
                    wd.setInput(comp, pos, n);
                    pos += n;
                }
                int room = 1 + r.nextInt(r.nextBoolean() ? 100 : 20_000);
                byte[] a = new byte[room + 8];
                byte[] b = new byte[room + 8];
                int na;
                int nb;
                Throwable ea = null;
                Throwable eb = null;
                try {
                    na = jdk.inflate(a, 4, room);
                } catch (DataFormatException e) {
                    ea = e;
                    na = -1;
                }
                try {
                    nb = wd.inflate(b, 4, room);
                } catch (DataFormatException e) {
                    eb = e;
                    nb = -1;
                }
                assertEquals(ea == null ? null : ea.getMessage(), eb == null ? null : eb.getMessage(), where);
                assertEquals(na, nb, where);
                assertArrayEquals(a, b, where);
                assertEquals(jdk.getRemaining(), wd.getRemaining(), where);
                assertEquals(jdk.getBytesRead(), wd.getBytesRead(), where);
                assertEquals(jdk.getBytesWritten(), wd.getBytesWritten(), where);
                assertEquals(jdk.finished(), wd.finished(), where);
                assertEquals(jdk.getAdler(), wd.getAdler(), where);
                if (ea != null) {
                    return null;
                }
                out.write(a, 4, na);
                if (jdk.finished() || (jdk.needsInput() && pos == comp.length && na == 0)) {
                    return out.toByteArray();
                }
            }
            throw new AssertionError("runaway");
        } finally {
            jdk.end();
            wd.end();
        }
    }

    @Test
    void wdInflaterGoesThroughTheQueues() throws Exception {
        long before = EmulatedZip.shared().model().doorbellCount();
        byte[] plain = data(1, 300_000);
        assertArrayEquals(plain, lockstep(deflate(plain, false), false, 1));
        assertTrue(EmulatedZip.shared().model().doorbellCount() - before > 20, "no doorbells: not on the queues");
    }

    @ParameterizedTest
    @EnumSource(FaultPlan.Fault.class)
    void everyFaultContinuesExactlyOnSoft(FaultPlan.Fault fault) throws Exception {
        for (int k : new int[] {1, 2, 7, 25}) {
            for (boolean nowrap : new boolean[] {false, true}) {
                long seed = 1000L * k + (nowrap ? 1 : 0) + fault.ordinal() * 7;
                byte[] plain = data(seed, 200_000);
                install(FaultPlan.forQcType(1).at(k, fault));
                assertArrayEquals(plain, lockstep(deflate(plain, nowrap), nowrap, seed), "fault at " + k + ", seed " + seed);
                assertTrue(plan.served() >= k, "the fault at " + k + " was not reached (" + plan.served() + " requests, nowrap " + nowrap + ")");
            }
        }
    }

    @Test
    void corruptDataGivesZlibsMessageAtTheSameCall() throws Exception {
        for (int i = 0; i < 40; i++) {
            byte[] plain = data(500 + i, 20_000);
            byte[] comp = deflate(plain, i % 2 == 0);
            Random r = new Random(i);
            comp[2 + r.nextInt(comp.length - 2)] ^= (byte) (1 << r.nextInt(8));
            lockstep(comp, i % 2 == 0, 77 + i);
        }
    }

    @Test
    void strictThrowsOnDeviceFailureButNotOnCorruptData() throws Exception {
        AccelOptions.setStrict(true);
        byte[] plain = data(9, 100_000);
        byte[] comp = deflate(plain, false);
        install(FaultPlan.forQcType(1).at(3, FaultPlan.Fault.ERROR_STATUS));
        WdInflater wd = new WdInflater();
        wd.setInput(comp);
        byte[] out = new byte[1000];
        assertThrows(BackendFailureException.class, () -> {
            for (int i = 0; i < 10; i++) {
                wd.inflate(out);
            }
        });
        wd.end();
        // corrupt data is the data's fault: the same DataFormatException as the JDK, strict or not
        byte[] bad = comp.clone();
        bad[bad.length - 1] ^= 1; // the Adler-32 trailer
        assertEquals("incorrect data check", assertThrows(DataFormatException.class, () -> inflateAll(bad)).getMessage());
        install(FaultPlan.forQcType(1).at(2, FaultPlan.Fault.STOP_QUEUE));
        assertThrows(BackendFailureException.class, () -> inflateAll(comp));
    }

    @Test
    void pastTheReplayLimitAFailureCannotBeHidden() {
        AccelOptions.setReplayLimit(10_000);
        byte[] plain = data(10, 400_000);
        byte[] comp = deflate(plain, true);
        assertTrue(comp.length > 20_000);
        install(FaultPlan.forQcType(1).at(30, FaultPlan.Fault.BAD_PRODUCED));
        BackendFailureException e = assertThrows(BackendFailureException.class, () -> {
            WdInflater wd = new WdInflater(true);
            try {
                byte[] out = new byte[4096];
                for (int pos = 0; pos < comp.length; pos += 1000) {
                    wd.setInput(comp, pos, Math.min(1000, comp.length - pos));
                    while (!wd.needsInput()) {
                        wd.inflate(out);
                    }
                }
            } finally {
                wd.end();
            }
        });
        assertTrue(e.getMessage().contains("replay limit"), e.getMessage());
    }

    @Test
    void dictionaryOnARawStreamAndFdictHeaders() throws Exception {
        byte[] dict = data(3, 2000);
        byte[] plain = new byte[30_000];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = dict[(i * 31) % dict.length];
        }
        for (boolean nowrap : new boolean[] {true, false}) {
            Deflater d = new Deflater(6, nowrap);
            d.setDictionary(dict);
            d.setInput(plain);
            d.finish();
            byte[] buf = new byte[100_000];
            byte[] comp = Arrays.copyOf(buf, d.deflate(buf));
            d.end();
            Inflater jdk = new Inflater(nowrap);
            WdInflater wd = new WdInflater(nowrap);
            byte[] a = new byte[40_000];
            byte[] b = new byte[40_000];
            jdk.setInput(comp);
            wd.setInput(comp);
            if (nowrap) {
                jdk.setDictionary(dict);
                wd.setDictionary(dict);
            } else {
                assertEquals(jdk.inflate(a), wd.inflate(b));
                assertTrue(jdk.needsDictionary() && wd.needsDictionary());
                assertEquals(jdk.getAdler(), wd.getAdler());
                jdk.setDictionary(dict);
                wd.setDictionary(dict);
            }
            int na = jdk.inflate(a);
            int nb = wd.inflate(b);
            assertEquals(na, nb);
            assertArrayEquals(a, b);
            assertTrue(jdk.finished() && wd.finished());
            assertEquals(jdk.getRemaining(), wd.getRemaining());
            jdk.end();
            wd.end();
        }
    }

    private static void inflateAll(byte[] comp) throws DataFormatException {
        WdInflater wd = new WdInflater();
        try {
            wd.setInput(comp);
            byte[] out = new byte[1000];
            while (!wd.finished()) {
                wd.inflate(out);
            }
        } finally {
            wd.end();
        }
    }
}
