/*
 * Interoperability with the gzip implementations people use: GNU gzip, pigz, libdeflate-gzip,
 * igzip (ISA-L) and zopfli. Their output (single members, several levels, parallel and
 * independent-block modes, and all of them concatenated) is read by WdGZIPInputStream and
 * GzipReader and compared with the original; our output, with a full header, is checked by
 * each decompressor there is, and GNU gzip restores the file name we stored.
 *
 * Each tool is used only when installed (the test says which were skipped); on Debian/Ubuntu:
 * apt-get install gzip pigz libdeflate-tools isal zopfli.
 */
package io.warpdrive.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipToolsInteropTest {
    @TempDir
    Path tmp;

    static boolean installed(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command with stdin from a file (or nothing); returns stdout; fails on a non-zero exit. */
    static byte[] run(Path dir, Path stdin, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile()) : ProcessBuilder.Redirect.PIPE);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (stdin == null) {
            p.getOutputStream().close();
        }
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + Files.readString(err));
        }
        return out;
    }

    /** What each installed tool makes of {@code file}: label and bytes. */
    private List<Object[]> toolOutputs(Path file, Path small, List<String> missing) throws Exception {
        List<Object[]> list = new ArrayList<>();
        String f = file.toString();
        String[][] commands = {
            {"gzip", "-1", "-c", f}, {"gzip", "-9", "-c", "-N", f},
            {"pigz", "-p", "2", "-c", f}, {"pigz", "-i", "-b", "32", "-c", f}, {"pigz", "-11", "-c", f},
            {"libdeflate-gzip", "-1", "-c", f}, {"libdeflate-gzip", "-12", "-c", f},
            {"igzip", "-0", "-c", f}, {"igzip", "-3", "-c", f},
            {"zopfli", "--i1", "-c", small.toString()},
        };
        for (String[] c : commands) {
            if (!installed(c[0])) {
                if (!missing.contains(c[0])) {
                    missing.add(c[0]);
                }
                continue;
            }
            if (c[0].equals("pigz") && c[1].equals("-11") && !zopfliInPigz()) {
                continue;
            }
            list.add(new Object[] {String.join(" ", c), run(tmp, null, c), c[c.length - 1].equals(small.toString())});
        }
        return list;
    }

    private boolean zopfliInPigz() {
        try {
            run(tmp, null, "pigz", "-11", "-c", "/dev/null");
            return true;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    @Test
    void weReadEveryToolsOutput() throws Exception {
        byte[] data = GzipTestData.partlyRandom(400_000, 31);
        byte[] small = GzipTestData.text(40_000, 32);
        Path file = Files.write(tmp.resolve("input.bin"), data);
        Path smallFile = Files.write(tmp.resolve("small.txt"), small);
        List<String> missing = new ArrayList<>();
        List<Object[]> outputs = toolOutputs(file, smallFile, missing);
        assumeTrue(!outputs.isEmpty(), "no gzip tool installed");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream allData = new ByteArrayOutputStream();
        for (Object[] o : outputs) {
            String label = (String) o[0];
            byte[] gz = (byte[]) o[1];
            byte[] want = (Boolean) o[2] ? small : data;
            all.writeBytes(gz);
            allData.writeBytes(want);
            try (WdGZIPInputStream in = new WdGZIPInputStream(new ByteArrayInputStream(gz))) {
                assertArrayEquals(want, in.readAllBytes(), label);
                if (label.startsWith("gzip -9")) {
                    assertEquals("input.bin", in.getHeader().name(), label);
                    assertEquals(Files.getLastModifiedTime(file).toInstant().getEpochSecond(), in.getHeader().mtime());
                    assertEquals(GzipHeader.XFL_MAX_COMPRESSION, in.getHeader().xfl(), label);
                }
            }
            try (GzipReader r = GzipReader.builder(new GzipTestData.Trickle(new ByteArrayInputStream(gz)))
                    .bufferSize(1000).build()) {
                assertArrayEquals(want, r.readAllBytes(), label);
                assertEquals(GzipReader.Trailing.NONE, r.trailing(), label);
            }
        }
        // Every tool's member, one after the other: the gzip tool's rules read them all...
        byte[] concatenated = all.toByteArray();
        try (GzipReader r = GzipReader.builder(new ByteArrayInputStream(concatenated)).build()) {
            assertArrayEquals(allData.toByteArray(), r.readAllBytes());
        }
        // ...and the JDK-rules stream reads exactly what GZIPInputStream reads on this JDK.
        assertArrayEquals(new GZIPInputStream(new ByteArrayInputStream(concatenated)).readAllBytes(),
                new WdGZIPInputStream(new ByteArrayInputStream(concatenated)).readAllBytes());
        System.out.println("GzipToolsInteropTest: read " + outputs.size() + " tool outputs"
                + (missing.isEmpty() ? "" : "; not installed, skipped: " + missing));
    }

    @Test
    void everyDecompressorReadsOurs() throws Exception {
        byte[] data = GzipTestData.partlyRandom(300_000, 33);
        GzipHeader h = GzipHeader.builder().name("restored-name.bin").comment("from warpdrive")
                .extra(new byte[] {'W', 'D', 2, 0, 1, 2}).mtime(1_600_000_000L).os(GzipHeader.OS_UNIX)
                .headerCrc(true).build();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (WdGZIPOutputStream o = new WdGZIPOutputStream(b, 9, h)) {
            o.write(data);
        }
        Path gz = Files.write(tmp.resolve("ours.gz"), GzipTestData.concat(b.toByteArray(), b.toByteArray()));
        byte[] twice = GzipTestData.concat(data, data);
        String[] tools = {"gzip", "pigz", "libdeflate-gzip", "igzip"};
        int ran = 0;
        for (String tool : tools) {
            if (installed(tool)) {
                assertArrayEquals(twice, run(tmp, null, tool, "-d", "-c", gz.toString()), tool);
                ran++;
            }
        }
        assumeTrue(ran > 0, "no gzip decompressor installed");
        if (installed("gzip")) {
            Path dir = Files.createDirectories(tmp.resolve("restore"));
            Files.write(dir.resolve("x.gz"), b.toByteArray());
            run(dir, null, "gzip", "-d", "-N", "x.gz");
            assertArrayEquals(data, Files.readAllBytes(dir.resolve("restored-name.bin")));
            assertEquals(1_600_000_000L, Files.getLastModifiedTime(dir.resolve("restored-name.bin")).toMillis() / 1000);
        }
    }
}
