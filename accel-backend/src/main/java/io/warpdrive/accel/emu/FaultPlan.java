package io.warpdrive.accel.emu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Misbehaviour to inject, for tests: the model counts the requests it serves (optionally only on
 * queues of one direction) and applies the fault planned for that ordinal.
 *
 * <p>Thread-safe.
 */
public final class FaultPlan {
    /** What a planned request does instead of completing normally. */
    public enum Fault {
        /** Completes with {@link #errorStatus()} and nothing consumed or produced; the engine does not run. */
        ERROR_STATUS,
        /** The request is taken from the SQ and never completed; the queue serves nothing more. */
        NO_COMPLETION,
        /** The queue's stop flags are raised (a device reset) and it serves nothing more. */
        STOP_QUEUE,
        /** Runs, then reports consumed beyond the input length. */
        BAD_CONSUMED,
        /** Runs, then reports produced beyond dest_avail_out. */
        BAD_PRODUCED,
        /** Runs, then writes a CQE naming the next slot instead of this one. */
        WRONG_SLOT,

        // Hostile device: results and completions no honest engine writes (reliability tests).

        /** Runs, then reports consumed as 0xffffffff (negative as an int, huge as a u32). */
        HUGE_CONSUMED,
        /** Runs, then reports produced as 0x7fffffff, far beyond any buffer. */
        HUGE_PRODUCED,
        /** Runs, completes normally, then writes a second CQE naming a slot that was never submitted. */
        GHOST_CQE,
        /** Runs, then writes the CQE with another queue's qn. */
        WRONG_QN,
        /**
         * Runs and completes normally, then flips the phase bit of another, randomly chosen CQ
         * entry (a bit flip in CQ memory: an old entry may look freshly published).
         */
        PHASE_FLIP
    }

    /** qc_type filter value meaning "requests of either direction". */
    public static final int ANY = -1;

    private final Map<Long, Fault> planned = new ConcurrentHashMap<>();
    private final AtomicLong served = new AtomicLong();
    private final int qcType;
    private volatile int errorStatus = 0x7f;
    private volatile long everyNth;
    private volatile Fault everyFault;
    /** Picks the CQ entry PHASE_FLIP corrupts; seeded so that a failing run can be replayed. */
    private final java.util.SplittableRandom random = new java.util.SplittableRandom(0x5eedL);

    private FaultPlan(int qcType) {
        this.qcType = qcType;
    }

    /** A plan counting requests of both directions. */
    public static FaultPlan create() {
        return new FaultPlan(ANY);
    }

    /** A plan counting only requests on queues of {@code qcType} (0 compress, 1 decompress). */
    public static FaultPlan forQcType(int qcType) {
        return new FaultPlan(qcType);
    }

    /** Request number {@code n} (1-based, from installation) gets {@code fault}. */
    public FaultPlan at(long n, Fault fault) {
        planned.put(n, fault);
        return this;
    }

    /** Every {@code n}-th request gets {@code fault} (soaks). */
    public FaultPlan every(long n, Fault fault) {
        this.everyFault = fault;
        this.everyNth = n;
        return this;
    }

    /** The status ERROR_STATUS completes with (default 0x7f, not a status real hardware reports as success). */
    public FaultPlan errorStatus(int status) {
        this.errorStatus = status & 0xff;
        return this;
    }

    public int errorStatus() {
        return errorStatus;
    }

    /** Requests counted so far. */
    public long served() {
        return served.get();
    }

    /** A random index in [0, bound) for PHASE_FLIP (any core may ask). */
    synchronized int randomEntry(int bound) {
        return random.nextInt(bound);
    }

    /** Counts one request on a queue of {@code type}; returns its fault or null. */
    Fault next(int type) {
        if (qcType != ANY && type != qcType) {
            return null;
        }
        long n = served.incrementAndGet();
        Fault f = planned.remove(n);
        if (f == null) {
            long every = everyNth;
            if (every > 0 && n % every == 0) {
                f = everyFault;
            }
        }
        return f;
    }
}
