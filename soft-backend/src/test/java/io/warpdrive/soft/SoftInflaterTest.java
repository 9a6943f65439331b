package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * The engine call by call against java.util.zip.Inflater (zlib): status, bytes consumed and
 * produced, output, Adler-32 and messages, for valid streams under tiny and large buffers and for
 * hand-built streams that hit zlib's quirks.
 */
class SoftInflaterTest {

    /** One call's observable result, as the JDK reports it. */
    private record Step(int consumed, int produced, String error, boolean finished, boolean needDict, int adler) {
    }

    private static Step jdkStep(Inflater inf, byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        inf.setInput(in, inOff, inLen);
        try {
            int w = inf.inflate(out, outOff, outLen);
            return new Step(inLen - inf.getRemaining(), w, null, inf.finished(), inf.needsDictionary(), inf.getAdler());
        } catch (DataFormatException e) {
            return new Step(inLen - inf.getRemaining(), -1, e.getMessage(), false, false, inf.getAdler());
        }
    }

    private static Step softStep(SoftInflater inf, byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        int r = inf.inflate(in, inOff, inLen, out, outOff, outLen);
        if (r == SoftInflater.DATA_ERROR) {
            return new Step(inf.consumed(), -1, inf.message(), false, false, inf.adler());
        }
        return new Step(inf.consumed(), inf.produced(), null, r == SoftInflater.STREAM_END,
                r == SoftInflater.NEED_DICT, inf.adler());
    }

    /** Drives both with the same chunking until both stop; compares every step and the output. */
    private static void assertSameRun(byte[] stream, boolean nowrap, int inChunk, int outChunk) {
        Inflater jdk = new Inflater(nowrap);
        SoftInflater ours = new SoftInflater(nowrap);
        try {
            byte[] outJ = new byte[outChunk + 2];
            byte[] outS = new byte[outChunk + 2];
            int posJ = 0;
            int posS = 0;
            for (int call = 0; call < 5_000_000; call++) {
                int n = Math.min(inChunk, stream.length - posJ);
                Step j = jdkStep(jdk, stream, posJ, n, outJ, 1, outChunk);
                Step s = softStep(ours, stream, posS, n, outS, 1, outChunk);
                assertEquals(j, s, "call " + call + " at input " + posJ);
                assertArrayEquals(outJ, outS, "output buffer after call " + call);
                posJ += j.consumed;
                posS += s.consumed;
                if (j.error != null || j.finished || j.needDict || (j.consumed == 0 && j.produced == 0)) {
                    return;
                }
            }
        } finally {
            jdk.end();
        }
    }

    private static byte[] deflate(byte[] data, int level, int strategy, boolean nowrap) {
        Deflater d = new Deflater(level, nowrap);
        d.setStrategy(strategy);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            bos.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return bos.toByteArray();
    }

    @Test
    void validStreamsUnderEveryChunking() {
        Random r = new Random(3);
        byte[] text = new byte[100_000];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) "etaoin shrdlu\n{}\":,0123".charAt(r.nextInt(23));
        }
        for (int level : new int[] {0, 1, 6, 9}) {
            for (int strategy = 0; strategy <= 2; strategy++) {
                for (boolean nowrap : new boolean[] {false, true}) {
                    byte[] stream = deflate(text, level, strategy, nowrap);
                    assertSameRun(stream, nowrap, Integer.MAX_VALUE, 1 << 20);
                    assertSameRun(stream, nowrap, 1 + r.nextInt(40), 1 + r.nextInt(40));
                    assertSameRun(stream, nowrap, 10_000, 300);
                }
            }
        }
    }

    /**
     * Output room just above the fast loop's threshold: literals decoded before a long match must
     * not push the match past the end of the buffer (found by the conformance suite).
     */
    @Test
    void outputSizesAroundTheFastLoopThreshold() {
        Random r = new Random(9);
        byte[] runs = new byte[20_000];
        for (int i = 0; i < runs.length; ) {
            int n = Math.min(runs.length - i, r.nextInt(300));
            byte b = (byte) r.nextInt(4);
            for (int k = 0; k < n; k++) {
                runs[i++] = b;
            }
            if (i < runs.length) {
                runs[i++] = (byte) r.nextInt(256);
            }
        }
        for (int strategy = 0; strategy <= 1; strategy++) {
            byte[] stream = deflate(runs, 6, strategy, false);
            for (int out = 255; out <= 300; out++) {
                assertSameRun(stream, false, Integer.MAX_VALUE, out);
            }
        }
    }

    /**
     * Matches that overlap their own output (distance below the length) at every period from 1
     * to 40 and every length up to the longest: the match copy takes words, bytes or both
     * depending on distance and length, and each way must reproduce the period exactly.
     */
    @Test
    void overlappingMatchesOfEveryShortPeriod() {
        Random r = new Random(13);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int period = 1; period <= 40; period++) {
            for (int length : new int[] {3, 7, 8, 9, 15, 16, 17, 31, 64, 100, 258, 600}) {
                byte[] unit = new byte[period];
                r.nextBytes(unit);
                for (int i = 0; i < period + length; i++) {
                    data.write(unit[i % period]);
                }
                data.write(r.nextInt(256)); // a break, so the next run starts its own match
            }
        }
        byte[] bytes = data.toByteArray();
        for (int level : new int[] {1, 6, 9}) {
            byte[] stream = deflate(bytes, level, Deflater.DEFAULT_STRATEGY, false);
            assertSameRun(stream, false, Integer.MAX_VALUE, 1 << 20);
            assertSameRun(stream, false, 4096, 1000);
        }
    }

    @Test
    void corruptStreamsFailAtTheSamePointWithTheSameMessage() {
        Random r = new Random(11);
        byte[] data = new byte[30_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 'a' + r.nextInt(6));
        }
        for (int trial = 0; trial < 400; trial++) {
            boolean nowrap = trial % 2 == 0;
            byte[] stream = deflate(Arrays.copyOf(data, 1 + r.nextInt(data.length)), r.nextInt(10), r.nextInt(3), nowrap);
            for (int m = 0; m < 1 + r.nextInt(3); m++) {
                stream[r.nextInt(stream.length)] ^= (byte) (1 << r.nextInt(8));
            }
            assertSameRun(stream, nowrap, trial % 3 == 0 ? 1 : 64, trial % 5 == 0 ? 1 : 1000);
        }
    }

    /** An all-zero code length code decodes every length as 0, one bit each (zlib quirk). */
    @Test
    void allZeroPrecodeReportsMissingEndOfBlock() {
        BitSink b = new BitSink();
        b.put(1, 1).put(2, 2);          // final, dynamic
        b.put(0, 5).put(0, 5).put(15, 4); // 257 lit, 1 dist, 19 code length codes
        for (int i = 0; i < 19; i++) {
            b.put(0, 3);
        }
        b.put(0, 258);                  // one bit per "length 0"
        byte[] stream = b.bytes();
        for (int chunk : new int[] {1, 2, 1000}) {
            assertSameRun(stream, true, chunk, 16);
        }
    }

    @Test
    void distanceBeforeStartOfOutputIsTooFarBack() {
        BitSink b = new BitSink();
        b.put(1, 1).put(1, 2);             // final, fixed
        b.putHuffman(0b00110000 + 'a', 8); // literal 'a'
        b.putHuffman(0b0000010, 7);        // length 4 (symbol 258)
        b.putHuffman(1, 5);                // distance 2: one byte too far
        b.putHuffman(0, 7);                // end of block
        byte[] stream = b.bytes();
        for (int out : new int[] {1, 2, 100}) {
            assertSameRun(stream, true, 1, out);
            assertSameRun(stream, true, 100, out);
        }
    }

    @Test
    void fixedCodeSymbols286And287And30And31AreInvalid() {
        for (int sym : new int[] {286, 287}) {
            BitSink b = new BitSink().put(1, 1).put(1, 2).putHuffman(0b11000000 + (sym - 280), 8);
            assertSameRun(b.bytes(), true, 100, 100);
        }
        for (int dist : new int[] {30, 31}) {
            BitSink b = new BitSink().put(1, 1).put(1, 2).putHuffman(0b00110000 + 'x', 8)
                    .putHuffman(0b0000001, 7).putHuffman(dist, 5);
            assertSameRun(b.bytes(), true, 100, 100);
        }
    }

    @Test
    void presetDictionaryIsAskedForAndAccepted() {
        byte[] dict = "a dictionary of words that the text repeats".getBytes();
        byte[] text = "the text repeats a dictionary of words, words, words".getBytes();
        Deflater d = new Deflater();
        d.setDictionary(dict);
        d.setInput(text);
        d.finish();
        byte[] buf = new byte[200];
        int n = d.deflate(buf);
        byte[] stream = Arrays.copyOf(buf, n);

        SoftInflater ours = new SoftInflater(false);
        byte[] out = new byte[200];
        assertEquals(SoftInflater.NEED_DICT, ours.inflate(stream, 0, stream.length, out, 0, out.length));
        assertEquals(6, ours.consumed());
        java.util.zip.Adler32 dictId = new java.util.zip.Adler32();
        dictId.update(dict);
        assertEquals((int) dictId.getValue(), ours.adler());
        assertEquals(SoftInflater.DATA_ERROR, ours.setDictionary(text, 0, text.length));
        assertEquals(SoftInflater.OK, ours.setDictionary(dict, 0, dict.length));
        assertEquals(SoftInflater.STREAM_END, ours.inflate(stream, 6, stream.length - 6, out, 0, out.length));
        assertArrayEquals(text, Arrays.copyOf(out, ours.produced()));
    }

    /** Writes bits least significant first, as DEFLATE packs them. */
    static final class BitSink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        BitSink put(int value, int bits) {
            for (int i = 0; i < bits; i++) {
                acc |= (long) ((value >>> Math.min(i, 31)) & (i < 32 ? 1 : 0)) << n;
                if (++n == 8) {
                    out.write((int) acc);
                    acc = 0;
                    n = 0;
                }
            }
            return this;
        }

        /** Huffman codes go most significant bit first. */
        BitSink putHuffman(int code, int len) {
            for (int i = len - 1; i >= 0; i--) {
                put((code >>> i) & 1, 1);
            }
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            if (n > 0) {
                copy.write((int) acc);
            }
            return copy.toByteArray();
        }
    }
}
