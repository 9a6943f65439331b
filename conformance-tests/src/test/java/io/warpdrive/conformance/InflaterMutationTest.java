/*
 * Damaged and over-long input: bit flips, replaced, inserted and deleted bytes, truncations, and
 * garbage after the end. Oracle and subject must agree on every call: the same output, the same
 * counters, DataFormatException with the same message at the same call (and the same behaviour on
 * the call after it), or both still wanting input; after the end, the same getRemaining().
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.conformance.harness.Property;
import org.junit.jupiter.api.Test;

class InflaterMutationTest {

    /** Mutated streams stay small: an error is usually found early, and tiny windows are common. */
    private static final int MAX_DATA = 20_000;

    static Lockstep.Run compare(StreamCase c) {
        byte[] stream = c.stream();
        try (Lockstep ls = new Lockstep(c.nowrap())) {
            Lockstep.Run run = ls.drive(stream, c.dictionary(), c.nowrap(), c.plan(), c.data().length());
            if (run.end() == Lockstep.End.ERROR) {
                // zlib keeps its last message in the stream, and setDictionary reports it: probe it.
                ls.bothThrown("setDictionary after error", inf -> {
                    inf.setDictionary(new byte[] {1, 2, 3});
                    return null;
                });
                ls.bothThrown("inflate after setDictionary", inf -> inf.inflate(new byte[16]));
            }
            return run;
        }
    }

    @Test
    void damagedStreamsByteArrayApi() {
        Property.forAll(StreamCase.mutated(Data.upTo(MAX_DATA), DeflateSpec.gen(true), Plan.arrays()))
                .check(InflaterMutationTest::compare);
    }

    @Test
    void damagedStreamsByteBufferApi() {
        Property.forAll(StreamCase.mutated(Data.upTo(MAX_DATA), DeflateSpec.gen(true), Plan.buffers()))
                .check(InflaterMutationTest::compare);
    }

    @Test
    void trailingBytesAfterTheEnd() {
        Property.forAll(StreamCase.trailing(Data.upTo(MAX_DATA), DeflateSpec.gen(true), Plan.buffers()))
                .check(c -> {
                    Lockstep.Run run = compare(c);
                    assertEquals(Lockstep.End.FINISHED, run.end());
                    assertArrayEquals(c.data().bytes(), run.output());
                });
    }
}
