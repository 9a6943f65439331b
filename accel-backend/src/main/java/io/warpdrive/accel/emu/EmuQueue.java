package io.warpdrive.accel.emu;

import io.warpdrive.accel.device.MemoryQueue;
import io.warpdrive.accel.queue.Cqe;
import io.warpdrive.accel.queue.QmLayout;
import io.warpdrive.accel.queue.ZipSqe;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hardware's view of one started queue: its own SQ head, CQ tail and CQ phase (never the
 * driver's), the last doorbell values it latched, and the serving loop a core runs for it.
 *
 * <p>At most one core serves a queue at a time ({@link #scheduled}), so requests of a queue are
 * executed and completed in SQ order. Fields marked "core" are touched only by the serving core.
 */
final class EmuQueue {
    final MemoryQueue queue;
    final QmLayout layout;
    final QmLayout.Doorbell doorbell;
    final int qn;
    final int qcType;
    private final ByteBuffer dus;

    /** Last SQ tail written to the doorbell (volatile: the doorbell store, seen by the core). */
    volatile int sqTailSeen;
    /** Last CQ head written to the doorbell. */
    volatile int cqHeadSeen;
    /** Set by PUT_Q: serve nothing more. */
    volatile boolean stopped;
    /** Set by a NO_COMPLETION or STOP_QUEUE fault: the queue is wedged until PUT_Q. */
    volatile boolean hung;
    /** True while the queue is in a core's run queue or being served. */
    final AtomicBoolean scheduled = new AtomicBoolean();
    /** Held while one descriptor is executed; PUT_Q takes it to wait for the current one. */
    final Object hwLock = new Object();

    /** Core: next SQ slot to execute. */
    private int sqHead;
    /** Core: next CQ entry to write. */
    private int cqTail;
    /** Core: phase of the current CQ lap (1 on the first lap, flipped at each wrap). */
    private int cqPhase = 1;
    /** Core: descriptor scratch. */
    private final ZipSqe sqe = new ZipSqe();

    EmuQueue(MemoryQueue queue, QmLayout layout) {
        this.queue = queue;
        this.layout = layout;
        this.doorbell = QmLayout.Doorbell.forApi(queue.api());
        this.qn = queue.qn();
        this.qcType = queue.qcType();
        this.dus = queue.dusMemory();
    }

    /** True if a doorbell announced descriptors not yet executed. */
    boolean hasWork() {
        return !stopped && !hung && sqHead != sqTailSeen;
    }

    /**
     * Executes announced descriptors until the SQ is drained, the CQ is full (waits for a CQ
     * doorbell), or the queue stops. Called by the core that owns {@link #scheduled}.
     */
    void serve(ZipCore core, ZipEngineModel model) {
        for (;;) {
            // Per request, not per call: a plan installed while this core is busy counts from
            // the next request it takes, as setFaultPlan promises.
            FaultPlan plan = model.faultPlan();
            synchronized (hwLock) {
                if (stopped || hung) {
                    return;
                }
                // Volatile read of the latched doorbell: the SQEs up to it were stored before the
                // driver's doorbell store, so they are visible now.
                int tail = sqTailSeen;
                if (tail < 0 || tail >= layout.sqDepth || sqHead == tail) {
                    return;
                }
                int nextTail = cqTail + 1 == layout.cqDepth ? 0 : cqTail + 1;
                if (nextTail == cqHeadSeen) {
                    return; // CQ full: the CQ doorbell reschedules us
                }
                int slot = sqHead;
                int slotOff = layout.sqeOffset(slot);
                sqe.load(dus, slotOff);
                FaultPlan.Fault fault = plan == null ? null : plan.next(qcType);
                if (fault == FaultPlan.Fault.NO_COMPLETION) {
                    hung = true;
                    sqHead = slot + 1 == layout.sqDepth ? 0 : slot + 1;
                    return;
                }
                if (fault == FaultPlan.Fault.STOP_QUEUE) {
                    hung = true;
                    layout.raiseStopFlags(dus);
                    queue.raiseInterrupt();
                    return;
                }
                if (fault == FaultPlan.Fault.ERROR_STATUS) {
                    sqe.consumed(0).produced(0).status(plan.errorStatus(), false);
                } else {
                    core.execute(sqe, qcType);
                    if (fault == FaultPlan.Fault.BAD_CONSUMED) {
                        sqe.consumed(sqe.inputDataLength() + 1 + sqe.consumed());
                    } else if (fault == FaultPlan.Fault.BAD_PRODUCED) {
                        sqe.produced(sqe.destAvailOut() + 1);
                    } else if (fault == FaultPlan.Fault.HUGE_CONSUMED) {
                        sqe.consumed(0xffffffff);
                    } else if (fault == FaultPlan.Fault.HUGE_PRODUCED) {
                        sqe.produced(Integer.MAX_VALUE);
                    }
                }
                sqe.storeResult(dus, slotOff);
                int named = fault == FaultPlan.Fault.WRONG_SLOT ? (slot + 1) % layout.sqDepth : slot;
                int namedQn = fault == FaultPlan.Fault.WRONG_QN ? qn + 1 : qn;
                // The CQE's phase is a release store after the result words: the driver that
                // sees the phase sees the results.
                Cqe.write(dus, layout.cqeOffset(cqTail), named, namedQn, cqPhase);
                cqTail = nextTail;
                if (nextTail == 0) {
                    cqPhase ^= 1;
                }
                sqHead = slot + 1 == layout.sqDepth ? 0 : slot + 1;
                if (fault == FaultPlan.Fault.GHOST_CQE || fault == FaultPlan.Fault.PHASE_FLIP) {
                    hostileCqe(fault, plan);
                }
            }
            queue.raiseInterrupt();
        }
    }

    /**
     * The hostile completions (caller holds hwLock, right after the genuine CQE). GHOST_CQE
     * publishes one more entry, naming the SQ slot half a ring away (never submitted while the
     * driver keeps fewer than depth/2 requests outstanding), and advances the model's tail past
     * it as a real device would. PHASE_FLIP inverts the phase bit of an entry other than the one
     * just written (the next one half the time, else a random one), so a stale entry may look
     * fresh (or a fresh one stale).
     */
    private void hostileCqe(FaultPlan.Fault fault, FaultPlan plan) {
        int justWritten = cqTail == 0 ? layout.cqDepth - 1 : cqTail - 1;
        if (fault == FaultPlan.Fault.GHOST_CQE) {
            if ((cqTail + 1) % layout.cqDepth == cqHeadSeen) {
                return; // no free CQ entry: even a hostile device cannot write one without overwriting
            }
            int ghost = (sqHead + layout.sqDepth / 2) % layout.sqDepth;
            Cqe.write(dus, layout.cqeOffset(cqTail), ghost, qn, cqPhase);
            cqTail = cqTail + 1 == layout.cqDepth ? 0 : cqTail + 1;
            if (cqTail == 0) {
                cqPhase ^= 1;
            }
            return;
        }
        // Half the time the entry the driver reads next (the dangerous one: on a later lap it
        // still holds last lap's CQE, which names the very slot the driver expects), else any
        // entry but the genuine completion.
        int pick = plan.randomEntry(2 * layout.cqDepth);
        int entry = pick >= layout.cqDepth ? cqTail : pick;
        if (entry == justWritten) {
            entry = cqTail;
        }
        int off = layout.cqeOffset(entry);
        int sqHeadNamed = Cqe.sqHead(dus, off);
        int qnNamed = Cqe.sqNum(dus, off);
        Cqe.write(dus, off, sqHeadNamed, qnNamed, Cqe.phase(dus, off) ^ 1);
    }
}
