/*
 * WdGZIPOutputStream and WdGZIPInputStream against java.util.zip: the same bytes out (soft
 * backend), each side reads the other's output on every backend, the first header's fields are
 * exposed, and on damaged or odd input (truncation, flipped bytes, bad trailers, trailing data,
 * several members) our input stream fails or succeeds exactly as GZIPInputStream does on the
 * running JDK: same data before the failure, same exception class, same message.
 */
package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WdGzipStreamsTest {
    private static final long SEED = Long.getLong("gzip.seed", 20240601L);

    @AfterEach
    void clearBackend() {
        Backend.setDefault(null);
    }

    /** The JDK's stream at a level (its constructor has none). */
    private static final class JdkGzipOut extends GZIPOutputStream {
        JdkGzipOut(OutputStream out, int size, boolean syncFlush, int level) throws IOException {
            super(out, size, syncFlush);
            def.setLevel(level);
        }
    }

    /** Uneven writes, single bytes and flushes at pinned places. */
    private static void write(OutputStream out, byte[] data, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(data.length - pos, r.nextInt(1, 20_000));
            if (n == 1) {
                out.write(data[pos]);
            } else {
                out.write(data, pos, n);
            }
            pos += n;
            if (r.nextInt(8) == 0) {
                out.flush();
            }
        }
    }

    private static byte[] jdkGzip(byte[] data, int size, boolean syncFlush, int level, long seed) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream o = new JdkGzipOut(b, size, syncFlush, level)) {
            write(o, data, seed);
        }
        return b.toByteArray();
    }

    private static byte[] wdGzip(byte[] data, int size, boolean syncFlush, int level, GzipHeader h, long seed)
            throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream o = new WdGZIPOutputStream(b, size, syncFlush, level, h)) {
            write(o, data, seed);
        }
        return b.toByteArray();
    }

    @Test
    void sameBytesAsTheJdkOnSoft() throws IOException {
        Backend.setDefault(Backend.SOFT);
        for (Map.Entry<String, byte[]> e : GzipTestData.shapes(SEED).entrySet()) {
            for (int level : new int[] {-1, 1, 9}) {
                for (boolean sync : new boolean[] {false, true}) {
                    String what = e.getKey() + " level " + level + " syncFlush " + sync + " (seed " + SEED + ")";
                    byte[] jdk = jdkGzip(e.getValue(), 512, sync, level, SEED);
                    byte[] wd = wdGzip(e.getValue(), 512, sync, level, GzipHeader.DEFAULT, SEED);
                    assertArrayEquals(jdk, wd, what);
                }
            }
        }
    }

    @Test
    void everyConstructorMatchesItsJdkTwin() throws IOException {
        Backend.setDefault(Backend.SOFT);
        byte[] data = GzipTestData.text(100_000, SEED);
        List<byte[]> jdk = new ArrayList<>();
        List<byte[]> wd = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream oa = k == 0 ? new GZIPOutputStream(a) : k == 1 ? new GZIPOutputStream(a, 4096)
                    : k == 2 ? new GZIPOutputStream(a, true) : new GZIPOutputStream(a, 100, true);
                    GZIPOutputStream ob = k == 0 ? new WdGZIPOutputStream(b) : k == 1 ? new WdGZIPOutputStream(b, 4096)
                            : k == 2 ? new WdGZIPOutputStream(b, true) : new WdGZIPOutputStream(b, 100, true)) {
                write(oa, data, k);
                write(ob, data, k);
            }
            jdk.add(a.toByteArray());
            wd.add(b.toByteArray());
        }
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(jdk.get(k), wd.get(k), "constructor " + k);
        }
        // The JDK's argument checks, unchanged.
        assertThrows(NullPointerException.class, () -> new WdGZIPOutputStream(null));
        assertThrows(IllegalArgumentException.class, () -> new WdGZIPOutputStream(new ByteArrayOutputStream(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new WdGZIPOutputStream(new ByteArrayOutputStream(), 10, false, 10, GzipHeader.DEFAULT));
        assertThrows(NullPointerException.class,
                () -> new WdGZIPOutputStream(new ByteArrayOutputStream(), 10, false, 6, null));
        assertThrows(NullPointerException.class, () -> new WdGZIPInputStream(null));
        assertThrows(IllegalArgumentException.class,
                () -> new WdGZIPInputStream(new ByteArrayInputStream(jdk.get(0)), 0));
    }

    @Test
    void eachSideReadsTheOthersOutputOnEveryBackend() throws Exception {
        GzipTestData.onEachBackend(() -> {
            for (Map.Entry<String, byte[]> e : GzipTestData.shapes(SEED + 1).entrySet()) {
                byte[] data = e.getValue();
                byte[] ours = wdGzip(data, 512, false, 6, GzipHeader.DEFAULT, SEED);
                assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(ours)).readAllBytes(), e.getKey());
                byte[] theirs = jdkGzip(data, 512, false, 6, SEED);
                if (theirs.length < 5000) { // one byte per read costs a request per byte on a queue backend
                    GzipTestData.Outcome o = GzipTestData.drain(() -> new WdGZIPInputStream(
                            new GzipTestData.Trickle(new ByteArrayInputStream(theirs))), 777);
                    assertNull(o.failure, e.getKey());
                    assertArrayEquals(data, o.data, e.getKey());
                }
                assertArrayEquals(data, new WdGZIPInputStream(new ByteArrayInputStream(theirs), 65536).readAllBytes(),
                        e.getKey());
            }
        });
    }

    @Test
    void fullHeaderIsWrittenAndReadBack() throws IOException {
        GzipHeader h = GzipHeader.builder()
                .name("r\u00e9sum\u00e9.txt").comment("made by a test")
                .subfields(List.of(new GzipHeader.Subfield((byte) 'A', (byte) 'P', new byte[] {1, 2, 3}),
                        new GzipHeader.Subfield((byte) 'W', (byte) 'D', new byte[0])))
                .mtime(Instant.parse("2024-05-06T07:08:09Z")).xfl(2).os(GzipHeader.OS_UNIX).text(true)
                .headerCrc(true).build();
        byte[] data = GzipTestData.text(50_000, SEED);
        byte[] gz = wdGzip(data, 512, false, 9, h, SEED);

        // The JDK checks the header CRC, skips the rest and decodes.
        assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
        try (WdGZIPInputStream in = new WdGZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(data, in.readAllBytes());
            GzipHeader r = in.getHeader();
            assertEquals(h, r);
            assertEquals("r\u00e9sum\u00e9.txt", r.name());
            assertEquals("made by a test", r.comment());
            assertEquals(Instant.parse("2024-05-06T07:08:09Z"), r.modificationTime());
            assertEquals(2, r.xfl());
            assertEquals(3, r.os());
            assertTrue(r.isText() && r.hasHeaderCrc());
            assertEquals("AP", r.subfields().get(0).id());
            assertArrayEquals(new byte[] {1, 2, 3}, r.subfields().get(0).data());
            assertEquals(GzipHeader.FTEXT | GzipHeader.FHCRC | GzipHeader.FEXTRA | GzipHeader.FNAME
                    | GzipHeader.FCOMMENT, r.flags());
        }
        // The default header is the JDK's.
        try (WdGZIPInputStream in = new WdGZIPInputStream(new ByteArrayInputStream(jdkGzip(data, 512, false, 6, 1)))) {
            assertEquals(GzipHeader.DEFAULT, in.getHeader());
        }
    }

    @Test
    void headerCrcIsCheckedWithTheJdkMessage() throws IOException {
        byte[] gz = wdGzip(new byte[] {1, 2, 3}, 512, false, 6,
                GzipHeader.builder().name("n").headerCrc(true).build(), 1);
        gz[12] ^= 1; // the stored header CRC follows "n\0" at offset 10
        ZipException jdk = assertThrows(ZipException.class, () -> new GZIPInputStream(new ByteArrayInputStream(gz)));
        ZipException wd = assertThrows(ZipException.class, () -> new WdGZIPInputStream(new ByteArrayInputStream(gz)));
        assertEquals(jdk.getMessage(), wd.getMessage());
        assertEquals("Corrupt GZIP header", wd.getMessage());
    }

    /** Members, trailers and trailing data built by the JDK, and damaged copies of them. */
    private static List<byte[]> oddInputs() throws IOException {
        byte[] a = jdkGzip(GzipTestData.text(40_000, 1), 512, false, 6, 1);
        byte[] b = jdkGzip(GzipTestData.random(3000, 2), 512, false, 1, 2);
        byte[] empty = jdkGzip(new byte[0], 512, false, 6, 3);
        List<byte[]> list = new ArrayList<>();
        list.add(a);
        list.add(GzipTestData.concat(a, b));
        list.add(GzipTestData.concat(a, empty, b, empty));
        list.add(GzipTestData.concat(a, new byte[] {0, 0, 0, 0}));
        list.add(GzipTestData.concat(a, "garbage".getBytes(StandardCharsets.US_ASCII)));
        list.add(GzipTestData.concat(a, new byte[] {0x1f}));
        list.add(GzipTestData.concat(a, new byte[] {0x1f, (byte) 0x8b, 8}));
        list.add(GzipTestData.concat(a, new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0}));
        list.add(GzipTestData.concat(a, new byte[40])); // more than 26 bytes after: JDK 17 looks either way
        list.add(new byte[0]);
        list.add(new byte[] {0x1f, (byte) 0x8b});
        list.add("plain text".getBytes(StandardCharsets.US_ASCII));
        list.add(new byte[] {0x1f, (byte) 0x8b, 9, 0, 0, 0, 0, 0, 0, 0});
        for (int cut : new int[] {5, 10, 11, 100, a.length - 8, a.length - 5, a.length - 1}) {
            list.add(java.util.Arrays.copyOf(a, cut));
        }
        for (int off : new int[] {1, 2, 3, 8, 9, 20, 500, a.length - 8, a.length - 6, a.length - 4, a.length - 1}) {
            byte[] c = a.clone();
            c[off] ^= 0x20;
            list.add(c);
        }
        SplittableRandom r = new SplittableRandom(SEED);
        byte[] two = GzipTestData.concat(a, b);
        for (int i = 0; i < 60; i++) {
            byte[] c = two.clone();
            c[r.nextInt(c.length)] ^= (byte) r.nextInt(1, 256);
            list.add(c);
        }
        return list;
    }

    @Test
    void failsAndSucceedsExactlyAsTheJdkStream() throws Exception {
        GzipTestData.onEachBackend(() -> {
            List<byte[]> inputs = oddInputs();
            for (int i = 0; i < inputs.size(); i++) {
                byte[] in = inputs.get(i);
                for (int size : new int[] {512, 61}) {
                    GzipTestData.Outcome jdk = GzipTestData.drain(
                            () -> new GZIPInputStream(new ByteArrayInputStream(in), size), 1000);
                    GzipTestData.Outcome wd = GzipTestData.drain(
                            () -> new WdGZIPInputStream(new ByteArrayInputStream(in), size), 1000);
                    String what = "input " + i + " (" + in.length + " bytes, seed " + SEED + "), buffer " + size;
                    assertEquals(jdk.describe(), wd.describe(), what);
                    assertArrayEquals(jdk.data, wd.data, what);
                }
            }
        });
    }

    @Test
    void theStreamsRunOnOurEngines() throws IOException {
        // A backend this build lacks makes every WdInflater/WdDeflater constructor fail: if a
        // stream kept the JDK's engine, it would not notice.
        byte[] gz = jdkGzip(new byte[] {1}, 512, false, 6, 1);
        Backend.setDefault(Backend.DEVICE);
        assertThrows(IllegalStateException.class, () -> new WdGZIPOutputStream(new ByteArrayOutputStream()));
        assertThrows(IllegalStateException.class, () -> new WdGZIPInputStream(new ByteArrayInputStream(gz)));
        assertThrows(IllegalStateException.class, () -> new WdZipOutputStream(new ByteArrayOutputStream()));
        assertThrows(IllegalStateException.class, () -> WdStreams.inflaterInputStream(new ByteArrayInputStream(gz)));
        assertThrows(IllegalStateException.class, () -> WdStreams.deflaterOutputStream(new ByteArrayOutputStream()));
        assertThrows(IllegalStateException.class, () -> WdStreams.deflaterInputStream(new ByteArrayInputStream(gz)));
    }

    @Test
    void levelsAndStrategiesRoundTrip() throws IOException {
        byte[] data = GzipTestData.partlyRandom(150_000, SEED);
        for (int level = -1; level <= 9; level++) {
            byte[] gz = wdGzip(data, 4096, false, level, GzipHeader.DEFAULT, level);
            assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), "level " + level);
        }
        WdGZIPOutputStream o = new WdGZIPOutputStream(new ByteArrayOutputStream(), Deflater.BEST_SPEED,
                GzipHeader.DEFAULT);
        assertEquals(1, o.getLevel());
        o.close();
        assertInstanceOf(GZIPOutputStream.class, o);
    }
}
