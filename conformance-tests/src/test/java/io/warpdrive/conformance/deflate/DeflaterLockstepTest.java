/*
 * The deflater conformance property: random call sequences give, call by call, the same results
 * on WdDeflater as on java.util.zip.Deflater, and what WdDeflater writes inflates back.
 */
package io.warpdrive.conformance.deflate;

import io.warpdrive.conformance.harness.Gen;
import io.warpdrive.conformance.harness.Property;
import io.warpdrive.zip.Backend;
import io.warpdrive.zip.WdDeflater;
import io.warpdrive.zip.WdInflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeflaterLockstepTest {

    // Byte-exactness with java.util.zip is the soft backend's promise: pin it, whatever
    // -Dwarpdrive.backend says for the rest of the suite.
    @BeforeAll
    static void softBackend() {
        Backend.setDefault(Backend.SOFT);
    }

    @AfterAll
    static void configuredBackend() {
        Backend.setDefault(null);
    }

    /** Small data: many calls per byte, every flush and parameter path. */
    @Test
    void smallStreamsMatchJdkCallByCall() {
        DeflaterLockstep lockstep = new DeflaterLockstep(WdDeflater::new, Inflater::new);
        Property.forAll(DeflaterScript.gen(20_000)).scaleTries(5).check(lockstep::run);
    }

    /** Larger data: window slides, full blocks, level 0 direct copies. */
    @Test
    void largeStreamsMatchJdkCallByCall() {
        DeflaterLockstep lockstep = new DeflaterLockstep(WdDeflater::new, Inflater::new);
        Property.forAll(DeflaterScript.gen(300_000)).check(lockstep::run);
    }

    /**
     * A reused deflater's restarts: small messages separated by reset(), then a stream that
     * needs the whole window (see {@link RestartScripts}).
     */
    @Test
    void smallMessagesThenAWholeWindowMatchJdkCallByCall() {
        DeflaterLockstep lockstep = new DeflaterLockstep(WdDeflater::new, Inflater::new);
        Property.forAll(Gen.of(RestartScripts::script, DeflaterScript::shrinks)).check(lockstep::run);
    }

    /** The same scripts, read back with WdInflater instead of java.util.zip.Inflater. */
    @Test
    void wdInflaterReadsWhatWdDeflaterWrites() {
        DeflaterLockstep lockstep = new DeflaterLockstep(WdDeflater::new, WdInflater::new);
        Property.forAll(DeflaterScript.gen(100_000)).scaleTries(0.5).check(lockstep::run);
    }
}
