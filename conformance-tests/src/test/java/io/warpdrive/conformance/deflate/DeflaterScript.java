/*
 * A random sequence of java.util.zip.Deflater calls, as plain data so the harness can shrink a
 * failing one op by op. Input is not stored per op: a setInput takes the next bytes of the
 * script's data after what the stream consumed so far, so dropping ops never leaves holes.
 */
package io.warpdrive.conformance.deflate;

import io.warpdrive.conformance.Data;
import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Shrink;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * A deflater call script.
 *
 * @param level  constructor level (-1..9)
 * @param nowrap constructor nowrap
 * @param data   the bytes setInput draws from (cyclically)
 * @param ops    the calls, in order
 */
public record DeflaterScript(int level, boolean nowrap, byte[] data, List<Op> ops) {

    /** One call. */
    public sealed interface Op permits SetInput, Deflate, SetLevel, SetStrategy, SetDictionary, Reset, Finish, End {
    }

    /**
     * setInput with the next {@code len} bytes.
     *
     * @param kind 0 array range, 1 whole array, 2 heap buffer, 3 direct buffer, 4 read-only heap
     *             buffer, 5 heap buffer slice (non-zero array offset)
     */
    public record SetInput(int len, int kind) implements Op {
        @Override
        public String toString() {
            return "setInput(" + len + ", " + INPUT_KINDS[kind] + ")";
        }
    }

    /**
     * A deflate call.
     *
     * @param size  output space in bytes
     * @param flush flush argument (NO_FLUSH, SYNC_FLUSH, FULL_FLUSH; an invalid value sometimes)
     * @param kind  0 array with flush, 1 array without flush (3-arg), 2 heap buffer, 3 direct
     *              buffer, 4 read-only buffer (must throw), 5 whole array (1-arg)
     * @param pad   bytes before the output area, which must stay untouched
     */
    public record Deflate(int size, int flush, int kind, int pad) implements Op {
        @Override
        public String toString() {
            return "deflate(" + size + ", flush=" + flush + ", " + OUTPUT_KINDS[kind] + ", pad=" + pad + ")";
        }
    }

    public record SetLevel(int level) implements Op {
    }

    public record SetStrategy(int strategy) implements Op {
    }

    /**
     * setDictionary with {@code len} bytes taken from the data at {@code from}.
     *
     * @param kind 0 array range, 1 whole array, 2 heap buffer, 3 direct buffer
     */
    public record SetDictionary(int from, int len, int kind) implements Op {
    }

    public record Reset() implements Op {
    }

    public record Finish() implements Op {
    }

    public record End() implements Op {
    }

    static final String[] INPUT_KINDS = {"array", "whole-array", "heap", "direct", "read-only", "slice"};
    static final String[] OUTPUT_KINDS = {"array", "array-3arg", "heap", "direct", "read-only", "whole-array"};

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("new Deflater(").append(level).append(", ").append(nowrap).append("), data[")
                .append(data.length).append("], ").append(ops.size()).append(" ops:");
        for (Op op : ops) {
            sb.append("\n  ").append(op);
        }
        return sb.toString();
    }

    /** Scripts over data of up to {@code maxData} bytes. */
    public static Gen<DeflaterScript> gen(int maxData) {
        return Gen.of(r -> make(r, maxData), DeflaterScript::shrinks);
    }

    static DeflaterScript make(RandomGenerator r, int maxData) {
        int level = r.nextInt(-1, 10);
        boolean nowrap = r.nextBoolean();
        byte[] data = Data.upTo(maxData).generate(r).bytes();
        int n = r.nextInt(1, 80);
        List<Op> ops = new ArrayList<>(n + 4);
        // A stream-start dictionary now and then (zlib mode: FDICT stream).
        if (r.nextInt(8) == 0) {
            ops.add(dictionary(r, data));
        }
        for (int i = 0; i < n; i++) {
            int p = r.nextInt(100);
            if (p < 30) {
                ops.add(new SetInput(inputLength(r, data.length), r.nextInt(6)));
            } else if (p < 75) {
                ops.add(deflate(r));
            } else if (p < 81) {
                ops.add(new SetLevel(r.nextInt(50) == 0 ? (r.nextBoolean() ? 10 : -2) : r.nextInt(-1, 10)));
            } else if (p < 86) {
                ops.add(new SetStrategy(r.nextInt(50) == 0 ? 3 : r.nextInt(3)));
            } else if (p < 91) {
                ops.add(new Finish());
            } else if (p < 94) {
                ops.add(dictionary(r, data));
            } else if (p < 98) {
                ops.add(new Reset());
            } else if (p < 99) {
                // A burst of deflates into tiny buffers: one byte at a time through pending output.
                for (int k = r.nextInt(1, 40); k > 0; k--) {
                    ops.add(new Deflate(1, r.nextInt(4) == 0 ? 2 : 0, 0, 0));
                }
            } else {
                ops.add(new End());
            }
        }
        return new DeflaterScript(level, nowrap, data, List.copyOf(ops));
    }

    private static int inputLength(RandomGenerator r, int dataLength) {
        int p = r.nextInt(10);
        if (p == 0) {
            return 0;
        }
        if (p < 4) {
            return r.nextInt(1, 64);
        }
        if (p < 8) {
            return r.nextInt(1, 5000);
        }
        return r.nextInt(1, Math.max(2, dataLength + 1));
    }

    private static Deflate deflate(RandomGenerator r) {
        int p = r.nextInt(20);
        int size;
        if (p == 0) {
            size = 0;
        } else if (p < 6) {
            size = r.nextInt(1, 16);
        } else if (p < 14) {
            size = r.nextInt(16, 700);
        } else {
            size = r.nextInt(700, 70_000);
        }
        int q = r.nextInt(20);
        int flush = q < 13 ? 0 : q < 17 ? 2 : q < 19 ? 3 : (r.nextBoolean() ? 1 : 4); // 1 and 4 are invalid
        int kind = r.nextInt(40) == 0 ? 4 : new int[] {0, 0, 0, 1, 2, 3, 5}[r.nextInt(7)];
        return new Deflate(size, flush, kind, r.nextInt(4) == 0 ? r.nextInt(1, 9) : 0);
    }

    private static SetDictionary dictionary(RandomGenerator r, byte[] data) {
        int len = r.nextInt(5) == 0 ? r.nextInt(32_000, 40_000) : r.nextInt(0, 2000);
        len = Math.min(len, data.length);
        int from = data.length == len ? 0 : r.nextInt(data.length - len + 1);
        return new SetDictionary(from, len, r.nextInt(4));
    }

    static Stream<DeflaterScript> shrinks(DeflaterScript s) {
        Stream<DeflaterScript> fewerOps = Shrink.list(s.ops, op -> Stream.empty())
                .map(ops -> new DeflaterScript(s.level, s.nowrap, s.data, ops));
        Stream<DeflaterScript> lessData = Shrink.bytes(s.data)
                .map(d -> new DeflaterScript(s.level, s.nowrap, d, s.ops));
        return Stream.concat(fewerOps, lessData);
    }
}
