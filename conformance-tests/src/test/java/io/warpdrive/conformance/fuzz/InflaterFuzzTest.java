package io.warpdrive.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer targets: WdInflater against java.util.zip.Inflater, call by call (see InflaterTargets).
 *
 * <p>Without JAZZER_FUZZ each method replays its committed seeds (resources
 * {@code io/warpdrive/conformance/fuzz/InflaterFuzzTestInputs/<method>/}); with it, the one selected method
 * is fuzzed (see package-info for the command). A finding is any AssertionError (divergence),
 * any other exception, or an input running past the timeout.
 */
class InflaterFuzzTest {
    @Timeout(30)
    @FuzzTest(maxDuration = "5m")
    void arbitraryBytes(byte[] data) throws Exception {
        InflaterTargets.arbitrary(data);
    }

    @Timeout(30)
    @FuzzTest(maxDuration = "5m")
    void mutatedValidStream(byte[] data) throws Exception {
        InflaterTargets.mutated(data);
    }
}
