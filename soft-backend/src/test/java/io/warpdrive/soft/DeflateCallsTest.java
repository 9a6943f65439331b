package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Call-by-call equality with java.util.zip: random input chunks, random flushes, output buffers
 * from 1 byte up, level/strategy changes (through params, as java.util.zip drives zlib:
 * retried until it returns OK), dictionaries, resets and level 0. Each seed is printed on
 * failure; rerun one with -Ddeflate.seed=N.
 */
class DeflateCallsTest {

    private static final int RUNS = Integer.getInteger("deflate.runs", 400);

    @Test
    void randomCallSequencesMatchJdk() {
        Long only = Long.getLong("deflate.seed");
        for (int i = 0; i < (only != null ? 1 : RUNS); i++) {
            long seed = only != null ? only : 1000 + i;
            try {
                run(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (rerun with -Ddeflate.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }

    /** One random stream (or several, with resets) on both deflaters. */
    private static void run(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int level = r.nextInt(-1, 10);
        boolean nowrap = r.nextBoolean();
        byte[] data = pick(r);
        Deflater jdk = new Deflater(level, nowrap);
        SoftDeflater soft = new SoftDeflater(level, nowrap);
        try {
            int jLevel = level;
            int jStrategy = 0;
            boolean pendingParams = false;
            boolean finishing = false;
            int pos = 0;
            byte[] in = new byte[0];
            int inOff = 0;
            int inLen = 0;
            if (r.nextInt(6) == 0) {
                int len = Math.min(data.length, r.nextBoolean() ? r.nextInt(1, 3000) : r.nextInt(30_000, 40_000));
                jdk.setDictionary(data, 0, len);
                assertEquals(SoftDeflater.OK, soft.setDictionary(data, 0, len));
            }
            for (int step = 0; step < 3000 && !jdk.finished(); step++) {
                int what = r.nextInt(100);
                if (jdk.needsInput() && !finishing) {
                    if (pos >= data.length || what < 3) {
                        jdk.finish();
                        finishing = true;
                    } else {
                        int len = Math.min(data.length - pos, r.nextInt(3) == 0 ? r.nextInt(1, 20) : r.nextInt(1, 40_000));
                        in = data;
                        inOff = pos;
                        inLen = len;
                        jdk.setInput(data, pos, len);
                        pos += len;
                    }
                }
                if (what >= 90 && what < 94) {
                    int l = r.nextInt(-1, 10);
                    if (l != jLevel) {
                        jLevel = l;
                        pendingParams = true;
                    }
                    jdk.setLevel(l);
                } else if (what >= 94 && what < 97) {
                    int st = r.nextInt(3);
                    if (st != jStrategy) {
                        jStrategy = st;
                        pendingParams = true;
                    }
                    jdk.setStrategy(st);
                }
                int size = r.nextInt(4) == 0 ? r.nextInt(1, 8) : r.nextInt(1, 70_000);
                int flush = what < 80 ? Deflater.NO_FLUSH : what < 87 ? Deflater.SYNC_FLUSH : Deflater.FULL_FLUSH;
                byte[] a = new byte[size + 2];
                byte[] b = new byte[size + 2];
                long readBefore = jdk.getBytesRead();
                int wa;
                try {
                    wa = jdk.deflate(a, 1, size, flush);
                } catch (InternalError e) {
                    // A level or strategy change after finish(): zlib refuses it (stream error).
                    soft.setInput(in, inOff, inLen);
                    int code = soft.params(b, 1, size, jLevel, jStrategy);
                    assertEquals(SoftDeflater.STREAM_ERROR, code, "step " + step + ": jdk threw " + e);
                    assertEquals(e.getMessage(), soft.getMessage());
                    return;
                }
                int readA = (int) (jdk.getBytesRead() - readBefore);

                soft.setInput(in, inOff, inLen);
                int code;
                if (pendingParams) {
                    code = soft.params(b, 1, size, jLevel, jStrategy);
                    if (code == SoftDeflater.OK) {
                        pendingParams = false;
                    }
                } else {
                    code = soft.deflate(b, 1, size, finishing ? SoftDeflater.FINISH : flush);
                }
                int wb = size - soft.getAvailOut();
                int readB = inLen - soft.getAvailIn();
                inOff += readB;
                inLen -= readB;
                assertEquals(wa, wb, "step " + step + ": bytes written");
                assertEquals(readA, readB, "step " + step + ": bytes read");
                if (!Arrays.equals(a, b)) {
                    throw new AssertionError("step " + step + ": output differs at " + Arrays.mismatch(a, b));
                }
                assertEquals(jdk.finished(), code == SoftDeflater.STREAM_END, "step " + step + ": finished");
                assertEquals(jdk.getAdler(), soft.getAdler(), "step " + step + ": adler");

                if (r.nextInt(400) == 0) {
                    jdk.reset();
                    soft.reset();
                    pos = 0;
                    finishing = false;
                    in = new byte[0];
                    inOff = 0;
                    inLen = 0;
                }
            }
        } finally {
            jdk.end();
            soft.end();
        }
    }

    /** Arrays, output in chunks of random size (level 0 output depends on them). */
    private static byte[] chunked(byte[] data, int level, SplittableRandom r) {
        byte[] out = new byte[data.length + 1000];
        SoftDeflater d = new SoftDeflater(level, false);
        d.setInput(data, 0, data.length);
        int index = 0;
        int code;
        do {
            int len = Math.min(r.nextInt(1, 5000), out.length - index);
            code = d.deflate(out, index, len, SoftDeflater.FINISH);
            index += len - d.getAvailOut();
        } while (code == SoftDeflater.OK);
        d.end();
        return Arrays.copyOf(out, index);
    }

    private static byte[] pick(SplittableRandom r) {
        int n = r.nextInt(4) == 0 ? r.nextInt(0, 300) : r.nextInt(300, 300_000);
        return switch (r.nextInt(5)) {
            case 0 -> DeflateTestData.random(r, n);
            case 1 -> DeflateTestData.runs(r, n);
            case 2 -> DeflateTestData.partlyRandom(r, n);
            case 3 -> DeflateTestData.json(r, n);
            default -> DeflateTestData.text(r, n);
        };
    }

    /** Direct buffers in and out give the same bytes as arrays with the same chunking. */
    @Test
    void directBuffersMatchArrays() {
        byte[] data = DeflateTestData.partlyRandom(new SplittableRandom(7), 150_000);
        for (int level : new int[] {0, 1, 6, 9}) {
            byte[] want = chunked(data, level, new SplittableRandom(level));
            SplittableRandom r = new SplittableRandom(level);
            ByteBuffer in = ByteBuffer.allocateDirect(data.length + 3);
            in.position(3);
            in.put(data);
            ByteBuffer out = ByteBuffer.allocateDirect(data.length + 1000);
            SoftDeflater d = new SoftDeflater(level, false);
            d.setInput(in, 3, data.length);
            int index = 0;
            int code;
            do {
                int len = Math.min(r.nextInt(1, 5000), out.capacity() - index);
                code = d.deflate(out, index, len, SoftDeflater.FINISH);
                index += len - d.getAvailOut();
            } while (code == SoftDeflater.OK);
            d.end();
            assertEquals(SoftDeflater.STREAM_END, code);
            byte[] got = new byte[index];
            out.get(0, got);
            if (!Arrays.equals(want, got)) {
                throw new AssertionError("level " + level + ": differs at " + Arrays.mismatch(want, got));
            }
        }
    }
}
