package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * An ended SoftInflater's state goes to a pool and the next SoftInflater takes it: the new one
 * must behave as java.util.zip's new Inflater does, whatever the old stream left behind.
 */
class InflateStatePoolTest {

    private static byte[] data(int seed, int size) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ("abcdefgh ".charAt(r.nextInt(9)) + (r.nextInt(50) == 0 ? r.nextInt(100) : 0));
        }
        return b;
    }

    private static byte[] deflate(byte[] data, boolean nowrap) {
        Deflater d = new Deflater(6, nowrap);
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    /** Leaves a state mid-stream (window, tables, check value, hold all in use) or broken. */
    private static InflateState dirty(boolean corrupt) {
        byte[] stream = deflate(data(1, 20_000), false);
        if (corrupt) {
            stream[stream.length / 2] ^= 0x55;
        }
        SoftInflater old = new SoftInflater(false);
        old.inflate(stream, 0, stream.length * 2 / 3, new byte[30_000], 0, 30_000);
        InflateState st = stateOf(old);
        old.end();
        return st;
    }

    private static InflateState stateOf(SoftInflater inf) {
        try {
            var f = SoftInflater.class.getDeclaredField("state");
            f.setAccessible(true);
            return (InflateState) f.get(inf);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPooledStateStartsOverAsJavaUtilZipDoes() throws Exception {
        for (boolean corrupt : new boolean[] {false, true}) {
            for (boolean nowrap : new boolean[] {false, true}) {
                InflateState parked = dirty(corrupt);
                SoftInflater inf = new SoftInflater(nowrap);
                assertSame(parked, stateOf(inf), "the new inflater should take the parked state");
                Inflater jdk = new Inflater(nowrap);
                assertEquals(jdk.getAdler(), inf.adler(), "adler of a new stream, nowrap " + nowrap);
                assertNull(inf.message());

                byte[] original = data(2, 5_000);
                byte[] stream = deflate(original, nowrap);
                byte[] out = new byte[original.length + 10];
                int ret = inf.inflate(stream, 0, stream.length, out, 0, out.length);
                jdk.setInput(stream);
                byte[] jdkOut = new byte[out.length];
                int jdkN = jdk.inflate(jdkOut);
                assertEquals(SoftInflater.STREAM_END, ret);
                assertEquals(jdkN, inf.produced());
                assertEquals(stream.length - jdk.getRemaining(), inf.consumed());
                assertEquals(jdk.getAdler(), inf.adler());
                assertArrayEquals(original, Arrays.copyOf(out, inf.produced()));
                jdk.end();
                inf.end();
            }
        }
    }

    @Test
    void anEndedInflaterRefusesWork() {
        SoftInflater inf = new SoftInflater(false);
        inf.end();
        inf.end(); // idempotent
        assertEquals(true, inf.isEnded());
        assertThrows(IllegalStateException.class, () -> inf.inflate(new byte[4], 0, 4, new byte[4], 0, 4));
        assertThrows(IllegalStateException.class, inf::reset);
        assertThrows(IllegalStateException.class, inf::adler);
    }
}
