/*
 * GzipReader: the gzip tool's rules. Every member is read whatever available() says, trailing
 * zeros are ignored, other trailing bytes are reported (or refused), and each failed check has
 * its reason. Data is cross-checked against java.util.zip (GZIPOutputStream writes the inputs,
 * GZIPInputStream reads the same bytes where its rules agree).
 */
package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GzipReaderTest {
    private static final long SEED = Long.getLong("gzip.seed", 77L);

    @AfterEach
    void clearBackend() {
        Backend.setDefault(null);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream o = new GZIPOutputStream(b)) {
            o.write(data);
        }
        return b.toByteArray();
    }

    private static GzipReader reader(byte[] in) {
        return GzipReader.builder(new ByteArrayInputStream(in)).build();
    }

    private static byte[] readAll(GzipReader r) throws IOException {
        try (r) {
            return r.readAllBytes();
        }
    }

    @Test
    void readsWhatTheJdkWritesOnEveryBackend() throws Exception {
        GzipTestData.onEachBackend(() -> {
            for (Map.Entry<String, byte[]> e : GzipTestData.shapes(SEED).entrySet()) {
                byte[] gz = gzip(e.getValue());
                GzipReader r = reader(gz);
                assertArrayEquals(e.getValue(), readAll(r), e.getKey());
                assertEquals(gz.length, r.compressedCount(), e.getKey());
                assertEquals(e.getValue().length, r.uncompressedCount(), e.getKey());
                assertEquals(GzipReader.Trailing.NONE, r.trailing());
                assertEquals(GzipHeader.DEFAULT, r.firstHeader());
            }
        });
    }

    @Test
    void readsEveryMemberEvenWhenNothingIsAvailable() throws IOException {
        byte[] a = GzipTestData.text(20_000, 1);
        byte[] b = GzipTestData.random(5000, 2);
        byte[] two = GzipTestData.concat(gzip(a), gzip(new byte[0]), gzip(b));
        List<GzipHeader> seen = new ArrayList<>();
        GzipReader r = GzipReader.builder(new GzipTestData.Trickle(new ByteArrayInputStream(two)))
                .bufferSize(3).onMember(seen::add).build();
        assertArrayEquals(GzipTestData.concat(a, b), readAll(r));
        assertEquals(3, r.members());
        assertEquals(3, seen.size());
        assertEquals(two.length, r.compressedCount());
    }

    @Test
    void firstMemberOnlyWhenAsked() throws IOException {
        byte[] a = GzipTestData.text(1000, 3);
        byte[] two = GzipTestData.concat(gzip(a), gzip(a), "junk".getBytes(StandardCharsets.US_ASCII));
        GzipReader r = GzipReader.builder(new ByteArrayInputStream(two)).concatenated(false).build();
        assertArrayEquals(a, readAll(r));
        assertEquals(1, r.members());
        assertEquals(GzipReader.Trailing.UNREAD, r.trailing());
    }

    @Test
    void trailingDataIsClassifiedAsGzipDoes() throws IOException {
        byte[] a = GzipTestData.text(3000, 4);
        byte[] gz = gzip(a);
        Object[][] cases = {
            {new byte[0], GzipReader.Trailing.NONE},
            {new byte[1], GzipReader.Trailing.ZEROS},
            {new byte[100_000], GzipReader.Trailing.ZEROS},
            {"garbage".getBytes(StandardCharsets.US_ASCII), GzipReader.Trailing.GARBAGE},
            {new byte[] {0, 0, 0, 'x'}, GzipReader.Trailing.GARBAGE},
            {new byte[] {0x1f, 0}, GzipReader.Trailing.GARBAGE},
        };
        for (Object[] c : cases) {
            byte[] tail = (byte[]) c[0];
            GzipReader r = GzipReader.builder(new ByteArrayInputStream(GzipTestData.concat(gz, tail)))
                    .bufferSize(4096).build();
            assertArrayEquals(a, readAll(r));
            assertEquals(c[1], r.trailing(), Arrays.toString(Arrays.copyOf(tail, 8)));
            assertEquals(tail.length, r.trailingBytes());
            assertEquals(gz.length + tail.length, r.compressedCount());
        }
        GzipReader strict = GzipReader.builder(new ByteArrayInputStream(GzipTestData.concat(gz, new byte[] {'x'})))
                .failOnGarbage(true).build();
        GzipException e = assertThrows(GzipException.class, strict::readAllBytes);
        assertEquals(GzipException.Reason.TRAILING_GARBAGE, e.reason());
        // Zeros are never garbage.
        GzipReader zeros = GzipReader.builder(new ByteArrayInputStream(GzipTestData.concat(gz, new byte[9])))
                .failOnGarbage(true).build();
        assertArrayEquals(a, readAll(zeros));
    }

    @Test
    void aMagicAfterAMemberStartsAMember() {
        byte[] gz;
        try {
            gz = gzip(new byte[] {1, 2, 3});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // gzip: "1f 8b 78 ..." is "unknown method 120"; a lone 1f at the end and a cut header are
        // "unexpected end of file".
        GzipException m = assertThrows(GzipException.class,
                () -> readAll(reader(GzipTestData.concat(gz, new byte[] {0x1f, (byte) 0x8b, 0x78, 1}))));
        assertEquals(GzipException.Reason.METHOD, m.reason());
        assertEquals(0x78, m.found());
        assertThrows(EOFException.class, () -> readAll(reader(GzipTestData.concat(gz, new byte[] {0x1f}))));
        assertThrows(EOFException.class,
                () -> readAll(reader(GzipTestData.concat(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0}))));
    }

    @Test
    void eachCheckHasItsReasonAndTheJdksMessage() throws IOException {
        byte[] a = GzipTestData.text(10_000, 5);
        byte[] gz = gzip(a);
        HexFormat hex = HexFormat.of();

        byte[] crc = gz.clone();
        crc[gz.length - 8] ^= 1;
        GzipException e = assertThrows(GzipException.class, () -> readAll(reader(crc)));
        assertEquals(GzipException.Reason.CRC, e.reason());
        assertEquals("Corrupt GZIP trailer", e.getMessage());
        assertEquals(e.found() ^ 1, e.computed());
        assertJdkSays(crc, "Corrupt GZIP trailer");

        byte[] len = gz.clone();
        len[gz.length - 4] ^= 1;
        e = assertThrows(GzipException.class, () -> readAll(reader(len)));
        assertEquals(GzipException.Reason.LENGTH, e.reason());
        assertEquals(a.length, e.computed());
        assertEquals(a.length ^ 1, e.found());
        assertJdkSays(len, "Corrupt GZIP trailer");

        byte[] blockType = hex.parseHex("1f8b0800000000000003" + "07" + "0000000000000000"); // BTYPE 11
        e = assertThrows(GzipException.class, () -> readAll(reader(blockType)));
        assertEquals(GzipException.Reason.DATA, e.reason());
        assertEquals("invalid block type", e.getMessage());
        assertJdkSays(blockType, "invalid block type");

        e = assertThrows(GzipException.class, () -> readAll(reader("not gzip".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(GzipException.Reason.NOT_GZIP, e.reason());
        assertEquals("Not in GZIP format", e.getMessage());

        byte[] flags = gz.clone();
        flags[3] = (byte) 0x20;
        assertArrayEquals(a, readAll(reader(flags))); // the JDK's rule
        e = assertThrows(GzipException.class,
                () -> readAll(GzipReader.builder(new ByteArrayInputStream(flags)).strict(true).build()));
        assertEquals(GzipException.Reason.FLAGS, e.reason());
        assertEquals(0x20, e.found());

        for (int cut : new int[] {0, 1, 9, 10, 11, gz.length / 2, gz.length - 8, gz.length - 1}) {
            byte[] t = Arrays.copyOf(gz, cut);
            assertThrows(EOFException.class, () -> readAll(reader(t)), "cut at " + cut);
        }
    }

    private static void assertJdkSays(byte[] in, String message) {
        IOException e = assertThrows(IOException.class,
                () -> new GZIPInputStream(new ByteArrayInputStream(in)).readAllBytes());
        assertEquals(message, e.getMessage());
    }

    @Test
    void aFailureSticks() throws IOException {
        byte[] gz = gzip(GzipTestData.text(5000, 6));
        gz[gz.length - 8] ^= 1;
        GzipReader r = reader(gz);
        GzipException first = assertThrows(GzipException.class, r::readAllBytes);
        GzipException again = assertThrows(GzipException.class, () -> r.read());
        assertSame(first, again);
        r.close();
        assertThrows(IOException.class, () -> r.read());
    }

    @Test
    void aCallersInflaterIsUsedAndNotEnded() throws IOException {
        byte[] a = GzipTestData.partlyRandom(50_000, 7);
        byte[] two = GzipTestData.concat(gzip(a), gzip(a));
        Inflater jdk = new Inflater(true);
        assertArrayEquals(GzipTestData.concat(a, a),
                readAll(GzipReader.builder(new ByteArrayInputStream(two)).inflater(jdk).build()));
        jdk.reset(); // still usable: not ended
        jdk.end();
    }

    @Test
    void firstHeaderCanBeReadBeforeTheData() throws IOException {
        byte[] gz;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (WdGZIPOutputStream o = new WdGZIPOutputStream(b, 6, GzipHeader.builder().name("x.txt").build())) {
            o.write(1);
        }
        gz = b.toByteArray();
        GzipReader r = reader(gz);
        assertEquals("x.txt", r.readFirstHeader().name());
        assertEquals(1, r.read());
        assertEquals(-1, r.read());
        assertTrue(r.members() == 1);
        InputStream notGzip = new ByteArrayInputStream(new byte[] {1, 2});
        assertThrows(GzipException.class, () -> GzipReader.builder(notGzip).build().readFirstHeader());
    }
}
