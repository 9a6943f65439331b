/*
 * The Commons Compress provider, reached the way users reach it: CompressorStreamFactory by
 * name. Oracles are Commons Compress's own gz/deflate streams and java.util.zip: each side reads
 * the other's output; on the soft backend our bytes equal Commons' for the same parameters; the
 * metadata we read back equals what Commons reads back.
 */
package io.warpdrive.zip.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.zip.Backend;
import io.warpdrive.zip.GzipTestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.CompressorOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.deflate.DeflateCompressorOutputStream;
import org.apache.commons.compress.compressors.deflate.DeflateParameters;
import org.apache.commons.compress.compressors.gzip.ExtraField;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WdCompressorStreamProviderTest {
    private static final CompressorStreamFactory FACTORY = new CompressorStreamFactory();

    @AfterEach
    void clearBackend() {
        Backend.setDefault(null);
    }

    private interface Writer {
        OutputStream open(OutputStream sink) throws IOException, CompressorException;
    }

    private static byte[] write(Writer w, byte[] data) throws IOException, CompressorException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = w.open(b)) {
            int pos = 0;
            while (pos < data.length) { // uneven pieces and a single byte now and then
                int n = (int) Math.min(data.length - pos, 1 + (pos * 7919L) % 9000);
                if (n == 1) {
                    o.write(data[pos]);
                } else {
                    o.write(data, pos, n);
                }
                pos += n;
            }
        }
        return b.toByteArray();
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void theFactoryKnowsOurNamesAndKeepsItsOwn() throws CompressorException {
        Map<String, ?> out = CompressorStreamFactory.findAvailableCompressorOutputStreamProviders();
        Map<String, ?> in = CompressorStreamFactory.findAvailableCompressorInputStreamProviders();
        for (String name : new String[] {"WD-GZ", "WD-DEFLATE", "WD-DEFLATE-RAW"}) {
            assertInstanceOf(WdCompressorStreamProvider.class, out.get(name), name);
            assertInstanceOf(WdCompressorStreamProvider.class, in.get(name), name);
        }
        assertTrue(out.containsKey("GZ") && !(out.get("GZ") instanceof WdCompressorStreamProvider));
        assertInstanceOf(WdGzipCompressorOutputStream.class,
                FACTORY.createCompressorOutputStream("wd-gz", new ByteArrayOutputStream()));
        assertInstanceOf(WdGzipCompressorOutputStream.class,
                FACTORY.createCompressorOutputStream("WD-GZ", new ByteArrayOutputStream()));
        assertInstanceOf(WdDeflateCompressorOutputStream.class,
                FACTORY.createCompressorOutputStream("wd-deflate-raw", new ByteArrayOutputStream()));
        assertThrows(CompressorException.class,
                () -> new WdCompressorStreamProvider().createCompressorOutputStream("gz", new ByteArrayOutputStream()));
    }

    @Test
    void byNameEachSideReadsTheOther() throws Exception {
        GzipTestData.onEachBackend(() -> {
            for (Map.Entry<String, byte[]> e : GzipTestData.shapes(11).entrySet()) {
                byte[] data = e.getValue();
                String what = e.getKey();
                byte[] wdGz = write(s -> FACTORY.createCompressorOutputStream("wd-gz", s), data);
                assertArrayEquals(data, read(new GZIPInputStream(new ByteArrayInputStream(wdGz))), what);
                assertArrayEquals(data, read(FACTORY.createCompressorInputStream("gz", new ByteArrayInputStream(wdGz))),
                        what);
                byte[] gz = write(s -> FACTORY.createCompressorOutputStream("gz", s), data);
                assertArrayEquals(data, read(FACTORY.createCompressorInputStream("wd-gz", new ByteArrayInputStream(gz))),
                        what);

                byte[] wdZlib = write(s -> FACTORY.createCompressorOutputStream("wd-deflate", s), data);
                assertArrayEquals(data, read(new InflaterInputStream(new ByteArrayInputStream(wdZlib))), what);
                byte[] zlib = write(s -> FACTORY.createCompressorOutputStream("deflate", s), data);
                assertArrayEquals(data,
                        read(FACTORY.createCompressorInputStream("wd-deflate", new ByteArrayInputStream(zlib))), what);

                byte[] wdRaw = write(s -> FACTORY.createCompressorOutputStream("wd-deflate-raw", s), data);
                Inflater raw = new Inflater(true);
                assertArrayEquals(data, read(new InflaterInputStream(new ByteArrayInputStream(wdRaw), raw)), what);
                raw.end();
                DeflateParameters noHeader = new DeflateParameters();
                noHeader.setWithZlibHeader(false);
                byte[] jdkRaw = write(s -> new DeflateCompressorOutputStream(s, noHeader), data);
                assertArrayEquals(data,
                        read(FACTORY.createCompressorInputStream("wd-deflate-raw", new ByteArrayInputStream(jdkRaw))),
                        what);
            }
        });
    }

    private static GzipParameters fullParameters(int level) throws IOException {
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(level);
        p.setFileName("donn\u00e9es.csv");
        p.setComment("commentaire \u00e9t\u00e9");
        p.setModificationInstant(Instant.parse("2023-03-04T05:06:07Z"));
        p.setOperatingSystem(3);
        p.setHeaderCRC(true);
        p.setBufferSize(1000);
        ExtraField x = new ExtraField();
        x.addSubField("WD", new byte[] {1, 2, 3});
        x.addSubField("ab", new byte[0]);
        p.setExtraField(x);
        return p;
    }

    @Test
    void gzipParametersGiveCommonsBytesOnSoft() throws Exception {
        Backend.setDefault(Backend.SOFT);
        byte[] data = GzipTestData.text(200_000, 12);
        for (int level : new int[] {1, 6, 9}) {
            GzipParameters p = fullParameters(level);
            byte[] commons = write(s -> new GzipCompressorOutputStream(s, p), data);
            byte[] ours = write(s -> new WdGzipCompressorOutputStream(s, p), data);
            assertArrayEquals(commons, ours, "level " + level);
        }
        GzipParameters filtered = new GzipParameters();
        filtered.setDeflateStrategy(Deflater.FILTERED);
        filtered.setCompressionLevel(4);
        assertArrayEquals(write(s -> new GzipCompressorOutputStream(s, filtered), data),
                write(s -> new WdGzipCompressorOutputStream(s, filtered), data), "FILTERED");
        // Defaults through the factory: Commons' bytes too.
        assertArrayEquals(write(s -> FACTORY.createCompressorOutputStream("gz", s), data),
                write(s -> FACTORY.createCompressorOutputStream("wd-gz", s), data));
        // A provider built with parameters hands them to its streams.
        GzipParameters p9 = fullParameters(9);
        WdCompressorStreamProvider provider = new WdCompressorStreamProvider(p9, new DeflateParameters());
        assertArrayEquals(write(s -> new GzipCompressorOutputStream(s, p9), data),
                write(s -> provider.createCompressorOutputStream("wd-gz", s), data));
    }

    @Test
    void deflateParametersGiveCommonsBytesOnSoft() throws Exception {
        Backend.setDefault(Backend.SOFT);
        byte[] data = GzipTestData.partlyRandom(150_000, 13);
        for (int level : new int[] {0, 1, 5, 9}) {
            for (boolean zlib : new boolean[] {true, false}) {
                DeflateParameters p = new DeflateParameters();
                p.setCompressionLevel(level);
                p.setWithZlibHeader(zlib);
                byte[] commons = write(s -> new DeflateCompressorOutputStream(s, p), data);
                byte[] ours = write(s -> new WdDeflateCompressorOutputStream(s, p), data);
                if (level != 0) { // stored blocks follow the write pattern, which differs between the two
                    assertArrayEquals(commons, ours, "level " + level + " zlib " + zlib);
                }
                assertArrayEquals(data, read(new WdDeflateCompressorInputStream(new ByteArrayInputStream(ours), p)));
            }
        }
        DeflateParameters level2 = new DeflateParameters();
        level2.setCompressionLevel(2);
        WdCompressorStreamProvider provider = new WdCompressorStreamProvider(new GzipParameters(), level2);
        DeflateParameters raw2 = new DeflateParameters();
        raw2.setCompressionLevel(2);
        raw2.setWithZlibHeader(false);
        assertArrayEquals(write(s -> new DeflateCompressorOutputStream(s, raw2), data),
                write(s -> provider.createCompressorOutputStream("wd-deflate-raw", s), data));
    }

    @Test
    void metaDataEqualsWhatCommonsReads() throws Exception {
        byte[] data = GzipTestData.text(30_000, 14);
        GzipParameters p = fullParameters(9);
        byte[] gz = write(s -> new WdGzipCompressorOutputStream(s, p), data);
        GzipParameters theirs;
        try (GzipCompressorInputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(data, in.readAllBytes());
            theirs = in.getMetaData();
        }
        try (CompressorInputStream in = FACTORY.createCompressorInputStream("wd-gz", new ByteArrayInputStream(gz))) {
            WdGzipCompressorInputStream wd = (WdGzipCompressorInputStream) in;
            GzipParameters ours = wd.getMetaData();
            assertArrayEquals(data, in.readAllBytes());
            assertEquals(theirs.getFileName(), ours.getFileName());
            assertEquals(theirs.getComment(), ours.getComment());
            assertEquals(theirs.getModificationTime(), ours.getModificationTime());
            assertEquals(theirs.getOperatingSystem(), ours.getOperatingSystem());
            assertEquals(theirs.getCompressionLevel(), ours.getCompressionLevel());
            assertEquals(theirs.getExtraField(), ours.getExtraField());
            assertEquals(theirs.getHeaderCRC(), ours.getHeaderCRC());
            assertEquals("donn\u00e9es.csv", wd.getHeader().name(StandardCharsets.ISO_8859_1));
            assertEquals(data.length, in.getUncompressedCount());
            assertEquals(gz.length, wd.getCompressedCount());
        }
    }

    @Test
    void concatenatedMembersAndTrailingBytesAsCommons() throws Exception {
        byte[] a = GzipTestData.text(5000, 15);
        byte[] b = GzipTestData.random(3000, 16);
        byte[] ga = write(s -> new GzipCompressorOutputStream(s), a);
        byte[] gb = write(s -> new GzipCompressorOutputStream(s), b);
        byte[][] inputs = {
            GzipTestData.concat(ga, gb),
            GzipTestData.concat(ga, gb, "junk".getBytes(StandardCharsets.US_ASCII)),
            GzipTestData.concat(ga, new byte[] {1}),
            ga,
            java.util.Arrays.copyOf(ga, ga.length - 3),
            "nope".getBytes(StandardCharsets.US_ASCII),
        };
        for (boolean concatenated : new boolean[] {false, true}) {
            CompressorStreamFactory f = new CompressorStreamFactory(concatenated);
            for (int i = 0; i < inputs.length; i++) {
                byte[] in = inputs[i];
                GzipTestData.Outcome theirs = GzipTestData.drain(
                        () -> f.createCompressorInputStream("gz", new ByteArrayInputStream(in)), 1000);
                GzipTestData.Outcome ours = GzipTestData.drain(
                        () -> f.createCompressorInputStream("wd-gz", new ByteArrayInputStream(in)), 1000);
                String what = "input " + i + " concatenated " + concatenated + ": commons " + theirs.describe()
                        + ", ours " + ours.describe();
                assertEquals(theirs.failure == null, ours.failure == null, what);
                if (theirs.failure == null) {
                    assertArrayEquals(theirs.data, ours.data, what);
                } else { // how much comes out before the failure depends on buffering
                    byte[] all = GzipTestData.concat(a, b);
                    assertArrayEquals(java.util.Arrays.copyOf(all, ours.data.length), ours.data, what);
                }
            }
        }
    }

    @Test
    void outputStreamsRefuseWritesAfterFinish() throws Exception {
        for (String name : new String[] {"wd-gz", "wd-deflate", "wd-deflate-raw"}) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            CompressorOutputStream<?> o = FACTORY.createCompressorOutputStream(name, sink);
            o.write(new byte[] {1, 2, 3});
            o.finish();
            int size = sink.size();
            o.finish(); // idempotent
            assertEquals(size, sink.size(), name);
            assertThrows(IOException.class, () -> o.write(4), name);
            o.close();
            o.close();
        }
    }
}
