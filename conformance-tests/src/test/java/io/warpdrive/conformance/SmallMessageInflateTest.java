/*
 * Small messages, deterministically: JSON-like records, text and partly random bytes of a few
 * hundred bytes to 1 KiB,
 * one dynamic block each, inflated under every pairing of a set of output windows and input
 * chunks. A small message is decoded almost entirely near the ends of its buffers, where the
 * decoder leaves its fast loop (less than 16 input or 262 output bytes): the windows sit on
 * both sides of those margins, and the chunks cut the block header and the codes anywhere.
 * Input is fed eagerly, or only once the output is drained (as JDK 25's InflaterInputStream
 * does), so that inflate also runs with no input after a call that ended inside a code.
 * Then every bit of each stream's first 48 bytes (zlib header, block header, code lengths) is
 * flipped, and the damaged stream is driven whole and in odd chunks: the same exceptions with
 * the same messages at the same call. The oracle is java.util.zip, call by call (Lockstep).
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmallMessageInflateTest {

    private static final int[] OUT_WINDOWS = {1, 2, 3, 5, 8, 13, 31, 64, 100, 257, 258, 259, 261, 262, 263, -1, 0};
    private static final int[] IN_CHUNKS = {1, 3, 7, 8, 9, 16, 17, 0};

    static Stream<Arguments> messages() {
        List<Arguments> all = new ArrayList<>();
        for (int size : new int[] {200, 256, 700, 1024}) {
            for (String shape : List.of("json", "text", "mixed")) {
                for (int level : new int[] {1, 6, 9}) {
                    for (boolean nowrap : new boolean[] {false, true}) {
                        all.add(Arguments.of(shape, size, level, nowrap));
                    }
                }
            }
        }
        return all.stream();
    }

    static byte[] message(String shape, int size) {
        SplittableRandom r = new SplittableRandom(size * 131L + shape.hashCode());
        return switch (shape) {
            case "json" -> Data.json(r, size);
            case "text" -> Data.text(r, size);
            default -> Data.partlyRandom(r, size); // long codes: a call can end inside one
        };
    }

    static byte[] deflate(byte[] data, int level, boolean nowrap) {
        Deflater d = new Deflater(level, nowrap);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[512];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    @ParameterizedTest(name = "{0} {1} B, level {2}, nowrap {3}")
    @MethodSource("messages")
    void everyWindowAndChunkPairing(String shape, int size, int level, boolean nowrap) {
        byte[] data = message(shape, size);
        byte[] stream = deflate(data, level, nowrap);
        for (int out : OUT_WINDOWS) {
            for (int in : IN_CHUNKS) {
                // Eager feeding, and draining first: then inflate also runs with no input left,
                // after a call that ended inside a code.
                for (boolean eager : new boolean[] {true, false}) {
                    Plan plan = new Plan(List.of(in), List.of(Plan.InKind.ARRAY), List.of(out),
                            List.of(Plan.OutKind.ARRAY), 0, Plan.DictKind.ARRAY, eager);
                    try (Lockstep ls = new Lockstep(nowrap)) {
                        Lockstep.Run run = ls.drive(stream, null, nowrap, plan, data.length);
                        assertEquals(Lockstep.End.FINISHED, run.end(), plan.toString());
                        assertArrayEquals(data, run.output(), plan.toString());
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} B, level {2}, nowrap {3}")
    @MethodSource("messages")
    void everyBitFlipInTheHeaders(String shape, int size, int level, boolean nowrap) {
        byte[] data = message(shape, size);
        byte[] stream = deflate(data, level, nowrap);
        int errors = 0;
        for (int bit = 0; bit < Math.min(48, stream.length) * 8; bit++) {
            byte[] damaged = stream.clone();
            damaged[bit >>> 3] ^= (byte) (1 << (bit & 7));
            for (Plan plan : List.of(Plan.WHOLE, Plan.chunked(9, 31))) {
                try (Lockstep ls = new Lockstep(nowrap)) {
                    Lockstep.Run run = ls.drive(damaged, null, nowrap, plan, data.length, 4 * (data.length + damaged.length));
                    if (run.end() == Lockstep.End.ERROR) {
                        errors++;
                    }
                }
            }
        }
        // Most flips in a dynamic header break the code; the comparisons above are the test,
        // this only shows that the error paths were reached.
        assertEquals(true, errors > 0, "no flip was detected as an error");
    }
}
