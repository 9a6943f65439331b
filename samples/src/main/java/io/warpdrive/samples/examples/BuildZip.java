/*
 * Example 4: a ZIP archive two ways. WdZipOutputStream is java.util.zip.ZipOutputStream with
 * WdDeflater inside; ParallelZip compresses entries on several threads (and, on a queue
 * backend, several queues) and adds them to a Commons Compress archive in order. Both archives
 * are checked with java.util.zip.ZipFile.
 *
 *   java -cp samples/target/wdzip-samples.jar io.warpdrive.samples.examples.BuildZip [FILE...]
 */
package io.warpdrive.samples.examples;

import io.warpdrive.zip.WdZipOutputStream;
import io.warpdrive.zip.compress.ParallelZip;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

public final class BuildZip {
    private BuildZip() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.add(Path.of(a));
        }
        run(System.out, Files.createTempDirectory("wdzip-example"), files);
    }

    /** Zips {@code files} (default: the running JDK's conf/ directory) into {@code dir}. */
    public static void run(PrintStream out, Path dir, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            try (Stream<Path> s = Files.walk(Path.of(System.getProperty("java.home"), "conf"))) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        Path a = dir.resolve("with-zipoutputstream.zip");
        try (ZipOutputStream z = new WdZipOutputStream(Files.newOutputStream(a))) {
            for (Path f : files) {
                z.putNextEntry(new ZipEntry(entryName(f)));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        verify(a, files);
        out.printf("%s: %d entries, %d bytes, verified with java.util.zip.ZipFile%n", a, files.size(), Files.size(a));

        Path b = dir.resolve("parallel.zip");
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        try (ParallelZip z = new ParallelZip(new ZipArchiveOutputStream(b), threads, 6)) {
            for (Path f : files) {
                z.add(new ZipArchiveEntry(entryName(f)), () -> Files.newInputStream(f));
            }
            z.finish();
            out.printf("%s: %d entries compressed on %d threads, %d -> %d bytes of data%n", b, z.entries(), threads,
                    z.bytesIn(), z.bytesOut());
        }
        verify(b, files);
        out.println(b + ": verified with java.util.zip.ZipFile");
    }

    private static String entryName(Path f) {
        Path rel = f.isAbsolute() && f.getNameCount() > 2 ? f.subpath(f.getNameCount() - 2, f.getNameCount()) : f;
        return rel.toString().replace('\\', '/');
    }

    private static void verify(Path zip, List<Path> files) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zf.entries());
            SwapDeflaterInflater.check(entries.size() == files.size(), zip + " entry count");
            for (int i = 0; i < files.size(); i++) {
                try (InputStream in = zf.getInputStream(entries.get(i))) {
                    SwapDeflaterInflater.check(Arrays.equals(in.readAllBytes(), Files.readAllBytes(files.get(i))),
                            zip + " entry " + entries.get(i).getName());
                }
            }
        }
    }
}
