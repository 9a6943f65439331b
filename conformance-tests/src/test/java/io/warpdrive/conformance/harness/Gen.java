/*
 * A generator makes a value from a seeded random source and knows how to propose smaller
 * variants of a value it made. Values are plain data (records, arrays), never seeds, so a
 * failing case can be shrunk field by field and printed as it is.
 */
package io.warpdrive.conformance.harness;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Generates values of {@code T} and proposes simpler variants of them.
 *
 * @param <T> the generated type
 */
@FunctionalInterface
public interface Gen<T> {

    /** Makes one value; must depend on {@code random} only, so a seed replays it. */
    T generate(RandomGenerator random);

    /**
     * Simpler variants of {@code value}, most aggressive first. The property runner keeps the
     * first one that still fails and asks again, so candidates need not be exhaustive.
     */
    default Stream<T> shrink(T value) {
        return Stream.empty();
    }

    /** A generator from two functions. */
    static <T> Gen<T> of(Function<RandomGenerator, T> make, Function<T, Stream<T>> shrink) {
        return new Gen<>() {
            @Override
            public T generate(RandomGenerator random) {
                return make.apply(random);
            }

            @Override
            public Stream<T> shrink(T value) {
                return shrink.apply(value);
            }
        };
    }

    /** Uniform in [lo, hi], shrinking toward {@code lo}. */
    static Gen<Integer> ints(int lo, int hi) {
        return of(r -> r.nextInt(lo, hi + 1), v -> Shrink.toward(v, lo).boxed());
    }

    /** One of the given values, shrinking toward the first. */
    static <T> Gen<T> elements(List<T> values) {
        List<T> list = List.copyOf(values);
        return of(r -> list.get(r.nextInt(list.size())),
                v -> list.indexOf(v) > 0 ? Stream.of(list.get(0)) : Stream.empty());
    }

    /** Byte arrays with a length from {@code length}, random content, shrinking with {@link Shrink#bytes}. */
    static Gen<byte[]> bytes(Gen<Integer> length) {
        return of(r -> {
            byte[] b = new byte[length.generate(r)];
            r.nextBytes(b);
            return b;
        }, Shrink::bytes);
    }

    /** Renders arrays by content, everything else with toString. */
    static String show(Object value) {
        if (value instanceof byte[] b) {
            return "byte[" + b.length + "] " + (b.length <= 64 ? Arrays.toString(b) : "");
        }
        return String.valueOf(value);
    }
}
