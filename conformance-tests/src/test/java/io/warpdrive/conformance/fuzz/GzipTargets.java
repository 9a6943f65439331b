/*
 * The gzip fuzz targets. WdGZIPInputStream promises java.util.zip.GZIPInputStream's behaviour on
 * the running JDK (header and trailer checks, concatenated members, the available()-based member
 * rule of JDK 17), so the oracle is the JDK's stream over the same bytes, read the same way: the
 * same bytes, then the same end or the same exception (class and message), also when the
 * constructor itself fails. GzipReader follows gzip-tool rules instead; its oracle is the data the
 * assembled target put in (every member's plain bytes, in order) and the way the file ends.
 */
package io.warpdrive.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.conformance.Thrown;
import io.warpdrive.zip.GzipHeader;
import io.warpdrive.zip.GzipReader;
import io.warpdrive.zip.WdGZIPInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/** Gzip targets. */
final class GzipTargets {
    private static final int[] BUFFER_SIZES = {512, 1, 2, 7, 64, 4096, 65536, 512};
    private static final int[] READ_SIZES = {8192, 1, 3, 100, 512, 65536, 17, 8192};
    private static final int MAX_INPUT = 1 << 16;

    private GzipTargets() {
    }

    /** How a stream is read: all parameters the JDK's behaviour can depend on. */
    record Reading(int bufferSize, int readSize, boolean noAvailable, boolean singleBytes) {
        static Reading of(int c) {
            return new Reading(BUFFER_SIZES[c & 7], READ_SIZES[(c >> 3) & 7], (c & 0x40) != 0, (c & 0x80) != 0);
        }
    }

    /** What reading a stream to its end gave: the bytes, then null (clean end) or the exception. */
    record Outcome(byte[] bytes, Thrown thrown, boolean inConstructor) {
        @Override
        public String toString() {
            return bytes.length + " bytes, " + (thrown == null ? "end" : thrown + (inConstructor ? " in constructor" : ""));
        }
    }

    /** Arbitrary bytes. Layout: one reading byte (see {@link Reading#of}), then the input. */
    static void stream(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        Reading how = Reading.of(in.u8());
        compareWithJdk(in.take(MAX_INPUT), how);
    }

    /**
     * A gzip file assembled from fields, then compared with the JDK and with what went in.
     * Layout: FLG (all 8 bits: reserved ones too), members (1 + mod 3), ending (mod 5: nothing,
     * zeros, garbage, a lone magic, a truncated last member),
     * damage (mod 8: none, bad method, bad FHCRC, bad CRC, bad ISIZE, none x3), reading byte,
     * XFL, OS, extra length, name length, comment length, then the bytes the fields and the
     * members' data are cut from.
     */
    static void assembled(byte[] data) throws IOException {
        FuzzInput in = new FuzzInput(data);
        int flg = in.u8();
        int members = 1 + in.u8() % 3;
        int ending = in.u8() % 5;
        int damage = in.u8() % 8;
        Reading how = Reading.of(in.u8());
        int xfl = in.u8();
        int os = in.u8();
        byte[] extra = in.take(in.u8());
        byte[] name = nonZero(in.take(in.u8()));
        byte[] comment = nonZero(in.take(in.u8()));
        byte[] plain = in.take(MAX_INPUT);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ByteArrayOutputStream expect = new ByteArrayOutputStream();
        for (int m = 0; m < members; m++) {
            byte[] part = Arrays.copyOfRange(plain, plain.length * m / members, plain.length * (m + 1) / members);
            byte[] hdr = header(flg, xfl, os, extra, name, comment, damage);
            file.write(hdr);
            file.write(member(part, m == members - 1 ? damage : 0));
            expect.write(part);
        }
        switch (ending) {
            case 1:
                file.write(new byte[1 + plain.length % 40]);
                break;
            case 2:
                file.write(new byte[] {'g', 'a', 'r', 'b', 'a', 'g', 'e'});
                break;
            case 3:
                file.write(new byte[] {0x1f, (byte) 0x8b});
                break;
            default:
                break;
        }
        byte[] bytes = file.toByteArray();
        if (ending == 4) {
            bytes = Arrays.copyOf(bytes, Math.max(0, bytes.length - 1 - plain.length % 9));
        }
        Outcome jdk = compareWithJdk(bytes, how);

        if (!badMember(damage, flg) && ending != 4 && jdk.thrown() == null && !how.noAvailable()) {
            // The JDK read the whole file: it must have found exactly the members we wrote (with
            // garbage after the last one ignored, as its rule is).
            assertArrayEquals(expect.toByteArray(), jdk.bytes(), "JDK oracle disagrees with the assembled data");
        }
        checkHeader(bytes, how, flg, xfl, os, extra, name, comment, jdk);
        checkGzipReader(bytes, expect.toByteArray(), ending, damage, flg);
    }

    /** Reads {@code bytes} with the JDK's stream and with WdGZIPInputStream; both outcomes must agree. */
    static Outcome compareWithJdk(byte[] bytes, Reading how) {
        Outcome jdk = read(bytes, how, false);
        Outcome wd = read(bytes, how, true);
        if (!same(jdk, wd)) {
            throw new AssertionError("WdGZIPInputStream differs from GZIPInputStream (" + how + "): JDK " + jdk
                    + ", wd " + wd + firstDifference(jdk.bytes(), wd.bytes()) + "; input " + bytes.length + " bytes");
        }
        return jdk;
    }

    static boolean same(Outcome a, Outcome b) {
        return Arrays.equals(a.bytes(), b.bytes()) && java.util.Objects.equals(a.thrown(), b.thrown())
                && a.inConstructor() == b.inConstructor();
    }

    private static String firstDifference(byte[] a, byte[] b) {
        int n = Arrays.mismatch(a, b);
        return n < 0 ? "" : " (first different byte at " + n + ")";
    }

    private static Outcome read(byte[] bytes, Reading how, boolean wd) {
        InputStream src = new ByteArrayInputStream(bytes);
        if (how.noAvailable()) {
            src = new FilterInputStream(src) {
                @Override
                public int available() {
                    return 0;
                }
            };
        }
        GZIPInputStream g;
        try {
            g = wd ? new WdGZIPInputStream(src, how.bufferSize()) : new GZIPInputStream(src, how.bufferSize());
        } catch (IOException | RuntimeException e) {
            return new Outcome(new byte[0], Thrown.of(e), true);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thrown thrown = null;
        try {
            byte[] buf = new byte[how.readSize() + 2];
            // Bounded: every successful read returns at least one byte, and the input is finite.
            for (long guard = 0; guard < 1L << 26; guard++) {
                if (how.singleBytes()) {
                    int b = g.read();
                    if (b < 0) {
                        break;
                    }
                    out.write(b);
                } else {
                    int n = g.read(buf, 1, how.readSize());
                    if (n < 0) {
                        break;
                    }
                    if (n == 0) {
                        throw new AssertionError("read returned 0 for a non-empty request");
                    }
                    out.write(buf, 1, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            thrown = Thrown.of(e);
        } finally {
            try {
                g.close();
            } catch (IOException e) {
                thrown = thrown != null ? thrown : Thrown.of(e);
            }
        }
        return new Outcome(out.toByteArray(), thrown, false);
    }

    /** When the JDK accepted the first header, getHeader() must give back every field written. */
    private static void checkHeader(byte[] bytes, Reading how, int flg, int xfl, int os, byte[] extra, byte[] name,
            byte[] comment, Outcome jdk) throws IOException {
        if (jdk.inConstructor()) {
            return;
        }
        try (WdGZIPInputStream g = new WdGZIPInputStream(new ByteArrayInputStream(bytes), how.bufferSize())) {
            GzipHeader h = g.getHeader();
            assertEquals((flg & GzipHeader.FTEXT) != 0, h.isText(), "FTEXT");
            assertEquals(xfl, h.xfl(), "XFL");
            assertEquals(os, h.os(), "OS");
            assertEquals((flg & GzipHeader.FHCRC) != 0, h.hasHeaderCrc(), "FHCRC");
            assertArrayEquals((flg & GzipHeader.FEXTRA) != 0 ? extra : null, h.extra(), "extra");
            assertArrayEquals((flg & GzipHeader.FNAME) != 0 ? name : null, h.nameBytes(), "name");
            assertArrayEquals((flg & GzipHeader.FCOMMENT) != 0 ? comment : null, h.commentBytes(), "comment");
            assertEquals(0x5eed1234L, h.mtime(), "MTIME");
        }
    }

    /** GzipReader (gzip-tool rules): all members' data, and the ending classified as gzip does. */
    private static void checkGzipReader(byte[] bytes, byte[] expect, int ending, int damage, int flg) {
        boolean badMember = badMember(damage, flg);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Throwable thrown = null;
        GzipReader.Trailing trailing = null;
        try (GzipReader r = GzipReader.builder(new ByteArrayInputStream(bytes)).build()) {
            r.transferTo(out);
            trailing = r.trailing();
        } catch (IOException | RuntimeException e) {
            thrown = e;
        }
        if (badMember || ending == 3 || ending == 4) {
            assertTrue(thrown instanceof IOException, "GzipReader accepted a damaged or truncated file: " + thrown);
            return;
        }
        if (thrown != null) {
            throw new AssertionError("GzipReader failed on a valid file (ending " + ending + ")", thrown);
        }
        assertArrayEquals(expect, out.toByteArray(), "GzipReader data");
        GzipReader.Trailing want = ending == 1 ? GzipReader.Trailing.ZEROS
                : ending == 2 ? GzipReader.Trailing.GARBAGE : GzipReader.Trailing.NONE;
        assertEquals(want, trailing, "trailing");
    }

    /** Damage 1..4 breaks a member, except a bad header CRC on a header without one. */
    private static boolean badMember(int damage, int flg) {
        return damage >= 1 && damage <= 4 && (damage != 2 || (flg & GzipHeader.FHCRC) != 0);
    }

    private static byte[] nonZero(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                b[i] = '_';
            }
        }
        return b;
    }

    /** A member header with every field FLG asks for; damage 1 breaks CM, damage 2 the FHCRC. */
    static byte[] header(int flg, int xfl, int os, byte[] extra, byte[] name, byte[] comment, int damage) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x1f);
        h.write(0x8b);
        h.write(damage == 1 ? 7 : 8);
        h.write(flg);
        long mtime = 0x5eed1234L;
        for (int i = 0; i < 4; i++) {
            h.write((int) (mtime >>> (8 * i)));
        }
        h.write(xfl);
        h.write(os);
        if ((flg & GzipHeader.FEXTRA) != 0) {
            h.write(extra.length & 0xff);
            h.write(extra.length >>> 8);
            h.writeBytes(extra);
        }
        if ((flg & GzipHeader.FNAME) != 0) {
            h.writeBytes(name);
            h.write(0);
        }
        if ((flg & GzipHeader.FCOMMENT) != 0) {
            h.writeBytes(comment);
            h.write(0);
        }
        if ((flg & GzipHeader.FHCRC) != 0) {
            CRC32 crc = new CRC32();
            crc.update(h.toByteArray());
            int v = (int) crc.getValue() ^ (damage == 2 ? 1 : 0);
            h.write(v);
            h.write(v >>> 8);
        }
        return h.toByteArray();
    }

    /** Raw DEFLATE data and the trailer; damage 3 breaks the CRC, 4 the ISIZE. */
    static byte[] member(byte[] plain, int damage) {
        Deflater d = new Deflater(6, true);
        d.setInput(plain);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        CRC32 crc = new CRC32();
        crc.update(plain);
        int c = (int) crc.getValue() ^ (damage == 3 ? 0x100 : 0);
        int n = plain.length + (damage == 4 ? 1 : 0);
        for (int i = 0; i < 4; i++) {
            out.write(c >>> (8 * i));
        }
        for (int i = 0; i < 4; i++) {
            out.write(n >>> (8 * i));
        }
        return out.toByteArray();
    }
}
