/*
 * Argument checks and closed-state behaviour: bad (off, len) for inflate, setInput and
 * setDictionary give the same exception class and message as the JDK and leave the state alone;
 * inflate into a read-only ByteBuffer is a ReadOnlyBufferException; after end() every method
 * behaves as the JDK's does (17: NullPointerException, 25: IllegalStateException, "Inflater has
 * been closed"), and end() twice is fine.
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Property;
import io.warpdrive.conformance.harness.Shrink;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class InflaterArgumentTest {

    enum Op { INFLATE, SET_INPUT, SET_DICTIONARY }

    /** One range-checked call: array length, offset, length; on a fresh or a started inflater. */
    record ArgCase(Op op, int arrayLen, int off, int len, boolean started, boolean nowrap) {}

    private static final byte[] STREAM = DeflateSpec.plain(6, false)
            .compress("arguments are checked before anything else happens".repeat(20).getBytes(StandardCharsets.US_ASCII));
    private static final byte[] RAW_STREAM = DeflateSpec.plain(6, true)
            .compress("arguments are checked before anything else happens".repeat(20).getBytes(StandardCharsets.US_ASCII));

    static int edge(RandomGenerator r, int n) {
        return switch (r.nextInt(9)) {
            case 0 -> -1;
            case 1 -> 0;
            case 2 -> n;
            case 3 -> n + 1;
            case 4 -> Integer.MAX_VALUE;
            case 5 -> Integer.MIN_VALUE;
            case 6 -> n - 1;
            default -> r.nextInt(-3, n + 4);
        };
    }

    static Gen<ArgCase> argCases() {
        return Gen.of(r -> {
            int n = r.nextInt(0, 40);
            return new ArgCase(Op.values()[r.nextInt(3)], n, edge(r, n), edge(r, n), r.nextBoolean(), r.nextBoolean());
        }, c -> Stream.concat(
                Shrink.toward(c.arrayLen, 0).mapToObj(n -> new ArgCase(c.op, n, c.off, c.len, c.started, c.nowrap)),
                Stream.of(new ArgCase(c.op, c.arrayLen, c.off, c.len, false, c.nowrap)).filter(x -> c.started)));
    }

    @Test
    void badOffsetsAndLengthsFailTheSame() {
        Property.forAll(argCases()).check(c -> {
            try (Lockstep ls = new Lockstep(c.nowrap)) {
                if (c.started) {
                    ls.setInput(c.nowrap ? RAW_STREAM : STREAM, Plan.InKind.ARRAY);
                    ls.inflate(7, Plan.OutKind.ARRAY, 0, null);
                }
                String what = c.op + "(byte[" + c.arrayLen + "], " + c.off + ", " + c.len + ")";
                if (c.op == Op.INFLATE) {
                    ls.inflateUnchecked(c.arrayLen, c.off, c.len);
                } else if (c.op == Op.SET_INPUT) {
                    ls.bothThrown(what, inf -> {
                        inf.setInput(new byte[c.arrayLen], c.off, c.len);
                        return null;
                    });
                } else {
                    ls.bothThrown(what, inf -> {
                        inf.setDictionary(new byte[c.arrayLen], c.off, c.len);
                        return null;
                    });
                }
                // and the inflaters go on the same way afterwards
                for (int i = 0; i < 3; i++) {
                    ls.inflate(16, Plan.OutKind.ARRAY, 0, null);
                }
            }
        });
    }

    @Test
    void zeroLengthInflateAndInput() {
        for (boolean nowrap : List.of(false, true)) {
            try (Lockstep ls = new Lockstep(nowrap)) {
                ls.inflate(0, Plan.OutKind.ARRAY, 0, null);
                ls.inflate(0, Plan.OutKind.DIRECT, 0, null);
                ls.setInput(new byte[0], Plan.InKind.ARRAY);
                ls.inflate(0, Plan.OutKind.ARRAY, 3, null);
                ls.setInput(nowrap ? RAW_STREAM : STREAM, Plan.InKind.HEAP);
                ls.inflate(0, Plan.OutKind.HEAP, 0, null);
                ls.inflate(1, Plan.OutKind.ARRAY, 0, null);
                ls.inflate(0, Plan.OutKind.ARRAY, 0, null);
                ls.inflateUnchecked(0, 0, 0);
                ls.inflate(100_000, Plan.OutKind.ARRAY, 0, null);
                ls.inflate(0, Plan.OutKind.ARRAY, 0, null);
            }
        }
    }

    @Test
    void nullArgumentsThrowNullPointerExceptionOnBoth() {
        // Only the class is compared: helpful NullPointerException messages name the JDK's own
        // parameters ("<parameter1>" or a local), which no reimplementation can match.
        try (Lockstep ls = new Lockstep(false)) {
            List<Lockstep.Call<?>> calls = List.of(
                    inf -> inf.inflate((byte[]) null),
                    inf -> inf.inflate((byte[]) null, 0, 0),
                    inf -> inf.inflate((ByteBuffer) null),
                    inf -> {
                        inf.setInput((byte[]) null);
                        return null;
                    },
                    inf -> {
                        inf.setInput((byte[]) null, 0, 0);
                        return null;
                    },
                    inf -> {
                        inf.setInput((ByteBuffer) null);
                        return null;
                    },
                    inf -> {
                        inf.setDictionary((byte[]) null);
                        return null;
                    },
                    inf -> {
                        inf.setDictionary((ByteBuffer) null);
                        return null;
                    });
            for (int i = 0; i < calls.size(); i++) {
                Throwable a = catching(calls.get(i), ls.jdk);
                Throwable b = catching(calls.get(i), ls.wd);
                assertNotNull(a, "null call " + i + " on the JDK");
                assertEquals(a.getClass(), b == null ? null : b.getClass(), "null call " + i + ": " + a + " vs " + b);
                ls.compareState("null call " + i);
            }
        }
    }

    private static Throwable catching(Lockstep.Call<?> call, Inflater inf) {
        try {
            call.run(inf);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void readOnlyOutputBufferIsRejected() {
        try (Lockstep ls = new Lockstep(false)) {
            ls.setInput(STREAM, Plan.InKind.ARRAY);
            for (ByteBuffer ro : List.of(ByteBuffer.allocate(64).asReadOnlyBuffer(),
                    ByteBuffer.allocateDirect(64).asReadOnlyBuffer(), ByteBuffer.allocate(0).asReadOnlyBuffer())) {
                Throwable t = ls.bothThrown("inflate(read-only " + ro + ")", inf -> inf.inflate(ro.duplicate()));
                assertTrue(t instanceof ReadOnlyBufferException, String.valueOf(t));
            }
            Lockstep.Run run = ls.drive(new byte[0], null, false, Plan.WHOLE, 2_000);
            assertEquals(Lockstep.End.FINISHED, run.end());
        }
    }

    @Test
    void endTwiceIsHarmlessAndEveryMethodAfterEndBehavesTheSame() {
        for (boolean nowrap : List.of(false, true)) {
            for (boolean started : List.of(false, true)) {
                try (Lockstep ls = new Lockstep(nowrap)) {
                    if (started) {
                        ls.setInput(nowrap ? RAW_STREAM : STREAM, Plan.InKind.DIRECT);
                        ls.inflate(10, Plan.OutKind.ARRAY, 0, null);
                    }
                    ls.end();
                    ls.end();
                    afterEnd(ls);
                    ls.end();
                }
            }
        }
    }

    @SuppressWarnings("deprecation")
    static void afterEnd(Lockstep ls) {
        Throwable t = ls.bothThrown("inflate(byte[8]) after end", inf -> inf.inflate(new byte[8]));
        assertEquals(Inflaters.closedExceptionClass(), t == null ? null : t.getClass());
        assertEquals("Inflater has been closed", t.getMessage());
        t = ls.bothThrown("getAdler() after end", Inflater::getAdler);
        assertEquals(Inflaters.closedExceptionClass(), t == null ? null : t.getClass());
        ls.both("inflate(heap) after end", inf -> inf.inflate(ByteBuffer.allocate(8)));
        ls.both("inflate(direct) after end", inf -> inf.inflate(ByteBuffer.allocateDirect(8)));
        ls.both("inflate(read-only) after end", inf -> inf.inflate(ByteBuffer.allocate(8).asReadOnlyBuffer()));
        ls.both("inflate(byte[8], 2, 99) after end", inf -> inf.inflate(new byte[8], 2, 99));
        ls.both("setInput(byte[]) after end", inf -> {
            inf.setInput(new byte[] {1, 2, 3});
            return null;
        });
        ls.both("setInput(ByteBuffer) after end", inf -> {
            inf.setInput(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
            return null;
        });
        ls.both("setInput(byte[], 1, 9) after end", inf -> {
            inf.setInput(new byte[3], 1, 9);
            return null;
        });
        ls.both("setDictionary(byte[]) after end", inf -> {
            inf.setDictionary(new byte[] {1});
            return null;
        });
        ls.both("setDictionary(byte[], 0, 2) after end", inf -> {
            inf.setDictionary(new byte[] {1}, 0, 2);
            return null;
        });
        ls.both("setDictionary(ByteBuffer) after end", inf -> {
            inf.setDictionary(ByteBuffer.wrap(new byte[] {1}));
            return null;
        });
        ls.both("getRemaining() after end", Inflater::getRemaining);
        ls.both("needsInput() after end", Inflater::needsInput);
        ls.both("needsDictionary() after end", Inflater::needsDictionary);
        ls.both("finished() after end", Inflater::finished);
        ls.both("getTotalIn() after end", Inflater::getTotalIn);
        ls.both("getTotalOut() after end", Inflater::getTotalOut);
        ls.both("getBytesRead() after end", Inflater::getBytesRead);
        ls.both("getBytesWritten() after end", Inflater::getBytesWritten);
        ls.both("reset() after end", inf -> {
            inf.reset();
            return null;
        });
        if (Inflaters.JDK >= 25) {
            ls.both("close() after end", inf -> {
                ((AutoCloseable) inf).close();
                return null;
            });
        }
    }

    @Test
    void closeIsEndOnJdk25() {
        // JDK 25 made Inflater AutoCloseable with close() = end(). On 17 the subject may still offer
        // close() (an addition, not a different answer to an existing call); if it does, it ends.
        try (Lockstep ls = new Lockstep(false)) {
            Throwable a = Inflaters.JDK >= 25 ? catching(inf -> {
                ((AutoCloseable) inf).close();
                return null;
            }, ls.jdk) : null;
            Throwable b = ls.wd instanceof AutoCloseable ? catching(inf -> {
                ((AutoCloseable) inf).close();
                return null;
            }, ls.wd) : null;
            assertNull(a);
            assertNull(b);
            if (Inflaters.JDK >= 25) {
                assertTrue(ls.wd instanceof AutoCloseable, "Inflater is AutoCloseable on JDK 25");
                afterEnd(ls);
            } else if (ls.wd instanceof AutoCloseable) {
                ls.jdk.end();
                afterEnd(ls);
            }
        }
    }
}
