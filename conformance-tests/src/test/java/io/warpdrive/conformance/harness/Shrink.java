/*
 * Candidate builders for shrinking. Each returns a lazy stream, most aggressive first, and never
 * the value itself, so the shrink loop always makes progress or stops.
 */
package io.warpdrive.conformance.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Shrink candidates for the value kinds the suites use. */
public final class Shrink {
    private Shrink() {}

    /** Integers between {@code target} and {@code value}: the target, then halving the distance. */
    public static IntStream toward(int value, int target) {
        if (value == target) {
            return IntStream.empty();
        }
        List<Integer> out = new ArrayList<>();
        long diff = (long) value - target;
        while (diff != 0) {
            out.add((int) (value - diff));
            diff /= 2;
        }
        return out.stream().mapToInt(Integer::intValue).distinct().filter(v -> v != value);
    }

    /**
     * Shorter arrays first (empty, halves, quarters dropped, one byte dropped from the end), then
     * simpler content (all zero, then single bytes zeroed while the array is short).
     */
    public static Stream<byte[]> bytes(byte[] b) {
        int n = b.length;
        if (n == 0) {
            return Stream.empty();
        }
        Stream<byte[]> shorter = Stream.concat(
                Stream.of(0, n / 2).distinct().filter(len -> len < n).map(len -> Arrays.copyOf(b, len)),
                Stream.concat(
                        Stream.of(n / 2).filter(h -> h > 0).map(h -> Arrays.copyOfRange(b, h, n)),
                        Stream.concat(dropChunks(b, Math.max(1, n / 4)),
                                Stream.concat(Stream.of(Arrays.copyOf(b, n - 1)), dropChunks(b, 1).limit(8)))));
        Stream<byte[]> zeroed = Stream.of(b).filter(x -> !allZero(x)).map(x -> new byte[x.length]);
        Stream<byte[]> singles = n > 64 ? Stream.empty()
                : IntStream.range(0, n).filter(i -> b[i] != 0).mapToObj(i -> {
                    byte[] c = b.clone();
                    c[i] = 0;
                    return c;
                });
        return Stream.concat(shorter, Stream.concat(zeroed, singles));
    }

    /** Lists: empty, halves, then each element dropped, then each element shrunk in place. */
    public static <E> Stream<List<E>> list(List<E> list, Function<E, Stream<E>> element) {
        int n = list.size();
        if (n == 0) {
            return Stream.empty();
        }
        Stream<List<E>> shorter = Stream.concat(
                Stream.of(List.<E>of()),
                Stream.concat(
                        n >= 4 ? Stream.of(List.copyOf(list.subList(0, n / 2)), List.copyOf(list.subList(n / 2, n)))
                                : Stream.empty(),
                        n > 1 ? IntStream.range(0, n).mapToObj(i -> without(list, i)) : Stream.empty()));
        Stream<List<E>> smaller = IntStream.range(0, n).boxed().flatMap(i -> element.apply(list.get(i)).map(e -> {
            List<E> c = new ArrayList<>(list);
            c.set(i, e);
            return List.copyOf(c);
        }));
        return Stream.concat(shorter, smaller);
    }

    /** Int arrays used as cyclic schedules: one element, fewer elements, then each element shrunk. */
    public static Stream<int[]> schedule(int[] a, Function<Integer, IntStream> element) {
        int n = a.length;
        Stream<int[]> shorter = n <= 1 ? Stream.empty()
                : Stream.concat(Stream.of(new int[] {a[0]}),
                        IntStream.range(0, n).mapToObj(i -> {
                            int[] c = new int[n - 1];
                            System.arraycopy(a, 0, c, 0, i);
                            System.arraycopy(a, i + 1, c, i, n - 1 - i);
                            return c;
                        }));
        Stream<int[]> smaller = IntStream.range(0, n).boxed().flatMap(i -> element.apply(a[i]).mapToObj(v -> {
            int[] c = a.clone();
            c[i] = v;
            return c;
        }));
        return Stream.concat(shorter, smaller);
    }

    private static Stream<byte[]> dropChunks(byte[] b, int chunk) {
        int n = b.length;
        if (chunk >= n) {
            return Stream.empty();
        }
        return IntStream.iterate(0, off -> off < n, off -> off + chunk).mapToObj(off -> {
            int end = Math.min(n, off + chunk);
            byte[] c = new byte[n - (end - off)];
            System.arraycopy(b, 0, c, 0, off);
            System.arraycopy(b, end, c, off, n - end);
            return c;
        });
    }

    private static <E> List<E> without(List<E> list, int i) {
        List<E> c = new ArrayList<>(list);
        c.remove(i);
        return List.copyOf(c);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
