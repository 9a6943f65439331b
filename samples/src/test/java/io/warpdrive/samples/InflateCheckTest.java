/*
 * InflateCheck as a program: exit status and table on files given as arguments, failure rows,
 * usage errors, and the corpus discovery and tar reading it relies on with no arguments.
 */
package io.warpdrive.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InflateCheckTest {
    @TempDir
    Path tmp;

    /** Exit status and everything printed by one run. */
    private static final class Run {
        int status;
        String out;
        String err;
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Run r = new Run();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            r.status = InflateCheck.run(args, o, e);
        }
        r.out = out.toString(StandardCharsets.UTF_8);
        r.err = err.toString(StandardCharsets.UTF_8);
        return r;
    }

    @Test
    void filesOfEveryShapeVerify() throws IOException {
        byte[] random = new byte[100_000];
        new Random(7).nextBytes(random);
        List<String> args = new ArrayList<>(List.of("--warmup-ms", "0"));
        args.add(write("text", InflateCheck.mixedData(300_000, 1)).toString());
        args.add(write("random", random).toString());
        args.add(write("empty", new byte[0]).toString());
        args.add(write("one", new byte[] {42}).toString());
        args.add(write("window", InflateCheck.mixedData(65_536, 2)).toString());

        Run r = run(args.toArray(new String[0]));

        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("all 5 inputs verified"), r.out);
        assertFalse(r.out.contains("FAIL"), r.out);
        assertTrue(r.out.contains("total (5 verified)"), r.out);
    }

    @Test
    void missingFileFailsWithItsName() throws IOException {
        Path good = write("good", InflateCheck.mixedData(10_000, 3));
        Path missing = tmp.resolve("no-such-file");

        Run r = run("--warmup-ms", "0", good.toString(), missing.toString());

        assertEquals(1, r.status, r.out + r.err);
        assertTrue(r.out.contains("FAIL"), r.out);
        assertTrue(r.out.contains(missing.toString()), r.out);
        assertTrue(r.err.contains("1 of 2 inputs did not verify"), r.err);
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("--no-such-option").status);
        assertEquals(2, run("--warmup-ms").status);
        assertEquals(2, run("--warmup-ms", "soon").status);
        Run help = run("--help");
        assertEquals(0, help.status);
        assertTrue(help.out.startsWith("usage:"), help.out);
    }

    @Test
    void dashDashEndsOptions() throws IOException {
        Path odd = write("-odd", new byte[] {1, 2, 3});
        Run r = run("--warmup-ms", "0", "--", odd.toString());
        assertEquals(0, r.status, r.out + r.err);
    }

    @Test
    void corpusIsFoundWalkingUp() throws IOException {
        Path corpus = Files.createDirectories(tmp.resolve("shared/corpus"));
        Files.write(corpus.resolve("calgary.tar.gz"), new byte[0]);
        Path cwd = Files.createDirectories(tmp.resolve("project/module"));
        List<String> notes = new ArrayList<>();

        assertEquals(corpus.toAbsolutePath().normalize(), InflateCheck.findCorpus(cwd, null, notes));
        assertEquals(corpus.toAbsolutePath().normalize(), InflateCheck.findCorpus(cwd, corpus.toString(), notes));
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void corpusAbsenceIsANoteNotAnError() throws IOException {
        Path cwd = Files.createDirectories(tmp.resolve("lonely"));
        List<String> notes = new ArrayList<>();

        // Walking up from a temp dir may still find a real corpus above it; only check what is printed.
        Path found = InflateCheck.findCorpus(cwd, null, notes);
        assertTrue(found != null || notes.get(0).contains("optional"), notes.toString());

        notes.clear();
        assertNull(InflateCheck.findCorpus(cwd, tmp.resolve("nowhere").toString(), notes));
        assertTrue(notes.get(0).contains("nowhere"), notes.toString());
    }

    @Test
    void tarReaderHandlesUstarPrefixLongNamesAndSkipsDirectories() throws IOException {
        byte[] a = "alpha\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = InflateCheck.mixedData(1000, 4);
        String longName = "very/".repeat(30) + "long-name";
        byte[] c = {9};
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("./dir/", 0, '5', null));
        tar.write(header("./dir/a", a.length, '0', null));
        tar.write(padded(a));
        tar.write(header("b", b.length, '0', "pre/fix"));
        tar.write(padded(b));
        byte[] nameBytes = (longName + "\0").getBytes(StandardCharsets.US_ASCII);
        tar.write(header("././@LongLink", nameBytes.length, 'L', null));
        tar.write(padded(nameBytes));
        tar.write(header(longName.substring(0, 99), c.length, '0', null));
        tar.write(padded(c));
        tar.write(new byte[1024]);

        Map<String, byte[]> files = InflateCheck.readTar(new ByteArrayInputStream(tar.toByteArray()));

        assertEquals(List.of("dir/a", "pre/fix/b", longName), new ArrayList<>(files.keySet()));
        assertArrayEquals(a, files.get("dir/a"));
        assertArrayEquals(b, files.get("pre/fix/b"));
        assertArrayEquals(c, files.get(longName));
    }

    @Test
    void tarReaderRejectsACorruptHeader() throws IOException {
        byte[] h = header("x", 1, '0', null);
        h[0] = 'y'; // checksum now wrong
        byte[] tar = concat(h, padded(new byte[] {1}), new byte[1024]);
        IOException e = assertThrows(IOException.class,
                () -> InflateCheck.readTar(new ByteArrayInputStream(tar)));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void readsTheRealCalgaryArchiveWhenPresent() throws IOException {
        Path corpus = InflateCheck.findCorpus(Path.of(""), System.getProperty("conformance.corpus"), new ArrayList<>());
        assumeTrue(corpus != null && Files.isRegularFile(corpus.resolve("calgary.tar.gz")), "no shared corpus here");
        Map<String, byte[]> files;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(corpus.resolve("calgary.tar.gz")))) {
            files = InflateCheck.readTar(in);
        }
        assertEquals(18, files.size(), files.keySet().toString());
        assertNotNull(files.get("bib"));
        assertEquals(111_261, files.get("bib").length);
        assertEquals(768_771, files.get("book1").length);
    }

    private Path write(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }

    /** A ustar header; prefix, if given, goes in the POSIX prefix field. */
    private static byte[] header(String name, int size, char type, String prefix) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 124, String.format("%011o", size));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        if (prefix != null) {
            put(h, 345, prefix);
        }
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte x : h) {
            sum += x & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private static byte[] padded(byte[] data) {
        return Arrays.copyOf(data, (data.length + 511) / 512 * 512);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
