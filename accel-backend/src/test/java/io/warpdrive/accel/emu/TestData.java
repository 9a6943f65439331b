package io.warpdrive.accel.emu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;

/** Test inputs and the java.util.zip oracle. */
public final class TestData {
    private TestData() {
    }

    /** Partly compressible bytes: words from a small vocabulary, with random runs. */
    public static byte[] text(long seed, int size) {
        Random r = new Random(seed);
        String[] words = {"queue ", "doorbell ", "phase ", "zlib ", "deflate ", "window ", "the ", "of ", "ring\n",
            "completion ", "0x13 ", "engine "};
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            if (r.nextInt(20) == 0) {
                int n = Math.min(size - i, 1 + r.nextInt(40));
                for (int k = 0; k < n; k++) {
                    b[i++] = (byte) r.nextInt(256);
                }
            } else {
                byte[] w = words[r.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
                for (int k = 0; k < w.length && i < size; k++) {
                    b[i++] = w[k];
                }
            }
        }
        return b;
    }

    /** Random bytes. */
    public static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** java.util.zip compression of {@code data} in one go. */
    public static byte[] deflate(byte[] data, int level, boolean nowrap) {
        Deflater d = new Deflater(level, nowrap);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
        d.end();
        return out.toByteArray();
    }

    /**
     * The compression oracle for the emulated engine: java.util.zip at {@code level} given the
     * input in the request pieces, SYNC_FLUSH after each but the last, FINISH after the last.
     */
    public static byte[] deflateSynced(byte[] data, int[] pieces, int level, boolean nowrap) {
        Deflater d = new Deflater(level, nowrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int pos = 0;
        for (int i = 0; i < pieces.length; i++) {
            d.setInput(data, pos, pieces[i]);
            pos += pieces[i];
            if (i == pieces.length - 1) {
                d.finish();
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            } else {
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length || !d.needsInput());
            }
        }
        d.end();
        return out.toByteArray();
    }
}
