/*
 * WdZipOutputStream and the WdStreams factories against the JDK: same archive bytes as
 * ZipOutputStream on the soft backend, archives that ZipFile reads on every backend, and the
 * factory streams interchangeable with the JDK streams they stand for.
 */
package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WdZipOutputStreamAndFactoriesTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearBackend() {
        Backend.setDefault(null);
    }

    private static void fill(ZipOutputStream z) throws IOException {
        z.setComment("archive comment");
        int i = 0;
        for (byte[] data : GzipTestData.shapes(41).values()) {
            ZipEntry e = new ZipEntry("e" + i + (i % 3 == 0 ? "/\u00fcml\u00e4ut.txt" : ".bin"));
            e.setTime(1_700_000_000_000L);
            if (i == 4) {
                z.setLevel(Deflater.BEST_SPEED);
            }
            if (i == 6) {
                z.setLevel(Deflater.BEST_COMPRESSION);
            }
            z.putNextEntry(e);
            z.write(data);
            z.closeEntry();
            i++;
        }
    }

    @Test
    void sameArchiveBytesAsZipOutputStreamOnSoft() throws IOException {
        Backend.setDefault(Backend.SOFT);
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream za = new ZipOutputStream(a); ZipOutputStream zb = new WdZipOutputStream(b)) {
            fill(za);
            fill(zb);
        }
        assertArrayEquals(a.toByteArray(), b.toByteArray());
    }

    @Test
    void zipFileReadsOurArchivesOnEveryBackend() throws Exception {
        GzipTestData.onEachBackend(() -> {
            Path p = tmp.resolve("a-" + Backend.configured() + ".zip");
            try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = WdStreams.zipOutputStream(out)) {
                fill(z);
            }
            List<byte[]> want = List.copyOf(GzipTestData.shapes(41).values());
            try (ZipFile zf = new ZipFile(p.toFile(), StandardCharsets.UTF_8)) {
                assertEquals("archive comment", zf.getComment());
                List<? extends ZipEntry> entries = Collections.list(zf.entries());
                assertEquals(want.size(), entries.size());
                for (int i = 0; i < entries.size(); i++) {
                    try (InputStream in = zf.getInputStream(entries.get(i))) {
                        assertArrayEquals(want.get(i), in.readAllBytes(), entries.get(i).getName());
                    }
                }
            }
        });
    }

    @Test
    void factoriesStandForTheJdkStreams() throws Exception {
        byte[] data = GzipTestData.partlyRandom(120_000, 42);
        GzipTestData.onEachBackend(() -> {
            // zlib format out, the JDK reads it
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (DeflaterOutputStream o = WdStreams.deflaterOutputStream(z)) {
                o.write(data);
            }
            assertArrayEquals(data, new InflaterInputStream(new ByteArrayInputStream(z.toByteArray())).readAllBytes());
            // raw out with sync flush, the JDK reads it
            ByteArrayOutputStream r = new ByteArrayOutputStream();
            try (DeflaterOutputStream o = WdStreams.deflaterOutputStream(r, 3, true, 1000, true)) {
                o.write(data, 0, 1000);
                o.flush();
                o.write(data, 1000, data.length - 1000);
            }
            Inflater raw = new Inflater(true);
            assertArrayEquals(data,
                    new InflaterInputStream(new ByteArrayInputStream(r.toByteArray()), raw).readAllBytes());
            raw.end();
            // compress-on-read, then our inflater stream reads it back
            byte[] viaInput;
            try (DeflaterInputStream in = WdStreams.deflaterInputStream(new ByteArrayInputStream(data))) {
                viaInput = in.readAllBytes();
            }
            try (InflaterInputStream in = WdStreams.inflaterInputStream(new ByteArrayInputStream(viaInput))) {
                assertArrayEquals(data, in.readAllBytes());
            }
            // gzip both ways
            ByteArrayOutputStream g = new ByteArrayOutputStream();
            try (OutputStream o = WdStreams.gzipOutputStream(g, 9, GzipHeader.builder().name("n").build(), 4096)) {
                o.write(data);
            }
            assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(g.toByteArray())).readAllBytes());
            try (InputStream in = WdStreams.gzipInputStream(new ByteArrayInputStream(g.toByteArray()), 100)) {
                assertArrayEquals(data, in.readAllBytes());
            }
        });
        // The JDK constructors' argument checks.
        assertThrows(NullPointerException.class, () -> WdStreams.deflaterOutputStream(null));
        assertThrows(NullPointerException.class, () -> WdStreams.inflaterInputStream(null));
        assertThrows(IllegalArgumentException.class,
                () -> WdStreams.inflaterInputStream(new ByteArrayInputStream(data), false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> WdStreams.deflaterOutputStream(new ByteArrayOutputStream(), 11, false, 512, false));
    }

    @Test
    void closingTwiceIsHarmless() throws IOException {
        DeflaterOutputStream o = WdStreams.deflaterOutputStream(new ByteArrayOutputStream());
        o.write(1);
        o.close();
        o.close();
        InflaterInputStream in = WdStreams.inflaterInputStream(new ByteArrayInputStream(new byte[] {0x78, (byte) 0x9c,
                3, 0, 0, 0, 0, 1}));
        assertEquals(-1, in.read());
        in.close();
        in.close();
        assertThrows(IOException.class, in::read);
    }
}
