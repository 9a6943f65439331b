package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.emu.FaultPlan;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WdDeflater and WdInflater on the emulated queue backend. Oracles: java.util.zip Deflater given
 * SYNC_FLUSH at the request boundaries the engine reports (byte for byte), java.util.zip
 * Inflater (round trips), and for faults the same oracle: the continuation on the pure-Java
 * engine must not change a byte.
 */
class QueueEnginesTest {
    @BeforeEach
    void emulated() {
        Backend.setDefault(Backend.EMULATED);
        AccelOptions.setRequestSize(64 << 10);
        AccelOptions.setQueueTimeoutMillis(500L); // NO_COMPLETION faults are noticed after this
    }

    @AfterEach
    void back() {
        Backend.setDefault(null);
        AccelOptions.setRequestSize(null);
        AccelOptions.setStrict(null);
        AccelOptions.setQueueTimeoutMillis(null);
        EmulatedZip.shared().model().setFaultPlan(null);
    }

    static byte[] data(long seed, int size) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        String[] words = {"alpha ", "beta ", "gamma ", "queue ", "ring ", "\n"};
        int i = 0;
        while (i < size) {
            if (r.nextInt(10) == 0) {
                b[i++] = (byte) r.nextInt(256);
            } else {
                for (byte c : words[r.nextInt(words.length)].getBytes()) {
                    if (i < size) {
                        b[i++] = c;
                    }
                }
            }
        }
        return b;
    }

    static QueueDeflateEngine engineOf(WdDeflater d) throws Exception {
        Field f = WdDeflater.class.getDeclaredField("ref");
        f.setAccessible(true);
        Object ref = f.get(d);
        Field e = ref.getClass().getDeclaredField("engine");
        e.setAccessible(true);
        return (QueueDeflateEngine) e.get(ref);
    }

    /** java.util.zip at level 6 with SYNC_FLUSH after each request and FINISH on the last (-1-n). */
    static byte[] oracle(byte[] data, int[] requests, boolean nowrap) {
        Deflater d = new Deflater(6, nowrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int pos = 0;
        for (int r : requests) {
            boolean last = r < 0;
            int n = last ? -1 - r : r;
            d.setInput(data, pos, n);
            pos += n;
            if (last) {
                d.finish();
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            } else {
                int k;
                do {
                    k = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, k);
                } while (k == buf.length);
            }
        }
        d.end();
        assertEquals(data.length, pos, "requests do not cover the input");
        return out.toByteArray();
    }

    static byte[] inflate(byte[] z, boolean nowrap) throws DataFormatException {
        Inflater inf = new Inflater(nowrap);
        inf.setInput(z);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!inf.finished()) {
            int n = inf.inflate(buf);
            if (n == 0 && !inf.finished() && inf.needsInput()) {
                throw new AssertionError("truncated");
            }
            out.write(buf, 0, n);
        }
        inf.end();
        return out.toByteArray();
    }

    /** Random calls: pieces of input, output sizes, occasional SYNC flushes, finish. */
    static byte[] drive(WdDeflater d, byte[] data, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (!d.finished()) {
            if (d.needsInput() && pos < data.length) {
                int n = Math.min(data.length - pos, r.nextInt(r.nextBoolean() ? 500 : 150_000));
                d.setInput(data, pos, n);
                pos += n;
                if (pos == data.length) {
                    d.finish();
                }
            } else if (d.needsInput() && pos == data.length) {
                d.finish();
            }
            byte[] buf = new byte[1 + r.nextInt(r.nextBoolean() ? 100 : 40_000)];
            int flush = r.nextInt(8) == 0 ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH;
            int k = d.deflate(buf, 0, buf.length, flush);
            out.write(buf, 0, k);
        }
        return out.toByteArray();
    }

    @Test
    void deflateMatchesSyncFlushedZlibAtRequestBoundaries() throws Exception {
        for (boolean nowrap : new boolean[] {false, true}) {
            for (int seed = 0; seed < 6; seed++) {
                byte[] plain = data(seed, seed == 0 ? 0 : 80_000 * seed);
                WdDeflater d = new WdDeflater(6, nowrap);
                QueueDeflateEngine e = engineOf(d);
                byte[] z = drive(d, plain, seed);
                int[] requests = e.requestLog();
                assertNull(e.fallbackReason());
                assertEquals(plain.length, d.getBytesRead());
                assertEquals(z.length, d.getBytesWritten());
                if (!nowrap) {
                    java.util.zip.Adler32 a = new java.util.zip.Adler32();
                    a.update(plain);
                    assertEquals((int) a.getValue(), d.getAdler());
                }
                d.end();
                assertArrayEquals(oracle(plain, requests, nowrap), z, "seed " + seed + " nowrap " + nowrap);
                assertArrayEquals(plain, inflate(z, nowrap));
                assertTrue(seed == 0 || requests.length > 1);
            }
        }
    }

    @Test
    void deflaterOutputStreamRoundTrip() throws Exception {
        byte[] plain = data(42, 700_000);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WdDeflater d = new WdDeflater();
        try (DeflaterOutputStream s = new DeflaterOutputStream(sink, d, 512, true)) {
            for (int i = 0; i < plain.length; i += 10_000) {
                s.write(plain, i, Math.min(10_000, plain.length - i));
                if (i % 100_000 == 0) {
                    s.flush();
                }
            }
        }
        int[] requests = engineOf(d).requestLog();
        d.end();
        assertArrayEquals(oracle(plain, requests, false), sink.toByteArray());
        assertArrayEquals(plain, inflate(sink.toByteArray(), false));
    }

    /**
     * A fault in the middle: the stream continues on the pure-Java engine from the exact point.
     * The caller flushes after every piece (each at most a request), so the request boundaries
     * are the pieces whichever engine serves them, and the oracle is known in advance.
     */
    @ParameterizedTest
    @EnumSource(value = FaultPlan.Fault.class,
            names = {"ERROR_STATUS", "NO_COMPLETION", "STOP_QUEUE", "BAD_CONSUMED", "BAD_PRODUCED", "WRONG_SLOT"})
    void deflateFaultContinuesExactly(FaultPlan.Fault fault) throws Exception {
        for (int k : new int[] {1, 3, 9}) {
            for (boolean nowrap : new boolean[] {false, true}) {
                byte[] plain = data(k * 7 + fault.ordinal(), 400_000);
                Random r = new Random(k);
                List<Integer> pieces = new ArrayList<>();
                for (int pos = 0; pos < plain.length; ) {
                    int n = Math.min(plain.length - pos, 1 + r.nextInt(60_000));
                    pieces.add(n);
                    pos += n;
                }
                EmulatedZip.shared().model().setFaultPlan(FaultPlan.forQcType(0).at(k, fault));
                WdDeflater d = new WdDeflater(6, nowrap);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[7000];
                int pos = 0;
                for (int i = 0; i < pieces.size(); i++) {
                    d.setInput(plain, pos, pieces.get(i));
                    pos += pieces.get(i);
                    boolean last = i == pieces.size() - 1;
                    if (last) {
                        d.finish();
                        while (!d.finished()) {
                            out.write(buf, 0, d.deflate(buf));
                        }
                    } else {
                        int n;
                        do {
                            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                            out.write(buf, 0, n);
                        } while (n == buf.length);
                    }
                }
                QueueDeflateEngine e = engineOf(d);
                assertNotNull(e.fallbackReason(), "the fault never hit");
                d.end();
                int[] req = pieces.stream().mapToInt(Integer::intValue).toArray();
                req[req.length - 1] = -1 - req[req.length - 1];
                assertArrayEquals(oracle(plain, req, nowrap), out.toByteArray(), fault + " at " + k + " nowrap " + nowrap);
            }
        }
        EmulatedZip.shared().model().setFaultPlan(null);
    }

    /**
     * Past the replay limit a failed request cannot be replayed: the stream goes on from the
     * device's last 32 KiB. Oracle: java.util.zip.Inflater gives back the input (and for zlib
     * checks the trailer this engine wrote), and getAdler() equals java.util.zip.Adler32's.
     */
    @ParameterizedTest
    @EnumSource(value = FaultPlan.Fault.class, names = {"ERROR_STATUS", "STOP_QUEUE", "BAD_PRODUCED"})
    void deflatePastReplayLimitContinuesFromTheWindow(FaultPlan.Fault fault) throws Exception {
        AccelOptions.setReplayLimit(100_000);
        AccelOptions.setRequestSize(32 << 10);
        try {
            for (boolean nowrap : new boolean[] {false, true}) {
                for (boolean direct : new boolean[] {false, true}) {
                    byte[] plain = data(fault.ordinal() * 4 + (nowrap ? 2 : 0) + (direct ? 1 : 0), 700_000);
                    EmulatedZip.shared().model().setFaultPlan(FaultPlan.forQcType(0).at(9, fault));
                    WdDeflater d = new WdDeflater(6, nowrap);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] buf = new byte[5000];
                    for (int pos = 0; pos < plain.length; pos += 50_000) {
                        int n = Math.min(50_000, plain.length - pos);
                        if (direct) {
                            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(n);
                            b.put(plain, pos, n).flip();
                            d.setInput(b);
                            while (b.hasRemaining()) {
                                out.write(buf, 0, d.deflate(buf));
                            }
                        } else {
                            d.setInput(plain, pos, n);
                            while (!d.needsInput()) {
                                out.write(buf, 0, d.deflate(buf));
                            }
                        }
                    }
                    d.finish();
                    while (!d.finished()) {
                        out.write(buf, 0, d.deflate(buf));
                    }
                    String why = engineOf(d).fallbackReason();
                    assertNotNull(why, "the fault never hit");
                    assertTrue(why.contains("replay limit"), why);
                    if (!nowrap) {
                        java.util.zip.Adler32 a = new java.util.zip.Adler32();
                        a.update(plain);
                        assertEquals((int) a.getValue(), d.getAdler());
                    }
                    assertEquals(plain.length, d.getBytesRead());
                    assertEquals(out.size(), d.getBytesWritten());
                    d.end();
                    Inflater inf = new Inflater(nowrap);
                    byte[] compressed = out.toByteArray();
                    inf.setInput(compressed);
                    byte[] back = new byte[plain.length + 1];
                    int n = 0;
                    while (!inf.finished() && n < back.length) {
                        int k = inf.inflate(back, n, back.length - n);
                        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                            break;
                        }
                        n += k;
                    }
                    assertTrue(inf.finished(), fault + " nowrap " + nowrap + ": stream not finished");
                    assertEquals(0, inf.getRemaining(), "trailing bytes");
                    inf.end();
                    assertArrayEquals(plain, java.util.Arrays.copyOf(back, n), fault + " nowrap " + nowrap + " direct " + direct);
                }
            }
        } finally {
            AccelOptions.setReplayLimit(null);
        }
    }

    /**
     * A device whose bytes the soft engine cannot imitate (real hardware) is never replayed: a
     * failure continues from the window at once. Driven on the emulated device as if it were one.
     */
    @ParameterizedTest
    @EnumSource(value = FaultPlan.Fault.class, names = {"ERROR_STATUS", "NO_COMPLETION", "WRONG_SLOT"})
    void opaqueDeviceFailureContinuesFromTheWindow(FaultPlan.Fault fault) throws Exception {
        for (boolean nowrap : new boolean[] {false, true}) {
            byte[] plain = data(40 + fault.ordinal() + (nowrap ? 7 : 0), 500_000);
            EmulatedZip.shared().model().setFaultPlan(FaultPlan.forQcType(0).at(3, fault));
            QueueDeflateEngine e = new QueueDeflateEngine(6, nowrap, AccelRuntime.emulated(), QueueDeflateEngine.OPAQUE_DEVICE);
            byte[] out = new byte[plain.length + 10_000];
            int produced = 0;
            for (int pos = 0; pos < plain.length; pos += 70_000) {
                int n = Math.min(70_000, plain.length - pos);
                e.setInput(plain, pos, n);
                while (e.getAvailIn() > 0) {
                    e.deflate(out, produced, 3000, Deflater.NO_FLUSH);
                    produced += 3000 - e.getAvailOut();
                }
            }
            int r;
            do {
                r = e.deflate(out, produced, 3000, io.warpdrive.soft.SoftDeflater.FINISH);
                produced += 3000 - e.getAvailOut();
            } while (r != io.warpdrive.soft.SoftDeflater.STREAM_END);
            String why = e.fallbackReason();
            assertNotNull(why, "the fault never hit");
            assertTrue(why.contains("continued from the last 32 KiB"), why);
            e.end();
            Inflater inf = new Inflater(nowrap);
            inf.setInput(out, 0, produced);
            byte[] back = new byte[plain.length];
            int n = 0;
            while (!inf.finished() && n < back.length) {
                n += inf.inflate(back, n, back.length - n);
            }
            assertTrue(inf.finished());
            assertEquals(0, inf.getRemaining());
            inf.end();
            assertArrayEquals(plain, back, fault + " nowrap " + nowrap);
        }
    }

    /**
     * Inflate on a device replayed by totals (real hardware): after a failed request at any of
     * several points the pure-Java engine goes on from the device's point, carrying input the
     * device took ahead. Oracle: the input data; java.util.zip made the streams.
     */
    @ParameterizedTest
    @EnumSource(value = FaultPlan.Fault.class, names = {"ERROR_STATUS", "STOP_QUEUE", "BAD_PRODUCED"})
    void opaqueInflateFailureReplaysByTotals(FaultPlan.Fault fault) {
        for (int k : new int[] {1, 4, 11}) {
            for (boolean nowrap : new boolean[] {false, true}) {
                byte[] plain = data(70 + k + fault.ordinal(), 300_000);
                byte[] z = jdkDeflate(plain, nowrap);
                int zl = z.length;
                EmulatedZip.shared().model().setFaultPlan(FaultPlan.forQcType(1).at(k, fault));
                QueueInflateEngine e = new QueueInflateEngine(nowrap, AccelRuntime.emulated(), true);
                byte[] out = new byte[plain.length];
                int inPos = 0;
                int outPos = 0;
                int r = 0;
                for (int calls = 0; calls < 100_000 && r != io.warpdrive.soft.SoftInflater.STREAM_END; calls++) {
                    r = e.inflate(z, inPos, Math.min(3000, zl - inPos), out, outPos, Math.min(5000, out.length - outPos));
                    assertTrue(r >= 0 || r == io.warpdrive.soft.SoftInflater.BUF_ERROR, "result " + r + " " + e.message());
                    inPos += e.consumed();
                    outPos += e.produced();
                }
                assertEquals(io.warpdrive.soft.SoftInflater.STREAM_END, r, fault + " at " + k);
                assertNotNull(e.fallbackReason(), "the fault never hit");
                assertEquals(zl, inPos, "consumed the whole stream");
                assertArrayEquals(plain, out, fault + " at " + k + " nowrap " + nowrap);
                e.close();
            }
        }
    }

    /**
     * The carry of an opaque replay: input a device consumed ahead of the pure-Java engine is fed
     * first, across calls with small output buffers, then the caller's input. Set up directly (the
     * emulated engine never runs ahead of zlib); oracle: the input data.
     */
    @Test
    void opaqueReplayCarryIsFedBeforeTheCallersInput() throws Exception {
        byte[] plain = data(91, 200_000);
        byte[] z = jdkDeflate(plain, true);
        int zl = z.length;
        for (int ahead : new int[] {1, 700, 20_000}) {
            QueueInflateEngine e = new QueueInflateEngine(true, AccelRuntime.emulated(), true);
            io.warpdrive.soft.SoftInflater s = new io.warpdrive.soft.SoftInflater(true);
            byte[] out = new byte[plain.length];
            s.inflate(z, 0, 10_000, out, 0, 30_000);
            int c1 = s.consumed();
            int outPos = s.produced();
            int deviceRead = c1 + ahead;
            set(e, "soft", s);
            set(e, "carry", java.util.Arrays.copyOfRange(z, c1, deviceRead));
            set(e, "carryLen", ahead);
            int inPos = deviceRead;
            int r = 0;
            for (int calls = 0; calls < 100_000 && r != io.warpdrive.soft.SoftInflater.STREAM_END; calls++) {
                r = e.inflate(z, inPos, Math.min(2500, zl - inPos), out, outPos, Math.min(4000, out.length - outPos));
                assertTrue(r >= 0, "result " + r + " " + e.message());
                inPos += e.consumed();
                outPos += e.produced();
            }
            assertEquals(io.warpdrive.soft.SoftInflater.STREAM_END, r);
            assertEquals(zl, inPos);
            assertArrayEquals(plain, out, "ahead " + ahead);
            e.close();
        }
    }

    /** java.util.zip at level 6, whole input, finished. */
    private static byte[] jdkDeflate(byte[] plain, boolean nowrap) {
        Deflater def = new Deflater(6, nowrap);
        def.setInput(plain);
        def.finish();
        byte[] z = new byte[plain.length + 1000];
        int zl = 0;
        while (!def.finished()) {
            zl += def.deflate(z, zl, z.length - zl);
        }
        def.end();
        return java.util.Arrays.copyOf(z, zl);
    }

    private static void set(Object o, String field, Object value) throws Exception {
        Field f = o.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(o, value);
    }

    @Test
    void strictDeflateThrows() {
        AccelOptions.setStrict(true);
        EmulatedZip.shared().model().setFaultPlan(FaultPlan.forQcType(0).at(2, FaultPlan.Fault.BAD_CONSUMED));
        WdDeflater d = new WdDeflater();
        byte[] plain = data(5, 300_000);
        byte[] buf = new byte[1 << 20];
        assertThrows(BackendFailureException.class, () -> {
            for (int i = 0; i < 3; i++) {
                d.setInput(plain, i * 100_000, 100_000);
                d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            }
        });
        d.end();
    }

    @Test
    void dictionaryStreamsRunInSoftwareAtTheCallersLevel() throws Exception {
        byte[] dict = data(8, 3000);
        byte[] plain = data(9, 60_000);
        for (int level : new int[] {1, 9}) {
            WdDeflater d = new WdDeflater(level);
            Deflater j = new Deflater(level);
            d.setDictionary(dict);
            j.setDictionary(dict);
            d.setInput(plain);
            j.setInput(plain);
            d.finish();
            j.finish();
            byte[] a = new byte[100_000];
            byte[] b = new byte[100_000];
            assertEquals(j.deflate(a), d.deflate(b));
            assertArrayEquals(a, b);
            assertEquals("dictionary", engineOf(d).fallbackReason());
            d.end();
            j.end();
        }
    }

    @Test
    void inflateRoutesThroughQueuesAndRoundTrips() throws Exception {
        long before = EmulatedZip.shared().model().doorbellCount();
        byte[] plain = data(3, 500_000);
        WdDeflater d = new WdDeflater();
        byte[] z = drive(d, plain, 3);
        d.end();
        WdInflater inf = new WdInflater();
        inf.setInput(z);
        byte[] out = new byte[plain.length + 10];
        int n = 0;
        while (!inf.finished()) {
            n += inf.inflate(out, n, Math.min(9000, out.length - n));
        }
        assertEquals(plain.length, n);
        assertArrayEquals(plain, java.util.Arrays.copyOf(out, n));
        assertEquals(0, inf.getRemaining());
        inf.end();
        assertTrue(EmulatedZip.shared().model().doorbellCount() - before > 50);
    }
}
