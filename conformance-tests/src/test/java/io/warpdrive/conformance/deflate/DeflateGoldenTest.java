/*
 * Golden output: WdDeflater reproduces java.util.zip's zlib-wrapped output for the Silesia files
 * at levels 1, 6 and 9, byte for byte (length and SHA-256 from zlib-golden.tsv, recorded with
 * JDK 17 + zlib 1.2.13 fed whole), and the same bytes whatever the input and output chunking.
 * Skipped (never passed) when the corpus is absent.
 */
package io.warpdrive.conformance.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.conformance.Corpus;
import io.warpdrive.conformance.harness.Config;
import io.warpdrive.zip.Backend;
import io.warpdrive.zip.WdDeflater;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeflateGoldenTest {

    // Byte-exactness with java.util.zip is the soft backend's promise: pin it, whatever
    // -Dwarpdrive.backend says for the rest of the suite.
    @BeforeAll
    static void softBackend() {
        Backend.setDefault(Backend.SOFT);
    }

    @AfterAll
    static void configuredBackend() {
        Backend.setDefault(null);
    }

    record Golden(String file, int rawLength, String rawSha256, int level, int zlibLength, String zlibSha256) {
        @Override
        public String toString() {
            return file + " level " + level;
        }
    }

    static List<Golden> goldens() throws IOException {
        Path tsv = Config.corpus().map(d -> d.resolve("zlib-golden.tsv")).orElse(null);
        if (tsv == null || !Files.exists(tsv)) {
            return List.of();
        }
        List<Golden> out = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("file\t")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new Golden(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5]));
        }
        return out;
    }

    static Stream<Golden> cases() throws IOException {
        List<Golden> all = goldens();
        if (all.isEmpty()) {
            // One placeholder so the test reports "skipped" instead of silently running nothing.
            return Stream.of(new Golden("(no corpus)", 0, "", 6, 0, ""));
        }
        return all.stream();
    }

    /** Whole input, one large output buffer: the way the golden file was recorded. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void silesiaMatchesGolden(Golden g) {
        assumeTrue(Corpus.dir().isPresent() && !g.rawSha256().isEmpty(), "corpus not available");
        byte[] raw = Corpus.file("silesia", g.file());
        assertEquals(g.rawLength(), raw.length, "corpus file length");
        assertEquals(g.rawSha256(), sha256(raw, raw.length), "corpus file hash");

        Deflater d = new WdDeflater(g.level());
        byte[] out = new byte[raw.length + raw.length / 1000 + 64];
        int n;
        try {
            d.setInput(raw);
            d.finish();
            n = 0;
            while (!d.finished()) {
                n += d.deflate(out, n, out.length - n);
            }
        } finally {
            d.end();
        }
        assertEquals(g.zlibLength(), n, "compressed length");
        assertEquals(g.zlibSha256(), sha256(out, n), "compressed SHA-256");
    }

    /**
     * Levels 1-9 do not depend on chunking: random input chunks and small random output buffers
     * give the golden bytes too. One file and level by default, all of them with
     * -Dconformance.full=true.
     */
    @Test
    void chunkingDoesNotChangeTheBytes() {
        assumeTrue(Corpus.dir().isPresent(), "corpus not available");
        List<Golden> all;
        try {
            all = goldens();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assumeTrue(!all.isEmpty(), "golden file not available");
        List<Golden> run = Config.full() ? all : all.stream().filter(g -> g.file().equals("xml") && g.level() == 6).toList();
        SplittableRandom r = new SplittableRandom(Config.seed().orElse(0x5eedL));
        for (Golden g : run) {
            byte[] raw = Corpus.file("silesia", g.file());
            Deflater d = new WdDeflater(g.level());
            ByteArrayOutputStream out = new ByteArrayOutputStream(g.zlibLength());
            byte[] buf = new byte[70_000];
            try {
                int pos = 0;
                while (!d.finished()) {
                    if (d.needsInput() && pos < raw.length) {
                        int len = Math.min(raw.length - pos, r.nextInt(1, 100_000));
                        d.setInput(raw, pos, len);
                        pos += len;
                        if (pos == raw.length) {
                            d.finish();
                        }
                    }
                    int n = d.deflate(buf, 0, r.nextInt(1, buf.length));
                    out.write(buf, 0, n);
                }
            } finally {
                d.end();
            }
            byte[] got = out.toByteArray();
            assertEquals(g.zlibLength(), got.length, g + ": compressed length");
            assertEquals(g.zlibSha256(), sha256(got, got.length), g + ": compressed SHA-256");
        }
    }

    /** The JDK itself must reproduce the golden file here, or the comparison means nothing. */
    @Test
    void jdkOnThisMachineMatchesGolden() throws IOException {
        assumeTrue(Corpus.dir().isPresent(), "corpus not available");
        List<Golden> all = goldens();
        assumeTrue(!all.isEmpty(), "golden file not available");
        Golden g = all.stream().filter(x -> x.file().equals("xml") && x.level() == 1).findFirst().orElseThrow();
        byte[] raw = Corpus.file("silesia", g.file());
        Deflater d = new Deflater(g.level());
        byte[] out = new byte[raw.length + 1024];
        d.setInput(raw);
        d.finish();
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(out, n, out.length - n);
        }
        d.end();
        assertEquals(g.zlibLength(), n);
        assertArrayEquals(HexFormat.of().parseHex(g.zlibSha256()), digest(out, n));
    }

    private static String sha256(byte[] b, int len) {
        return HexFormat.of().formatHex(digest(b, len));
    }

    private static byte[] digest(byte[] b, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, 0, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
