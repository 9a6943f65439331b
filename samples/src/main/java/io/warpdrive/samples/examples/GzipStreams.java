/*
 * Example 2: gzip files with warpdrive. WdGZIPOutputStream writes a full RFC 1952 header (name,
 * comment, time stamp, extra field, header CRC) and is a GZIPOutputStream; WdGZIPInputStream is
 * a GZIPInputStream that also hands back the header; GzipReader reads with the gzip tool's rules
 * (all members, trailing garbage reported).
 *
 *   java -cp samples/target/wdzip-samples.jar io.warpdrive.samples.examples.GzipStreams [DIR]
 */
package io.warpdrive.samples.examples;

import io.warpdrive.zip.GzipHeader;
import io.warpdrive.zip.GzipReader;
import io.warpdrive.zip.WdGZIPInputStream;
import io.warpdrive.zip.WdGZIPOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

public final class GzipStreams {
    private GzipStreams() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("wdzip-example");
        run(System.out, dir);
    }

    public static void run(PrintStream out, Path dir) throws IOException {
        byte[] csv = "id,name,score\n".concat("42,warp drive,99.5\n".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        Path gz = dir.resolve("scores.csv.gz");

        GzipHeader header = GzipHeader.builder()
                .name("scores.csv")
                .comment("written by io.warpdrive.samples.examples.GzipStreams")
                .mtime(Instant.now())
                .os(GzipHeader.OS_UNIX)
                .xfl(GzipHeader.xflForLevel(9))
                .headerCrc(true)
                .build();
        try (OutputStream o = new WdGZIPOutputStream(Files.newOutputStream(gz), 9, header)) {
            o.write(csv);
        }
        out.printf("wrote %s: %d bytes -> %d bytes%n", gz, csv.length, Files.size(gz));

        // Any gzip reader can read it; here the JDK's (it checks the header CRC too).
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            SwapDeflaterInflater.check(Arrays.equals(in.readAllBytes(), csv), "java.util.zip read");
        }
        // Ours gives the header back.
        try (WdGZIPInputStream in = new WdGZIPInputStream(Files.newInputStream(gz))) {
            SwapDeflaterInflater.check(Arrays.equals(in.readAllBytes(), csv), "WdGZIPInputStream read");
            GzipHeader h = in.getHeader();
            out.printf("header: name=%s comment=\"%s\" mtime=%s os=%d xfl=%d header-crc=%s%n", h.name(), h.comment(),
                    h.modificationTime(), h.os(), h.xfl(), h.hasHeaderCrc());
        }

        // Append a second member, as `cat a.gz b.gz` would; GzipReader reads both.
        try (OutputStream o = new WdGZIPOutputStream(Files.newOutputStream(gz, StandardOpenOption.APPEND))) {
            o.write(csv);
        }
        try (GzipReader r = GzipReader.builder(Files.newInputStream(gz)).build()) {
            long n = r.transferTo(OutputStream.nullOutputStream());
            SwapDeflaterInflater.check(n == 2L * csv.length, "two members");
            out.printf("GzipReader: %d members, %d bytes, trailing data: %s%n", r.members(), n, r.trailing());
        }
    }
}
