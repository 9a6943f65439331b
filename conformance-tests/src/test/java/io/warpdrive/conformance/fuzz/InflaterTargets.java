/*
 * The inflater fuzz targets as plain static methods, so that the Jazzer wrappers, the plain JUnit
 * replay of the seed corpus and the findings' reproducers all run exactly the same code.
 *
 * Both targets drive java.util.zip.Inflater (the oracle) and WdInflater (the subject) through the
 * conformance Lockstep, which compares after every call: return value or exception class and
 * message, bytes written and bytes outside the window, buffer positions, getRemaining,
 * getBytesRead/Written, getTotalIn/Out, finished, needsInput, needsDictionary and getAdler.
 * The call schedule (input chunk sizes and kinds, output window sizes and kinds, padding) comes
 * from a Plan generated from two control bytes, so the fuzzer explores chunking as well as data.
 */
package io.warpdrive.conformance.fuzz;

import io.warpdrive.conformance.Lockstep;
import io.warpdrive.conformance.Plan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

/** Inflater targets. */
final class InflaterTargets {
    /** The dictionary offered whenever a stream asks for one (seeds use it to make FDICT streams). */
    static final byte[] DICTIONARY = ("the quick brown fox jumps over the lazy dog; zlib inflate window "
            + "dictionary 0123456789").getBytes(StandardCharsets.US_ASCII);
    /** Caps keep one input affordable (the fuzzer's time is best spent on many small inputs). */
    private static final int MAX_STREAM = 1 << 16;
    private static final int MAX_PLAIN = 1 << 16;

    private InflaterTargets() {
    }

    /**
     * Arbitrary bytes as a zlib or raw stream. Layout: control byte c (bit 0 raw, bit 1 offer the
     * dictionary, bit 2 ByteBuffer APIs too), one plan byte, then the stream.
     */
    static void arbitrary(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int c = in.u8();
        int planSeed = in.u8();
        byte[] stream = in.take(MAX_STREAM);
        boolean nowrap = (c & 1) != 0;
        byte[] dict = (c & 2) != 0 ? DICTIONARY : null;
        Plan plan = plan(planSeed, (c & 4) != 0);
        run(stream, dict, nowrap, plan, Math.min(4 * stream.length + 256, 1 << 18));
    }

    /**
     * A valid stream made by java.util.zip from the payload, then damaged. Layout: byte 0 level
     * (mod 10) and bit 4 raw, bit 5 dictionary, bit 6 a SYNC_FLUSH in the middle, bit 7 buffers;
     * byte 1 strategy (mod 3); byte 2 plan; byte 3 number of edits k (mod 8); k edits of 4 bytes
     * (position u16 scaled to the stream, value, operation: xor, set, insert, delete, truncate);
     * then the plain data.
     */
    static void mutated(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int c = in.u8();
        int strategy = in.u8() % 3;
        int planSeed = in.u8();
        int edits = in.u8() % 8;
        int[][] edit = new int[edits][];
        for (int i = 0; i < edits; i++) {
            edit[i] = new int[] {in.u16(), in.u8(), in.u8()};
        }
        byte[] plain = in.take(MAX_PLAIN);
        boolean nowrap = (c & 0x10) != 0;
        byte[] dict = (c & 0x20) != 0 ? DICTIONARY : null;
        byte[] stream = compress(plain, (c & 0x0f) % 10, strategy, nowrap, dict, (c & 0x40) != 0);
        for (int[] e : edit) {
            stream = apply(stream, e[0], e[1], e[2]);
        }
        Plan plan = plan(planSeed, (c & 0x80) != 0);
        run(stream, dict, nowrap, plan, plain.length);
    }

    private static void run(byte[] stream, byte[] dict, boolean nowrap, Plan plan, int expectedOut) {
        try (Lockstep l = new Lockstep(nowrap)) {
            l.drive(stream, dict, nowrap, plan.fit(Math.max(stream.length, expectedOut)), expectedOut, 200_000);
        }
    }

    /** A call schedule chosen by one byte (byte[] API only, or byte[] and ByteBuffer). */
    static Plan plan(int seed, boolean buffers) {
        SplittableRandom r = new SplittableRandom(0x9e3779b97f4a7c15L * (seed + 1));
        return (buffers ? Plan.buffers() : Plan.arrays()).generate(r);
    }

    /** One edit; positions are taken modulo the stream length. */
    static byte[] apply(byte[] s, int pos, int value, int op) {
        if (s.length == 0) {
            return s;
        }
        int p = pos % s.length;
        switch (op % 5) {
            case 0: {
                byte[] r = s.clone();
                r[p] ^= (byte) (value == 0 ? 1 : value);
                return r;
            }
            case 1: {
                byte[] r = s.clone();
                r[p] = (byte) value;
                return r;
            }
            case 2: {
                byte[] r = new byte[s.length + 1];
                System.arraycopy(s, 0, r, 0, p);
                r[p] = (byte) value;
                System.arraycopy(s, p, r, p + 1, s.length - p);
                return r;
            }
            case 3: {
                byte[] r = new byte[s.length - 1];
                System.arraycopy(s, 0, r, 0, p);
                System.arraycopy(s, p + 1, r, p, s.length - p - 1);
                return r;
            }
            default:
                return java.util.Arrays.copyOf(s, p);
        }
    }

    /** java.util.zip's stream for {@code plain}, optionally with a dictionary and a SYNC_FLUSH halfway. */
    static byte[] compress(byte[] plain, int level, int strategy, boolean nowrap, byte[] dict, boolean syncHalfway) {
        Deflater d = new Deflater(level, nowrap);
        try {
            d.setStrategy(strategy);
            if (dict != null) {
                d.setDictionary(dict);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int half = syncHalfway ? plain.length / 2 : 0;
            if (half > 0) {
                d.setInput(plain, 0, half);
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length);
            }
            d.setInput(plain, half, plain.length - half);
            d.finish();
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
