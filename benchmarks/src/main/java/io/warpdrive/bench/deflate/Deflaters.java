/*
 * The deflaters the benchmarks compare, by name, and the one call pattern they are timed with.
 */
package io.warpdrive.bench.deflate;

import io.warpdrive.zip.WdDeflater;
import java.util.List;
import java.util.zip.Deflater;

public final class Deflaters {
    /** "jdk": java.util.zip.Deflater; "wd": WdDeflater on the configured backend. */
    public static final List<String> IMPLS = List.of("jdk", "wd");

    private Deflaters() {}

    /** A zlib-wrapper deflater of the named implementation. */
    public static Deflater create(String impl, int level) {
        return create(impl, level, false);
    }

    public static Deflater create(String impl, int level, boolean nowrap) {
        switch (impl) {
            case "jdk":
                return new Deflater(level, nowrap);
            case "wd":
                return new WdDeflater(level, nowrap);
            default:
                throw new IllegalArgumentException("unknown deflater '" + impl + "'; known: " + IMPLS);
        }
    }

    /**
     * Compresses all of {@code in} into {@code out} (which must be large enough) with the usual
     * java.util.zip pattern (setInput, finish, deflate until finished); returns the length.
     */
    public static int compress(Deflater d, byte[] in, byte[] out) {
        d.setInput(in);
        d.finish();
        int n = 0;
        while (!d.finished()) {
            int k = d.deflate(out, n, out.length - n);
            if (k == 0 && n == out.length) {
                throw new IllegalStateException("output buffer too small");
            }
            n += k;
        }
        return n;
    }
}
