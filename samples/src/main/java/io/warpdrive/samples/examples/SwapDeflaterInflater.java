/*
 * Example 1: WdDeflater and WdInflater wherever java.util.zip's Deflater and Inflater go. The
 * only change to existing code is the constructor call; every method, result and exception is
 * the JDK's.
 *
 *   java -cp samples/target/wdzip-samples.jar io.warpdrive.samples.examples.SwapDeflaterInflater
 */
package io.warpdrive.samples.examples;

import io.warpdrive.zip.WdDeflater;
import io.warpdrive.zip.WdInflater;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

public final class SwapDeflaterInflater {
    private SwapDeflaterInflater() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example; throws if anything does not come back as it went in. */
    public static void run(PrintStream out) throws IOException, DataFormatException {
        byte[] text = "The quick brown fox jumps over the lazy dog. ".repeat(2000).getBytes(StandardCharsets.UTF_8);

        // 1. The engines directly: was `new Deflater(9)` / `new Inflater()`.
        Deflater def = new WdDeflater(Deflater.BEST_COMPRESSION);
        def.setInput(text);
        def.finish();
        byte[] buf = new byte[text.length];
        int n = def.deflate(buf);
        def.end();
        byte[] zlib = Arrays.copyOf(buf, n);

        Inflater inf = new WdInflater();
        inf.setInput(zlib);
        byte[] back = new byte[text.length];
        int m = inf.inflate(back);
        boolean done = inf.finished();
        inf.end();
        check(m == text.length && done && Arrays.equals(back, text), "engine round trip");

        // The JDK's own Deflater writes the same bytes on the soft backend (zlib-exact engine).
        Deflater jdk = new Deflater(Deflater.BEST_COMPRESSION);
        jdk.setInput(text);
        jdk.finish();
        int k = jdk.deflate(buf);
        jdk.end();
        out.printf("engines: %d bytes -> %d bytes (zlib format, level 9); same bytes as java.util.zip: %s%n",
                text.length, n, Arrays.equals(zlib, Arrays.copyOf(buf, k)));

        // 2. In streams that take an engine. The stream does not end an engine it was given.
        Deflater d = new WdDeflater(6, true);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (OutputStream o = new DeflaterOutputStream(raw, d)) {
            o.write(text);
        }
        d.end();
        Inflater i = new WdInflater(true);
        byte[] again;
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(raw.toByteArray()), i)) {
            again = in.readAllBytes();
        }
        i.end();
        check(Arrays.equals(again, text), "stream round trip");
        out.printf("streams: %d bytes -> %d bytes (raw DEFLATE) and back, verified%n", text.length, raw.size());
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + ": data did not come back unchanged");
        }
    }
}
