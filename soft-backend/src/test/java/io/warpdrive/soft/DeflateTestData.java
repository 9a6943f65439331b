package io.warpdrive.soft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

/**
 * Inputs of the shapes that reach different deflate paths, and the reference: java.util.zip's
 * Deflater driven call by call like a SoftDeflater.
 */
final class DeflateTestData {
    private DeflateTestData() {
    }

    record Named(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name + "[" + bytes.length + "]";
        }
    }

    /** Sizes at the edges: longest match, window, stored block limit, and neighbours. */
    static final int[] EDGE_SIZES = {1, 2, 3, 257, 258, 259, 32767, 32768, 32769, 65535, 65536, 65537};

    static List<Named> shapes() {
        SplittableRandom r = new SplittableRandom(42);
        List<Named> out = new ArrayList<>();
        out.add(new Named("empty", new byte[0]));
        out.add(new Named("one", new byte[] {7}));
        out.add(new Named("two", new byte[] {7, 7}));
        out.add(new Named("zeros-100k", new byte[100_000]));
        out.add(new Named("random-70k", random(r, 70_000)));
        out.add(new Named("text-200k", text(r, 200_000)));
        out.add(new Named("json-50k", json(r, 50_000)));
        out.add(new Named("runs-150k", runs(r, 150_000)));
        out.add(new Named("partly-random-120k", partlyRandom(r, 120_000)));
        out.add(new Named("small-alphabet-80k", smallAlphabet(r, 80_000)));
        for (int size : EDGE_SIZES) {
            out.add(new Named("text-" + size, text(r, size)));
        }
        out.add(new Named("random-65536", random(r, 65536)));
        return out;
    }

    /** Shuffles data in place (Fisher-Yates) and returns it: the same counts in an order with few matches. */
    static byte[] shuffle(byte[] data, SplittableRandom r) {
        for (int i = data.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            byte t = data[i];
            data[i] = data[j];
            data[j] = t;
        }
        return data;
    }

    static byte[] random(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static final String[] WORDS = {"deflate", "window", "the", "of", "zlib", "match", "lazy", "a",
        "block", "Huffman", "literal", "distance", "stored", "pending", "flush", "hash", "chain"};

    static byte[] text(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n + 16);
        while (sb.length() < n) {
            sb.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(15) == 0 ? ".\n" : " ");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.ISO_8859_1), n);
    }

    static byte[] json(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n + 64);
        int id = 1000;
        while (sb.length() < n) {
            sb.append("{\"id\":").append(id++).append(",\"user\":\"").append(WORDS[r.nextInt(WORDS.length)])
                    .append("\",\"score\":").append(r.nextInt(100_000)).append(",\"active\":")
                    .append(r.nextBoolean()).append("}\n");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.ISO_8859_1), n);
    }

    static byte[] runs(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        int i = 0;
        while (i < n) {
            int len = Math.min(n - i, r.nextInt(8) == 0 ? r.nextInt(1, 5000) : r.nextInt(1, 300));
            Arrays.fill(b, i, i + len, (byte) r.nextInt(4));
            i += len;
        }
        return b;
    }

    static byte[] partlyRandom(SplittableRandom r, int n) {
        byte[] b = text(r, n);
        for (int k = 0; k < n / 300; k++) {
            int at = r.nextInt(Math.max(1, n - 64));
            for (int j = 0; j < 64 && at + j < n; j++) {
                b[at + j] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    static byte[] smallAlphabet(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + r.nextInt(3));
        }
        return b;
    }

    /** java.util.zip's output for the whole input, fed at once. */
    static byte[] jdk(byte[] in, int level, int strategy, boolean nowrap) {
        Deflater d = new Deflater(level, nowrap);
        try {
            d.setStrategy(strategy);
            d.setInput(in);
            d.finish();
            byte[] out = new byte[in.length + in.length / 100 + 256];
            int n = 0;
            while (!d.finished()) {
                n += d.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }

    /** SoftDeflater's output for the whole input, fed at once. */
    static byte[] soft(byte[] in, int level, int strategy, boolean nowrap) {
        SoftDeflater d = new SoftDeflater(level, strategy, nowrap);
        try {
            d.setInput(in, 0, in.length);
            byte[] out = new byte[in.length + in.length / 100 + 256];
            int n = 0;
            for (;;) {
                int r = d.deflate(out, n, out.length - n, SoftDeflater.FINISH);
                n = out.length - d.getAvailOut();
                if (r == SoftDeflater.STREAM_END) {
                    return Arrays.copyOf(out, n);
                }
                if (r != SoftDeflater.OK) {
                    throw new AssertionError("deflate returned " + r);
                }
            }
        } finally {
            d.end();
        }
    }

    /** First differing index of two arrays, or -1. */
    static int mismatch(byte[] a, byte[] b) {
        return Arrays.mismatch(a, b);
    }
}
