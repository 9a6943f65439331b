package io.warpdrive.accel.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A slot's results are all-or-nothing to a driver that reads them while the device is still
 * writing them. That happens when a CQE whose phase bit flipped (stale, looking fresh) names the
 * slot the device is working on: the driver's only guard is the status word, which it set to
 * {@link ZipSqe#ST_NOT_WRITTEN} before submitting. If it sees a real status, every other result
 * word (counts, stream context, running checksum) must be the device's too, or a stream goes on
 * with a stale checksum or context.
 */
class ResultPublicationTest {
    private static final int[] RESULT_WORDS = {0, 1, 2, 3, 9, 14, 15, 28, 29, 30, 31};
    private static final int ROUNDS = 50_000;

    @Test
    void aWrittenStatusShowsEveryResultWord() throws Exception {
        ByteBuffer slot = ByteBuffer.allocateDirect(128).order(ByteOrder.LITTLE_ENDIAN);
        AtomicInteger turn = new AtomicInteger();
        AtomicReference<Throwable> deviceError = new AtomicReference<>();
        Thread device = new Thread(() -> {
            try {
                ZipSqe result = new ZipSqe();
                for (int g = 1; g <= ROUNDS; g++) {
                    for (int spins = 0; turn.get() != g; spins++) {
                        pause(spins);
                    }
                    for (int w : RESULT_WORDS) {
                        result.word(w, resultWord(w, g));
                    }
                    result.status(ZipSqe.ST_OK, (g & 1) != 0);
                    result.storeResult(slot, 0);
                }
            } catch (Throwable t) {
                deviceError.set(t);
            }
        }, "device");
        device.setDaemon(true);
        device.start();

        ZipSqe submitted = new ZipSqe();
        ZipSqe seen = new ZipSqe();
        int torn = 0;
        String firstTorn = null;
        for (int g = 1; g <= ROUNDS; g++) {
            // The driver's submission: stale values in every result word, the sentinel status.
            for (int w : RESULT_WORDS) {
                submitted.word(w, ~resultWord(w, g));
            }
            submitted.status(ZipSqe.ST_NOT_WRITTEN, false);
            submitted.store(slot, 0);
            turn.set(g);
            // The driver polls the slot as it would after a flipped phase bit, until the status
            // is the device's.
            long deadline = System.nanoTime() + 10_000_000_000L;
            for (int spins = 0; seen.load(slot, 0).status() == ZipSqe.ST_NOT_WRITTEN; spins++) {
                assertTrue(System.nanoTime() < deadline && deviceError.get() == null,
                        () -> "device stalled or failed: " + deviceError.get());
                pause(spins);
            }
            for (int w : RESULT_WORDS) {
                if (w != 3 && seen.word(w) != resultWord(w, g)) {
                    torn++;
                    if (firstTorn == null) {
                        firstTorn = "round " + g + ": status written, dw" + w + " = "
                                + Integer.toHexString(seen.word(w)) + ", expected "
                                + Integer.toHexString(resultWord(w, g));
                    }
                    break;
                }
            }
        }
        device.join(10_000);
        assertEquals(null, deviceError.get());
        assertEquals(0, torn, "reads that saw the status but a stale result word, out of "
                + ROUNDS + "; first: " + firstTorn);
    }

    /** Spins while the other thread is likely running; yields once it has probably been descheduled. */
    private static void pause(int spins) {
        if (spins < 10_000) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** A value for result word {@code w} of round {@code g}, different per word and per round. */
    private static int resultWord(int w, int g) {
        return g * 37 + w;
    }
}
