/*
 * Data shapes and small helpers shared by the gzip, stream and Commons Compress tests: the
 * shapes of STYLE rule 13 (empty, tiny, random, partly random, text, runs, window and block
 * edges), streams that hand out one byte at a time or report available() == 0, and a way to
 * run a test body once per backend that this build can construct.
 */
package io.warpdrive.zip;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

public final class GzipTestData {
    private GzipTestData() {
    }

    /** Named inputs of every shape; seed pins the random ones. */
    public static Map<String, byte[]> shapes(long seed) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("empty", new byte[0]);
        m.put("one byte", new byte[] {42});
        m.put("two bytes", new byte[] {0, (byte) 0xff});
        m.put("random 100k", random(100_000, seed));
        m.put("text 300k", text(300_000, seed + 1));
        m.put("partly random 200k", partlyRandom(200_000, seed + 2));
        m.put("run of zeros 1M", new byte[1 << 20]);
        for (int n : new int[] {258, 32767, 32768, 65535, 65536, 65537}) {
            m.put("text " + n, text(n, seed + n));
        }
        return m;
    }

    public static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Words, numbers and newlines: compresses about 3:1 like ordinary text. */
    public static byte[] text(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] words = {"alpha", "beta", "gamma", "delta", "stream", "zip", "gzip", "\n", "{\"k\":1}", "the"};
        StringBuilder sb = new StringBuilder(n + 32);
        while (sb.length() < n) {
            sb.append(words[r.nextInt(words.length)]).append(' ');
            if (r.nextInt(40) == 0) {
                sb.append(r.nextLong());
            }
        }
        return sb.substring(0, n).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Alternating stretches of text and random bytes. */
    public static byte[] partlyRandom(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        while (out.size() < n) {
            int len = Math.min(n - out.size(), r.nextInt(1, 5000));
            out.writeBytes(r.nextBoolean() ? text(len, r.nextLong()) : random(len, r.nextLong()));
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Hands out at most one byte per read and says nothing is available: the hardest source. */
    public static final class Trickle extends FilterInputStream {
        public Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : super.read(b, off, 1);
        }

        @Override
        public int available() {
            return 0;
        }
    }

    /** Reads everything in small pieces; on failure, the exception with what was read before it. */
    public static final class Outcome {
        public final byte[] data;
        public final Throwable failure;

        Outcome(byte[] data, Throwable failure) {
            this.data = data;
            this.failure = failure;
        }

        /** Class and message of the failure, or "ok". */
        public String describe() {
            return failure == null ? "ok" : failure.getClass().getName() + ": " + failure.getMessage();
        }
    }

    /** Something that opens a stream (and may fail doing so, as GZIPInputStream's constructor can). */
    public interface Opener {
        InputStream open() throws IOException;
    }

    public static Outcome drain(Opener opener, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = opener.open()) {
            byte[] buf = new byte[chunk];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            return new Outcome(out.toByteArray(), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(out.toByteArray(), e);
        }
    }

    /** The backends this build can construct (soft always; emulated when its engine is present). */
    public static List<Backend> backends() {
        List<Backend> list = new ArrayList<>();
        list.add(Backend.SOFT);
        Backend.setDefault(Backend.EMULATED);
        try {
            new WdInflater(true).end();
            new WdDeflater(6, true).end();
            list.add(Backend.EMULATED);
        } catch (RuntimeException | LinkageError e) {
            // not in this build: the soft runs still cover the stream logic
        } finally {
            Backend.setDefault(null);
        }
        return list;
    }

    /** A test body run under one backend. */
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} once per constructible backend, restoring the default afterwards. */
    public static void onEachBackend(Body body) throws Exception {
        for (Backend b : backends()) {
            Backend.setDefault(b);
            try {
                body.run();
            } catch (AssertionError e) {
                throw new AssertionError("backend " + b + ": " + e.getMessage(), e);
            } finally {
                Backend.setDefault(null);
            }
        }
    }
}
