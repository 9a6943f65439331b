/*
 * Every file of the shared corpus (Silesia 7, Calgary 18, Canterbury 11), compressed by
 * java.util.zip at levels 1, 6 and 9, inflated whole-buffer and in 64 KiB chunks, in lockstep with
 * the JDK: same calls, same results, and the original bytes. Without the corpus directory each
 * file is reported as skipped, never as passed.
 *
 * Default runs give each Silesia file one level (rotating over 1/6/9, so the set covers all three)
 * to keep the module's run short; -Dconformance.full=true runs all three everywhere.
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.conformance.harness.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorpusRoundTripTest {

    private static final int[] LEVELS = {1, 6, 9};

    static Stream<Arguments> files() {
        List<Arguments> all = new ArrayList<>();
        for (int i = 0; i < Corpus.SILESIA.size(); i++) {
            all.add(Arguments.of("silesia", Corpus.SILESIA.get(i), i));
        }
        for (String f : Corpus.CALGARY) {
            all.add(Arguments.of("calgary", f, -1));
        }
        for (String f : Corpus.CANTERBURY) {
            all.add(Arguments.of("canterbury", f, -1));
        }
        return all.stream();
    }

    static int[] levels(int rotation) {
        if (rotation < 0 || Config.full()) {
            return LEVELS;
        }
        return new int[] {LEVELS[rotation % LEVELS.length]};
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("files")
    void corpusFileRoundTrips(String set, String name, int rotation) {
        assumeTrue(Corpus.dir().isPresent(), "corpus directory absent (conformance.corpus="
                + System.getProperty("conformance.corpus") + ")");
        byte[] data = Corpus.file(set, name);
        for (int level : levels(rotation)) {
            byte[] z = DeflateSpec.plain(level, false).compress(data);
            for (Plan plan : List.of(Plan.WHOLE, Plan.chunked(65536, 65536))) {
                try (Lockstep ls = new Lockstep(false)) {
                    Lockstep.Run run = ls.drive(z, null, false, plan, data.length);
                    String what = set + "/" + name + " level " + level + " " + plan;
                    assertEquals(Lockstep.End.FINISHED, run.end(), what);
                    assertArrayEquals(data, run.output(), what);
                    if (plan == Plan.WHOLE) {
                        assertEquals(2, ls.calls(), "whole buffer: one inflate call (+1 after the end) " + what);
                    }
                }
            }
        }
    }
}
