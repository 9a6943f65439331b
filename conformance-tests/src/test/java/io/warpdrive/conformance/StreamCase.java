/*
 * The value the stream properties quantify over: data, how Deflater compressed it, damage done to
 * the stream, bytes appended after it, and how the inflaters are driven. All plain data, so the
 * harness shrinks it field by field and prints it whole.
 */
package io.warpdrive.conformance;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Shrink;
import java.util.List;
import java.util.stream.Stream;

/**
 * One compressed stream and one way to inflate it.
 *
 * @param data      the uncompressed bytes
 * @param deflate   how java.util.zip.Deflater compressed them
 * @param mutations damage applied to the compressed bytes (empty for valid streams)
 * @param trailing  bytes appended after the (possibly damaged) stream
 * @param plan      how the inflaters are called
 */
public record StreamCase(Data data, DeflateSpec deflate, List<Mutation> mutations, byte[] trailing, Plan plan) {

    public boolean nowrap() {
        return deflate.nowrap();
    }

    public byte[] dictionary() {
        return deflate.dictionary();
    }

    /** The bytes handed to the inflaters. */
    public byte[] stream() {
        byte[] s = Mutation.applyAll(mutations, deflate.compress(data.bytes()));
        if (trailing.length == 0) {
            return s;
        }
        byte[] all = java.util.Arrays.copyOf(s, s.length + trailing.length);
        System.arraycopy(trailing, 0, all, s.length, trailing.length);
        return all;
    }

    @Override
    public String toString() {
        byte[] s = stream();
        return "data " + data + "\n" + deflate + "\nmutations " + mutations
                + (trailing.length > 0 ? "\ntrailing " + Hex.brief(trailing, 32) : "") + "\n" + plan
                + "\nstream (" + s.length + " bytes): " + Hex.brief(s, 512);
    }

    /** Valid streams: any data, any Deflater settings, optional dictionary, any plan. */
    public static Gen<StreamCase> valid(Gen<Data> data, Gen<DeflateSpec> deflate, Gen<Plan> plan) {
        return Gen.of(r -> {
            Data d = data.generate(r);
            return new StreamCase(d, deflate.generate(r), List.of(), new byte[0], plan.generate(r).fit(d.length()));
        }, c -> shrinks(c, data, deflate, plan));
    }

    /** Damaged streams: like valid() plus one to four mutations. */
    public static Gen<StreamCase> mutated(Gen<Data> data, Gen<DeflateSpec> deflate, Gen<Plan> plan) {
        Gen<List<Mutation>> ms = Mutation.list();
        return Gen.of(r -> {
            Data d = data.generate(r);
            return new StreamCase(d, deflate.generate(r), ms.generate(r), new byte[0], plan.generate(r).fit(d.length()));
        }, c -> shrinks(c, data, deflate, plan));
    }

    /** Valid streams followed by 1..40 bytes of garbage (sometimes a copy of the stream's own start). */
    public static Gen<StreamCase> trailing(Gen<Data> data, Gen<DeflateSpec> deflate, Gen<Plan> plan) {
        return Gen.of(r -> {
            byte[] t = new byte[r.nextInt(1, 41)];
            r.nextBytes(t);
            Data d = data.generate(r);
            return new StreamCase(d, deflate.generate(r), List.of(), t, plan.generate(r).fit(d.length()));
        }, c -> shrinks(c, data, deflate, plan));
    }

    static Stream<StreamCase> shrinks(StreamCase c, Gen<Data> data, Gen<DeflateSpec> deflate, Gen<Plan> plan) {
        Stream<StreamCase> d = data.shrink(c.data).map(x -> new StreamCase(x, c.deflate, c.mutations, c.trailing, c.plan));
        Stream<StreamCase> m = Shrink.list(c.mutations, Mutation::shrinks)
                .map(x -> new StreamCase(c.data, c.deflate, x, c.trailing, c.plan));
        Stream<StreamCase> s = deflate.shrink(c.deflate).map(x -> new StreamCase(c.data, x, c.mutations, c.trailing, c.plan));
        Stream<StreamCase> p = plan.shrink(c.plan).map(x -> new StreamCase(c.data, c.deflate, c.mutations, c.trailing, x));
        Stream<StreamCase> t = Shrink.bytes(c.trailing).filter(x -> c.trailing.length == 0 || x.length > 0)
                .map(x -> new StreamCase(c.data, c.deflate, c.mutations, x, c.plan));
        return Stream.of(d, m, s, p, t).flatMap(x -> x);
    }
}
