package io.warpdrive.accel.queue;

import io.warpdrive.accel.device.QueueChannel;
import io.warpdrive.accel.device.QpInfo;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host driver of one hisi_qm queue pair: submission ring (sqTail), completion ring (cqHead and
 * the expected phase), doorbells, stop flags; synchronous calls and asynchronous submissions.
 *
 * <p>Protocol (the kernel's, the device's and UADK's): at most depth-1 requests outstanding; a
 * request is copied into SQ[sqTail], published, and announced by an SQ doorbell carrying the new
 * tail. The device answers each request, in order, by writing the results into the request's own
 * SQ slot and a CQE naming that slot at its CQ tail, published by the CQE's phase bit (1 on the
 * first lap, 0 on the second, ...). The driver reads CQEs at cqHead while the phase matches,
 * copies the results out of the named slot, and returns the CQ space with a CQ doorbell.
 *
 * <p>Everything the device reports is checked before use: a CQE must name the oldest outstanding
 * slot on this qn and the slot must carry the request's tag; otherwise every outstanding request
 * fails with {@link QueueException.Kind#WRONG_SLOT} and the queue is dead. A raised stop flag, a
 * completion that does not come within the timeout, or a closed channel end the queue the same
 * way; the owner ({@link QueuePool}) then opens a fresh one.
 *
 * <p>Thread-safe: submissions serialize on sqLock, completions on cqLock; any waiting thread
 * reaps completions for all.
 */
public final class HisiQp implements AutoCloseable {
    /** qc_type: compression queue. */
    public static final int QC_COMPRESS = 0;
    /** qc_type: decompression queue. */
    public static final int QC_DECOMPRESS = 1;

    /** Average completion time above which a waiter sleeps at once. */
    private static final long SLEEP_FIRST_NANOS = 150_000;
    /** After the spin, how long a waiter polls yielding the CPU before it sleeps. */
    private static final long YIELD_POLL_NANOS = 500_000;
    /** Longest single sleep in the interrupt wait, so that timeouts and failures are noticed. */
    private static final long MAX_SLEEP_NANOS = 1_000_000;

    /** One submitted request: its descriptor, then (after completion) the results. */
    private static final class Request {
        final ZipSqe sqe;
        final int tag;
        final CompletableFuture<ZipSqe> future;
        /** SQ slot it occupies. */
        int slot;
        /** Thread blocked in call(), unparked on completion; null for async requests. */
        volatile Thread waiter;
        /** Why it failed, or null; written before done. */
        volatile QueueException error;
        volatile boolean done;

        Request(ZipSqe sqe, int tag, boolean async) {
            this.sqe = sqe;
            this.tag = tag;
            this.future = async ? new CompletableFuture<>() : null;
        }

        /** Called once, by whoever took the request out of inflight. */
        void finish(QueueException failure) {
            error = failure;
            if (future != null) {
                if (failure == null) {
                    future.complete(sqe);
                } else {
                    future.completeExceptionally(failure);
                }
            }
            done = true; // volatile: publishes the result words loaded into sqe
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private final QueueChannel channel;
    private final QmLayout layout;
    private final QmLayout.Doorbell doorbell;
    private final ByteBuffer dus;
    private final int qn;
    private final int qcType;
    private final int sqDepth;
    /** How long a request may wait for its completion before the queue is declared dead. */
    private volatile long timeoutNanos;
    private final long spinNanos;

    private final ReentrantLock sqLock = new ReentrantLock();
    private final ReentrantLock cqLock = new ReentrantLock();
    /** Next free SQ slot. Caller holds sqLock. */
    private int sqTail;
    /** Tag of the next request. Caller holds sqLock. */
    private int nextTag = 1;
    /** Next CQE to read. Caller holds cqLock. */
    private int cqHead;
    /** Phase a fresh CQE at cqHead carries (1 on the first lap; CQ memory starts zeroed). Caller holds cqLock. */
    private int cqPhase = 1;
    /** The SQ slot the next CQE must name (completions come in order). Caller holds cqLock. */
    private int expectSlot;
    /** Requests by SQ slot; set before the doorbell, taken by the reaper or by fail(). */
    private final AtomicReferenceArray<Request> inflight;
    /** Requests submitted and not yet completed or failed. */
    private final AtomicInteger outstanding = new AtomicInteger();
    /**
     * Moving average of synchronous completion times (ns). Long requests are waited for asleep
     * from the start: spinning through them only takes the CPU from the engine on a busy machine.
     */
    private volatile long avgWaitNanos;
    /** Set once; every later call fails with it. */
    private volatile QueueException failure;
    /**
     * Set by the thread that set {@link #failure}, once PUT_Q has returned: from then on the
     * device writes nothing more, into the rings or into any request's buffers. A failed request
     * goes back to its owner (who reuses its buffers) only after this, whoever notices first.
     */
    private volatile boolean quiesced;
    /** Reaps for async requests while any is outstanding; started on first use. */
    private Thread asyncReaper;
    private final Object reaperLock = new Object();

    // Counters (tests, benchmarks).
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger phaseFlips = new AtomicInteger();

    /**
     * Opens the queue in the kernel's (and UADK's) order: map DUS, map MMIO, SET_QP_CTX,
     * SET_QP_INFO, START_Q. START writes the direction from SET_QP_CTX into the hardware, so
     * that must come first. If any step fails the channel is closed (put, unmapped) here.
     *
     * @param api the device's sysfs api string (selects the doorbell format)
     * @param dusSize the device's region_dus_size
     * @throws io.warpdrive.accel.device.DeviceException if a control call fails
     */
    public HisiQp(QueueChannel channel, String api, int dusSize, int qcType, long timeoutNanos, long spinNanos) {
        this.channel = channel;
        this.qcType = qcType;
        try {
            this.doorbell = QmLayout.Doorbell.forApi(api);
            this.dus = channel.mapDus();
            channel.mapMmio(); // stores go through channel.doorbell; the mapping must exist before START
            this.qn = channel.setQpCtx(qcType);
            QpInfo info = channel.qpInfo();
            this.layout = new QmLayout(info, dusSize);
            this.sqDepth = info.sqDepth();
            this.inflight = new AtomicReferenceArray<>(sqDepth);
            this.timeoutNanos = timeoutNanos;
            this.spinNanos = spinNanos;
            channel.start();
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public int qn() {
        return qn;
    }

    public int qcType() {
        return qcType;
    }

    public QmLayout layout() {
        return layout;
    }

    /** Changes the completion timeout (requests submitted from now on). */
    public void setTimeoutNanos(long nanos) {
        this.timeoutNanos = nanos;
    }

    /** Requests outstanding now. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Requests completed since open. */
    public int completedCount() {
        return completed.get();
    }

    /** Times the expected CQ phase flipped (CQ wraparounds) since open. */
    public int phaseFlips() {
        return phaseFlips.get();
    }

    /** The failure that ended this queue, or null while it is usable. */
    public QueueException failure() {
        return failure;
    }

    /**
     * Submits {@code sqe} and waits for its completion (spinning briefly, then polling while
     * yielding the CPU, then sleeping on the completion interrupt).
     *
     * @return {@code sqe}, now holding the result words the device wrote back
     * @throws QueueException if the queue is or becomes unusable, or the completion is late
     */
    public ZipSqe call(ZipSqe sqe) {
        Request r = submit(sqe, false);
        r.waiter = Thread.currentThread();
        awaitDone(r, System.nanoTime() + timeoutNanos);
        QueueException f = r.error;
        if (f != null) {
            throw new QueueException(f.kind(), f.getMessage());
        }
        return sqe;
    }

    /**
     * Submits {@code sqe} and returns at once; the future completes, in submission order per
     * queue, with {@code sqe} holding the results, or exceptionally with a {@link QueueException}.
     * Dependent actions run on the reaping thread: keep them short.
     *
     * @throws QueueException if the queue is already unusable
     */
    public CompletableFuture<ZipSqe> submitAsync(ZipSqe sqe) {
        Request r = submit(sqe, true);
        ensureAsyncReaper();
        return r.future;
    }

    private Request submit(ZipSqe sqe, boolean async) {
        sqLock.lock();
        try {
            checkUsable();
            // At most depth-1 outstanding: one slot stays empty so a full ring is never
            // mistaken for an empty one. A full ring waits for completions.
            if (outstanding.get() >= sqDepth - 1) {
                long deadline = System.nanoTime() + timeoutNanos;
                while (outstanding.get() >= sqDepth - 1) {
                    reapOrSleep(deadline, null, MAX_SLEEP_NANOS);
                    checkUsable();
                }
            }
            // tx stop flag: the kernel is stopping the queue; nothing more may be sent.
            if (layout.txStopped(dus)) {
                // Requests the device completed before it stopped keep their results: reap them
                // first (lock order sqLock then cqLock; a reaper asleep holding cqLock wakes
                // within MAX_SLEEP_NANOS), then fail the rest.
                cqLock.lock();
                try {
                    reapLocked();
                } finally {
                    cqLock.unlock();
                }
                fail(QueueException.Kind.STOPPED, "tx stop flag raised on qn " + qn);
                checkUsable();
            }
            int tag = nextTag++;
            sqe.tag(tag);
            Request r = new Request(sqe, tag, async);
            int slot = sqTail;
            r.slot = slot;
            sqe.status(ZipSqe.ST_NOT_WRITTEN, false); // the device's completion replaces it
            sqe.store(dus, layout.sqeOffset(slot));
            // setRelease: the reaper that reads this slot's CQE (acquire on its phase) sees r.
            inflight.setRelease(slot, r);
            outstanding.incrementAndGet();
            sqTail = slot + 1 == sqDepth ? 0 : slot + 1;
            // Publish the SQE before the doorbell: the channel's store is a release store and
            // the SQE stores above precede it in program order (UADK issues a full barrier here).
            channel.doorbell(doorbell.offset, doorbell.encode(qn, QmLayout.DB_CMD_SQ, sqTail, 0));
            if (failure != null) {
                // The doorbell may have reached the device before PUT_Q: r is not over until
                // the queue is stopped. Then, if fail() swept inflight before r was stored,
                // nobody else will finish it.
                awaitQuiesced();
                if (inflight.compareAndSet(slot, r, null)) {
                    outstanding.decrementAndGet();
                    r.finish(failure);
                }
            }
            return r;
        } finally {
            sqLock.unlock();
        }
    }

    private void checkUsable() {
        QueueException f = failure;
        if (f != null) {
            throw new QueueException(f.kind(), "qn " + qn + " is unusable: " + f.getMessage());
        }
    }

    /**
     * Waits until {@code r} is done, reaping as needed; fails the queue at the deadline. Short
     * requests (as a busy-polling UADK sync caller, but kinder to a shared CPU): spin for
     * spinNanos, then poll yielding the CPU for up to YIELD_POLL_NANOS, then sleep on the
     * completion interrupt. Long ones (the average wait above SLEEP_FIRST_NANOS): sleep through
     * three quarters of the average, then spin until one and a half times it, then sleep: the
     * completion is seen the moment it lands (a wake-up by the interrupt costs tens of
     * microseconds) while the CPU is left to others for most of the request.
     */
    private void awaitDone(Request r, long deadline) {
        long start = System.nanoTime();
        long avg = avgWaitNanos;
        long napUntil = 0;
        long spinUntil = spinNanos;
        long pollUntil = spinNanos + YIELD_POLL_NANOS;
        if (avg > SLEEP_FIRST_NANOS) {
            napUntil = avg - (avg >> 2);
            spinUntil = avg + (avg >> 1);
            pollUntil = spinUntil;
        }
        try {
            awaitDone(r, deadline, start, napUntil, spinUntil, pollUntil);
        } finally {
            long took = System.nanoTime() - start;
            long prior = avgWaitNanos;
            avgWaitNanos = prior + ((took - prior) >> 3); // racy update: a heuristic, not a count
        }
    }

    private void awaitDone(Request r, long deadline, long start, long napUntil, long spinUntil, long pollUntil) {
        while (!r.done) {
            if (cqLock.tryLock()) {
                try {
                    reapLocked();
                } finally {
                    cqLock.unlock();
                }
                if (r.done) {
                    return;
                }
            }
            if (failure != null) {
                // Not before the device is stopped: until PUT_Q returns it may still execute r
                // and write into the buffers its owner would reuse on our return.
                awaitQuiesced();
                // fail() finished everything it found in inflight; r is either among those, being
                // completed by a reaper right now, or was stored after fail() swept: take it then.
                if (inflight.compareAndSet(r.slot, r, null)) {
                    outstanding.decrementAndGet();
                    r.finish(failure);
                    return;
                }
                LockSupport.parkNanos(10_000);
                continue;
            }
            long waited = System.nanoTime() - start;
            if (waited < napUntil) {
                reapOrSleep(deadline, r, napUntil - waited);
            } else if (waited < spinUntil) {
                Thread.onSpinWait();
            } else if (waited < pollUntil && System.nanoTime() < deadline) {
                Thread.yield();
            } else {
                reapOrSleep(deadline, r, MAX_SLEEP_NANOS);
            }
        }
    }

    /**
     * One wait step: as the reaper, sleep on the completion interrupt (at most {@code maxSleep})
     * and reap; otherwise park until the reaper completes us (or briefly). Fails the queue when
     * {@code deadline} passed.
     */
    private void reapOrSleep(long deadline, Request r, long maxSleep) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            // Read the CQ once more first: a waiter descheduled past the deadline (a loaded
            // machine, a GC pause) may find completions that landed while it was away, and the
            // queue is only late if there are none. Blocking is bounded: whoever holds cqLock
            // sleeps at most MAX_SLEEP_NANOS.
            cqLock.lock();
            try {
                if (failure != null || reapLocked() > 0 || (r != null && r.done)) {
                    return;
                }
            } finally {
                cqLock.unlock();
            }
            fail(QueueException.Kind.TIMEOUT, "no completion on qn " + qn + " within "
                    + timeoutNanos / 1_000_000 + " ms");
            return;
        }
        if (cqLock.tryLock()) {
            try {
                if (reapLocked() == 0 && (r == null || !r.done) && failure == null) {
                    channel.awaitInterrupt(Math.min(left, maxSleep));
                    reapLocked();
                }
            } finally {
                cqLock.unlock();
            }
        } else {
            LockSupport.parkNanos(Math.min(left, Math.min(maxSleep, 50_000)));
        }
    }

    /**
     * Reads every published CQE and completes its request. Caller holds cqLock.
     *
     * @return the number of requests completed
     */
    private int reapLocked() {
        if (failure != null) {
            return 0;
        }
        int n = readCqes();
        // rx stop flag: the device stopped; nothing outstanding will complete. The device writes
        // its last CQEs before the flag (release), but they may have landed between our phase
        // check and the flag read: read the CQ once more after seeing the flag (acquire), so a
        // request the device did complete is never failed with the rest.
        if (failure == null && layout.rxStopped(dus) && outstanding.get() > 0) {
            n += readCqes();
            if (failure == null && outstanding.get() > 0) {
                fail(QueueException.Kind.STOPPED, "rx stop flag raised on qn " + qn);
            }
        }
        return n;
    }

    /**
     * Completes the requests of every CQE published so far and gives the CQ space back.
     * Caller holds cqLock.
     *
     * @return the number of requests completed
     */
    private int readCqes() {
        int n = 0;
        for (;;) {
            int off = layout.cqeOffset(cqHead);
            // Acquire: the CQE fields and the slot's results are read only after the phase.
            if (Cqe.phase(dus, off) != cqPhase) {
                break;
            }
            int slot = Cqe.sqHead(dus, off);
            int num = Cqe.sqNum(dus, off);
            // Untrusted: the CQE must name the oldest outstanding slot of this queue.
            if (num != qn || slot != expectSlot || outstanding.get() == 0) {
                fail(QueueException.Kind.WRONG_SLOT, "CQE " + cqHead + " names slot " + slot + " of qn " + num
                        + ", expected slot " + expectSlot + " of qn " + qn);
                return n;
            }
            Request r = inflight.getAndSet(slot, null);
            if (r == null) {
                fail(QueueException.Kind.WRONG_SLOT, "CQE names slot " + slot + " with no request");
                return n;
            }
            r.sqe.load(dus, layout.sqeOffset(slot)); // copy the results out of SQ[sq_head]
            if (r.sqe.tag() != r.tag || r.sqe.status() == ZipSqe.ST_NOT_WRITTEN) {
                // Another request's results, or none yet: the completion is not this request's.
                // The queue ends (put stops the device before its buffers are reused).
                outstanding.decrementAndGet();
                fail(QueueException.Kind.WRONG_SLOT, r.sqe.tag() != r.tag
                        ? "slot " + slot + " holds tag " + r.sqe.tag() + ", sent " + r.tag
                        : "CQE " + cqHead + " announced slot " + slot + " before the device wrote its results");
                r.finish(failure);
                return n;
            }
            expectSlot = slot + 1 == sqDepth ? 0 : slot + 1;
            if (++cqHead == layout.cqDepth) {
                cqHead = 0;
                cqPhase ^= 1; // the device writes the next lap with the other phase
                phaseFlips.incrementAndGet();
            }
            outstanding.decrementAndGet();
            completed.incrementAndGet();
            r.finish(null);
            n++;
        }
        if (n > 0) {
            // Give the CQ space back: index = new head (priority 0: no interrupt re-arm needed,
            // the emulated line is level-triggered per waiter).
            channel.doorbell(doorbell.offset, doorbell.encode(qn, QmLayout.DB_CMD_CQ, cqHead, 0));
        }
        return n;
    }

    /**
     * Ends the queue: every outstanding request fails with the same cause. Returns only once
     * the device is stopped, also when another thread got here first.
     */
    private void fail(QueueException.Kind kind, String message) {
        boolean first;
        synchronized (this) {
            first = failure == null;
            if (first) {
                failure = new QueueException(kind, message);
            }
        }
        if (!first) {
            awaitQuiesced();
            return;
        }
        // Stop the device before any request learns of the failure: PUT_Q returns once the
        // hardware no longer works on this queue, so the buffers of the requests failed below can
        // be reused without a late DMA write landing in them (the queue is only closed, and its
        // regions unmapped, when the pool replaces it). Threads that see the failure before
        // PUT_Q returned wait for quiesced.
        try {
            channel.put();
        } catch (RuntimeException e) {
            // the queue is already beyond use; the failure below is what callers need
        } finally {
            quiesced = true;
        }
        for (int i = 0; i < sqDepth; i++) {
            Request r = inflight.getAndSet(i, null);
            if (r != null) {
                outstanding.decrementAndGet();
                r.finish(failure);
            }
        }
        synchronized (reaperLock) {
            reaperLock.notifyAll();
        }
    }

    private void ensureAsyncReaper() {
        synchronized (reaperLock) {
            if (asyncReaper == null) {
                asyncReaper = new Thread(this::asyncReap, "wd-qp" + qn + "-reaper");
                asyncReaper.setDaemon(true);
                asyncReaper.start();
            } else {
                reaperLock.notifyAll();
            }
        }
    }

    /** Body of the async reaper: reaps while requests are outstanding, sleeps otherwise. */
    private void asyncReap() {
        while (failure == null && !channel.isDead()) {
            if (outstanding.get() == 0) {
                synchronized (reaperLock) {
                    if (outstanding.get() == 0 && failure == null) {
                        try {
                            reaperLock.wait(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                continue;
            }
            // Deadline per round: the oldest request has at most timeoutNanos since it became oldest.
            long deadline = System.nanoTime() + timeoutNanos;
            int before = completed.get();
            while (outstanding.get() > 0 && failure == null && completed.get() == before) {
                reapOrSleep(deadline, null, MAX_SLEEP_NANOS);
            }
        }
    }

    /**
     * Waits until the thread that set {@link #failure} has put the queue (a few system calls at
     * most; it needs none of the locks a caller of this may hold).
     */
    private void awaitQuiesced() {
        while (!quiesced) {
            LockSupport.parkNanos(10_000);
        }
    }

    /**
     * PUT_Q and close; outstanding requests fail with CLOSED. Idempotent.
     *
     * <p>The channel is closed holding sqLock and cqLock: over a real device, close unmaps the
     * rings and the register page, and a thread still storing an SQE, reaping a CQE or ringing a
     * doorbell would then touch unmapped memory (a crash, not an exception). Once failure is set,
     * every path that takes one of the locks leaves without touching the regions, so after both
     * are held nobody is inside. Lock order sqLock then cqLock; no path holding cqLock waits for
     * sqLock.
     */
    @Override
    public void close() {
        fail(QueueException.Kind.CLOSED, "qn " + qn + " closed");
        sqLock.lock();
        try {
            cqLock.lock();
            try {
                channel.close();
            } finally {
                cqLock.unlock();
            }
        } finally {
            sqLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "HisiQp[qn=" + qn + (qcType == QC_COMPRESS ? " compress" : " decompress") + " sqTail=" + sqTail
                + " cqHead=" + cqHead + " phase=" + cqPhase + " outstanding=" + outstanding.get() + "]";
    }
}
