package io.warpdrive.conformance.emulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.zip.Backend;
import io.warpdrive.zip.WdDeflater;
import io.warpdrive.zip.WdInflater;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WdDeflater on the emulated backend: its output is exactly java.util.zip's at the engine's level
 * (6) given a SYNC_FLUSH at the same request boundaries, and it inflates back to the input with
 * java.util.zip and with WdInflater. Request boundaries come from the engine's request log.
 *
 * <p>Runs in the emulated execution; skipped otherwise. Seeds are printed on failure.
 */
class EmulatedDeflateTest {
    private static final int TRIES = Integer.getInteger("conformance.tries", 60);

    @BeforeEach
    void onlyOnEmulated() {
        assumeTrue(Backend.configured() == Backend.EMULATED, "run with -Dwarpdrive.backend=emulated");
    }

    /** The engine's request sizes (test hook, package-private in the provider). */
    static int[] requests(WdDeflater d) throws Exception {
        Field f = WdDeflater.class.getDeclaredField("ref");
        f.setAccessible(true);
        Object ref = f.get(d);
        Field e = ref.getClass().getDeclaredField("engine");
        e.setAccessible(true);
        Object engine = e.get(ref);
        Method m = engine.getClass().getDeclaredMethod("requestLog");
        m.setAccessible(true);
        return (int[]) m.invoke(engine);
    }

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
            int k;
            if (last) {
                d.finish();
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            } else {
                do {
                    k = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, k);
                } while (k == buf.length);
            }
        }
        d.end();
        assertEquals(data.length, pos);
        return out.toByteArray();
    }

    static byte[] shape(Random r, int size) {
        byte[] b = new byte[size];
        switch (r.nextInt(4)) {
            case 0:
                r.nextBytes(b);
                break;
            case 1:
                for (int i = 0; i < size; i++) {
                    b[i] = (byte) ('a' + r.nextInt(3));
                }
                break;
            case 2:
                for (int i = 0; i < size; ) {
                    int run = Math.min(size - i, 1 + r.nextInt(300));
                    byte v = (byte) r.nextInt(256);
                    for (int k = 0; k < run; k++) {
                        b[i++] = v;
                    }
                }
                break;
            default:
                String[] words = {"the ", "zlib ", "queue ", "sync ", "flush ", "\n", "0x13 "};
                for (int i = 0; i < size; ) {
                    for (byte c : words[r.nextInt(words.length)].getBytes()) {
                        if (i < size) {
                            b[i++] = c;
                        }
                    }
                }
        }
        return b;
    }

    @Test
    void randomCallsMatchTheSyncFlushedOracle() throws Exception {
        for (int t = 0; t < TRIES; t++) {
            long seed = 0x5eedL * 31 + t;
            Random r = new Random(seed);
            int[] sizes = {0, 1, 2, 258, 32767, 32768, 65535, 65536, 262144, 300_001};
            int size = r.nextBoolean() ? sizes[r.nextInt(sizes.length)] : r.nextInt(600_000);
            byte[] data = shape(r, size);
            boolean nowrap = r.nextBoolean();
            WdDeflater d = new WdDeflater(r.nextInt(10), nowrap);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int pos = 0;
            int calls = 0;
            while (!d.finished()) {
                if (d.needsInput()) {
                    if (pos < data.length) {
                        int n = Math.min(data.length - pos, r.nextInt(r.nextBoolean() ? 64 : 200_000));
                        d.setInput(data, pos, n);
                        pos += n;
                    } else {
                        d.finish();
                    }
                }
                byte[] buf = new byte[1 + r.nextInt(r.nextBoolean() ? 32 : 100_000)];
                int off = r.nextInt(Math.min(4, buf.length + 1));
                int len = Math.max(0, buf.length - off - r.nextInt(4));
                int flush = r.nextInt(10) == 0 ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH;
                byte[] before = buf.clone();
                int k = d.deflate(buf, off, len, flush);
                for (int i = 0; i < buf.length; i++) {
                    if (i < off || i >= off + k) {
                        assertEquals(before[i], buf[i], "byte outside the written range, seed " + seed);
                    }
                }
                out.write(buf, off, k);
                if (++calls > 5_000_000) {
                    throw new AssertionError("runaway, seed " + seed);
                }
            }
            int[] req = requests(d);
            assertEquals(data.length, d.getBytesRead(), "seed " + seed);
            assertEquals(out.size(), d.getBytesWritten(), "seed " + seed);
            d.end();
            byte[] z = out.toByteArray();
            assertArrayEquals(oracle(data, req, nowrap), z, "seed " + seed + " (size " + size + ", nowrap " + nowrap + ")");
            assertArrayEquals(data, inflateJdk(z, nowrap), "seed " + seed);
            if (!nowrap) {
                assertArrayEquals(data, new InflaterInputStream(new java.io.ByteArrayInputStream(z), new WdInflater()).readAllBytes());
            }
        }
    }

    @Test
    void deflaterOutputStreamWithFlushes() throws Exception {
        Random r = new Random(7);
        byte[] data = shape(r, 1_000_000);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WdDeflater d = new WdDeflater();
        try (DeflaterOutputStream s = new DeflaterOutputStream(sink, d, 512, true)) {
            for (int pos = 0; pos < data.length; ) {
                int n = Math.min(data.length - pos, r.nextInt(50_000));
                s.write(data, pos, n);
                pos += n;
                if (r.nextInt(5) == 0) {
                    s.flush();
                }
            }
            s.finish();
            assertArrayEquals(oracle(data, requests(d), false), sink.toByteArray());
        }
        d.end();
    }

    static byte[] inflateJdk(byte[] z, boolean nowrap) throws Exception {
        Inflater inf = new Inflater(nowrap);
        inf.setInput(z);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!inf.finished()) {
            int n = inf.inflate(buf);
            if (n == 0 && !inf.finished() && inf.needsInput()) {
                throw new AssertionError("truncated stream");
            }
            out.write(buf, 0, n);
        }
        assertEquals(0, inf.getRemaining(), "bytes after the stream end");
        inf.end();
        return out.toByteArray();
    }
}
