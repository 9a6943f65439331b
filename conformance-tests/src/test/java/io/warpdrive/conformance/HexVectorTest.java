/*
 * Hand-made streams with a known outcome. Each invalid vector is built bit by bit to provoke one
 * zlib message; the JDK (an independent oracle) must report exactly the intended message, which
 * checks the vector itself, and the subject must report it too, on every call of the way, whole
 * and one byte at a time, raw and zlib-wrapped.
 */
package io.warpdrive.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HexVectorTest {

    /** zlib header for CMF with a valid check and no FDICT. */
    static byte[] zlibHeader(int cmf) {
        int flg = (31 - (cmf * 256) % 31) % 31;
        return new byte[] {(byte) cmf, (byte) flg};
    }

    static byte[] zlib(byte[] body, byte[] data) {
        Adler32 a = new Adler32();
        a.update(data);
        long v = a.getValue();
        return concat(new byte[] {0x78, (byte) 0x9c}, body,
                new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Fixed Huffman literal/length code (RFC 1951 3.2.6). */
    static BitWriter fixedLit(BitWriter w, int sym) {
        if (sym < 144) {
            return w.code(0x30 + sym, 8);
        } else if (sym < 256) {
            return w.code(0x190 + sym - 144, 9);
        } else if (sym < 280) {
            return w.code(sym - 256, 7);
        }
        return w.code(0xc0 + sym - 280, 8);
    }

    static int[] lens(int n, int... oneAt) {
        int[] l = new int[n];
        for (int i : oneAt) {
            l[i] = 1;
        }
        return l;
    }

    /** Raw deflate bodies, each meant to fail with one message (wrapper-independent). */
    static List<Object[]> bodies() {
        List<Object[]> v = new ArrayList<>();
        v.add(new Object[] {"invalid block type", new BitWriter().bits(1, 1).bits(3, 2).bytes(0, 0).toByteArray()});
        v.add(new Object[] {"invalid stored block lengths",
            new BitWriter().bits(1, 1).bits(0, 2).bytes(0x00, 0x00, 0x00, 0x00).toByteArray()});
        v.add(new Object[] {"invalid stored block lengths",
            new BitWriter().bits(1, 1).bits(0, 2).bytes(0x05, 0x00, 0xfa, 0xfe, 'h', 'e', 'l', 'l', 'o').toByteArray()});
        v.add(new Object[] {"too many length or distance symbols",
            new BitWriter().bits(1, 1).bits(2, 2).bits(30, 5).bits(0, 5).bits(0, 4).bytes(0, 0).toByteArray()});
        v.add(new Object[] {"too many length or distance symbols",
            new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(31, 5).bits(0, 4).bytes(0, 0).toByteArray()});
        // four code length codes (16, 17, 18, 0) of one bit each: over-subscribed
        v.add(new Object[] {"invalid code lengths set", new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5)
                .bits(0, 4).bits(1, 3).bits(1, 3).bits(1, 3).bits(1, 3).bytes(0, 0).toByteArray()});
        // code length codes for 16 and 0, then 16 (repeat previous) with nothing before it
        int[] cl16 = new int[19];
        cl16[16] = 1;
        cl16[0] = 1;
        v.add(new Object[] {"invalid bit length repeat", new BitWriter().bits(1, 1).bits(2, 2).bits(0, 5).bits(0, 5)
                .bits(0, 4).bits(1, 3).bits(0, 3).bits(0, 3).bits(1, 3).sym(cl16, 16).bits(0, 2).bytes(0, 0)
                .toByteArray()});
        v.add(new Object[] {"invalid code -- missing end-of-block",
            new BitWriter().dynamicHeader(lens(257, 0, 1), lens(1, 0)).bytes(0, 0).toByteArray()});
        v.add(new Object[] {"invalid literal/lengths set",
            new BitWriter().dynamicHeader(lens(257, 0, 1, 256), lens(1, 0)).bytes(0, 0).toByteArray()});
        v.add(new Object[] {"invalid distances set",
            new BitWriter().dynamicHeader(lens(257, 0, 256), lens(3, 0, 1, 2)).bytes(0, 0).toByteArray()});
        // only end-of-block has a code (one bit, "0"): the code "1" is invalid
        v.add(new Object[] {"invalid literal/length code",
            new BitWriter().dynamicHeader(lens(257, 256), lens(1, 0)).bits(1, 1).bytes(0, 0, 0, 0, 0, 0, 0, 0)
                    .toByteArray()});
        // fixed block: length 3, then distance code 30, which fixed Huffman reserves
        v.add(new Object[] {"invalid distance code",
            fixedLit(new BitWriter().bits(1, 1).bits(1, 2), 257).code(30, 5).bytes(0, 0, 0, 0, 0, 0, 0, 0)
                    .toByteArray()});
        // dynamic block whose single distance code is "0": the code "1" is invalid
        int[] lit = lens(258, 256, 257);
        BitWriter dw = new BitWriter().dynamicHeader(lit, lens(1, 0));
        v.add(new Object[] {"invalid distance code", dw.sym(lit, 257).bits(1, 1).bytes(0, 0, 0, 0, 0, 0, 0, 0)
                .toByteArray()});
        // fixed block: 'a', then length 3 at distance 2 with one byte of history
        v.add(new Object[] {"invalid distance too far back",
            fixedLit(fixedLit(new BitWriter().bits(1, 1).bits(1, 2), 'a'), 257).code(1, 5)
                    .bytes(0, 0, 0, 0, 0, 0, 0, 0).toByteArray()});
        // a run of 300 zero-length matches can't happen, but a distance past 32 KiB with 1 byte can:
        // distance code 29 (24577 + 13 extra bits)
        v.add(new Object[] {"invalid distance too far back",
            fixedLit(fixedLit(new BitWriter().bits(1, 1).bits(1, 2), 'a'), 257).code(29, 5).bits(0, 13)
                    .bytes(0, 0, 0, 0, 0, 0, 0, 0).toByteArray()});
        return v;
    }

    static Stream<Arguments> invalidVectors() {
        List<Arguments> all = new ArrayList<>();
        // header-level vectors exist only with the zlib wrapper
        all.add(vector("incorrect header check", "zlib", Hex.parse("789d0300000001")));
        all.add(vector("incorrect header check", "zlib", Hex.parse("0001")));
        all.add(vector("unknown compression method", "zlib", concat(zlibHeader(0x79), new byte[] {3, 0})));
        all.add(vector("unknown compression method", "zlib", concat(zlibHeader(0x07), new byte[] {3, 0})));
        all.add(vector("invalid window size", "zlib", concat(zlibHeader(0x88), new byte[] {3, 0})));
        all.add(vector("invalid window size", "zlib", concat(zlibHeader(0xf8), new byte[] {3, 0})));
        for (Object[] b : bodies()) {
            all.add(vector((String) b[0], "raw", (byte[]) b[1]));
            all.add(vector((String) b[0], "zlib", concat(new byte[] {0x78, (byte) 0x9c}, (byte[]) b[1])));
        }
        // valid fixed block "a" with a wrong Adler-32 (the right one is 00620062)
        byte[] a = fixedLit(fixedLit(new BitWriter().bits(1, 1).bits(1, 2), 'a'), 256).toByteArray();
        all.add(vector("incorrect data check", "zlib", concat(new byte[] {0x78, (byte) 0x9c}, a,
                new byte[] {0, 0x62, 0, 0x63})));
        all.add(vector("incorrect data check", "zlib", Hex.parse("789c030000000000")));
        return all.stream();
    }

    private static Arguments vector(String message, String wrapper, byte[] stream) {
        return Arguments.of(message, wrapper, Hex.of(stream));
    }

    /** Inflates {@code stream} whole with a plain loop and returns the DataFormatException message. */
    static String message(Inflater inf, byte[] stream) {
        try {
            inf.setInput(stream);
            byte[] out = new byte[70_000];
            for (int i = 0; i < 100 && !inf.finished() && !inf.needsDictionary(); i++) {
                if (inf.inflate(out) == 0 && inf.needsInput()) {
                    return "(needs input)";
                }
            }
            return "(no error)";
        } catch (DataFormatException e) {
            return e.getMessage();
        } finally {
            inf.end();
        }
    }

    @ParameterizedTest(name = "{0} [{1}] {2}")
    @MethodSource("invalidVectors")
    void invalidStreamIsRejectedWithTheZlibMessage(String message, String wrapper, String hex) {
        boolean nowrap = wrapper.equals("raw");
        byte[] stream = Hex.parse(hex);
        assertEquals(message, message(Inflaters.jdk(nowrap), stream), "JDK message for " + Hex.of(stream));
        assertEquals(message, message(Inflaters.wd(nowrap), stream), "subject message for " + Hex.of(stream));
        for (Plan plan : List.of(Plan.WHOLE, Plan.chunked(1, 1), Plan.chunked(2, 3))) {
            try (Lockstep ls = new Lockstep(nowrap)) {
                Lockstep.Run run = ls.drive(stream, null, nowrap, plan, 16);
                assertEquals(Lockstep.End.ERROR, run.end(), plan.toString());
                assertEquals(message, run.error(), plan.toString());
            }
        }
    }

    static Stream<Arguments> validVectors() {
        return Stream.of(
                Arguments.of("empty zlib", false, "789c030000000001", ""),
                Arguments.of("empty raw", true, "0300", ""),
                Arguments.of("stored hello raw", true, "010500faff68656c6c6f", "68656c6c6f"),
                Arguments.of("stored empty then fixed a", true, "000000ffff4b0400", "61"),
                Arguments.of("zlib level 1 header", false, "78010101 00feff41 00420042".replace(" ", ""), "41"),
                Arguments.of("zlib 'a' fixed", false, Hex.of(concat(new byte[] {0x78, (byte) 0x9c},
                        fixedLit(fixedLit(new BitWriter().bits(1, 1).bits(1, 2), 'a'), 256).toByteArray(),
                        new byte[] {0, 0x62, 0, 0x62})), "61"),
                Arguments.of("length 258 at distance 1", true, Hex.of(fixedLit(fixedLit(fixedLit(
                        new BitWriter().bits(1, 1).bits(1, 2), 'z'), 285).code(0, 5), 256).toByteArray()),
                        "7a".repeat(259)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void validVectorInflatesToItsBytes(String name, boolean nowrap, String hex, String expected) {
        byte[] stream = Hex.parse(hex);
        for (Plan plan : List.of(Plan.WHOLE, Plan.chunked(1, 1))) {
            try (Lockstep ls = new Lockstep(nowrap)) {
                Lockstep.Run run = ls.drive(stream, null, nowrap, plan, expected.length() / 2);
                assertEquals(Lockstep.End.FINISHED, run.end(), name + " " + plan);
                assertArrayEquals(Hex.parse(expected), run.output(), name + " " + plan);
            }
        }
    }
}
