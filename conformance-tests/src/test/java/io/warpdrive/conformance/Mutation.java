/*
 * Damage applied to a compressed stream. Positions are taken modulo the current stream length, so
 * a mutation list stays meaningful while the data under it shrinks.
 */
package io.warpdrive.conformance;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Shrink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * One edit of a byte stream.
 *
 * @param kind  what to do
 * @param pos   where (modulo length, or length + 1 for inserts)
 * @param value bit index for FLIP, new byte for REPLACE/INSERT, count for DELETE
 */
public record Mutation(Kind kind, int pos, int value) {

    public enum Kind { FLIP, REPLACE, INSERT, DELETE, TRUNCATE }

    @Override
    public String toString() {
        return switch (kind) {
            case FLIP -> "flip@" + pos + ".bit" + value;
            case REPLACE -> "set@" + pos + "=" + String.format("%02x", value);
            case INSERT -> "insert@" + pos + "=" + String.format("%02x", value);
            case DELETE -> "delete@" + pos + "x" + value;
            case TRUNCATE -> "truncate@" + pos;
        };
    }

    public byte[] apply(byte[] s) {
        int n = s.length;
        switch (kind) {
            case FLIP -> {
                if (n == 0) {
                    return s;
                }
                byte[] c = s.clone();
                c[pos % n] ^= (byte) (1 << (value & 7));
                return c;
            }
            case REPLACE -> {
                if (n == 0) {
                    return s;
                }
                byte[] c = s.clone();
                c[pos % n] = (byte) value;
                return c;
            }
            case INSERT -> {
                int at = pos % (n + 1);
                byte[] c = new byte[n + 1];
                System.arraycopy(s, 0, c, 0, at);
                c[at] = (byte) value;
                System.arraycopy(s, at, c, at + 1, n - at);
                return c;
            }
            case DELETE -> {
                if (n == 0) {
                    return s;
                }
                int at = pos % n;
                int cnt = Math.min(value, n - at);
                byte[] c = new byte[n - cnt];
                System.arraycopy(s, 0, c, 0, at);
                System.arraycopy(s, at + cnt, c, at, n - at - cnt);
                return c;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(s, pos % (n + 1));
            }
            default -> throw new AssertionError(kind);
        }
    }

    public static byte[] applyAll(List<Mutation> ms, byte[] s) {
        for (Mutation m : ms) {
            s = m.apply(s);
        }
        return s;
    }

    /** One to four mutations, biased to the header and the first bytes where decoding is most fragile. */
    public static Gen<List<Mutation>> list() {
        return Gen.of(r -> {
            int n = r.nextInt(4) == 0 ? r.nextInt(2, 5) : 1;
            List<Mutation> ms = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ms.add(make(r));
            }
            return List.copyOf(ms);
        }, ms -> Shrink.list(ms, Mutation::shrinks).filter(l -> !l.isEmpty()));
    }

    static Mutation make(RandomGenerator r) {
        int pos = r.nextInt(3) == 0 ? r.nextInt(12) : r.nextInt(Integer.MAX_VALUE);
        Kind k = Kind.values()[r.nextInt(10) < 5 ? 0 : r.nextInt(Kind.values().length)];
        int value = switch (k) {
            case FLIP -> r.nextInt(8);
            case REPLACE, INSERT -> r.nextInt(256);
            case DELETE -> r.nextInt(1, 9);
            case TRUNCATE -> 0;
        };
        return new Mutation(k, pos, value);
    }

    static Stream<Mutation> shrinks(Mutation m) {
        Stream<Mutation> pos = Shrink.toward(m.pos, 0).limit(12).mapToObj(p -> new Mutation(m.kind, p, m.value));
        Stream<Mutation> flip = m.kind == Kind.FLIP ? Stream.empty() : Stream.of(new Mutation(Kind.FLIP, m.pos, 0));
        return Stream.concat(flip, pos);
    }
}
