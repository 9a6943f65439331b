package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * WdDeflater's API edges against java.util.zip.Deflater on the running JDK: every exception
 * (class and message), use after end(), and the state accessors. Run on JDK 17 and JDK 25 (the
 * messages differ between them; the comparison is always with the JDK that runs the test).
 */
class WdDeflaterTest {

    /** What a call did: its value, or the exception's class and message. */
    private record Outcome(Object value, String thrown, String message) {
        static Outcome of(Function<Deflater, Object> call, Deflater d) {
            try {
                return new Outcome(call.apply(d), null, null);
            } catch (RuntimeException | Error e) {
                return new Outcome(null, e.getClass().getName(), e.getMessage());
            }
        }
    }

    /** Applies the same call to a fresh (prepared) JDK deflater and WdDeflater; compares. */
    private static void same(String what, Consumer<Deflater> prepare, Function<Deflater, Object> call) {
        Deflater jdk = new Deflater();
        Deflater wd = new WdDeflater();
        try {
            prepare.accept(jdk);
            prepare.accept(wd);
            Outcome a = Outcome.of(call, jdk);
            Outcome b = Outcome.of(call, wd);
            assertEquals(a, b, what);
        } finally {
            jdk.end();
            wd.end();
        }
    }

    private static final Consumer<Deflater> FRESH = d -> { };
    private static final Consumer<Deflater> ENDED = Deflater::end;

    @Test
    void constructorRejectsLevelsLikeJdk() {
        for (int level : new int[] {-2, 10, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            Outcome a = Outcome.of(d -> new Deflater(level), null);
            Outcome b = Outcome.of(d -> new WdDeflater(level), null);
            assertEquals(a.thrown(), b.thrown(), "level " + level);
            assertEquals(a.message(), b.message(), "level " + level);
        }
        for (int level = -1; level <= 9; level++) {
            new WdDeflater(level, true).end();
        }
    }

    @Test
    void argumentChecksMatchJdk() {
        byte[] b10 = new byte[10];
        List<Object[]> calls = new ArrayList<>();
        calls.add(new Object[] {"setInput null", (Function<Deflater, Object>) d -> {
            d.setInput((byte[]) null);
            return null;
        }});
        calls.add(new Object[] {"setInput null range", (Function<Deflater, Object>) d -> {
            d.setInput(null, 0, 1);
            return null;
        }});
        calls.add(new Object[] {"setInput null buffer", (Function<Deflater, Object>) d -> {
            d.setInput((ByteBuffer) null);
            return null;
        }});
        for (int[] r : new int[][] {{-1, 1}, {0, -1}, {5, 6}, {11, 0}, {Integer.MAX_VALUE, 1}, {10, 0}}) {
            calls.add(new Object[] {"setInput " + Arrays.toString(r), (Function<Deflater, Object>) d -> {
                d.setInput(b10, r[0], r[1]);
                return null;
            }});
            calls.add(new Object[] {"deflate " + Arrays.toString(r), (Function<Deflater, Object>) d ->
                    d.deflate(b10, r[0], r[1], Deflater.NO_FLUSH)});
            calls.add(new Object[] {"deflate3 " + Arrays.toString(r), (Function<Deflater, Object>) d ->
                    d.deflate(b10, r[0], r[1])});
            calls.add(new Object[] {"setDictionary " + Arrays.toString(r), (Function<Deflater, Object>) d -> {
                d.setDictionary(b10, r[0], r[1]);
                return null;
            }});
        }
        for (int flush : new int[] {-1, 1, 4, 5, 99}) {
            calls.add(new Object[] {"deflate flush " + flush, (Function<Deflater, Object>) d ->
                    d.deflate(b10, 0, 10, flush)});
            calls.add(new Object[] {"deflate buffer flush " + flush, (Function<Deflater, Object>) d ->
                    d.deflate(ByteBuffer.allocate(10), flush)});
            calls.add(new Object[] {"deflate bad range and flush " + flush, (Function<Deflater, Object>) d ->
                    d.deflate(b10, 5, 10, flush)});
        }
        calls.add(new Object[] {"deflate null", (Function<Deflater, Object>) d -> d.deflate((byte[]) null)});
        calls.add(new Object[] {"deflate null range", (Function<Deflater, Object>) d -> d.deflate(null, 0, 1, 0)});
        calls.add(new Object[] {"deflate null buffer", (Function<Deflater, Object>) d -> d.deflate((ByteBuffer) null)});
        calls.add(new Object[] {"deflate read-only", (Function<Deflater, Object>) d ->
                d.deflate(ByteBuffer.allocate(10).asReadOnlyBuffer())});
        calls.add(new Object[] {"deflate read-only bad flush", (Function<Deflater, Object>) d ->
                d.deflate(ByteBuffer.allocate(10).asReadOnlyBuffer(), 7)});
        calls.add(new Object[] {"setDictionary null", (Function<Deflater, Object>) d -> {
            d.setDictionary((byte[]) null);
            return null;
        }});
        calls.add(new Object[] {"setDictionary null buffer", (Function<Deflater, Object>) d -> {
            d.setDictionary((ByteBuffer) null);
            return null;
        }});
        for (int level : new int[] {-2, 10, 100}) {
            calls.add(new Object[] {"setLevel " + level, (Function<Deflater, Object>) d -> {
                d.setLevel(level);
                return null;
            }});
        }
        for (int st : new int[] {-1, 3, 4}) {
            calls.add(new Object[] {"setStrategy " + st, (Function<Deflater, Object>) d -> {
                d.setStrategy(st);
                return null;
            }});
        }
        for (Object[] c : calls) {
            @SuppressWarnings("unchecked")
            Function<Deflater, Object> call = (Function<Deflater, Object>) c[1];
            same((String) c[0], FRESH, call);
            same("after end: " + c[0], ENDED, call);
        }
    }

    @Test
    void useAfterEndMatchesJdk() {
        List<Object[]> calls = List.of(
                new Object[] {"deflate", (Function<Deflater, Object>) d -> d.deflate(new byte[10])},
                new Object[] {"deflate buffer", (Function<Deflater, Object>) d -> d.deflate(ByteBuffer.allocate(10))},
                new Object[] {"deflate direct", (Function<Deflater, Object>) d ->
                        d.deflate(ByteBuffer.allocateDirect(10), Deflater.SYNC_FLUSH)},
                new Object[] {"getAdler", (Function<Deflater, Object>) Deflater::getAdler},
                new Object[] {"getTotalIn", (Function<Deflater, Object>) Deflater::getTotalIn},
                new Object[] {"getTotalOut", (Function<Deflater, Object>) Deflater::getTotalOut},
                new Object[] {"getBytesRead", (Function<Deflater, Object>) Deflater::getBytesRead},
                new Object[] {"getBytesWritten", (Function<Deflater, Object>) Deflater::getBytesWritten},
                new Object[] {"reset", (Function<Deflater, Object>) d -> {
                    d.reset();
                    return null;
                }},
                new Object[] {"setDictionary", (Function<Deflater, Object>) d -> {
                    d.setDictionary(new byte[3]);
                    return null;
                }},
                new Object[] {"setDictionary buffer", (Function<Deflater, Object>) d -> {
                    ByteBuffer bb = ByteBuffer.wrap(new byte[3]);
                    d.setDictionary(bb);
                    return bb.position();
                }},
                new Object[] {"setInput then needsInput", (Function<Deflater, Object>) d -> {
                    d.setInput(new byte[3]);
                    return d.needsInput();
                }},
                new Object[] {"needsInput", (Function<Deflater, Object>) Deflater::needsInput},
                new Object[] {"finish then finished", (Function<Deflater, Object>) d -> {
                    d.finish();
                    return d.finished();
                }},
                new Object[] {"setLevel", (Function<Deflater, Object>) d -> {
                    d.setLevel(3);
                    return null;
                }},
                new Object[] {"setStrategy", (Function<Deflater, Object>) d -> {
                    d.setStrategy(Deflater.FILTERED);
                    return null;
                }},
                new Object[] {"end again", (Function<Deflater, Object>) d -> {
                    d.end();
                    d.end();
                    return null;
                }},
                new Object[] {"setInput then end again", (Function<Deflater, Object>) d -> {
                    d.setInput(new byte[3]);
                    d.end();
                    return d.needsInput();
                }},
                new Object[] {"setInput buffer then end again", (Function<Deflater, Object>) d -> {
                    d.setInput(ByteBuffer.allocate(3));
                    d.end();
                    return d.needsInput();
                }});
        for (Object[] c : calls) {
            @SuppressWarnings("unchecked")
            Function<Deflater, Object> call = (Function<Deflater, Object>) c[1];
            same("after end: " + c[0], ENDED, call);
        }
    }

    @Test
    void closedExceptionFollowsJdkVersion() {
        WdDeflater d = new WdDeflater();
        d.close();
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, d::getAdler);
        assertEquals("Deflater has been closed", e.getMessage());
        assertEquals(Runtime.version().feature() >= 25 ? IllegalStateException.class : NullPointerException.class,
                e.getClass());
    }

    @Test
    void stateRulesMatchJdk() {
        byte[] text = "hello hello hello hello, deflater".getBytes(StandardCharsets.US_ASCII);
        // Dictionary after the first deflate call in zlib mode: IllegalArgumentException.
        same("dictionary too late", d -> {
            d.setInput(text);
            d.deflate(new byte[100]);
        }, d -> {
            d.setDictionary(text);
            return null;
        });
        // Level change after finish() began: zlib's stream error as InternalError.
        same("setLevel after finish", d -> {
            d.setInput(text);
            d.finish();
            d.deflate(new byte[3]);
            d.setLevel(0);
        }, d -> d.deflate(new byte[100]));
        // Same-function level change after finish: accepted, no output.
        same("setLevel within function after finish", d -> {
            d.setInput(text);
            d.finish();
            d.deflate(new byte[3]);
            d.setLevel(9);
        }, d -> Arrays.toString(drain(d)));
        // More input after finish: ignored until reset.
        same("input after finish", d -> {
            d.setInput(text);
            d.finish();
            drain(d);
            d.setInput(text);
        }, d -> d.deflate(new byte[100]) + " " + d.needsInput() + " " + d.getBytesRead());
        // Raw mode: dictionary accepted between flushes, adler stays 1.
        Deflater a = new Deflater(6, true);
        Deflater b = new WdDeflater(6, true);
        for (Deflater d : new Deflater[] {a, b}) {
            d.setInput(text);
            d.deflate(new byte[100], 0, 100, Deflater.SYNC_FLUSH);
            d.setDictionary(text, 3, 10);
            d.setInput(text);
            d.finish();
        }
        assertArrayEquals(drain(a), drain(b));
        assertEquals(a.getAdler(), b.getAdler());
        assertEquals(1, b.getAdler());
        a.end();
        b.end();
    }

    @Test
    void accessorsTrackAStream() {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 % 251);
        }
        Deflater a = new Deflater(1);
        Deflater b = new WdDeflater(1);
        ByteBuffer inA = ByteBuffer.allocateDirect(data.length).put(data).flip();
        ByteBuffer inB = inA.duplicate();
        a.setInput(inA);
        b.setInput(inB);
        a.finish();
        b.finish();
        ByteBuffer outA = ByteBuffer.allocate(1000);
        ByteBuffer outB = ByteBuffer.allocateDirect(1000);
        while (!a.finished()) {
            outA.clear();
            outB.clear();
            assertEquals(a.deflate(outA), b.deflate(outB));
            outA.flip();
            outB.flip();
            assertEquals(outA, outB);
            assertEquals(inA.position(), inB.position());
            assertEquals(a.getBytesRead(), b.getBytesRead());
            assertEquals(a.getBytesWritten(), b.getBytesWritten());
            assertEquals(a.getTotalOut(), b.getTotalOut());
            assertEquals(a.needsInput(), b.needsInput());
            assertEquals(a.getAdler(), b.getAdler());
        }
        assertTrue(b.finished());
        a.reset();
        b.reset();
        assertEquals(a.getBytesRead(), b.getBytesRead());
        assertEquals(a.getAdler(), b.getAdler());
        assertEquals(a.needsInput(), b.needsInput());
        a.end();
        b.end();
    }

    /**
     * The budget: at most 300 KiB of heap per deflater, counting everything it allocates
     * while it compresses (window, hash chains, pending output, trees, scratch for direct
     * buffers, the spill of a window rebase after a reset), besides the caller's buffers. Deflater states of ended instances are pooled, so
     * the pool is drained first by live instances: the measured one must build its own state.
     * Its output is checked against java.util.zip's for the same calls.
     */
    @Test
    void heapPerDeflaterStaysUnder300KiB() {
        byte[] data = new byte[400_000];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        String[] words = {"deflate ", "window ", "chain ", "lazy ", "match ", "tree ", "huffman ", "zlib "};
        for (int i = 0; i < data.length; ) {
            byte[] w = words[rnd.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
            for (int k = 0; k < w.length && i < data.length; k++) {
                data[i++] = rnd.nextInt(40) == 0 ? (byte) rnd.nextInt(256) : w[k];
            }
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
        direct.put(data).flip();
        byte[] out = new byte[data.length + 1024];
        List<Deflater> live = new ArrayList<>();
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try {
            for (int i = 0; i < 3; i++) {
                Deflater warm = new WdDeflater();
                runAllPaths(warm, data, direct.duplicate(), out);
                warm.end();
            }
            for (int i = 0; i < 16; i++) {
                live.add(new WdDeflater());
            }
            long before = mx.getThreadAllocatedBytes(tid);
            WdDeflater wd = new WdDeflater();
            int n = runAllPaths(wd, data, direct.duplicate(), out);
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            byte[] ours = Arrays.copyOf(out, n);
            wd.end();

            Deflater jdk = new Deflater();
            byte[] expected = new byte[out.length];
            int m = runAllPaths(jdk, data, direct.duplicate(), expected);
            jdk.end();
            assertArrayEquals(Arrays.copyOf(expected, m), ours, "output differs from java.util.zip's");
            assertTrue(allocated <= 300 * 1024, "one deflater allocated " + allocated + " bytes");
        } finally {
            live.forEach(Deflater::end);
        }
    }

    /**
     * A small message and a reset (the next stream then starts higher in the window and must
     * move back down when the input needs the room), array and direct-buffer input, a level and
     * strategy change mid-stream, a sync flush and the finish; returns the bytes written to out
     * by the second stream.
     */
    private static int runAllPaths(Deflater d, byte[] data, ByteBuffer direct, byte[] out) {
        d.setInput(data, 0, 1000);
        d.finish();
        while (!d.finished()) {
            d.deflate(out);
        }
        d.reset();
        d.setInput(data, 0, 1000);
        int n = d.deflate(out, 0, out.length, Deflater.NO_FLUSH);
        int half = data.length / 2;
        d.setInput(data, 1000, half - 1000);
        n += d.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
        d.setLevel(9);
        d.setStrategy(Deflater.FILTERED);
        direct.position(half);
        d.setInput(direct);
        d.finish();
        while (!d.finished()) {
            n += d.deflate(out, n, out.length - n);
        }
        return n;
    }

    @Test
    void neverEndedInstancesAreCollected() throws InterruptedException {
        // Every instance holds ~260 KiB; without the engine being released to the collector
        // (nothing pins it) 4000 of them would need ~1 GB.
        for (int i = 0; i < 4000; i++) {
            WdDeflater d = new WdDeflater(1);
            d.setInput(new byte[] {1, 2, 3});
            d.finish();
            Objects.requireNonNull(drain(d));
        }
    }

    private static byte[] drain(Deflater d) {
        byte[] out = new byte[256];
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 10_000 && !d.finished(); i++) {
            int n = d.deflate(out);
            all.write(out, 0, n);
            if (n == 0 && d.needsInput() && !d.finished()) {
                break;
            }
        }
        return all.toByteArray();
    }
}
