/*
 * Valid streams from java.util.zip.Deflater (every level, strategy, wrapper, flush points,
 * parameter changes, dictionaries) inflated under random input chunking and output window
 * sizes: every call must be observably identical on oracle and subject, and the output must be
 * the original data.
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Property;
import org.junit.jupiter.api.Test;

class InflaterChunkingTest {

    static void roundTrip(StreamCase c) {
        byte[] stream = c.stream();
        try (Lockstep ls = new Lockstep(c.nowrap())) {
            Lockstep.Run run = ls.drive(stream, c.dictionary(), c.nowrap(), c.plan(), c.data().length());
            assertEquals(Lockstep.End.FINISHED, run.end(), "how the run ended");
            assertArrayEquals(c.data().bytes(), run.output(), "inflated bytes vs original");
        }
    }

    @Test
    void byteArrayApiUnderRandomChunking() {
        Property.forAll(StreamCase.valid(Data.any(), DeflateSpec.gen(true), Plan.arrays()))
                .check(InflaterChunkingTest::roundTrip);
    }

    @Test
    void byteBufferApiUnderRandomChunking() {
        Property.forAll(StreamCase.valid(Data.any(), DeflateSpec.gen(true), Plan.buffers()))
                .check(InflaterChunkingTest::roundTrip);
    }

    @Test
    void wholeBufferInOneCall() {
        Property.forAll(StreamCase.valid(Data.any(), DeflateSpec.gen(true), Gen.of(r -> Plan.WHOLE, p -> java.util.stream.Stream.empty())))
                .check(InflaterChunkingTest::roundTrip);
    }

    @Test
    void oneByteAtATimeInAndOut() {
        Plan oneByOne = Plan.chunked(1, 1);
        // Sizes up to 20 KB: a call per byte is slow on queue backends; EdgeSizesTest covers the
        // window edges (32 and 64 KiB) one byte at a time.
        Property.forAll(StreamCase.valid(Data.upTo(20_000), DeflateSpec.gen(true),
                        Gen.of(r -> oneByOne, p -> java.util.stream.Stream.empty())))
                .scaleTries(0.5)
                .check(InflaterChunkingTest::roundTrip);
    }
}
