/*
 * GzipHeader: encoding and parsing of every RFC 1952 field, checked against vectors from
 * outside this code (a header CRC that GNU gzip computed and printed; the JDK's own header
 * bytes; java.util.zip.GZIPInputStream's acceptance of our headers), plus the parser's checks
 * with the JDK's exception types and messages.
 */
package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class GzipHeaderTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void defaultIsTheJdkHeader() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new GZIPOutputStream(b).close();
        assertArrayEquals(java.util.Arrays.copyOf(b.toByteArray(), 10), GzipHeader.DEFAULT.toByteArray());
        assertArrayEquals(hex("1f8b 08 00 00000000 00 ff"), GzipHeader.DEFAULT.toByteArray());
    }

    @Test
    void headerCrcMatchesGnuGzip() throws IOException {
        // GNU gzip 1.12 on "1f8b 08 0a 00000000 00 03 6e00" + a wrong CRC reported
        // "header checksum 0x3523 != computed checksum 0x3423".
        GzipHeader h = GzipHeader.builder().name("n").os(GzipHeader.OS_UNIX).headerCrc(true).build();
        assertArrayEquals(hex("1f8b 08 0a 00000000 00 03 6e00 2334"), h.toByteArray());
        GzipHeader back = GzipHeader.read(new ByteArrayInputStream(h.toByteArray()));
        assertEquals(h, back);
    }

    @Test
    void everyFieldRoundTripsInWireOrder() throws IOException {
        GzipHeader h = GzipHeader.builder().text(true).mtime(0x12345678L).xfl(4).os(11)
                .extra(hex("4142 0200 ffee")).name("file").comment("hi").headerCrc(true).build();
        byte[] b = h.toByteArray();
        // fixed part, XLEN + extra, name\0, comment\0, CRC16
        assertEquals("1f8b081f78563412040b", HexFormat.of().formatHex(b, 0, 10));
        assertEquals("0600414202 00ffee".replace(" ", ""), HexFormat.of().formatHex(b, 10, 18));
        assertEquals("file\0hi\0", new String(b, 18, 8, StandardCharsets.ISO_8859_1));
        assertEquals(b.length, h.size());
        assertEquals(28, b.length);
        GzipHeader r = GzipHeader.read(new ByteArrayInputStream(b));
        assertEquals(h, r);
        assertEquals(0x12345678L, r.mtime());
        assertEquals(1, r.subfields().size());
        assertEquals("AB", r.subfields().get(0).id());
        assertArrayEquals(hex("ffee"), r.subfields().get(0).data());
        // The JDK accepts it (and checks the CRC) in front of real data.
        byte[] member = GzipTestData.concat(b, hex("0300 0000 0000 0000 0000")); // empty deflate block + trailer
        assertEquals(0, new GZIPInputStream(new ByteArrayInputStream(member)).readAllBytes().length);
    }

    @Test
    void mtimeCoversTheUnsignedRange() throws IOException {
        GzipHeader h = GzipHeader.builder().mtime(0xffffffffL).build();
        assertEquals(0xffffffffL, GzipHeader.read(new ByteArrayInputStream(h.toByteArray())).mtime());
        assertNull(GzipHeader.DEFAULT.modificationTime());
        assertThrows(IllegalArgumentException.class, () -> GzipHeader.builder().mtime(-1));
        assertThrows(IllegalArgumentException.class, () -> GzipHeader.builder().mtime(1L << 32));
    }

    @Test
    void namesKeepTheirBytes() throws IOException {
        GzipHeader h = GzipHeader.builder().name("caf\u00e9 \u2603", StandardCharsets.UTF_8).build();
        GzipHeader r = GzipHeader.read(new ByteArrayInputStream(h.toByteArray()));
        assertEquals("caf\u00e9 \u2603", r.name(StandardCharsets.UTF_8));
        assertArrayEquals("caf\u00e9 \u2603".getBytes(StandardCharsets.UTF_8), r.nameBytes());
        assertThrows(IllegalArgumentException.class, () -> GzipHeader.builder().name("\u2603"));
        assertThrows(IllegalArgumentException.class, () -> GzipHeader.builder().name("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> GzipHeader.builder().commentBytes(new byte[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> GzipHeader.builder().extra(new byte[65536]));
        assertThrows(IllegalArgumentException.class, () -> GzipHeader.builder().os(256));
        assertThrows(IllegalArgumentException.class, () -> GzipHeader.builder().xfl(-1));
    }

    @Test
    void xflFollowsGzipForLevelsOneAndNine() {
        assertEquals(4, GzipHeader.xflForLevel(1));
        assertEquals(2, GzipHeader.xflForLevel(9));
        assertEquals(0, GzipHeader.xflForLevel(6));
        assertEquals(0, GzipHeader.xflForLevel(-1));
    }

    @Test
    void parserFailsAsTheJdkDoes() throws IOException {
        String[] bad = {
            "", "1f", "1f8b", "1f8b08", "1f8b0800000000", // truncated fixed part
            "1f8b 08 04 00000000 00 ff 0500 0102", // extra field cut short
            "1f8b 08 08 00000000 00 ff 6162", // name without its zero
            "1f8b 08 10 00000000 00 ff 6162", // comment without its zero
            "1f8b 08 02 00000000 00 ff 00", // CRC cut short
            "1f8c 08 00 00000000 00 ff", // magic
            "8b1f 08 00 00000000 00 ff", // magic, byte-swapped
            "1f8b 07 00 00000000 00 ff", // method
            "1f8b 08 02 00000000 00 ff 0000", // wrong header CRC
        };
        for (String s : bad) {
            byte[] input = hex(s);
            IOException jdk = assertThrows(IOException.class, () -> new GZIPInputStream(new ByteArrayInputStream(input)), s);
            IOException ours = assertThrows(IOException.class, () -> GzipHeader.read(new ByteArrayInputStream(input)), s);
            // Same class, or GzipException where the JDK throws a plain ZipException.
            assertEquals(jdk.getClass(), ours instanceof GzipException ? ZipException.class : ours.getClass(), s);
            assertEquals(jdk.getMessage(), ours.getMessage(), s);
        }
        GzipException e = assertThrows(GzipException.class,
                () -> GzipHeader.read(new ByteArrayInputStream(hex("1f8b 07 00 00000000 00 ff"))));
        assertEquals(GzipException.Reason.METHOD, e.reason());
        assertEquals(7, e.found());
        e = assertThrows(GzipException.class,
                () -> GzipHeader.read(new ByteArrayInputStream(hex("1f8b 08 0a 00000000 00 03 6e00 2335"))));
        assertEquals(GzipException.Reason.HEADER_CRC, e.reason());
        assertEquals(0x3523, e.found());
        assertEquals(0x3423, e.computed());
        assertThrows(EOFException.class, () -> GzipHeader.read(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void reservedFlagsAreTheJdksBusinessOrGzips() throws IOException {
        byte[] h = hex("1f8b 08 e0 00000000 00 ff");
        assertEquals(0xe0, GzipHeader.read(new ByteArrayInputStream(h)).flags()); // JDK: ignored
        GzipException e = assertThrows(GzipException.class,
                () -> GzipHeader.read(new ByteArrayInputStream(h), 100, true)); // gzip: refused
        assertEquals(GzipException.Reason.FLAGS, e.reason());
        assertEquals(0xe0, e.found());
    }

    @Test
    void longNamesAreBounded() {
        byte[] h = GzipTestData.concat(hex("1f8b 08 08 00000000 00 ff"), new byte[5000]);
        java.util.Arrays.fill(h, 10, h.length, (byte) 'a');
        GzipException e = assertThrows(GzipException.class, () -> GzipHeader.read(new ByteArrayInputStream(h), 4096));
        assertEquals(GzipException.Reason.HEADER_TOO_LONG, e.reason());
    }

    @Test
    void subfieldsAreParsedOrRefused() throws IOException {
        GzipHeader two = GzipHeader.builder().subfields(List.of(
                new GzipHeader.Subfield((byte) 'R', (byte) 'A', new byte[] {9}),
                new GzipHeader.Subfield((byte) 'x', (byte) 'y', new byte[300]))).build();
        assertEquals(2, two.subfields().size());
        assertEquals(300, two.subfields().get(1).data().length);
        assertThrows(ZipException.class, () -> GzipHeader.builder().extra(hex("4142 0500 01")).build().subfields());
        assertThrows(ZipException.class, () -> GzipHeader.builder().extra(hex("41")).build().subfields());
        assertTrue(GzipHeader.builder().extra(new byte[0]).build().subfields().isEmpty());
        assertEquals(GzipHeader.FEXTRA, GzipHeader.builder().extra(new byte[0]).build().flags());
    }
}
