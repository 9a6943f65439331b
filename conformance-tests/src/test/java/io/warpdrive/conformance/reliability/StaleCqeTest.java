/*
 * Phase bits flipping in CQ memory, at the driver level (one queue, an 8-entry ring, so laps come
 * fast). The dangerous case: after the first CQ lap,
 * every CQ entry still holds last lap's CQE, and in a synchronous flow that CQE names the very SQ
 * slot the driver expects next, on its own qn. If the phase bit of that entry flips (memory
 * corruption, or a device writing garbage), the driver sees a "published" CQE for its request
 * before the device has run it and could copy its own descriptor out as a "result" (the tag
 * matches). Once in HostileDeviceTest a WdDeflater stream hit a replay divergence after such
 * flips (see the issue-7 report); this test pins the driver-level property.
 *
 * The property: every request either fails with a QueueException or returns exactly what the
 * honest device returns for it (computed by running the same request sequence with no faults).
 */
package io.warpdrive.conformance.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.emu.EmulatedZip;
import io.warpdrive.accel.emu.FaultPlan;
import io.warpdrive.accel.queue.QueueException;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleCqeTest {
    private static final int REQUESTS = 80;

    /** Stateless one-shot decompressions of the same stream; results as (status, consumed, produced). */
    private static List<String> run(boolean flips) {
        byte[] plain = Emulated.data(11, 300_000); // slow enough that the driver polls before the device is done
        byte[] comp = Emulated.deflateJdk(plain, true, 0);
        List<String> results = new ArrayList<>();
        try (EmulatedZip emu = new EmulatedZip(EmulatedZip.Config.DEFAULT.withDepth(8).withCores(1, 1));
             ZipDevice zip = new ZipDevice(emu.device(), emu.dusSize(),
                     // The honest run must not time out on a slow machine; under flips a request
                     // may wait for a completion that never comes, so that run gives up quickly.
                     ZipDevice.Config.DEFAULT.withQueues(1).withTimeout(flips ? 300_000_000L : 30_000_000_000L))) {
            DmaBuffer src = zip.dma().take(comp.length);
            src.buffer().put(0, comp);
            DmaBuffer dst = zip.dma().take(plain.length + 100);
            FaultPlan plan = null;
            try (ZipSession s = zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                for (int i = 0; i < REQUESTS; i++) {
                    if (flips && i == 9) {
                        // past the first lap of the 8-entry CQ, every request flips a phase bit
                        plan = FaultPlan.forQcType(1).every(3, FaultPlan.Fault.PHASE_FLIP);
                        emu.model().setFaultPlan(plan);
                    }
                    try {
                        ZipResult r = s.run(src, 0, comp.length, dst, 0, plain.length + 100, true);
                        results.add(r.status() + "/" + r.consumed() + "/" + r.produced());
                    } catch (QueueException e) {
                        results.add("failed");
                    }
                }
            }
        }
        return results;
    }

    @Test
    void aFlippedPhaseBitNeverBecomesAResult() {
        List<String> honest = run(false);
        assertFalse(honest.contains("failed"), "the honest device failed a request: " + honest);
        List<String> hostile = run(true);
        for (int i = 0; i < REQUESTS; i++) {
            if (!hostile.get(i).equals("failed")) {
                assertEquals(honest.get(i), hostile.get(i), "request " + i + ": a result the device never wrote");
            }
        }
    }
}
