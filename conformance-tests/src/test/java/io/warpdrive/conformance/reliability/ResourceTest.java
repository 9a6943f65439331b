/*
 * Resources: instances that are never ended must be cleaned up (the Cleaner returns engines,
 * queue sessions and their DMA context buffers), so creating and dropping many of them keeps the
 * heap, direct (native) memory, open file descriptors and the emulated device's stream contexts
 * flat. Default run: reliability.instances (20,000; the pom's long profile: 1,000,000). Also:
 * end() is idempotent and every method after end() behaves as java.util.zip on the running JDK
 * (NullPointerException on 17, IllegalStateException on 25, same messages; getters that the JDK
 * answers without its native state answer the same).
 */
package io.warpdrive.conformance.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.conformance.Thrown;
import io.warpdrive.zip.Backend;
import io.warpdrive.zip.WdDeflater;
import io.warpdrive.zip.WdInflater;
import java.io.File;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ResourceTest {
    private static final int INSTANCES = Integer.getInteger("reliability.instances", 20_000);
    private static final byte[] PLAIN = Emulated.data(42, 3000);
    private static final byte[] ZLIB = Emulated.deflateJdk(PLAIN, false, 0);

    @AfterEach
    void tearDown() {
        Emulated.restore();
    }

    /** Heap used, direct memory, open fds, emulated stream contexts: after a full GC and the Cleaner. */
    private static long[] measure() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50); // the Cleaner thread runs the releases
        }
        Runtime rt = Runtime.getRuntime();
        long direct = 0;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                direct = b.getMemoryUsed();
            }
        }
        String[] fds = new File("/proc/self/fd").list();
        return new long[] {rt.totalMemory() - rt.freeMemory(), direct, fds == null ? -1 : fds.length,
            EmulatedZip.shared().model().contextCount()};
    }

    /** Creates {@code n} instances (a tenth on the emulated queues), uses each a little, never ends one. */
    private static void dropMany(int n) throws Exception {
        byte[] out = new byte[PLAIN.length + 16];
        for (int i = 0; i < n; i++) {
            Backend.setDefault(i % 10 == 0 ? Backend.EMULATED : Backend.SOFT);
            if (i % 2 == 0) {
                WdInflater inf = new WdInflater();
                inf.setInput(ZLIB);
                int k = inf.inflate(out);
                if (k != PLAIN.length) {
                    throw new AssertionError("instance " + i + " inflated " + k);
                }
            } else {
                WdDeflater def = new WdDeflater(1 + i % 9);
                def.setInput(PLAIN, 0, 100 + i % 1000);
                def.finish();
                def.deflate(out);
            }
        }
        Backend.setDefault(null);
    }

    @Test
    void droppedInstancesAreCleanedUp() throws Exception {
        Emulated.use();
        dropMany(Math.min(2000, INSTANCES)); // warm-up: pools, JIT, staging buffers at their steady size
        long[] before = measure();
        long t0 = System.nanoTime();
        dropMany(INSTANCES);
        long[] after = measure();
        String report = String.format("%d instances in %d ms: heap %d -> %d KB, direct %d -> %d KB, fds %d -> %d,"
                + " device contexts %d -> %d", INSTANCES, (System.nanoTime() - t0) / 1_000_000, before[0] >> 10,
                after[0] >> 10, before[1] >> 10, after[1] >> 10, before[2], after[2], before[3], after[3]);
        System.out.println(report);
        assertTrue(after[0] - before[0] < 64L << 20, "heap grew: " + report);
        assertTrue(after[1] - before[1] < 8L << 20, "direct memory grew: " + report);
        assertTrue(after[2] - before[2] < 16, "file descriptors leaked: " + report);
        assertTrue(after[3] - before[3] <= 16, "device stream contexts leaked: " + report);
    }

    /** One method call, reduced to its result or exception, comparable across implementations. */
    private static Object outcome(Function<Object, Object> call, Object engine) {
        try {
            Object r = call.apply(engine);
            return r == null ? "void" : r;
        } catch (RuntimeException e) {
            return Thrown.of(e);
        }
    }

    private static <T> void compareAfterEnd(T jdk, T wd, List<Function<Object, Object>> calls, String what) {
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(outcome(calls.get(i), jdk), outcome(calls.get(i), wd), what + " call " + i + " after end()");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SOFT", "EMULATED"})
    void endIsIdempotentAndUseAfterEndIsTheJdks(Backend backend) throws Exception {
        Emulated.use();
        Backend.setDefault(backend);
        byte[] buf = new byte[100];
        List<Function<Object, Object>> inf = List.of(
            o -> { ((Inflater) o).setInput(buf); return null; },
            o -> { ((Inflater) o).setInput(ByteBuffer.allocate(4)); return null; },
            o -> { ((Inflater) o).setDictionary(buf); return null; },
            o -> { try { return ((Inflater) o).inflate(buf); } catch (Exception e) { return Thrown.of(e); } },
            o -> { try { return ((Inflater) o).inflate(ByteBuffer.allocateDirect(8)); } catch (Exception e) { return Thrown.of(e); } },
            o -> ((Inflater) o).getAdler(), o -> ((Inflater) o).getTotalIn(), o -> ((Inflater) o).getBytesRead(),
            o -> ((Inflater) o).getBytesWritten(), o -> ((Inflater) o).getRemaining(), o -> ((Inflater) o).needsInput(),
            o -> ((Inflater) o).needsDictionary(), o -> ((Inflater) o).finished(),
            o -> { ((Inflater) o).reset(); return null; }, o -> { ((Inflater) o).end(); return null; });
        for (boolean used : new boolean[] {false, true}) {
            Inflater a = new Inflater();
            Inflater b = new WdInflater();
            if (used) {
                for (Inflater x : new Inflater[] {a, b}) {
                    x.setInput(ZLIB);
                    x.inflate(new byte[10]);
                }
            }
            a.end();
            b.end();
            a.end();
            b.end(); // idempotent: no exception, as the JDK
            compareAfterEnd(a, b, inf, "Inflater (used " + used + ", " + backend + ")");
        }
        List<Function<Object, Object>> def = List.of(
            o -> { ((Deflater) o).setInput(buf); return null; },
            o -> { ((Deflater) o).setDictionary(buf); return null; },
            o -> { ((Deflater) o).setLevel(3); return null; }, o -> { ((Deflater) o).setStrategy(1); return null; },
            o -> ((Deflater) o).deflate(buf), o -> ((Deflater) o).deflate(buf, 0, 10, Deflater.SYNC_FLUSH),
            o -> ((Deflater) o).deflate(ByteBuffer.allocate(10)), o -> { ((Deflater) o).finish(); return null; },
            o -> ((Deflater) o).finished(), o -> ((Deflater) o).needsInput(), o -> ((Deflater) o).getAdler(),
            o -> ((Deflater) o).getTotalIn(), o -> ((Deflater) o).getBytesRead(), o -> ((Deflater) o).getBytesWritten(),
            o -> { ((Deflater) o).reset(); return null; }, o -> { ((Deflater) o).end(); return null; });
        for (boolean used : new boolean[] {false, true}) {
            Deflater a = new Deflater();
            Deflater b = new WdDeflater();
            if (used) {
                for (Deflater x : new Deflater[] {a, b}) {
                    x.setInput(PLAIN);
                    x.deflate(new byte[10]);
                }
            }
            a.end();
            b.end();
            a.end();
            b.end();
            compareAfterEnd(a, b, def, "Deflater (used " + used + ", " + backend + ")");
        }
    }

}
