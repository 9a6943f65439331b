package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * WdDeflater inside the JDK's streams writes the same bytes as the JDK's own deflater: as a
 * caller-supplied engine (DeflaterOutputStream, DeflaterInputStream) and as a replacement of the
 * protected {@code def} (GZIPOutputStream, ZipOutputStream).
 */
class WdDeflaterStreamsTest {

    private static byte[] data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        String[] words = {"alpha", "beta", "gamma", "delta", "stream", "zip", "gzip", "\n", "{\"k\":1}"};
        while (sb.length() < n) {
            sb.append(words[r.nextInt(words.length)]).append(' ');
            if (r.nextInt(50) == 0) {
                sb.append(r.nextLong());
            }
        }
        return sb.substring(0, n).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes in uneven pieces with occasional flushes. */
    private static void write(OutputStream out, byte[] data, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(data.length - pos, r.nextInt(1, 9000));
            if (n == 1) {
                out.write(data[pos]);
            } else {
                out.write(data, pos, n);
            }
            pos += n;
            if (r.nextInt(10) == 0) {
                out.flush();
            }
        }
    }

    @Test
    void deflaterOutputStream() throws IOException {
        byte[] data = data(300_000, 1);
        for (int level : new int[] {0, 1, 6, 9}) {
            for (boolean syncFlush : new boolean[] {false, true}) {
                ByteArrayOutputStream a = new ByteArrayOutputStream();
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                Deflater da = new Deflater(level);
                Deflater db = new WdDeflater(level);
                try (DeflaterOutputStream oa = new DeflaterOutputStream(a, da, 512, syncFlush);
                     DeflaterOutputStream ob = new DeflaterOutputStream(b, db, 512, syncFlush)) {
                    write(oa, data, level);
                    write(ob, data, level);
                }
                da.end();
                db.end();
                assertArrayEquals(a.toByteArray(), b.toByteArray(), "level " + level + " syncFlush " + syncFlush);
            }
        }
    }

    @Test
    void deflaterInputStream() throws IOException {
        byte[] data = data(200_000, 2);
        for (int level : new int[] {0, 1, 6, 9}) {
            Deflater da = new Deflater(level, true);
            Deflater db = new WdDeflater(level, true);
            byte[] a = readAll(new DeflaterInputStream(new ByteArrayInputStream(data), da, 700));
            byte[] b = readAll(new DeflaterInputStream(new ByteArrayInputStream(data), db, 700));
            da.end();
            db.end();
            assertArrayEquals(a, b, "level " + level);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[333];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** GZIPOutputStream with WdDeflater in place of its own deflater. */
    static final class WdGzipOutputStream extends GZIPOutputStream {
        WdGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out);
            def.end(); // the replaced one is ours to end
            def = new WdDeflater(level, true);
        }
    }

    static final class LevelGzipOutputStream extends GZIPOutputStream {
        LevelGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out);
            def.setLevel(level);
        }
    }

    @Test
    void gzipOutputStream() throws IOException {
        byte[] data = data(250_000, 3);
        for (int level : new int[] {-1, 0, 1, 9}) {
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream oa = new LevelGzipOutputStream(a, level);
                 GZIPOutputStream ob = new WdGzipOutputStream(b, level)) {
                write(oa, data, 7);
                write(ob, data, 7);
            }
            assertArrayEquals(a.toByteArray(), b.toByteArray(), "level " + level);
            assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(b.toByteArray())).readAllBytes());
        }
    }

    /** ZipOutputStream with WdDeflater in place of its own deflater. */
    static final class WdZipOutputStream extends ZipOutputStream {
        WdZipOutputStream(OutputStream out) {
            super(out);
            def.end();
            def = new WdDeflater(Deflater.DEFAULT_COMPRESSION, true);
        }
    }

    @Test
    void zipOutputStream() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream za = new ZipOutputStream(a); ZipOutputStream zb = new WdZipOutputStream(b)) {
            for (ZipOutputStream z : new ZipOutputStream[] {za, zb}) {
                for (int i = 0; i < 5; i++) {
                    ZipEntry e = new ZipEntry("entry-" + i + ".txt");
                    e.setTime(1_000_000_000_000L);
                    if (i == 3) {
                        z.setLevel(Deflater.BEST_SPEED);
                    }
                    z.putNextEntry(e);
                    write(z, data(i * 40_000 + 17, i), i);
                    z.closeEntry();
                }
            }
        }
        assertArrayEquals(a.toByteArray(), b.toByteArray());
    }
}
