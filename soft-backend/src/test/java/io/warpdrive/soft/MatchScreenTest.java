package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The chain walk's screen may differ from zlib's only in ways that cannot change which match
 * wins: it must let through every candidate that shares bytes 0..b with the string (any of them
 * may be the longer match), and at a best length of 0 it must be zlib's own screen, which also
 * demands byte -1 (zlib's longest_match compares match[best_len - 1]). Byte identity over whole
 * streams is held by the golden and lockstep suites; this pins the rule itself, one byte at a time.
 */
class MatchScreenTest {
    private static final int SCAN = 5000;
    private static final int CANDIDATE = 3000;

    private final SplittableRandom random = new SplittableRandom(42);
    private final byte[] window = new byte[DeflaterState.WINDOW_SIZE + DeflaterState.WINDOW_SLACK];
    private final char[] prev = new char[DeflaterState.W_SIZE];

    /** A candidate that repeats the string's first {@code shared} bytes (from byte -1 on). */
    private void fill(int shared) {
        for (int i = -1; i < 262; i++) {
            byte b = (byte) random.nextInt(256);
            window[SCAN + i] = b;
            window[CANDIDATE + i] = i < shared ? b : (byte) ~b;
        }
    }

    /** Whether the walk stops at the candidate (the only link on its chain) for best length b. */
    private boolean passes(int bestLen) {
        int screen = DeflateMatchFinder.screen(bestLen);
        int key = ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN)
                .getInt(SCAN + (screen >> DeflateMatchFinder.SCREEN_SHIFT_BITS)) << screen;
        int found = DeflateMatchFinder.walk(window, prev, CANDIDATE, screen, key, DeflaterState.NIL, 8);
        return found >= 0 && (found & 0xffff) == CANDIDATE;
    }

    @Test
    void everyCandidateThatSharesBytesZeroToBestLengthPasses() {
        for (int bestLen = 1; bestLen <= DeflateTables.MAX_MATCH - 3; bestLen++) {
            fill(bestLen + 1);
            window[CANDIDATE - 1] = (byte) ~window[SCAN - 1]; // byte -1 is no winner's business
            assertTrue(passes(bestLen), "best length " + bestLen);
        }
    }

    @Test
    void aCandidateThatDiffersAtTheBestLengthIsScreenedOut() {
        for (int bestLen = 1; bestLen <= DeflateTables.MAX_MATCH - 3; bestLen++) {
            fill(bestLen);
            assertFalse(passes(bestLen), "best length " + bestLen);
        }
    }

    @Test
    void bytesFromThreeBelowTheBestLengthUpAreScreened() {
        for (int bestLen = 3; bestLen <= DeflateTables.MAX_MATCH - 3; bestLen++) {
            for (int at = bestLen - 3; at <= bestLen; at++) {
                fill(bestLen + 1);
                window[CANDIDATE + at] ^= 0x40;
                assertFalse(passes(bestLen), "best length " + bestLen + ", byte " + at + " differs");
            }
        }
    }

    @Test
    void atBestLengthZeroTheScreenIsZlibsBytesMinusOneAndZero() {
        fill(262);
        assertTrue(passes(0));
        window[CANDIDATE - 1] ^= 1;
        assertFalse(passes(0), "zlib rejects a candidate whose byte before differs");
        fill(1);
        assertTrue(passes(0), "bytes from 1 on are the start check's and the comparison's");
        fill(0);
        assertFalse(passes(0), "byte 0 differs");
    }
}
