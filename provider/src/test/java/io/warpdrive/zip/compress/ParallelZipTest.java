/*
 * ParallelZip: archives built with entries deflated on several threads, read back with
 * java.util.zip.ZipFile (the oracle): every entry's bytes, CRC, sizes, method and order, with
 * 1..4 threads, stored and directory entries, an entry large enough to spill to a temporary
 * file, and a failing source reported to the caller.
 */
package io.warpdrive.zip.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.zip.Backend;
import io.warpdrive.zip.GzipTestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelZipTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearBackend() {
        Backend.setDefault(null);
    }

    private static Map<String, byte[]> entries(long seed) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, byte[]> e : GzipTestData.shapes(seed).entrySet()) {
            m.put(String.format("%02d-%s.bin", i++, e.getKey().replace(' ', '-')), e.getValue());
        }
        return m;
    }

    private static void verify(Path zip, Map<String, byte[]> expected, List<String> stored) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : Collections.list(zf.entries())) {
                names.add(e.getName());
                if (e.isDirectory()) {
                    continue;
                }
                byte[] want = expected.get(e.getName());
                try (InputStream in = zf.getInputStream(e)) {
                    assertArrayEquals(want, in.readAllBytes(), e.getName());
                }
                CRC32 crc = new CRC32();
                crc.update(want);
                assertEquals(crc.getValue(), e.getCrc(), e.getName());
                assertEquals(want.length, e.getSize(), e.getName());
                assertEquals(stored.contains(e.getName()) ? ZipEntry.STORED : ZipEntry.DEFLATED, e.getMethod(),
                        e.getName());
            }
            List<String> order = new ArrayList<>(expected.keySet());
            assertEquals(order, names, "entries in the order added");
        }
    }

    @Test
    void entriesOfEveryShapeOnOneToFourThreads() throws Exception {
        GzipTestData.onEachBackend(() -> {
            for (int threads = 1; threads <= 4; threads *= 2) {
                Map<String, byte[]> expected = entries(threads);
                expected.put("dir/", new byte[0]);
                expected.put("dir/stored.txt", GzipTestData.text(10_000, 5));
                Path zip = tmp.resolve("t" + threads + "-" + Backend.configured() + ".zip");
                try (ParallelZip pz = new ParallelZip(new ZipArchiveOutputStream(zip), threads, 6)) {
                    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                        ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                        if (e.getKey().equals("dir/stored.txt")) {
                            entry.setMethod(ZipEntry.STORED);
                        }
                        byte[] data = e.getValue();
                        pz.add(entry, () -> new ByteArrayInputStream(data));
                    }
                    pz.finish();
                    assertEquals(expected.size(), pz.entries());
                    assertTrue(pz.bytesOut() < pz.bytesIn());
                }
                verify(zip, expected, List.of("dir/stored.txt"));
            }
        });
    }

    @Test
    void largeEntriesSpillAndStillVerify() throws IOException {
        Map<String, byte[]> expected = new LinkedHashMap<>();
        expected.put("random-6M", GzipTestData.random(6 << 20, 1)); // compresses to > 4 MiB: spills
        expected.put("small", new byte[] {1, 2, 3});
        Path zip = tmp.resolve("large.zip");
        try (ParallelZip pz = new ParallelZip(new ZipArchiveOutputStream(zip), 2, 1)) {
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                pz.add(new ZipArchiveEntry(e.getKey()), () -> new ByteArrayInputStream(e.getValue()));
            }
        }
        verify(zip, expected, List.of());
    }

    @Test
    void aFailingSourceIsReported() throws IOException {
        Path zip = tmp.resolve("fail.zip");
        ParallelZip pz = new ParallelZip(new ZipArchiveOutputStream(zip), 2, 6);
        pz.add(new ZipArchiveEntry("ok"), () -> new ByteArrayInputStream(new byte[10]));
        pz.add(new ZipArchiveEntry("bad"), () -> {
            throw new IOException("source exploded");
        });
        IOException e = assertThrows(IOException.class, pz::finish);
        assertEquals("source exploded", e.getMessage());
        assertThrows(IOException.class, () -> pz.add(new ZipArchiveEntry("late"), () -> InputStream.nullInputStream()));
        IOException onClose = assertThrows(IOException.class, pz::close);
        assertTrue(onClose.getMessage().contains("source exploded"), onClose.getMessage());
    }

    @Test
    void argumentsAreChecked() throws IOException {
        Path zip = tmp.resolve("args.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            assertThrows(IllegalArgumentException.class, () -> new ParallelZip(out, 0, 6));
            assertThrows(IllegalArgumentException.class, () -> new ParallelZip(out, 1, 10));
        }
        assertTrue(Files.exists(zip));
    }
}
