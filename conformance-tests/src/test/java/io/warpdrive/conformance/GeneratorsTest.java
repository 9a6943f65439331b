/*
 * The generators must produce what the suites claim to cover; a generator that silently stopped
 * making dictionaries or edge sizes would leave the properties passing and the engine untested.
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    @Test
    void dataCoversEveryShapeAndEdgeSize() {
        Set<String> shapes = new TreeSet<>();
        Set<Integer> sizes = new HashSet<>();
        int max = 0;
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 3000; i++) {
            Data d = Data.any().generate(r);
            shapes.add(d.shape());
            sizes.add(d.length());
            max = Math.max(max, d.length());
        }
        Set<String> expected = new TreeSet<>(Set.of("empty", "random", "partly-random", "text", "json", "runs",
                "mixed", "small-alphabet", "long-matches"));
        if (Corpus.dir().isPresent()) {
            expected.add("corpus-slice");
        }
        assertEquals(expected, shapes);
        for (int s : new int[] {0, 1, 2}) {
            assertTrue(sizes.contains(s), "size " + s);
        }
        for (int s : Data.EDGE_SIZES) {
            assertTrue(sizes.contains(s), "edge size " + s);
        }
        assertTrue(max > 250_000, "large sizes up to ~300 KB: max " + max);
    }

    @Test
    void deflateSpecsCoverLevelsStrategiesWrappersDictionariesAndEvents() {
        Set<String> seen = new TreeSet<>();
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 3000; i++) {
            DeflateSpec s = DeflateSpec.gen(true).generate(r);
            seen.add("level " + s.level());
            seen.add("strategy " + s.strategy());
            seen.add(s.nowrap() ? "raw" : "zlib");
            if (s.dictionary() != null) {
                seen.add((s.nowrap() ? "raw" : "zlib") + " dictionary");
                if (s.dictionary().length > 32_768) {
                    seen.add("dictionary over 32 KiB");
                }
            }
            for (DeflateSpec.Event e : s.events()) {
                seen.add(e.flush() == Deflater.SYNC_FLUSH ? "SYNC_FLUSH" : e.flush() == Deflater.FULL_FLUSH
                        ? "FULL_FLUSH" : "parameter change");
            }
            if (s.outBuf() < 600) {
                seen.add("small deflate buffer");
            }
        }
        for (int l = -1; l <= 9; l++) {
            assertTrue(seen.contains("level " + l), "level " + l + " in " + seen);
        }
        for (String s : new String[] {"strategy 0", "strategy 1", "strategy 2", "raw", "zlib", "raw dictionary",
            "zlib dictionary", "dictionary over 32 KiB", "SYNC_FLUSH", "FULL_FLUSH", "parameter change",
            "small deflate buffer"}) {
            assertTrue(seen.contains(s), s + " in " + seen);
        }
    }

    @Test
    void generatedStreamsInflateWithTheJdkAndCarryFdictWhenTheyShould() throws DataFormatException {
        SplittableRandom r = new SplittableRandom(3);
        var gen = StreamCase.valid(Data.upTo(70_000), DeflateSpec.gen(true), Plan.arrays());
        for (int i = 0; i < 200; i++) {
            StreamCase c = gen.generate(r);
            byte[] s = c.stream();
            if (!c.nowrap()) {
                boolean fdict = s.length > 1 && (s[1] & 0x20) != 0;
                boolean dict = c.dictionary() != null && c.dictionary().length > 0;
                assertEquals(dict, fdict, "FDICT flag iff a dictionary: " + c.deflate());
            }
            Inflater inf = new Inflater(c.nowrap());
            try {
                if (c.nowrap() && c.dictionary() != null) {
                    inf.setDictionary(c.dictionary());
                }
                inf.setInput(s);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[65536];
                while (!inf.finished()) {
                    int n = inf.inflate(buf);
                    out.write(buf, 0, n);
                    if (n == 0 && inf.needsDictionary()) {
                        assertEquals(Lockstep.adler32(c.dictionary()), inf.getAdler());
                        inf.setDictionary(c.dictionary());
                    } else if (n == 0 && inf.needsInput() && !inf.finished()) {
                        throw new AssertionError("truncated stream: " + c);
                    }
                }
                assertArrayEquals(c.data().bytes(), out.toByteArray(), c.deflate().toString());
            } finally {
                inf.end();
            }
        }
    }

    @Test
    void mutatedStreamsReachManyDifferentZlibErrors() {
        SplittableRandom r = new SplittableRandom(4);
        var gen = StreamCase.mutated(Data.upTo(20_000), DeflateSpec.gen(true), Plan.arrays());
        Set<String> messages = new TreeSet<>();
        for (int i = 0; i < 400; i++) {
            StreamCase c = gen.generate(r);
            String m = HexVectorTest.message(new Inflater(c.nowrap()), c.stream());
            messages.add(m);
        }
        assertTrue(messages.size() >= 10, "distinct outcomes: " + messages);
        assertTrue(messages.contains("incorrect data check"), messages.toString());
        assertTrue(messages.contains("invalid distance too far back"), messages.toString());
    }
}
