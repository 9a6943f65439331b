package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reuse must not leak anything from the previous stream: reset() (with its partial hash clear),
 * and new instances drawing pooled states. Every message is compared with a fresh JDK stream.
 */
class DeflateResetTest {

    @Test
    void resetBetweenMessagesOfEverySizeMatchesFreshStreams() {
        SplittableRandom r = new SplittableRandom(3);
        for (int level : new int[] {0, 1, 3, 4, 6, 9}) {
            for (boolean nowrap : new boolean[] {false, true}) {
                SoftDeflater d = new SoftDeflater(level, nowrap);
                try {
                    for (int m = 0; m < 120; m++) {
                        // Mostly small (the partial clear path), sometimes beyond the window
                        // (slides: a full clear is needed next time).
                        int n = m % 10 == 9 ? r.nextInt(40_000, 150_000) : r.nextInt(0, 6000);
                        byte[] msg = m % 3 == 0 ? DeflateTestData.json(r, n) : DeflateTestData.text(r, n);
                        byte[] got = deflateAll(d, msg);
                        byte[] want = DeflateTestData.jdk(msg, level, 0, nowrap);
                        if (!Arrays.equals(want, got)) {
                            throw new AssertionError("level " + level + " message " + m + " (" + n + " bytes): differs at "
                                    + Arrays.mismatch(want, got));
                        }
                        d.reset();
                    }
                } finally {
                    d.end();
                }
            }
        }
    }

    @Test
    void pooledStatesStartClean() {
        SplittableRandom r = new SplittableRandom(4);
        for (int m = 0; m < 200; m++) {
            int level = r.nextInt(-1, 10);
            int n = m % 7 == 0 ? r.nextInt(30_000, 100_000) : r.nextInt(0, 3000);
            byte[] msg = DeflateTestData.partlyRandom(r, n);
            SoftDeflater d = new SoftDeflater(level, false);
            byte[] got;
            try {
                // Leave some streams unfinished: the next owner of the state must not care.
                if (m % 5 == 4) {
                    d.setInput(msg, 0, msg.length);
                    d.deflate(new byte[100], 0, 100, SoftDeflater.NO_FLUSH);
                    continue;
                }
                got = deflateAll(d, msg);
            } finally {
                d.end();
            }
            byte[] want = DeflateTestData.jdk(msg, level, 0, false);
            if (!Arrays.equals(want, got)) {
                throw new AssertionError("message " + m + ": differs at " + Arrays.mismatch(want, got));
            }
        }
    }

    @Test
    void stateFitsTheMemoryBudget() throws IllegalAccessException {
        DeflaterState s = new DeflaterState();
        DeflaterState second = new DeflaterState();
        long bytes = 0;
        for (Field f : DeflaterState.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(s);
            bytes += arrayBytes(v);
            if (v instanceof DeflateTree t) {
                // Every array of the tree that a second state does not share (the extra-bits and
                // fixed-length tables are shared by all).
                DeflateTree other = (DeflateTree) f.get(second);
                for (Field tf : DeflateTree.class.getDeclaredFields()) {
                    tf.setAccessible(true);
                    if (!java.lang.reflect.Modifier.isStatic(tf.getModifiers()) && tf.get(t) != tf.get(other)) {
                        bytes += arrayBytes(tf.get(t));
                    }
                }
            }
        }
        assertTrue(bytes <= 300 * 1024, "state arrays take " + bytes + " bytes");
        assertEquals(0, s.headClearExact ? 1 : 0, "a fresh state is marked by the pool, not by itself");
    }

    private static long arrayBytes(Object v) {
        if (v instanceof byte[] b) {
            return b.length;
        }
        if (v instanceof char[] c) {
            return 2L * c.length;
        }
        if (v instanceof int[] i) {
            return 4L * i.length;
        }
        return 0;
    }

    static byte[] deflateAll(SoftDeflater d, byte[] msg) {
        d.setInput(msg, 0, msg.length);
        byte[] out = new byte[msg.length + msg.length / 100 + 128];
        int n = 0;
        for (;;) {
            int code = d.deflate(out, n, out.length - n, SoftDeflater.FINISH);
            n = out.length - d.getAvailOut();
            if (code == SoftDeflater.STREAM_END) {
                return Arrays.copyOf(out, n);
            }
            if (code != SoftDeflater.OK) {
                throw new AssertionError("deflate returned " + code);
            }
        }
    }
}
