/*
 * The block and window edges, deterministically: every size in Data.EDGE_SIZES (258 = longest
 * match, 32 KiB window, 64 KiB stored block, and neighbours) in three shapes, at levels 0, 1, 6
 * and 9, zlib and raw, whole-buffer, in odd chunks, exact-size output, and (text, level 6, zlib)
 * one byte at a time in and out.
 * Also every output window from 250 to 270 bytes: a decoder's "room for one more match" margin
 * is exercised when a window has about one longest match (258) left.
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EdgeSizesTest {

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (int size : Data.EDGE_SIZES) {
            for (String shape : List.of("random", "text", "runs")) {
                for (int level : new int[] {0, 1, 6, 9}) {
                    all.add(Arguments.of(size, shape, level));
                }
            }
        }
        return all.stream();
    }

    static byte[] data(String shape, int size) {
        SplittableRandom r = new SplittableRandom(size * 31L + shape.hashCode());
        return switch (shape) {
            case "random" -> Data.random(r, size);
            case "text" -> Data.text(r, size);
            case "long-matches" -> Data.longMatches(r, size);
            default -> Data.runs(r, size);
        };
    }

    @ParameterizedTest(name = "{1}[{0}] level {2}")
    @MethodSource("cases")
    void edgeSizeRoundTrips(int size, String shape, int level) {
        byte[] data = data(shape, size);
        for (boolean nowrap : List.of(false, true)) {
            byte[] z = DeflateSpec.plain(level, nowrap).compress(data);
            List<Plan> plans = new ArrayList<>(List.of(Plan.WHOLE, Plan.chunked(61, 257), Plan.chunked(0, -1)));
            if (shape.equals("text") && level == 6 && !nowrap) {
                // One byte at a time costs a call per byte (slow on queue backends): one
                // representative per size is enough here; InflaterChunkingTest varies the rest.
                plans.add(Plan.chunked(1, 1));
            }
            for (Plan plan : plans) {
                try (Lockstep ls = new Lockstep(nowrap)) {
                    Lockstep.Run run = ls.drive(z, null, nowrap, plan, size);
                    String what = (nowrap ? "raw " : "zlib ") + plan;
                    assertEquals(Lockstep.End.FINISHED, run.end(), what);
                    assertArrayEquals(data, run.output(), what);
                }
            }
        }
    }

    static Stream<Arguments> windows() {
        List<Arguments> all = new ArrayList<>();
        for (String shape : List.of("runs", "text", "long-matches")) {
            for (int level : new int[] {1, 6}) {
                for (int strategy = 0; strategy <= 1; strategy++) {
                    all.add(Arguments.of(shape, level, strategy));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} level {1} strategy {2}")
    @MethodSource("windows")
    void outputWindowsAroundTheLongestMatch(String shape, int level, int strategy) {
        byte[] data = data(shape, 20_000);
        DeflateSpec spec = new DeflateSpec(level, strategy, false, null, List.of(), 65536);
        byte[] z = spec.compress(data);
        for (int window = 250; window <= 270; window++) {
            for (Plan.OutKind kind : List.of(Plan.OutKind.ARRAY, Plan.OutKind.DIRECT)) {
                Plan plan = new Plan(List.of(0), List.of(Plan.InKind.ARRAY), List.of(window), List.of(kind), 0,
                        Plan.DictKind.ARRAY, true);
                try (Lockstep ls = new Lockstep(false)) {
                    Lockstep.Run run = ls.drive(z, null, false, plan, data.length);
                    assertEquals(Lockstep.End.FINISHED, run.end(), plan.toString());
                    assertArrayEquals(data, run.output(), plan.toString());
                }
            }
        }
    }
}
