/*
 * Uncompressed inputs of the shapes that exercise different inflate paths: stored-like random
 * bytes, literal-heavy text, long matches in runs, and sizes at the block and window edges
 * (258 = longest match, 32 KiB = window, 64 KiB = stored block limit).
 */
package io.warpdrive.conformance;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Shrink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * A named byte payload.
 *
 * @param shape how it was made (kept through shrinking, marked "~" once shrunk)
 * @param bytes the content
 */
public record Data(String shape, byte[] bytes) {

    /** Sizes where DEFLATE changes behaviour: max match, window, stored block, and neighbours. */
    static final int[] EDGE_SIZES = {258, 259, 32767, 32768, 32769, 65535, 65536, 65537};

    private static final String[] WORDS = {"the", "of", "and", "inflate", "window", "zlib", "block", "a", "to",
        "is", "Huffman", "distance", "length", "literal", "stored", "fixed", "dynamic", "queue", "warp", "drive"};

    public int length() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return shape + "[" + bytes.length + "]" + (bytes.length <= 48 ? " " + Hex.of(bytes) : "");
    }

    /** Any shape at any size (mostly small, sometimes at the edges, rarely up to ~300 KB). */
    public static Gen<Data> any() {
        return Gen.of(r -> make(r, pickSize(r, 300_000)), Data::shrinks);
    }

    /** Any shape, at most {@code max} bytes (for costly call sequences). */
    public static Gen<Data> upTo(int max) {
        return Gen.of(r -> make(r, pickSize(r, max)), Data::shrinks);
    }

    static Stream<Data> shrinks(Data d) {
        String shape = d.shape.endsWith("~") ? d.shape : d.shape + "~";
        return Shrink.bytes(d.bytes).map(b -> new Data(shape, b));
    }

    static int pickSize(RandomGenerator r, int max) {
        int pick = r.nextInt(100);
        int size;
        if (pick < 8) {
            size = r.nextInt(3); // empty, 1 byte, 2 bytes
        } else if (pick < 45) {
            size = r.nextInt(3, 300);
        } else if (pick < 70) {
            size = r.nextInt(300, 8_000);
        } else if (pick < 92) {
            size = EDGE_SIZES[r.nextInt(EDGE_SIZES.length)];
        } else {
            size = r.nextInt(8_000, 300_001);
        }
        return Math.min(size, max);
    }

    static Data make(RandomGenerator r, int size) {
        if (size == 0) {
            return new Data("empty", new byte[0]);
        }
        List<byte[]> corpus = Corpus.smallFiles();
        int kinds = corpus.isEmpty() ? 8 : 9;
        return switch (r.nextInt(kinds)) {
            case 0 -> new Data("random", random(r, size));
            case 1 -> new Data("partly-random", partlyRandom(r, size));
            case 2 -> new Data("text", text(r, size));
            case 3 -> new Data("json", json(r, size));
            case 4 -> new Data("runs", runs(r, size));
            case 5 -> new Data("mixed", mixed(r, size));
            case 6 -> new Data("small-alphabet", smallAlphabet(r, size));
            case 7 -> new Data("long-matches", longMatches(r, size));
            default -> new Data("corpus-slice", slice(r, corpus, size));
        };
    }

    static byte[] random(RandomGenerator r, int size) {
        byte[] b = new byte[size];
        r.nextBytes(b);
        return b;
    }

    /** Text with random-byte runs of 1..64 bytes dropped in. */
    static byte[] partlyRandom(RandomGenerator r, int size) {
        byte[] b = text(r, size);
        int holes = 1 + size / 512;
        for (int i = 0; i < holes; i++) {
            int len = Math.min(size, r.nextInt(1, 65));
            int at = r.nextInt(size - len + 1);
            for (int j = 0; j < len; j++) {
                b[at + j] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    static byte[] text(RandomGenerator r, int size) {
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(WORDS[r.nextInt(WORDS.length)]);
            int p = r.nextInt(20);
            sb.append(p == 0 ? ".\n" : p == 1 ? ", " : " ");
        }
        return fit(sb, size);
    }

    static byte[] json(RandomGenerator r, int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        sb.append('[');
        int id = r.nextInt(1000);
        while (sb.length() < size) {
            sb.append("{\"id\":").append(id++).append(",\"name\":\"").append(WORDS[r.nextInt(WORDS.length)])
                    .append("\",\"size\":").append(r.nextInt(100_000)).append(",\"ok\":")
                    .append(r.nextBoolean()).append("},\n");
        }
        return fit(sb, size);
    }

    /** Long runs of one byte (matches up to 258 with distance 1), run lengths 1..5000. */
    static byte[] runs(RandomGenerator r, int size) {
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            int len = Math.min(size - i, r.nextInt(8) == 0 ? r.nextInt(1, 5000) : r.nextInt(1, 300));
            byte v = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3));
            java.util.Arrays.fill(b, i, i + len, v);
            i += len;
        }
        return b;
    }

    static byte[] mixed(RandomGenerator r, int size) {
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            int len = Math.min(size - i, r.nextInt(1, 4000));
            byte[] part = switch (r.nextInt(4)) {
                case 0 -> random(r, len);
                case 1 -> text(r, len);
                case 2 -> runs(r, len);
                default -> i >= len ? java.util.Arrays.copyOfRange(b, i - len, i) : text(r, len); // long repeat
            };
            System.arraycopy(part, 0, b, i, len);
            i += len;
        }
        return b;
    }

    /**
     * A literal or two, then a run long enough for a longest match (258), over and over: every
     * few bytes the decoder meets "literals, then a 258-byte match", whatever the window left.
     */
    static byte[] longMatches(RandomGenerator r, int size) {
        byte[] b = new byte[size];
        int i = 0;
        byte prev = 0;
        while (i < size) {
            for (int k = r.nextInt(1, 3); k > 0 && i < size; k--) {
                b[i++] = (byte) r.nextInt(256);
            }
            byte v = (byte) (prev + 1 + r.nextInt(255)); // differs from the byte before the run
            int len = Math.min(size - i, r.nextInt(259, 300));
            java.util.Arrays.fill(b, i, i + len, v);
            i += len;
            prev = v;
        }
        return b;
    }

    /** Few distinct symbols: short codes, many distances. */
    static byte[] smallAlphabet(RandomGenerator r, int size) {
        byte[] b = new byte[size];
        int k = r.nextInt(2, 6);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + r.nextInt(k));
        }
        return b;
    }

    static byte[] slice(RandomGenerator r, List<byte[]> files, int size) {
        byte[] f = files.get(r.nextInt(files.size()));
        if (f.length <= size) {
            return f.clone();
        }
        int at = r.nextInt(f.length - size + 1);
        return java.util.Arrays.copyOfRange(f, at, at + size);
    }

    private static byte[] fit(StringBuilder sb, int size) {
        byte[] all = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        return java.util.Arrays.copyOf(all, size);
    }
}
