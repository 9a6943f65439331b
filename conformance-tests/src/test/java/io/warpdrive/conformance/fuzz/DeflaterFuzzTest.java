package io.warpdrive.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer targets: WdDeflater call sequences against java.util.zip.Deflater (see DeflaterTargets).
 *
 * <p>Without JAZZER_FUZZ each method replays its committed seeds (resources
 * {@code io/warpdrive/conformance/fuzz/DeflaterFuzzTestInputs/<method>/}); with it, the one selected method
 * is fuzzed (see package-info for the command). A finding is any AssertionError (divergence),
 * any other exception, or an input running past the timeout.
 */
class DeflaterFuzzTest {
    @Timeout(30)
    @FuzzTest(maxDuration = "5m")
    void operationSequence(byte[] data) throws Exception {
        DeflaterTargets.operations(data);
    }
}
