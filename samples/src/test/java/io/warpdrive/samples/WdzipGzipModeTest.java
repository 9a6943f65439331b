/*
 * `wdzip` as gzip: files in and out, the refusals, messages and exit statuses GNU gzip 1.12
 * gives (taken from running it; the tool itself is the oracle where installed), stdin/stdout,
 * the header fields gzip stores, and no output file left behind when decompression fails.
 * java.util.zip.GZIPInputStream checks everything we write.
 */
package io.warpdrive.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.zip.Backend;
import io.warpdrive.zip.GzipHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WdzipGzipModeTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearBackend() {
        Backend.setDefault(null);
    }

    /** Exit status and everything printed by one run. */
    static final class Run {
        int status;
        byte[] out;
        String err;

        String out() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static Run wdzip(byte[] stdin, boolean stdinTty, boolean stdoutTty, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Run r = new Run();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            r.status = Wdzip.run(args, new ByteArrayInputStream(stdin), o, e, stdinTty, stdoutTty);
        }
        r.out = out.toByteArray();
        r.err = err.toString(StandardCharsets.UTF_8);
        return r;
    }

    static Run wdzip(String... args) {
        return wdzip(new byte[0], false, false, args);
    }

    static byte[] data(int n, long seed) {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(seed);
        while (sb.length() < n) {
            sb.append("line ").append(r.nextInt(1000)).append(r.nextBoolean() ? " alpha\n" : " beta gamma\n");
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream o = new GZIPOutputStream(b)) {
            o.write(data);
        }
        return b.toByteArray();
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(tmp.resolve(name), data);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> l = new ArrayList<>();
            s.forEach(p -> l.add(p.getFileName().toString()));
            l.sort(null);
            return l;
        }
    }

    @Test
    void compressesInPlaceWithGzipsHeaderAndAttributes() throws IOException {
        byte[] d = data(200_000, 1);
        Path f = write("notes.txt", d);
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_500_000_000_000L));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));

        Run r = wdzip("-9", f.toString());

        assertEquals(0, r.status, r.err);
        assertEquals("", r.err);
        assertEquals(List.of("notes.txt.gz"), listing());
        Path gz = tmp.resolve("notes.txt.gz");
        byte[] bytes = Files.readAllBytes(gz);
        assertArrayEquals(d, gunzip(bytes));
        GzipHeader h = GzipHeader.read(new ByteArrayInputStream(bytes));
        assertEquals("notes.txt", h.name());
        assertEquals(1_500_000_000L, h.mtime());
        assertEquals(GzipHeader.XFL_MAX_COMPRESSION, h.xfl());
        assertEquals(GzipHeader.OS_UNIX, h.os());
        assertEquals(1_500_000_000_000L, Files.getLastModifiedTime(gz).toMillis());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(gz)));

        Run back = wdzip("-d", gz.toString());
        assertEquals(0, back.status, back.err);
        assertEquals(List.of("notes.txt"), listing());
        assertArrayEquals(d, Files.readAllBytes(f));
        assertEquals(1_500_000_000_000L, Files.getLastModifiedTime(f).toMillis());
    }

    @Test
    void keepStdoutNoNameAndLevels() throws IOException {
        byte[] d = data(50_000, 2);
        Path f = write("a", d);
        Run c = wdzip("-c", "-n", "-1", f.toString());
        assertEquals(0, c.status, c.err);
        assertArrayEquals(d, gunzip(c.out));
        GzipHeader h = GzipHeader.read(new ByteArrayInputStream(c.out));
        assertEquals(null, h.name());
        assertEquals(0, h.mtime());
        assertEquals(GzipHeader.XFL_FASTEST, h.xfl());
        assertEquals(List.of("a"), listing());

        Run k = wdzip("-kv", "-7", "-3", f.toString()); // the last level given wins, as in gzip
        assertEquals(0, k.status, k.err);
        assertEquals(List.of("a", "a.gz"), listing());
        assertTrue(k.err.matches("(?s).*a:\\t *\\d+\\.\\d% -- created .*a\\.gz\\n"), k.err);
        assertEquals(0, GzipHeader.read(new ByteArrayInputStream(Files.readAllBytes(tmp.resolve("a.gz")))).xfl());
    }

    @Test
    void refusalsAndTheirStatuses() throws IOException {
        Path gz = write("x.gz", gzip(data(100, 3)));
        Path plain = write("y", data(100, 4));
        Files.createDirectory(tmp.resolve("dir"));
        write("y.gz", new byte[] {1});

        Run suffix = wdzip(gz.toString());
        assertEquals(0, suffix.status); // gzip 1.12 warns but exits 0
        assertEquals("wdzip: " + gz + " already has .gz suffix -- unchanged\n", suffix.err);

        Run missing = wdzip(tmp.resolve("none").toString());
        assertEquals(1, missing.status);
        assertEquals("wdzip: " + tmp.resolve("none") + ": No such file or directory\n", missing.err);

        Run dir = wdzip(tmp.resolve("dir").toString());
        assertEquals(2, dir.status);
        assertEquals("wdzip: " + tmp.resolve("dir") + " is a directory -- ignored\n", dir.err);

        Run exists = wdzip(plain.toString());
        assertEquals(2, exists.status);
        assertEquals("wdzip: " + tmp.resolve("y.gz") + " already exists;\tnot overwritten\n", exists.err);
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(tmp.resolve("y.gz")));

        Run forced = wdzip("-f", plain.toString());
        assertEquals(0, forced.status, forced.err);
        assertArrayEquals(data(100, 4), gunzip(Files.readAllBytes(tmp.resolve("y.gz"))));

        Path unknown = write("z.txt", new byte[] {1});
        Run suf = wdzip("-d", unknown.toString());
        assertEquals(2, suf.status);
        assertEquals("wdzip: " + unknown + ": unknown suffix -- ignored\n", suf.err);

        Run quiet = wdzip("-q", tmp.resolve("dir").toString());
        assertEquals(2, quiet.status);
        assertEquals("", quiet.err);

        // An error outranks a warning, whatever the order.
        assertEquals(1, wdzip(tmp.resolve("dir").toString(), tmp.resolve("none").toString()).status);
        assertEquals(1, wdzip(tmp.resolve("none").toString(), tmp.resolve("dir").toString()).status);
    }

    @Test
    void linksAndSpecialFiles() throws IOException {
        Path f = write("f", new byte[] {1, 2});
        Files.createLink(tmp.resolve("f2"), f);
        Run r = wdzip(f.toString());
        assertEquals(2, r.status);
        assertEquals("wdzip: " + f + " has 1 other link -- file ignored\n", r.err);
        Path sym = Files.createSymbolicLink(tmp.resolve("s"), f);
        Run s = wdzip(sym.toString());
        assertEquals(1, s.status);
        assertEquals("wdzip: " + sym + ": Too many levels of symbolic links\n", s.err);
        Run c = wdzip("-c", sym.toString());
        assertEquals(0, c.status, c.err);
        assertArrayEquals(new byte[] {1, 2}, gunzip(c.out));
    }

    /** Damaged inputs: gzip's message, status 1, no output file, no temporary left, input kept. */
    @Test
    void failedDecompressionLeavesNothingBehind() throws IOException {
        byte[] good = gzip(data(300_000, 5));
        byte[] crc = good.clone();
        crc[crc.length - 8] ^= 1;
        byte[] len = good.clone();
        len[len.length - 4] ^= 1;
        byte[] trunc = Arrays.copyOf(good, good.length / 2);
        byte[] bad = good.clone();
        bad[10] = (byte) 0xff; // BTYPE 11 in the first block header
        String[][] cases = {
            {"crc.gz", "invalid compressed data--crc error"},
            {"len.gz", "invalid compressed data--length error"},
            {"trunc.gz", "unexpected end of file"},
            {"bad.gz", "invalid compressed data--format violated"},
            {"plain.gz", "not in gzip format"},
        };
        byte[][] contents = {crc, len, trunc, bad, "just text".getBytes(StandardCharsets.US_ASCII)};
        for (int i = 0; i < cases.length; i++) {
            Path p = write(cases[i][0], contents[i]);
            Run r = wdzip("-d", p.toString());
            assertEquals(1, r.status, cases[i][0] + ": " + r.err);
            assertEquals("\nwdzip: " + p + ": " + cases[i][1] + "\n", r.err);
            assertEquals(List.of(cases[i][0]), listing(), "nothing else may exist");
            Files.delete(p);
        }
    }

    @Test
    void trailingGarbageWarnsAndKeepsTheOutput() throws IOException {
        byte[] d = data(1000, 6);
        Path p = write("g.gz", concat(gzip(d), "garbage".getBytes(StandardCharsets.US_ASCII)));
        Run r = wdzip("-d", p.toString());
        assertEquals(2, r.status);
        assertEquals("\nwdzip: " + p + ": decompression OK, trailing garbage ignored\n", r.err);
        assertArrayEquals(d, Files.readAllBytes(tmp.resolve("g")));
        Path z = write("z.gz", concat(gzip(d), new byte[100]));
        Run zeros = wdzip("-dc", z.toString());
        assertEquals(0, zeros.status, zeros.err);
        assertArrayEquals(d, zeros.out);
    }

    @Test
    void stdinAndStdoutAndTerminals() throws IOException {
        byte[] d = data(100_000, 7);
        Run c = wdzip(d, false, false);
        assertEquals(0, c.status, c.err);
        GzipHeader h = GzipHeader.read(new ByteArrayInputStream(c.out));
        assertEquals(null, h.name());
        assertEquals(0, h.mtime());
        Run two = wdzip(concat(c.out, gzip(d)), false, false, "-d");
        assertEquals(0, two.status, two.err);
        assertArrayEquals(concat(d, d), two.out);
        Run dash = wdzip(c.out, false, false, "-d", "-");
        assertArrayEquals(d, dash.out);

        Run tty = wdzip(d, false, true);
        assertEquals(1, tty.status);
        assertEquals("wdzip: compressed data not written to a terminal. Use -f to force compression.\n"
                + "For help, type: wdzip -h\n", tty.err);
        assertEquals(0, wdzip(d, false, true, "-f").status);
        Run ttyIn = wdzip(c.out, true, false, "-d");
        assertEquals(1, ttyIn.status);
        assertTrue(ttyIn.err.startsWith("wdzip: compressed data not read from a terminal."), ttyIn.err);

        Run empty = wdzip(new byte[0], false, false, "-d");
        assertEquals(1, empty.status);
        assertEquals("\nwdzip: stdin: unexpected end of file\n", empty.err);

        Run through = wdzip("plain".getBytes(StandardCharsets.US_ASCII), false, false, "-dcf");
        assertEquals(0, through.status, through.err);
        assertEquals("plain", through.out());
    }

    @Test
    void testAndList() throws IOException {
        Path good = write("good.gz", gzip(data(5000, 8)));
        byte[] b = gzip(data(5000, 9));
        b[b.length - 6] ^= 1;
        Path bad = write("bad.gz", b);
        Run t = wdzip("-tv", good.toString());
        assertEquals(0, t.status);
        assertEquals(good + ":\t OK\n", t.err);
        Run tb = wdzip("-t", bad.toString(), good.toString());
        assertEquals(1, tb.status);
        assertEquals("\nwdzip: " + bad + ": invalid compressed data--crc error\n", tb.err);
        assertEquals(List.of("bad.gz", "good.gz"), listing());
        Run l = wdzip("-l", good.toString());
        assertEquals(0, l.status, l.err);
        String[] lines = l.out().split("\n");
        assertEquals("         compressed        uncompressed  ratio uncompressed_name", lines[0]);
        assertTrue(lines[1].matches(" +" + Files.size(good) + " +5000 +\\d+\\.\\d% " + tmp.resolve("good") + ""),
                lines[1]);
    }

    @Test
    void nameRestoredWithCapitalN() throws IOException {
        Path f = write("original.name", data(3000, 10));
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_234_567_890_000L));
        assertEquals(0, wdzip(f.toString()).status);
        Files.move(tmp.resolve("original.name.gz"), tmp.resolve("renamed.gz"));
        Run r = wdzip("-dN", tmp.resolve("renamed.gz").toString());
        assertEquals(0, r.status, r.err);
        assertEquals(List.of("original.name"), listing());
        assertEquals(1_234_567_890_000L, Files.getLastModifiedTime(f).toMillis());
    }

    @Test
    void usageErrorsAsGzip() {
        Run a = wdzip("--bogus");
        assertEquals(1, a.status);
        assertEquals("wdzip: unrecognized option '--bogus'\nTry `wdzip --help' for more information.\n", a.err);
        Run b = wdzip("-z");
        assertEquals(1, b.status);
        assertEquals("wdzip: invalid option -- 'z'\nTry `wdzip --help' for more information.\n", b.err);
        Run h = wdzip("-h");
        assertEquals(0, h.status);
        assertTrue(h.out().startsWith("Usage: wdzip"), h.out());
        Run v = wdzip("--version");
        assertEquals(0, v.status);
        assertTrue(v.out().startsWith("wdzip "), v.out());
    }

    @Test
    void backends() throws IOException {
        Path f = write("b", data(20_000, 11));
        Run dev = wdzip("--backend", "device", "-c", f.toString());
        assertEquals(1, dev.status);
        assertTrue(dev.err.startsWith("wdzip: backend 'device' is not available: "), dev.err);
        Run bogus = wdzip("--backend", "gpu", "-c", f.toString());
        assertEquals(1, bogus.status);
        assertEquals("wdzip: 'gpu' is not a backend; use auto, soft, emulated or device\n", bogus.err);
        for (String b : new String[] {"soft", "auto", "emulated"}) {
            if (Backends.use(Backends.parse(b)) != null) {
                continue; // not in this build
            }
            Run r = wdzip("--backend", b, "-c", f.toString());
            assertEquals(0, r.status, b + ": " + r.err);
            assertArrayEquals(Files.readAllBytes(f), gunzip(r.out), b);
        }
    }

    @Test
    void gnuGzipReadsOursAndWeReadGnuGzips() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gzip")) || Files.isExecutable(Path.of("/bin/gzip")),
                "GNU gzip not installed");
        byte[] d = data(400_000, 12);
        Path f = write("both", d);
        assertEquals(0, wdzip("-k", f.toString()).status);
        Process p = new ProcessBuilder("gzip", "-t", tmp.resolve("both.gz").toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        Files.delete(tmp.resolve("both.gz"));
        Process g = new ProcessBuilder("gzip", "-9", "-k", f.toString()).inheritIO().start();
        assertEquals(0, g.waitFor());
        Run r = wdzip("-dc", tmp.resolve("both.gz").toString());
        assertEquals(0, r.status, r.err);
        assertArrayEquals(d, r.out);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void outputNameRules() throws IOException {
        byte[] gz = gzip(new byte[] {7});
        for (String[] c : new String[][] {{"a.tgz", "a.tar"}, {"b-gz", "b"}, {"c.z", "c"}, {"d_z", "d"}, {"E.GZ", "E"}}) {
            Path p = write(c[0], gz);
            Run r = wdzip("-d", p.toString());
            assertEquals(0, r.status, c[0] + ": " + r.err);
            assertTrue(Files.exists(tmp.resolve(c[1])), c[0] + " -> " + c[1] + " " + listing());
        }
        Path s = write("e", new byte[] {1});
        assertEquals(0, wdzip("-S", ".wd", s.toString()).status);
        assertTrue(Files.exists(tmp.resolve("e.wd")));
        assertEquals(0, wdzip("-d", "-S", ".wd", tmp.resolve("e.wd").toString()).status);
        assertTrue(Files.exists(tmp.resolve("e")));
        // gzip -d NAME finds NAME.gz
        write("f.gz", gz);
        assertEquals(0, wdzip("-d", tmp.resolve("f").toString()).status);
        assertFalse(Files.exists(tmp.resolve("f.gz")));
        assertTrue(Files.exists(tmp.resolve("f")));
    }
}
