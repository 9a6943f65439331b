/*
 * Writes the committed seed corpus of the fuzz targets: small valid streams made by
 * java.util.zip, edge sizes, hand-made invalid ones, gzip files with every header field, and call
 * sequences touching every Deflater method. Run once and commit the files; regression runs
 * (plain `mvn test`) replay them. Each seed is control bytes (see the targets' layouts) followed
 * by data, so the files stay a few kilobytes at most.
 *
 *   java -cp conformance-tests/target/test-classes:... io.warpdrive.conformance.fuzz.SeedCorpus \
 *        conformance-tests/src/test/resources
 * (CorpusFilesTest checks that the directories exist, are not empty and stay under 1 MB.)
 */
package io.warpdrive.conformance.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Seed generator (a program, not a test). */
public final class SeedCorpus {
    static final String PACKAGE_DIR = "io/warpdrive/conformance/fuzz";

    private final Path root;

    private SeedCorpus(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        SeedCorpus s = new SeedCorpus(Path.of(args.length > 0 ? args[0] : "src/test/resources").resolve(PACKAGE_DIR));
        s.inflater();
        s.deflater();
        s.gzip();
    }

    private void write(String cls, String method, String name, byte[] data) throws IOException {
        Path dir = root.resolve(cls + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), data);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] text(int n) {
        String words = "the zlib window of a dynamic block holds literal and length codes; ";
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) words.charAt((i * 7 + i / 13) % words.length());
        }
        return b;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] run(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private void inflater() throws IOException {
        String c = "InflaterFuzzTest";
        byte[][] plains = {new byte[0], bytes('a'), bytes('a', 'b'), text(1000), run(3000, 'x'), random(300, 1),
            text(258), cat(random(100, 2), run(400, 0))};
        String[] names = {"empty", "1byte", "2bytes", "text1000", "run3000", "random300", "text258", "mixed"};
        int[] levels = {0, 1, 6, 9};
        int k = 0;
        for (int i = 0; i < plains.length; i++) {
            for (boolean nowrap : new boolean[] {false, true}) {
                int level = levels[(i + (nowrap ? 1 : 0)) % levels.length];
                byte[] z = InflaterTargets.compress(plains[i], level, 0, nowrap, null, false);
                int ctl = (nowrap ? 1 : 0) | (k % 3 == 0 ? 4 : 0);
                write(c, "arbitraryBytes", names[i] + (nowrap ? "-raw" : "-zlib") + "-l" + level, cat(bytes(ctl, k * 37), z));
                k++;
            }
        }
        byte[] fdict = InflaterTargets.compress(text(500), 6, 0, false, InflaterTargets.DICTIONARY, false);
        write(c, "arbitraryBytes", "fdict-zlib", cat(bytes(2, 5), fdict));
        write(c, "arbitraryBytes", "fdict-no-dictionary", cat(bytes(0, 6), fdict));
        byte[] synced = InflaterTargets.compress(text(2000), 6, 0, false, null, true);
        write(c, "arbitraryBytes", "sync-flush-zlib", cat(bytes(4, 7), synced));
        byte[] z = InflaterTargets.compress(text(600), 6, 0, false, null, false);
        write(c, "arbitraryBytes", "trailing-bytes", cat(bytes(0, 8), z, bytes(1, 2, 3, 4, 5)));
        write(c, "arbitraryBytes", "truncated", cat(bytes(0, 9), java.util.Arrays.copyOf(z, z.length - 3)));
        // Hand-made raw streams, one zlib message each.
        write(c, "arbitraryBytes", "raw-invalid-block-type", bytes(1, 10, 0x07));
        write(c, "arbitraryBytes", "raw-stored-bad-lengths", bytes(1, 11, 0x01, 0x05, 0x00, 0x00, 0x00));
        write(c, "arbitraryBytes", "raw-stored-ok", bytes(1, 12, 0x01, 0x03, 0x00, 0xfc, 0xff, 'a', 'b', 'c'));
        write(c, "arbitraryBytes", "raw-fixed-distance-too-far", bytes(1, 13, 0x63, 0x00, 0x42, 0x00));
        write(c, "arbitraryBytes", "zlib-bad-header", bytes(0, 14, 0x78, 0x9d, 0x03, 0x00));
        write(c, "arbitraryBytes", "zlib-window-too-big", bytes(0, 15, 0x88, 0x98, 0x03, 0x00));
        write(c, "arbitraryBytes", "zlib-empty-final", bytes(0, 16, 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01));
        write(c, "arbitraryBytes", "zlib-bad-check", bytes(0, 17, 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x02));
        write(c, "arbitraryBytes", "raw-dynamic-header-only", bytes(1, 18, 0x05, 0xc0, 0x21, 0x0d, 0x00, 0x00));

        String m = "mutatedValidStream";
        write(c, m, "text-l6-clean", cat(bytes(6, 0, 1, 0), text(3000)));
        write(c, m, "text-l1-raw-flip", cat(bytes(0x11, 0, 2, 1, 0, 40, 0x10, 0), text(2000)));
        write(c, m, "text-l9-dict-insert", cat(bytes(0x29, 1, 3, 1, 0, 3, 0x55, 2), text(1500)));
        write(c, m, "run-l6-huffman-delete", cat(bytes(0x46, 2, 4, 2, 0, 9, 0, 3, 1, 0, 0xff, 0), run(5000, 'q')));
        write(c, m, "random-l0-stored-set", cat(bytes(0x90, 0, 5, 1, 0, 2, 0x00, 1), random(700, 3)));
        write(c, m, "text-l6-truncate", cat(bytes(0x06, 0, 6, 1, 0, 77, 0, 4), text(4000)));
        write(c, m, "mixed-l5-filtered-buffers", cat(bytes(0x85, 1, 7, 3, 0, 5, 1, 0, 0, 60, 2, 0, 1, 0, 9, 3),
                cat(text(800), random(200, 4), run(300, 7))));
        write(c, m, "empty-l6", bytes(0x06, 0, 8, 0));
        write(c, m, "one-byte-raw", cat(bytes(0x13, 0, 9, 0), bytes('z')));
    }

    private void deflater() throws IOException {
        String c = "DeflaterFuzzTest";
        String m = "operationSequence";
        // op: {a, b, c, d}; see DeflaterTargets for the encoding
        byte[] setAll = bytes(0, 0xff, 0xff, 0);        // setInput(65535, array)
        byte[] def = bytes(1, 0x20, 0x00, 0);           // deflate(8193, NO_FLUSH, array)
        byte[] defSmall = bytes(1, 0x80 | 7, 0, 0);     // deflate(8, NO_FLUSH)
        byte[] sync = bytes(1, 0x10, 0, 1);             // deflate(4097, SYNC_FLUSH)
        byte[] full = bytes(2, 0x10, 0, 2);             // deflate(4097, FULL_FLUSH)
        byte[] finish = bytes(6, 0, 0, 0);
        byte[] reset = bytes(6, 1, 0, 0);
        byte[] end = bytes(7, 0, 0, 0);
        byte[] level1 = bytes(3, 3, 0, 0);
        byte[] level9 = bytes(3, 11, 0, 0);
        byte[] huffman = bytes(4, 2, 0, 0);
        byte[] filtered = bytes(4, 1, 0, 0);
        byte[] dict = bytes(5, 0, 10, 0);               // setDictionary(from 0, 40 bytes)
        byte[] heapIn = bytes(0, 0x02, 0x00, 2);        // setInput(512, heap)
        byte[] directOut = bytes(1, 0x04, 0x00, 3 << 2); // deflate(1025, direct)
        byte[] badFlush = bytes(0x11, 0x04, 0, 0);      // deflate(1025, flush 1)
        byte[] badLevel = bytes(3, 12, 0, 0);           // setLevel(10)
        byte[] text = text(6000);
        write(c, m, "simple", cat(bytes(7, 0, 3), setAll, finish, def, text));
        write(c, m, "raw-small-out", cat(bytes(2, 1, 4), setAll, finish, defSmall, defSmall, text));
        write(c, m, "flushes", cat(bytes(7, 0, 6), heapIn, sync, heapIn, full, heapIn, def, text));
        write(c, m, "level-changes", cat(bytes(7, 0, 7), heapIn, def, level1, heapIn, def, level9, def, text));
        write(c, m, "strategies", cat(bytes(4, 1, 6), huffman, heapIn, sync, filtered, heapIn, def, text));
        write(c, m, "dictionary", cat(bytes(7, 0, 4), dict, setAll, finish, def, text));
        write(c, m, "reset-and-again", cat(bytes(7, 2, 6), setAll, finish, def, reset, heapIn, def, text(50)));
        write(c, m, "end-then-use", cat(bytes(7, 0, 4), heapIn, def, end, def, text));
        write(c, m, "invalid-args", cat(bytes(7, 0, 4), badLevel, heapIn, badFlush, directOut, text));
        write(c, m, "level0-stored", cat(bytes(1, 0, 5), setAll, sync, setAll, finish, defSmall, random(3000, 5)));
        write(c, m, "empty-finish", cat(bytes(7, 0, 2), finish, def));
        write(c, m, "runs-repeated", cat(bytes(10, 2, 3), setAll, sync, def, run(200, 'r')));
    }

    private void gzip() throws IOException {
        String c = "GzipFuzzTest";
        byte[] one = gz(text(3000));
        byte[] empty = gz(new byte[0]);
        byte[] two = cat(gz(text(700)), gz(random(300, 6)));
        write(c, "gzipBytes", "one-member", cat(bytes(0), one));
        write(c, "gzipBytes", "empty-member", cat(bytes(1 | 1 << 3), empty));
        write(c, "gzipBytes", "two-members", cat(bytes(4), two));
        write(c, "gzipBytes", "two-members-no-available", cat(bytes(0x40 | 2), two));
        write(c, "gzipBytes", "trailing-zeros", cat(bytes(3 << 3), one, new byte[20]));
        write(c, "gzipBytes", "trailing-garbage", cat(bytes(5), one, "garbage".getBytes(StandardCharsets.US_ASCII)));
        write(c, "gzipBytes", "single-byte-reads", cat(bytes(0x80 | 3), two));
        write(c, "gzipBytes", "all-fields", cat(bytes(6), GzipTargets.header(0x1f, 2, 3, bytes('A', 'B', 2, 0, 'x', 'y'),
                "name.txt".getBytes(StandardCharsets.US_ASCII), "a comment".getBytes(StandardCharsets.US_ASCII), 0),
                GzipTargets.member(text(100), 0)));
        write(c, "gzipBytes", "not-gzip", bytes(0, 0x1f, 0x8c, 8, 0));
        write(c, "gzipBytes", "truncated-trailer", cat(bytes(0), java.util.Arrays.copyOf(one, one.length - 2)));

        String m = "assembledGzip";
        byte[] fields = bytes(3, 'E', 'X', 0, 4, 'n', 'a', 'm', 'e', 3, 'c', 'm', 't');
        // flg, members, ending, damage, reading, xfl, os, then extra/name/comment (length-prefixed), then data
        write(c, m, "plain", cat(bytes(0, 0, 0, 0, 0, 0, 255), bytes(0, 0, 0), text(500)));
        write(c, m, "all-fields-hcrc", cat(bytes(0x1f, 1, 0, 0, 4, 2, 3), fields, text(400)));
        write(c, m, "reserved-flags", cat(bytes(0xe8, 0, 0, 0, 0, 4, 0), fields, text(100)));
        write(c, m, "three-members-zeros", cat(bytes(0x08, 2, 1, 0, 2, 0, 3), fields, text(900)));
        write(c, m, "garbage-after", cat(bytes(0x10, 1, 2, 0, 0x40, 0, 3), fields, text(300)));
        write(c, m, "lone-magic-after", cat(bytes(0, 1, 3, 0, 0, 0, 3), fields, text(300)));
        write(c, m, "truncated", cat(bytes(0x04, 0, 4, 0, 1, 0, 3), fields, text(300)));
        write(c, m, "bad-method", cat(bytes(0, 0, 0, 1, 0, 0, 3), fields, text(50)));
        write(c, m, "bad-hcrc", cat(bytes(0x02, 0, 0, 2, 0, 0, 3), fields, text(50)));
        write(c, m, "bad-crc-second-member", cat(bytes(0, 1, 0, 3, 0x80, 0, 3), fields, text(200)));
        write(c, m, "bad-isize", cat(bytes(0, 0, 0, 4, 7, 0, 3), fields, text(200)));
        write(c, m, "empty-data", cat(bytes(0x08, 2, 0, 0, 0, 0, 3), fields));
    }

    static byte[] gz(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(plain);
        }
        return out.toByteArray();
    }
}
