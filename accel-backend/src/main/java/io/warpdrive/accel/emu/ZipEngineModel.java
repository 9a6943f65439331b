package io.warpdrive.accel.emu;

import io.warpdrive.accel.device.DeviceModel;
import io.warpdrive.accel.device.IoAddressMap;
import io.warpdrive.accel.device.MemoryQueue;
import io.warpdrive.accel.queue.QmLayout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulated HiSilicon ZIP engine: a hardware model serving hisi_qm queues through their DUS
 * region, woken by doorbell stores, reaching host memory only through the {@link IoAddressMap}.
 *
 * <p>Cores: like the Kunpeng 920, {@code compressCores} (2) and {@code decompressCores} (6) by
 * default; a queue's direction (qc_type) decides which cores serve it. A doorbell puts its queue
 * on the run queue of those cores; one core at a time drains a queue, so completions are in
 * order per queue while different queues run in parallel.
 *
 * <p>Thread-safe; its threads are daemons that sleep while no doorbell is pending.
 */
public final class ZipEngineModel implements DeviceModel, AutoCloseable {
    /** How long an idle core spins, then polls yielding, before it sleeps (see run). */
    private static final long IDLE_SPIN_NANOS = 20_000;
    private static final long IDLE_POLL_NANOS = 300_000;

    private final IoAddressMap map;
    private final int level;
    private final Map<MemoryQueue, EmuQueue> queues = new ConcurrentHashMap<>();
    /** Stream contexts by context address; dropped when that memory is unmapped. */
    private final Map<Long, StreamState> contexts = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<EmuQueue> compressReady = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<EmuQueue> decompressReady = new LinkedBlockingQueue<>();
    private final Thread[] cores;
    private final AtomicLong doorbells = new AtomicLong();
    private volatile FaultPlan faultPlan;
    private volatile boolean closed;

    /**
     * @param level zlib level the compression cores work at (the hardware has no level: one fixed
     *     setting for every request; 6 gives zlib's default output)
     */
    public ZipEngineModel(IoAddressMap map, int compressCores, int decompressCores, int level) {
        if (compressCores < 1 || decompressCores < 1) {
            throw new IllegalArgumentException("need at least one core per direction");
        }
        this.map = map;
        this.level = level;
        map.addUnmapListener(this::unmapped);
        cores = new Thread[compressCores + decompressCores];
        for (int i = 0; i < cores.length; i++) {
            boolean comp = i < compressCores;
            LinkedBlockingQueue<EmuQueue> ready = comp ? compressReady : decompressReady;
            ZipCore core = new ZipCore(map, contexts, level);
            Thread t = new Thread(() -> run(core, ready),
                    "wd-emu-" + (comp ? "comp-" + i : "decomp-" + (i - compressCores)));
            t.setDaemon(true);
            cores[i] = t;
            t.start();
        }
    }

    public int level() {
        return level;
    }

    /** Installs a fault plan (null: none). Its request count starts now. */
    public void setFaultPlan(FaultPlan plan) {
        this.faultPlan = plan;
    }

    /** The plan in force (read by the cores for every request they take). */
    FaultPlan faultPlan() {
        return faultPlan;
    }

    /** Doorbell stores latched so far. */
    public long doorbellCount() {
        return doorbells.get();
    }

    /** Stream contexts the model holds (tests). */
    public int contextCount() {
        return contexts.size();
    }

    private void run(ZipCore core, LinkedBlockingQueue<EmuQueue> ready) {
        while (!closed) {
            EmuQueue q = ready.poll();
            if (q == null) {
                // A core that just finished work watches its run queue for a few microseconds
                // before sleeping: a synchronous driver rings again right after each completion,
                // and a thread wake-up costs more than the wait.
                long start = System.nanoTime();
                long now = start;
                while ((q = ready.poll()) == null && now - start < IDLE_POLL_NANOS) {
                    if (now - start < IDLE_SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield(); // cede the CPU to the driver if it needs it
                    }
                    now = System.nanoTime();
                }
            }
            if (q == null) {
                try {
                    q = ready.take();
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                q.serve(core, this);
            } catch (RuntimeException | Error e) {
                // A model bug must not kill the core silently: wedge the queue, report, go on.
                q.hung = true;
                e.printStackTrace();
            } finally {
                q.scheduled.set(false);
            }
            // A doorbell that came while we served may have found scheduled still set.
            if (q.hasWork()) {
                schedule(q);
            }
        }
    }

    private void schedule(EmuQueue q) {
        if (q.scheduled.compareAndSet(false, true)) {
            (q.qcType == 0 ? compressReady : decompressReady).add(q);
        }
    }

    @Override
    public void started(MemoryQueue queue) {
        QmLayout layout = new QmLayout(queue.qpInfo(), queue.dusMemory().capacity());
        queues.put(queue, new EmuQueue(queue, layout));
    }

    @Override
    public void stopped(MemoryQueue queue) {
        EmuQueue q = queues.remove(queue);
        if (q != null) {
            q.stopped = true;
            synchronized (q.hwLock) {
                // waits for the descriptor being executed, if any; nothing is written afterwards
            }
        }
    }

    @Override
    public void mmioWrite(MemoryQueue queue, int offset, long value) {
        EmuQueue q = queues.get(queue);
        if (q == null || offset != q.doorbell.offset || q.doorbell.qn(value) != q.qn) {
            return; // not a doorbell of this queue: the register write has no effect
        }
        doorbells.incrementAndGet();
        int cmd = q.doorbell.cmd(value);
        int index = q.doorbell.index(value);
        if (cmd == QmLayout.DB_CMD_SQ) {
            q.sqTailSeen = index;
            schedule(q);
        } else if (cmd == QmLayout.DB_CMD_CQ) {
            q.cqHeadSeen = index;
            if (q.hasWork()) {
                schedule(q); // it may have stopped on a full CQ
            }
        }
    }

    private void unmapped(long address, int size) {
        contexts.entrySet().removeIf(e -> {
            long a = e.getKey();
            if (a >= address && a < address + size) {
                e.getValue().release();
                return true;
            }
            return false;
        });
    }

    /** Stops the cores. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : cores) {
            t.interrupt();
        }
    }
}
