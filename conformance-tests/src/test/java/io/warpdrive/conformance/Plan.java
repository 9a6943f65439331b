/*
 * How a caller drives an inflater: input chunk sizes and buffer kinds, output buffer sizes and
 * kinds (cycled call by call), padding around the output window, how a dictionary is handed over,
 * and whether input is fed as soon as needsInput() says so or only once pending output is drained.
 */
package io.warpdrive.conformance;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Shrink;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * A cyclic call schedule.
 *
 * @param inChunks  input chunk sizes in bytes, cycled; 0 = all remaining input (inputs are never negative)
 * @param inKinds   how each chunk is passed to setInput, cycled
 * @param outSizes  output window sizes, cycled; 0 = whole buffer (rest of the expected output + 1, at least
 *                  256); -1 = exactly the rest of the expected output (at least 1)
 * @param outKinds  output buffer kind per inflate call, cycled
 * @param pad       bytes before and after the output window that must stay untouched
 * @param dictKind  how setDictionary receives the dictionary
 * @param eagerFeed feed input whenever the oracle's needsInput() is true (JDK 17 consumers); when
 *                  false, first drain pending output (JDK 25 InflaterInputStream)
 */
public record Plan(List<Integer> inChunks, List<InKind> inKinds, List<Integer> outSizes, List<OutKind> outKinds,
                   int pad, DictKind dictKind, boolean eagerFeed) {

    /** setInput forms: byte[] whole / byte[] slice / heap, sliced heap, direct and read-only ByteBuffers. */
    public enum InKind { ARRAY, ARRAY_SLICE, HEAP, HEAP_SLICE, DIRECT, READ_ONLY }

    /** inflate forms: byte[] with offset, heap ByteBuffer (non-zero arrayOffset), direct ByteBuffer. */
    public enum OutKind { ARRAY, HEAP, DIRECT }

    /** setDictionary forms. */
    public enum DictKind { ARRAY, ARRAY_SLICE, HEAP, DIRECT }

    /** Whole input, whole output, byte[] API. */
    public static final Plan WHOLE = new Plan(List.of(0), List.of(InKind.ARRAY), List.of(0), List.of(OutKind.ARRAY),
            0, DictKind.ARRAY, true);

    public static Plan chunked(int in, int out) {
        return new Plan(List.of(in), List.of(InKind.ARRAY), List.of(out), List.of(OutKind.ARRAY), 0, DictKind.ARRAY, true);
    }

    @Override
    public String toString() {
        return "plan{in=" + sizes(inChunks) + " " + inKinds + ", out=" + sizes(outSizes) + " " + outKinds
                + ", pad=" + pad + ", dict=" + dictKind + (eagerFeed ? ", eager" : ", drain-first") + "}";
    }

    private static String sizes(List<Integer> l) {
        return l.stream().map(v -> v == 0 ? "whole" : v < 0 ? "exact" : v.toString()).toList().toString();
    }

    /** Calls a generated plan may cost per stream: a bound that keeps queue backends affordable. */
    static final int MAX_CALLS = 20_000;

    /**
     * This plan with input chunks and output windows raised so that {@code bytes} of data (and at
     * most as many compressed bytes) take at most about MAX_CALLS calls each way; unchanged for
     * streams up to MAX_CALLS bytes, so one byte at a time stays in play for small data.
     */
    public Plan fit(int bytes) {
        int min = (bytes + MAX_CALLS - 1) / MAX_CALLS;
        if (min <= 1) {
            return this;
        }
        List<Integer> in = inChunks.stream().map(v -> v == 0 ? 0 : Math.max(v, min)).toList();
        List<Integer> out = outSizes.stream().map(v -> v <= 0 ? v : Math.max(v, min)).toList();
        return new Plan(in, inKinds, out, outKinds, pad, dictKind, eagerFeed);
    }

    /** byte[] API only. */
    public static Gen<Plan> arrays() {
        return Gen.of(r -> make(r, false), Plan::shrinks);
    }

    /** Mixed byte[] and ByteBuffer API. */
    public static Gen<Plan> buffers() {
        return Gen.of(r -> make(r, true), Plan::shrinks);
    }

    static Plan make(RandomGenerator r, boolean buffers) {
        int n = r.nextInt(4) == 0 ? r.nextInt(2, 6) : 1;
        List<Integer> in = new ArrayList<>();
        List<InKind> ink = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            in.add(Math.max(0, size(r)));
            ink.add(buffers ? InKind.values()[r.nextInt(InKind.values().length)]
                    : r.nextBoolean() ? InKind.ARRAY : InKind.ARRAY_SLICE);
        }
        int m = r.nextInt(4) == 0 ? r.nextInt(2, 6) : 1;
        List<Integer> out = new ArrayList<>();
        List<OutKind> outk = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            out.add(size(r));
            outk.add(buffers ? OutKind.values()[r.nextInt(OutKind.values().length)] : OutKind.ARRAY);
        }
        int pad = r.nextBoolean() ? 0 : r.nextInt(1, 17);
        DictKind dk = buffers ? DictKind.values()[r.nextInt(DictKind.values().length)]
                : r.nextBoolean() ? DictKind.ARRAY : DictKind.ARRAY_SLICE;
        return new Plan(List.copyOf(in), List.copyOf(ink), List.copyOf(out), List.copyOf(outk), pad, dk,
                r.nextBoolean());
    }

    /**
     * Whole or exact a quarter of the time, else 1 byte, tiny, small, around the longest match
     * (a window with 250..270 bytes left is where a decoder's "room for one more match" margin
     * is tested), or large.
     */
    static int size(RandomGenerator r) {
        return switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> r.nextBoolean() ? 0 : -1;
            case 2 -> 1;
            case 3 -> r.nextInt(2, 17);
            case 4 -> r.nextInt(17, 1025);
            case 5 -> r.nextInt(250, 271);
            default -> r.nextInt(1025, 70_000);
        };
    }

    /** Toward whole buffers, the byte[] API, no padding, eager feeding. */
    static Stream<Plan> shrinks(Plan p) {
        List<Stream<Plan>> all = new ArrayList<>();
        if (!p.inChunks.equals(List.of(0)) || !p.outSizes.equals(List.of(0))) {
            all.add(Stream.of(new Plan(List.of(0), p.inKinds, List.of(0), p.outKinds, p.pad, p.dictKind, p.eagerFeed)));
        }
        all.add(Shrink.list(p.inChunks, v -> Shrink.toward(v, 0).boxed()).filter(l -> !l.isEmpty())
                .map(l -> new Plan(l, p.inKinds, p.outSizes, p.outKinds, p.pad, p.dictKind, p.eagerFeed)));
        all.add(Shrink.list(p.outSizes, v -> Shrink.toward(v, 0).boxed()).filter(l -> !l.isEmpty())
                .map(l -> new Plan(p.inChunks, p.inKinds, l, p.outKinds, p.pad, p.dictKind, p.eagerFeed)));
        all.add(Shrink.list(p.inKinds, k -> k == InKind.ARRAY ? Stream.empty() : Stream.of(InKind.ARRAY))
                .filter(l -> !l.isEmpty())
                .map(l -> new Plan(p.inChunks, l, p.outSizes, p.outKinds, p.pad, p.dictKind, p.eagerFeed)));
        all.add(Shrink.list(p.outKinds, k -> k == OutKind.ARRAY ? Stream.empty() : Stream.of(OutKind.ARRAY))
                .filter(l -> !l.isEmpty())
                .map(l -> new Plan(p.inChunks, p.inKinds, p.outSizes, l, p.pad, p.dictKind, p.eagerFeed)));
        if (p.pad != 0) {
            all.add(Stream.of(new Plan(p.inChunks, p.inKinds, p.outSizes, p.outKinds, 0, p.dictKind, p.eagerFeed)));
        }
        if (p.dictKind != DictKind.ARRAY) {
            all.add(Stream.of(new Plan(p.inChunks, p.inKinds, p.outSizes, p.outKinds, p.pad, DictKind.ARRAY,
                    p.eagerFeed)));
        }
        if (!p.eagerFeed) {
            all.add(Stream.of(new Plan(p.inChunks, p.inKinds, p.outSizes, p.outKinds, p.pad, p.dictKind, true)));
        }
        return all.stream().flatMap(s -> s);
    }
}
