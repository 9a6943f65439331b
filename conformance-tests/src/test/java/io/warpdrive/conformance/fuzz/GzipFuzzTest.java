package io.warpdrive.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer targets: WdGZIPInputStream against GZIPInputStream, GzipReader against the data put in (see GzipTargets).
 *
 * <p>Without JAZZER_FUZZ each method replays its committed seeds (resources
 * {@code io/warpdrive/conformance/fuzz/GzipFuzzTestInputs/<method>/}); with it, the one selected method
 * is fuzzed (see package-info for the command). A finding is any AssertionError (divergence),
 * any other exception, or an input running past the timeout.
 */
class GzipFuzzTest {
    @Timeout(30)
    @FuzzTest(maxDuration = "5m")
    void gzipBytes(byte[] data) throws Exception {
        GzipTargets.stream(data);
    }

    @Timeout(30)
    @FuzzTest(maxDuration = "5m")
    void assembledGzip(byte[] data) throws Exception {
        GzipTargets.assembled(data);
    }
}
