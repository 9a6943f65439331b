/*
 * The deflater fuzz target: a call sequence decoded from the fuzzer's bytes, run on
 * java.util.zip.Deflater and WdDeflater by the conformance DeflaterLockstep, which compares every
 * call (return value or exception class and message, bytes written, bytes around the window,
 * buffer positions, counters, finished/needsInput, getAdler) and finally inflates what the subject
 * wrote with java.util.zip.Inflater and checks it against what was consumed.
 *
 * The byte[] layout (so that seeds can be written by hand or by SeedCorpus):
 *   byte 0: level (mod 11, minus 1: -1..9); byte 1: bit 0 raw, bit 1 repeat the data to 64 KiB;
 *   byte 2: number of ops n (mod 64); n ops of 4 bytes [a b c d]; the rest is the input data.
 *   op a mod 8: 0 setInput(len b<<8|c, kind d mod 6)
 *               1, 2 deflate(size, flush, kind, pad) with size 1+(b mod 128) when b's top bit is
 *                    set, else 1+(b<<8|c mod 16384); flush d mod 4: NO, SYNC, FULL, NO (with
 *                    bit 4 of a, d mod 4 = 0 passes the invalid 1); kind (d>>2) mod 6; pad (d>>5) mod 4
 *               3 setLevel((b mod 13) - 2: includes the invalid -2 and 10)
 *               4 setStrategy(b mod 4: includes the invalid 3)
 *               5 setDictionary(from b<<8, len 4c + (d mod 4), kind (a>>3) mod 4)
 *               6 finish(), or reset() when b is odd
 *               7 end() when b mod 16 is 0, else finish()
 * The sequence is then completed by the lockstep's drain (finish and read everything).
 */
package io.warpdrive.conformance.fuzz;

import io.warpdrive.conformance.deflate.DeflaterLockstep;
import io.warpdrive.conformance.deflate.DeflaterScript;
import io.warpdrive.zip.WdDeflater;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Deflater target. */
final class DeflaterTargets {
    private static final int[] FLUSH = {Deflater.NO_FLUSH, Deflater.SYNC_FLUSH, Deflater.FULL_FLUSH, Deflater.NO_FLUSH};
    private static final int MAX_DATA = 1 << 16;

    private DeflaterTargets() {
    }

    static DeflaterScript script(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        int level = in.u8() % 11 - 1;
        int flags = in.u8();
        int n = in.u8() % 64;
        List<DeflaterScript.Op> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int a = in.u8();
            int b = in.u8();
            int c = in.u8();
            int d = in.u8();
            ops.add(op(a, b, c, d));
        }
        byte[] pool = in.take(MAX_DATA);
        if ((flags & 2) != 0 && pool.length > 0) {
            byte[] big = new byte[MAX_DATA];
            for (int i = 0; i < big.length; i++) {
                big[i] = pool[i % pool.length];
            }
            pool = big;
        }
        return new DeflaterScript(level, (flags & 1) != 0, pool, List.copyOf(ops));
    }

    static DeflaterScript.Op op(int a, int b, int c, int d) {
        switch (a % 8) {
            case 0:
                return new DeflaterScript.SetInput(b << 8 | c, d % 6);
            case 1:
            case 2: {
                int size = (b & 0x80) != 0 ? 1 + (b & 0x7f) : 1 + ((b << 8 | c) % 16384);
                int flush = (d & 3) == 0 && (a & 0x10) != 0 ? 1 : FLUSH[d & 3];
                return new DeflaterScript.Deflate(size, flush, (d >> 2) % 6, (d >> 5) % 4);
            }
            case 3:
                return new DeflaterScript.SetLevel(b % 13 - 2);
            case 4:
                return new DeflaterScript.SetStrategy(b % 4);
            case 5:
                return new DeflaterScript.SetDictionary(b << 8, c * 4 + (d & 3), (a >> 3) % 4);
            case 6:
                return (b & 1) != 0 ? new DeflaterScript.Reset() : new DeflaterScript.Finish();
            default:
                return b % 16 == 0 ? new DeflaterScript.End() : new DeflaterScript.Finish();
        }
    }

    static void operations(byte[] data) {
        new DeflaterLockstep(WdDeflater::new, Inflater::new).run(script(data));
    }
}
