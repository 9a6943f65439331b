/*
 * Example 3: Apache Commons Compress by name. The provider in warpdrive-zip registers "wd-gz",
 * "wd-deflate" and "wd-deflate-raw" with CompressorStreamFactory; code that picks a compressor
 * by name switches to warpdrive by changing the name. Parameters go through the stream classes
 * (or a provider built with them).
 *
 *   java -cp samples/target/wdzip-samples.jar io.warpdrive.samples.examples.CommonsCompressByName
 */
package io.warpdrive.samples.examples;

import io.warpdrive.zip.compress.WdGzipCompressorOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

public final class CommonsCompressByName {
    private CommonsCompressByName() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws IOException, CompressorException {
        byte[] data = "{\"event\":\"doorbell\",\"queue\":3}\n".repeat(4000).getBytes(StandardCharsets.UTF_8);
        CompressorStreamFactory factory = CompressorStreamFactory.getSingleton();
        out.println("compressors named wd-*: " + CompressorStreamFactory.findAvailableCompressorOutputStreamProviders()
                .keySet().stream().filter(k -> k.startsWith("WD-")).toList());

        for (String name : new String[] {"wd-gz", "wd-deflate", "wd-deflate-raw"}) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (OutputStream o = factory.createCompressorOutputStream(name, b)) {
                o.write(data);
            }
            byte[] back;
            try (InputStream in = factory.createCompressorInputStream(name, new ByteArrayInputStream(b.toByteArray()))) {
                back = in.readAllBytes();
            }
            SwapDeflaterInflater.check(Arrays.equals(back, data), name);
            out.printf("%-15s %d bytes -> %d bytes, read back by name, verified%n", name, data.length, b.size());
        }

        // GzipParameters honoured; Commons' own "gz" reader sees them.
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(9);
        p.setFileName("events.json");
        p.setModificationInstant(Instant.parse("2025-01-01T00:00:00Z"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = new WdGzipCompressorOutputStream(b, p)) {
            o.write(data);
        }
        try (CompressorInputStream in = factory.createCompressorInputStream("gz",
                new ByteArrayInputStream(b.toByteArray()))) {
            SwapDeflaterInflater.check(Arrays.equals(in.readAllBytes(), data), "gz read of wd-gz");
            GzipParameters seen = ((GzipCompressorInputStream) in).getMetaData();
            out.printf("GzipParameters: Commons' gz reader sees name=%s mtime=%s level=%d%n", seen.getFileName(),
                    seen.getModificationInstant(), seen.getCompressionLevel());
        }
    }
}
