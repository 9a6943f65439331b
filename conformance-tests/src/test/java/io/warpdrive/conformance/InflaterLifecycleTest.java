/*
 * Lifecycle and dictionary paths: reset() in the middle of a stream (valid or damaged) and reuse
 * for another stream; FDICT streams (needsDictionary, getAdler() == dictionary id, wrong
 * dictionary rejected with IllegalArgumentException, right one accepted); setDictionary when no
 * dictionary is wanted (zlib: rejected, stream goes on) and in raw mode (accepted at any time).
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Property;
import io.warpdrive.conformance.harness.Shrink;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InflaterLifecycleTest {

    private static final int MAX_DATA = 70_000;

    /** Two streams of one wrapper, and after how many inflate calls the first is abandoned. */
    record ResetCase(StreamCase first, int stopAfter, StreamCase second) {
        @Override
        public String toString() {
            return "first (reset after " + stopAfter + " inflate calls):\n  " + first.toString().replace("\n", "\n  ")
                    + "\nsecond:\n  " + second.toString().replace("\n", "\n  ");
        }
    }

    static Gen<ResetCase> resetCases() {
        Gen<Data> data = Data.upTo(MAX_DATA);
        Gen<Plan> plan = Plan.buffers();
        return Gen.of(r -> {
            boolean nowrap = r.nextBoolean();
            Gen<DeflateSpec> spec = DeflateSpec.gen(true, nowrap);
            StreamCase first = r.nextInt(3) == 0 ? StreamCase.mutated(data, spec, plan).generate(r)
                    : StreamCase.valid(data, spec, plan).generate(r);
            StreamCase second = StreamCase.valid(data, spec, plan).generate(r);
            return new ResetCase(first, r.nextInt(0, 40), second);
        }, c -> {
            Gen<DeflateSpec> spec = DeflateSpec.gen(true, c.first.nowrap());
            return Stream.of(
                    StreamCase.shrinks(c.first, data, spec, plan).map(f -> new ResetCase(f, c.stopAfter, c.second)),
                    Shrink.toward(c.stopAfter, 0).mapToObj(k -> new ResetCase(c.first, k, c.second)),
                    StreamCase.shrinks(c.second, data, spec, plan).map(s -> new ResetCase(c.first, c.stopAfter, s)))
                    .flatMap(x -> x);
        });
    }

    @Test
    void resetMidStreamThenReuse() {
        Property.forAll(resetCases()).check(c -> {
            boolean nowrap = c.first.nowrap();
            try (Lockstep ls = new Lockstep(nowrap)) {
                ls.drive(c.first.stream(), c.first.dictionary(), nowrap, c.first.plan(), c.first.data().length(),
                        c.stopAfter);
                ls.reset();
                Lockstep.Run run = ls.drive(c.second.stream(), c.second.dictionary(), nowrap, c.second.plan(),
                        c.second.data().length());
                assertEquals(Lockstep.End.FINISHED, run.end());
                assertArrayEquals(c.second.data().bytes(), run.output());
                // reuse once more after a complete stream
                ls.reset();
                run = ls.drive(c.second.stream(), c.second.dictionary(), nowrap, Plan.WHOLE, c.second.data().length());
                assertArrayEquals(c.second.data().bytes(), run.output());
            }
        });
    }

    /** zlib streams that always carry a preset dictionary. */
    static Gen<StreamCase> fdictStreams() {
        Gen<DeflateSpec> base = DeflateSpec.gen(false, false);
        Gen<DeflateSpec> withDict = Gen.of(r -> {
            DeflateSpec s = base.generate(r);
            byte[] dict = Data.make(r, r.nextInt(8) == 0 ? r.nextInt(32_000, 40_000) : r.nextInt(1, 3_000)).bytes();
            return new DeflateSpec(s.level(), s.strategy(), false, dict, s.events(), s.outBuf());
        }, s -> DeflateSpec.shrinks(s).filter(x -> x.dictionary() != null && x.dictionary().length > 0));
        return StreamCase.valid(Data.upTo(MAX_DATA), withDict, Plan.buffers());
    }

    /** Variants of a dictionary that must not match its Adler-32 id. */
    static byte[] wrongDictionary(byte[] dict, int kind) {
        return switch (kind) {
            case 0 -> new byte[0];
            case 1 -> {
                byte[] w = dict.clone();
                w[w.length - 1] ^= 1;
                yield w;
            }
            case 2 -> java.util.Arrays.copyOf(dict, dict.length + 1);
            default -> new byte[] {'n', 'o', 'p', 'e'};
        };
    }

    @Test
    void fdictStreamWrongDictionaryRejectedThenRightOneAccepted() {
        Property.forAll(fdictStreams()).check(c -> {
            byte[] dict = c.dictionary();
            byte[] wrong = wrongDictionary(dict, dict.length % 4);
            try (Lockstep ls = new Lockstep(false)) {
                ls.offerWrongDictionaryFirst(wrong);
                // stop right after the header: the dictionary id is what getAdler() reports
                Lockstep.Run head = ls.drive(c.stream(), null, false, c.plan(), c.data().length());
                assertEquals(Lockstep.End.NEEDS_DICTIONARY, head.end(), "an FDICT stream asks for its dictionary");
                assertEquals(Lockstep.adler32(dict), ls.jdk.getAdler(), "getAdler() is the dictionary id");
                if (Lockstep.adler32(wrong) != Lockstep.adler32(dict)) {
                    Throwable t = ls.wrongDictionaryOutcome();
                    assertTrue(t instanceof IllegalArgumentException, "oracle rejects a wrong dictionary: " + t);
                }
            }
            try (Lockstep ls = new Lockstep(false)) {
                ls.offerWrongDictionaryFirst(wrong);
                Lockstep.Run run = ls.drive(c.stream(), dict, false, c.plan(), c.data().length());
                assertEquals(Lockstep.End.FINISHED, run.end());
                assertArrayEquals(c.data().bytes(), run.output());
            }
        });
    }

    /** A stream plus the inflate call before which an extra setDictionary comes, and its bytes. */
    record ExtraDictCase(StreamCase stream, int at, byte[] dict) {
        @Override
        public String toString() {
            return stream + "\nsetDictionary(" + dict.length + " bytes) before inflate call " + at;
        }
    }

    static Gen<ExtraDictCase> extraDictCases(boolean nowrap) {
        Gen<StreamCase> streams = StreamCase.valid(Data.upTo(MAX_DATA), DeflateSpec.gen(nowrap, nowrap), Plan.buffers());
        return Gen.of(r -> new ExtraDictCase(streams.generate(r), r.nextInt(0, 12),
                Data.make(r, r.nextInt(1, 2_000)).bytes()), c -> Stream.concat(
                streams.shrink(c.stream).map(s -> new ExtraDictCase(s, c.at, c.dict)),
                Shrink.toward(c.at, 0).mapToObj(a -> new ExtraDictCase(c.stream, a, c.dict))));
    }

    @Test
    void zlibSetDictionaryWhenNotNeededBehavesTheSame() {
        Property.forAll(extraDictCases(false)).check(c -> {
            try (Lockstep ls = new Lockstep(false)) {
                Throwable[] seen = new Throwable[1];
                Lockstep.Run run = ls.drive(c.stream.stream(), c.stream.dictionary(), false, c.stream.plan(),
                        c.stream.data().length(), Long.MAX_VALUE, i -> {
                            if (i == c.at) {
                                seen[0] = ls.setDictionary(c.dict, c.stream.plan().dictKind());
                            }
                        });
                if (seen[0] != null) {
                    assertEquals(IllegalArgumentException.class, seen[0].getClass());
                }
                assertEquals(Lockstep.End.FINISHED, run.end());
                assertArrayEquals(c.stream.data().bytes(), run.output());
            }
        });
    }

    @Test
    void rawSetDictionaryMidStreamBehavesTheSame() {
        // zlib accepts a raw-mode dictionary at any time and copies it into the window; the output
        // then differs from the original, but must differ identically.
        Property.forAll(extraDictCases(true)).check(c -> {
            try (Lockstep ls = new Lockstep(true)) {
                ls.drive(c.stream.stream(), c.stream.dictionary(), true, c.stream.plan(), c.stream.data().length(),
                        Long.MAX_VALUE, i -> {
                            if (i == c.at) {
                                ls.setDictionary(c.dict, c.stream.plan().dictKind());
                            }
                        });
            }
        });
    }

    @Test
    void rawDictionaryStreamsNeedTheDictionaryUpFront() {
        Gen<StreamCase> raw = StreamCase.valid(Data.upTo(MAX_DATA), Gen.of(r -> {
            DeflateSpec s = DeflateSpec.make(r, false, true);
            return new DeflateSpec(s.level(), s.strategy(), true, Data.make(r, r.nextInt(1, 3_000)).bytes(),
                    s.events(), s.outBuf());
        }, s -> Stream.empty()), Plan.buffers());
        Property.forAll(raw).check(c -> {
            try (Lockstep ls = new Lockstep(true)) {
                Lockstep.Run run = ls.drive(c.stream(), c.dictionary(), true, c.plan(), c.data().length());
                assertEquals(Lockstep.End.FINISHED, run.end());
                assertArrayEquals(c.data().bytes(), run.output());
            }
            // without it: whatever happens (usually "invalid distance too far back"), the same
            try (Lockstep ls = new Lockstep(true)) {
                ls.drive(c.stream(), null, true, c.plan(), c.data().length());
            }
        });
    }
}
