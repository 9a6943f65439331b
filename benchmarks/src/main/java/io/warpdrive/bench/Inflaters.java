/*
 * The one place that maps a benchmark's impl parameter to an Inflater, so every benchmark and
 * runner measures the same two implementations: "jdk" (java.util.zip, the baseline) and "wd".
 */
package io.warpdrive.bench;

import io.warpdrive.zip.WdInflater;
import java.util.List;
import java.util.zip.Inflater;

final class Inflaters {
    /** Values of the impl parameter, baseline first. */
    static final List<String> IMPLS = List.of("jdk", "wd");

    private Inflaters() {}

    /** A new zlib-wrapped inflater of the given implementation. */
    static Inflater create(String impl) {
        switch (impl) {
            case "jdk":
                return new Inflater();
            case "wd":
                return newWd();
            default:
                throw new IllegalArgumentException("unknown impl '" + impl + "'; expected one of " + IMPLS);
        }
    }

    /** The implementation under test; its one construction site. */
    private static Inflater newWd() {
        return new WdInflater();
    }
}
