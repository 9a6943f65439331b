package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the conformance suite cannot see from outside: memory, cleanup, backend selection. */
class WdInflaterTest {

    @AfterEach
    void clearBackend() {
        Backend.setDefault(null);
        System.clearProperty(Backend.PROPERTY);
    }

    private static byte[] text(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) "abcdefgh ijk\n".charAt(r.nextInt(13));
        }
        return b;
    }

    private static byte[] deflate(byte[] data) throws IOException {
        return deflate(data, false);
    }

    private static byte[] deflate(byte[] data, boolean nowrap) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Deflater d = new Deflater(6, nowrap);
        try (DeflaterOutputStream out = new DeflaterOutputStream(bos, d)) {
            out.write(data);
        }
        d.end();
        return bos.toByteArray();
    }

    /** The budget: at most 64 KiB of heap per inflater besides the caller's buffers. */
    @Test
    void heapPerInflaterStaysUnder64KiB() throws Exception {
        byte[] data = text(200_000, 1);
        byte[] stream = deflate(data);
        byte[] out = new byte[data.length];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        // Warm up class loading and static tables so that only per-instance allocation is measured.
        for (int i = 0; i < 3; i++) {
            WdInflater w = new WdInflater();
            w.setInput(stream);
            w.inflate(out);
            w.end();
        }
        long before = mx.getThreadAllocatedBytes(tid);
        WdInflater inf = new WdInflater();
        inf.setInput(stream);
        int n = 0;
        while (!inf.finished()) {
            n += inf.inflate(out, n, out.length - n);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        inf.end();
        assertArrayEquals(data, out);
        assertTrue(allocated <= 64 * 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void endReleasesTheEngineAndIsIdempotent() throws Exception {
        WdInflater inf = new WdInflater();
        SoftInflateEngine engine = engineOf(inf);
        inf.end();
        inf.end();
        inf.close();
        assertTrue(engine.isClosed());
    }

    @Test
    void unreachableInflatersAreCleanedUp() throws Exception {
        WdInflater inf = new WdInflater(true);
        SoftInflateEngine engine = engineOf(inf);
        WeakReference<WdInflater> ref = new WeakReference<>(inf);
        inf = null;
        for (int i = 0; i < 200 && !engine.isClosed(); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(ref.get() == null, "still reachable");
        assertTrue(engine.isClosed(), "Cleaner did not release the engine");
    }

    @Test
    void backendSelection() {
        assertEquals(Backend.AUTO, Backend.configured());
        System.setProperty(Backend.PROPERTY, "soft");
        assertEquals(Backend.SOFT, Backend.configured());
        new WdInflater().end();
        System.setProperty(Backend.PROPERTY, "Device");
        assertEquals(Backend.DEVICE, Backend.configured());
        IllegalStateException e = assertThrows(IllegalStateException.class, WdInflater::new);
        assertTrue(e.getMessage().contains("device"), e.getMessage());
        System.setProperty(Backend.PROPERTY, "gpu");
        assertThrows(IllegalArgumentException.class, WdInflater::new);
        Backend.setDefault(Backend.SOFT); // code wins over the property
        new WdInflater().end();
    }

    /**
     * JDK-8292327 shape: a raw stream ending in a long match, so that the decoder has taken in the
     * last input byte while most of the match is still to be written. On JDK 25
     * InflaterInputStream refills only if needsInput() and not hasPendingOutput(); WdInflater must
     * keep such a stream readable to the end on every JDK.
     */
    @Test
    void inflaterInputStreamDrainsPendingOutputAtEndOfInput() throws IOException {
        for (int size : new int[] {1, 511, 4096, 100_000}) {
            byte[] data = text(size, size);
            byte[] tail = new byte[size + 5000];
            System.arraycopy(data, 0, tail, 0, size);
            java.util.Arrays.fill(tail, size, tail.length, (byte) 'z');
            for (boolean nowrap : new boolean[] {true, false}) {
                byte[] stream = deflate(tail, nowrap);
                for (int readSize : new int[] {1, 7, 512, 4096}) {
                    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(stream),
                            new WdInflater(nowrap), 64)) {
                        ByteArrayOutputStream got = new ByteArrayOutputStream();
                        byte[] buf = new byte[readSize];
                        int n;
                        while ((n = in.read(buf)) != -1) {
                            got.write(buf, 0, n);
                        }
                        assertArrayEquals(tail, got.toByteArray(), "size " + size + " read " + readSize);
                    }
                }
            }
        }
    }

    @Test
    void dataErrorsAreDataFormatExceptionsNeverInternalErrors() {
        Random r = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(64)];
            r.nextBytes(junk);
            WdInflater inf = new WdInflater(i % 2 == 0);
            inf.setInput(junk);
            byte[] out = new byte[r.nextInt(300)];
            try {
                for (int k = 0; k < 100 && !inf.finished() && !inf.needsDictionary(); k++) {
                    if (inf.inflate(out) == 0 && inf.getRemaining() == 0) {
                        break;
                    }
                }
            } catch (DataFormatException expected) {
                assertTrue(expected.getMessage() != null);
            } finally {
                inf.end();
            }
        }
    }

    private static SoftInflateEngine engineOf(WdInflater inf) throws ReflectiveOperationException {
        Field f = WdInflater.class.getDeclaredField("engine");
        f.setAccessible(true);
        return (SoftInflateEngine) f.get(inf);
    }
}
