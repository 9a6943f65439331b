/*
 * The harness must catch what it is meant to catch: a false property fails, shrinks to the
 * smallest counterexample, and its printed seed replays to the same original and shrunk case.
 */
package io.warpdrive.conformance.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PropertyHarnessTest {

    private static final Gen<byte[]> ARRAYS = Gen.bytes(Gen.ints(0, 100));

    private static void shorterThan10(byte[] a) {
        assertTrue(a.length < 10, "length " + a.length);
    }

    @Test
    void falsePropertyIsDetectedAndShrunkToTheMinimalCase() {
        Property.Result<byte[]> r = Property.forAll(ARRAYS).freshTries(200).run(PropertyHarnessTest::shorterThan10);
        assertFalse(r.passed(), "a property false for 90% of inputs must fail within 200 tries");
        Property.Failure<byte[]> f = r.failure();
        assertTrue(f.original().length >= 10);
        assertArrayEquals(new byte[10], f.shrunk(), "smallest counterexample: ten zero bytes");
        assertTrue(f.shrinkSteps() > 0 || f.original().length == 10);
        assertTrue(f.shrunkError() instanceof AssertionError, String.valueOf(f.shrunkError()));
    }

    @Test
    void seedReplaysTheSameOriginalAndShrunkCase() {
        Property.Failure<byte[]> first = Property.forAll(ARRAYS).freshTries(200)
                .run(PropertyHarnessTest::shorterThan10).failure();
        assertNotNull(first);
        Property.Result<byte[]> again = Property.forAll(ARRAYS).seed(first.seed()).run(PropertyHarnessTest::shorterThan10);
        assertEquals(1, again.tries(), "a pinned seed runs exactly one try");
        assertArrayEquals(first.original(), again.failure().original());
        assertArrayEquals(first.shrunk(), again.failure().shrunk());
        // and the seed alone determines the value, whatever try index produced it
        assertArrayEquals(first.original(), ARRAYS.generate(new SplittableRandom(first.seed())));
    }

    @Test
    void truePropertyRunsEveryTry() {
        AtomicInteger calls = new AtomicInteger();
        Property.Result<byte[]> r = Property.forAll(ARRAYS).freshTries(37).run(a -> calls.incrementAndGet());
        assertTrue(r.passed());
        assertEquals(37, r.tries());
        assertEquals(37, calls.get());
    }

    @Test
    void reportNamesTheSeedAndTheReplayCommand() {
        AssertionError e = assertThrows(AssertionError.class, () -> Property.forAll(ARRAYS).freshTries(200)
                .check(PropertyHarnessTest::shorterThan10));
        String m = e.getMessage();
        assertTrue(m.contains("-Dtest=PropertyHarnessTest#reportNamesTheSeedAndTheReplayCommand"), m);
        assertTrue(m.matches("(?s).*-Dconformance\\.seed=0x[0-9a-f]{16} .*"), m);
        assertTrue(m.contains("mvn -pl conformance-tests -am test"), m);
        assertTrue(m.contains("-Dsurefire.failIfNoSpecifiedTests=false"), m);
        assertTrue(m.contains("byte[10]"), "the report shows the shrunk case: " + m);
    }

    @Test
    void shrinkingKeepsTheFailureKind() {
        // Fails with IllegalStateException for length >= 20 and AssertionError for 10..19: shrinking
        // from an IllegalStateException must not wander into the other failure.
        Gen<byte[]> big = Gen.bytes(Gen.ints(40, 100));
        Property.Failure<byte[]> f = Property.forAll(big).freshTries(5).run(a -> {
            if (a.length >= 20) {
                throw new IllegalStateException("long");
            }
            shorterThan10(a);
        }).failure();
        assertEquals(IllegalStateException.class, f.shrunkError().getClass());
        assertEquals(20, f.shrunk().length);
    }

    @Test
    void listShrinkingReachesSingleElement() {
        Gen<List<Integer>> lists = Gen.of(r -> r.ints(r.nextInt(1, 30), 0, 1000).boxed().toList(),
                l -> Shrink.list(l, v -> Shrink.toward(v, 0).boxed()));
        Property.Failure<List<Integer>> f = Property.forAll(lists).freshTries(100)
                .run(l -> assertTrue(l.stream().allMatch(v -> v < 500))).failure();
        assertNotNull(f);
        assertEquals(List.of(500), f.shrunk());
    }

    @Test
    void seedsRoundTripThroughTheirPrintedForm() {
        for (long s : new long[] {0, 1, -1, Long.MIN_VALUE, 0x1234_5678_9abc_def0L}) {
            assertEquals(s, Config.parseSeed(Config.formatSeed(s)));
        }
        assertEquals(42, Config.parseSeed("42"));
    }
}
