package io.warpdrive.accel.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warpdrive.accel.device.DmaBuffer;
import io.warpdrive.accel.device.IoAddressMap;
import io.warpdrive.accel.queue.QueueException;
import io.warpdrive.accel.queue.ZipAlg;
import io.warpdrive.accel.queue.ZipDevice;
import io.warpdrive.accel.queue.ZipResult;
import io.warpdrive.accel.queue.ZipSession;
import io.warpdrive.accel.queue.ZipSqe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every fault of the plan under a running stream: reported as it must be, and the device recovers. */
class FaultPlanTest {
    /**
     * Queue timeout where a lost completion must be noticed quickly (NO_COMPLETION). It
     * is also how long a stalled machine may keep the emulated device from answering before a
     * request it did complete counts as lost, so faults that need no timeout to show run with
     * {@link #PATIENT} instead.
     */
    private static final long TIMEOUT = 1_000_000_000L;
    private static final long PATIENT = 30_000_000_000L;
    /** The soak counts failures rather than asserting on each, and meets many lost completions. */
    private static final long SOAK_TIMEOUT = 300_000_000L;

    private static Rig rig(long timeout) {
        return new Rig(EmulatedZip.Config.DEFAULT.withDepth(64), ZipDevice.Config.DEFAULT.withQueues(1).withTimeout(timeout));
    }

    private static Rig rig() {
        return rig(PATIENT);
    }

    /**
     * Every fault whose effect shows on the request it hits. GHOST_CQE (a CQE after a normal
     * completion) and PHASE_FLIP (random) show later or never; the conformance reliability
     * suites run them under whole streams.
     */
    @ParameterizedTest
    @EnumSource(value = FaultPlan.Fault.class, mode = EnumSource.Mode.EXCLUDE, names = {"GHOST_CQE", "PHASE_FLIP"})
    void faultMidStreamThenRecovery(FaultPlan.Fault fault) {
        try (Rig rig = rig(fault == FaultPlan.Fault.NO_COMPLETION ? TIMEOUT : PATIENT)) {
            byte[] plain = TestData.text(21, 100_000);
            byte[] comp = TestData.deflate(plain, 6, true);
            rig.emu.model().setFaultPlan(FaultPlan.forQcType(1).at(5, fault));
            DmaBuffer src = rig.zip.dma().take(1 << 16);
            DmaBuffer dst = rig.zip.dma().take(1 << 16);
            int pos = 0;
            int request = 0;
            Throwable thrown = null;
            ZipResult bad = null;
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, true, 15)) {
                while (pos < comp.length) {
                    int n = Math.min(1000, comp.length - pos);
                    src.buffer().put(0, comp, pos, n);
                    request++;
                    ZipResult r;
                    try {
                        r = s.run(src, 0, n, dst, 0, 4000, false);
                    } catch (QueueException e) {
                        thrown = e;
                        break;
                    }
                    if (!r.ok()) {
                        bad = r;
                        break;
                    }
                    pos += r.consumed();
                    assertTrue(request < 5, "the fault did not show at request 5");
                }
            }
            assertEquals(5, request);
            switch (fault) {
                case ERROR_STATUS:
                    assertNotNull(bad);
                    assertEquals(0x7f, bad.status());
                    break;
                case NO_COMPLETION:
                    assertEquals(QueueException.Kind.TIMEOUT, ((QueueException) thrown).kind());
                    break;
                case STOP_QUEUE:
                    assertEquals(QueueException.Kind.STOPPED, ((QueueException) thrown).kind());
                    break;
                case BAD_CONSUMED:
                case BAD_PRODUCED:
                case HUGE_CONSUMED:
                case HUGE_PRODUCED:
                    assertEquals(QueueException.Kind.BAD_RESULT, ((QueueException) thrown).kind());
                    break;
                case WRONG_SLOT:
                case WRONG_QN:
                    assertEquals(QueueException.Kind.WRONG_SLOT, ((QueueException) thrown).kind());
                    break;
                default:
                    throw new AssertionError(fault);
            }
            // The device goes on: a broken queue was reopened, and a whole new stream decodes.
            rig.emu.model().setFaultPlan(null);
            assertArrayEquals(plain, QueueRingTest.streamInflate(rig, TestData.deflate(plain, 6, false), 3000, 50_000));
            boolean breaks = fault == FaultPlan.Fault.NO_COMPLETION || fault == FaultPlan.Fault.STOP_QUEUE
                    || fault == FaultPlan.Fault.WRONG_SLOT || fault == FaultPlan.Fault.WRONG_QN;
            assertEquals(breaks ? 1 : 0, rig.zip.pool(false).reopenedCount(), fault.name());
        }
    }

    /** A queue that is stopped with requests in flight fails all of them, async ones included. */
    @Test
    void stopWithManyInFlight() throws Exception {
        // No fault here needs a timeout to show.
        try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withCores(1, 1), ZipDevice.Config.DEFAULT.withQueues(1).withTimeout(PATIENT))) {
            byte[] comp = TestData.deflate(TestData.text(1, 20_000), 6, true);
            DmaBuffer src = rig.put(comp, 0, comp.length);
            rig.emu.model().setFaultPlan(FaultPlan.create().at(30, FaultPlan.Fault.STOP_QUEUE));
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                CompletableFuture<?>[] fs = new CompletableFuture<?>[100];
                DmaBuffer[] dsts = new DmaBuffer[100];
                for (int i = 0; i < fs.length; i++) {
                    dsts[i] = rig.zip.dma().take(1 << 15);
                    try {
                        fs[i] = s.runAsync(src, 0, comp.length, dsts[i], 0, 1 << 15, true);
                    } catch (QueueException e) {
                        fs[i] = CompletableFuture.failedFuture(e); // submitted after the stop was seen
                    }
                }
                int ok = 0;
                int stopped = 0;
                for (int i = 0; i < fs.length; i++) {
                    try {
                        fs[i].get(10, TimeUnit.SECONDS);
                        ok++;
                        assertTrue(i < 29 || stopped > 0, "request " + i);
                    } catch (ExecutionException e) {
                        assertEquals(QueueException.Kind.STOPPED, ((QueueException) e.getCause()).kind());
                        assertTrue(i >= 29, "request " + i + " failed");
                        stopped++;
                    }
                }
                // 1..29 complete; 30 stops the queue and fails with everything in flight behind
                // it; requests sent after the failure was seen go to the reopened queue.
                assertTrue(stopped >= 1);
                assertEquals(100, ok + stopped);
                assertTrue(rig.zip.pool(false).reopenedCount() <= 1);
            }
        }
    }

    /** The IOMMU model: an address outside every mapping is an error completion, never a crash. */
    @Test
    void unmappedAddressesFault() {
        try (Rig rig = rig()) {
            byte[] comp = TestData.deflate(TestData.text(2, 5000), 6, true);
            DmaBuffer src = rig.put(comp, 0, comp.length);
            DmaBuffer dst = rig.zip.dma().take(1 << 16);
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                ZipResult ok = s.run(src, 0, comp.length, dst, 0, 1 << 16, true);
                assertTrue(ok.streamEnd());
                // a length running past the end of the source buffer's mapping
                DmaBuffer small = rig.zip.device().allocate(100);
                small.buffer().put(0, comp, 0, 100);
                ZipResult r = s.run(small, 0, 100, dst, 0, 1 << 16, true);
                assertTrue(r.ok()); // in range: fine (the stream just did not end)
                rig.zip.device().free(small);
                r = s.run(small, 0, 100, dst, 0, 1 << 16, true); // freed: unmapped now
                assertEquals(ZipCore.ST_ADDR_FAULT, r.status());
                assertFalse(r.ok());
                assertEquals(0, r.consumed());
            }
            // also through a raw descriptor: address 0, and an address in a guard page
            assertTrue(rig.emu.device().addressMap().translate(0, 1) == null);
            assertTrue(rig.emu.device().addressMap().translate(IoAddressMap.BASE - 1, 1) == null);
            assertTrue(rig.emu.device().addressMap().translate(dst.address() + dst.size() - 1, 2) == null);
        }
    }

    /** Invalid requests are refused by the driver (8 MiB limit) or by the device (unsupported fields). */
    @Test
    void limits() {
        try (Rig rig = rig()) {
            DmaBuffer big = rig.zip.dma().take(16 << 20);
            try (ZipSession s = rig.zip.openSession(ZipAlg.DEFLATE, false, false, 15)) {
                assertThrows(IllegalArgumentException.class, () -> s.run(big, 0, (8 << 20) + 1, big, 0, 100, true));
                assertThrows(IndexOutOfBoundsException.class, () -> s.run(big, 0, 100, big, (16 << 20) - 10, 100, true));
            }
            assertEquals(ZipSqe.MAX_REQUEST, 8 << 20);
        }
    }

    /** Soak: a fault every few hundred requests while streams run (-Daccel.soak=true). */
    @Test
    void soakFaultsEverywhere() {
        assumeTrue(QueueRingTest.SOAK, "soak: -Daccel.soak=true");
        try (Rig rig = new Rig(EmulatedZip.Config.DEFAULT.withDepth(16), ZipDevice.Config.DEFAULT.withQueues(2).withTimeout(SOAK_TIMEOUT))) {
            byte[] plain = TestData.text(99, 20_000);
            byte[] comp = TestData.deflate(plain, 6, false);
            FaultPlan.Fault[] kinds = FaultPlan.Fault.values();
            int failures = 0;
            for (int round = 0; round < 3000; round++) {
                rig.emu.model().setFaultPlan(FaultPlan.forQcType(1).every(7 + round % 13, kinds[round % kinds.length]));
                try {
                    assertArrayEquals(plain, QueueRingTest.streamInflate(rig, comp, 500, 3000));
                } catch (QueueException | AssertionError e) {
                    failures++;
                }
            }
            assertTrue(failures > 0);
        }
    }
}
