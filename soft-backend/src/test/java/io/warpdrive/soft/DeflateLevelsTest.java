package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Whole-buffer output equals java.util.zip's for every level, the three public strategies and
 * both wrappers, over data shapes that reach the stored, fixed and dynamic block paths, hash
 * chain limits and window slides. RLE and FIXED (not reachable through java.util.zip) must at
 * least round-trip.
 */
class DeflateLevelsTest {

    @Test
    void everyLevelAndStrategyMatchesJdk() {
        for (DeflateTestData.Named data : DeflateTestData.shapes()) {
            for (int strategy = 0; strategy <= 2; strategy++) {
                for (int level = -1; level <= 9; level++) {
                    for (boolean nowrap : new boolean[] {false, true}) {
                        byte[] want = DeflateTestData.jdk(data.bytes(), level, strategy, nowrap);
                        byte[] got = DeflateTestData.soft(data.bytes(), level, strategy, nowrap);
                        if (!Arrays.equals(want, got)) {
                            throw new AssertionError(data + " level " + level + " strategy " + strategy + " nowrap "
                                    + nowrap + ": " + got.length + " bytes vs jdk " + want.length + ", first difference at "
                                    + DeflateTestData.mismatch(want, got));
                        }
                    }
                }
            }
        }
    }

    @Test
    void rleAndFixedRoundTrip() throws DataFormatException {
        for (DeflateTestData.Named data : DeflateTestData.shapes()) {
            for (int strategy : new int[] {SoftDeflater.RLE, SoftDeflater.FIXED}) {
                for (int level : new int[] {1, 6, 9}) {
                    byte[] z = DeflateTestData.soft(data.bytes(), level, strategy, false);
                    assertArrayEquals(data.bytes(), inflate(z), data + " strategy " + strategy + " level " + level);
                }
            }
        }
    }

    @Test
    void fixedStrategyUsesOnlyFixedBlocks() {
        byte[] z = DeflateTestData.soft(DeflateTestData.text(new java.util.SplittableRandom(1), 5000), 6,
                SoftDeflater.FIXED, true);
        // First block header: BFINAL=1, BTYPE=01 (fixed) in the low three bits.
        assertEquals(0b011, z[0] & 0b111);
    }

    @Test
    void emptyInputZlibStreamIsTheKnownEightBytes() {
        byte[] z = DeflateTestData.soft(new byte[0], -1, 0, false);
        assertArrayEquals(new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}, z);
    }

    @Test
    void zlibHeaderReflectsLevel() {
        int[] expectedSecondByte = {0x01, 0x01, 0x5e, 0x5e, 0x5e, 0x5e, (byte) 0x9c & 0xff, 0xda, 0xda, 0xda};
        for (int level = 0; level <= 9; level++) {
            byte[] z = DeflateTestData.soft(new byte[] {1, 2, 3}, level, 0, false);
            assertEquals(0x78, z[0] & 0xff);
            assertEquals(expectedSecondByte[level], z[1] & 0xff, "level " + level);
        }
    }

    @Test
    void rejectsInvalidConstructorArguments() {
        assertThrows(IllegalArgumentException.class, () -> new SoftDeflater(10, false));
        assertThrows(IllegalArgumentException.class, () -> new SoftDeflater(-2, false));
        assertThrows(IllegalArgumentException.class, () -> new SoftDeflater(6, 5, false));
    }

    @Test
    void endedDeflaterRejectsUse() {
        SoftDeflater d = new SoftDeflater(6, false);
        d.end();
        d.end(); // idempotent
        assertThrows(IllegalStateException.class, () -> d.deflate(new byte[10], 0, 10, SoftDeflater.FINISH));
        assertThrows(IllegalStateException.class, d::getAdler);
    }

    static byte[] inflate(byte[] z) throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(z);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && !inf.finished() && inf.needsInput()) {
                    throw new AssertionError("truncated stream");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }
}
