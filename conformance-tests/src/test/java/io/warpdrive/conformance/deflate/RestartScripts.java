/*
 * Scripts for a reused deflater's restarts, run call by call against java.util.zip: runs of small messages
 * separated by reset() (the soft engine skips the hash clear there and starts the next stream
 * higher in its window), then one stream that needs the whole window, taken in large or small
 * chunks, with level (0 included), strategy and dictionary changes and every flush on the way.
 * That last stream is where the engine must move back to zlib's own window positions: before a
 * read that needs the room, before the first slide, before stored blocks.
 */
package io.warpdrive.conformance.deflate;

import io.warpdrive.conformance.Data;
import io.warpdrive.conformance.deflate.DeflaterScript.Deflate;
import io.warpdrive.conformance.deflate.DeflaterScript.Finish;
import io.warpdrive.conformance.deflate.DeflaterScript.Op;
import io.warpdrive.conformance.deflate.DeflaterScript.Reset;
import io.warpdrive.conformance.deflate.DeflaterScript.SetDictionary;
import io.warpdrive.conformance.deflate.DeflaterScript.SetInput;
import io.warpdrive.conformance.deflate.DeflaterScript.SetLevel;
import io.warpdrive.conformance.deflate.DeflaterScript.SetStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.zip.Deflater;

/** Generates the restart scripts for {@link DeflaterLockstepTest}. */
final class RestartScripts {
    private RestartScripts() {
    }

    static DeflaterScript script(RandomGenerator r) {
        int[] levels = {1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0};
        int level = levels[r.nextInt(levels.length)];
        boolean nowrap = r.nextBoolean();
        // Input wraps around the data, so short data still makes long streams.
        byte[] data = Data.upTo(120_000).generate(r).bytes();
        List<Op> ops = new ArrayList<>();
        for (int m = r.nextInt(1, 14); m > 0; m--) {
            ops.add(new SetInput(r.nextInt(1, 3000), 0));
            if (r.nextInt(3) == 0) {
                int[] flushes = {Deflater.NO_FLUSH, Deflater.SYNC_FLUSH, Deflater.FULL_FLUSH};
                ops.add(new Deflate(r.nextInt(1, 4000), flushes[r.nextInt(3)], 0, 0));
            }
            ops.add(new Finish());
            for (int k = r.nextInt(1, 4); k > 0; k--) {
                ops.add(new Deflate(r.nextBoolean() ? r.nextInt(1, 64) : r.nextInt(64, 8000), Deflater.NO_FLUSH, 0, 0));
            }
            ops.add(new Reset());
        }
        if (r.nextInt(6) == 0) {
            ops.add(new SetDictionary(0, Math.min(data.length, r.nextInt(1, 40_000)), 0));
        }
        boolean bigChunks = r.nextBoolean();
        for (int n = r.nextInt(4, 40); n > 0; n--) {
            int p = r.nextInt(100);
            if (p < 40) {
                ops.add(new SetInput(bigChunks ? r.nextInt(1, 90_000) : r.nextInt(1, 6000), r.nextInt(4)));
            } else if (p < 85) {
                int q = r.nextInt(10);
                int flush = q < 7 ? Deflater.NO_FLUSH : q < 9 ? Deflater.SYNC_FLUSH : Deflater.FULL_FLUSH;
                ops.add(new Deflate(r.nextBoolean() ? r.nextInt(1, 300) : r.nextInt(300, 70_000), flush, 0, 0));
            } else if (p < 92) {
                ops.add(new SetLevel(r.nextInt(4) == 0 ? 0 : r.nextInt(1, 10)));
            } else if (p < 96) {
                ops.add(new SetStrategy(r.nextInt(3)));
            } else if (nowrap) {
                // Raw streams take a dictionary whenever nothing is buffered.
                ops.add(new SetDictionary(0, Math.min(data.length, r.nextInt(1, 3000)), 0));
            }
        }
        return new DeflaterScript(level, nowrap, data, List.copyOf(ops));
    }
}
