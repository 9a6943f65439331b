/*
 * ParallelZip: builds a ZIP archive whose entries are compressed concurrently with WdDeflater.
 *
 * Design: Commons Compress offers no way to hand its archive writer a Deflater, but it accepts
 * entries compressed elsewhere through ZipArchiveOutputStream.addRawArchiveEntry (CRC and both
 * sizes set). So each entry is deflated by a worker into a Spool, and the caller's thread writes
 * finished entries into the archive in the order they were added. At most `window` entries are
 * in flight: add() writes the oldest when the window is full, which bounds memory and keeps the
 * archive order deterministic whatever the scheduling. On a queue backend every worker's
 * WdDeflater has its own queue session, so the parallelism reaches the (emulated) device.
 */
package io.warpdrive.zip.compress;

import io.warpdrive.zip.WdDeflater;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes ZIP entries compressed in parallel by {@link WdDeflater}s into a Commons Compress
 * {@link ZipArchiveOutputStream}.
 *
 * <pre>{@code
 * try (ParallelZip zip = new ParallelZip(new ZipArchiveOutputStream(path), 4, 6)) {
 *     for (Path f : files) {
 *         zip.add(new ZipArchiveEntry(f.getFileName().toString()), () -> Files.newInputStream(f));
 *     }
 * } // writes the remaining entries and the central directory, closes the archive
 * }</pre>
 *
 * <p>Entries whose method is {@link ZipEntry#STORED} are stored, all others deflated at the
 * level given. Entries appear in the archive in the order they were added. Directory entries
 * have no data.
 *
 * <p>Failures: an exception from a source, the compressor or the archive is thrown by the next
 * {@link #add}, {@link #finish} or {@link #close} call, after which the archive is incomplete
 * and no more entries are accepted.
 *
 * <p>Not thread-safe: call from one thread (the compression runs on the pool).
 */
public final class ParallelZip implements Closeable {
    /** Opens an entry's data; called on a worker thread, and the stream is closed there. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** Entries compressed larger than this wait in a temporary file rather than on the heap. */
    private static final int SPOOL_MEMORY = 4 << 20;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ZipArchiveOutputStream out;
    private final int level;
    private final int window;
    private final ExecutorService pool;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private IOException failure;
    private boolean finished;
    private long entries;
    private long bytesIn;
    private long bytesOut;

    /** One entry between add() and the archive. */
    private static final class Pending {
        final ZipArchiveEntry entry;
        final Future<Compressed> result;

        Pending(ZipArchiveEntry entry, Future<Compressed> result) {
            this.entry = entry;
            this.result = result;
        }
    }

    /** A worker's result; handed over through its Future. */
    private static final class Compressed {
        final Spool spool;
        /** CRC-32 and length of the uncompressed data. */
        final long crc;
        final long size;

        Compressed(Spool spool, long crc, long size) {
            this.spool = spool;
            this.crc = crc;
            this.size = size;
        }
    }

    /**
     * @param out the archive; closed by {@link #close()}
     * @param threads worker threads (1 or more)
     * @param level deflate level, -1..9
     * @throws IllegalArgumentException for a bad thread count or level
     * @throws IllegalStateException if the configured backend is not available
     */
    public ParallelZip(ZipArchiveOutputStream out, int threads, int level) {
        this.out = Objects.requireNonNull(out, "out");
        if (threads < 1) {
            throw new IllegalArgumentException("threads < 1: " + threads);
        }
        new WdDeflater(level, true).end(); // checks the level and the backend here, not on a worker
        this.level = level;
        this.window = 2 * threads;
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "wd-zip-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, tf);
    }

    /** One worker per available processor, default level. */
    public ParallelZip(ZipArchiveOutputStream out) {
        this(out, Runtime.getRuntime().availableProcessors(), Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * Queues an entry. Its data is read and compressed on a worker; if {@code 2 * threads}
     * entries are already in flight, the oldest is first written to the archive (waiting for it).
     *
     * @throws IOException an earlier failure (see the class comment), or one writing an entry now
     */
    public void add(ZipArchiveEntry entry, Source source) throws IOException {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(source, "source");
        check();
        if (finished) {
            throw new IllegalStateException("ParallelZip already finished");
        }
        while (inFlight.size() >= window) {
            writeOldest();
        }
        boolean stored = entry.getMethod() == ZipEntry.STORED;
        Source data = entry.isDirectory() ? null : source;
        inFlight.add(new Pending(entry, pool.submit(() -> compress(data, stored))));
    }

    /** Runs on a worker. */
    private Compressed compress(Source source, boolean stored) throws IOException {
        Spool spool = new Spool(SPOOL_MEMORY);
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buf = new byte[64 * 1024];
        byte[] cbuf = new byte[64 * 1024];
        Deflater def = stored || source == null ? null : new WdDeflater(level, true);
        try {
            if (source != null) {
                try (InputStream in = source.open()) {
                    int n;
                    while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                        crc.update(buf, 0, n);
                        size += n;
                        if (def == null) {
                            spool.write(buf, 0, n);
                        } else {
                            def.setInput(buf, 0, n);
                            while (!def.needsInput()) {
                                int c = def.deflate(cbuf);
                                spool.write(cbuf, 0, c);
                            }
                        }
                    }
                }
            }
            if (def != null) {
                def.finish();
                while (!def.finished()) {
                    spool.write(cbuf, 0, def.deflate(cbuf));
                }
            }
            spool.close();
        } catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        } finally {
            if (def != null) {
                def.end();
            }
        }
        return new Compressed(spool, crc.getValue(), size);
    }

    private void writeOldest() throws IOException {
        Pending p = inFlight.poll();
        Compressed c;
        try {
            c = p.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(new InterruptedIOException("interrupted waiting for entry " + p.entry.getName()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw fail(cause instanceof IOException ? (IOException) cause
                    : new IOException("compressing entry " + p.entry.getName() + " failed", cause));
        }
        try {
            ZipArchiveEntry e = p.entry;
            e.setCrc(c.crc);
            e.setSize(c.size);
            e.setMethod(e.getMethod() == ZipEntry.STORED || e.isDirectory() ? ZipEntry.STORED : ZipEntry.DEFLATED);
            e.setCompressedSize(c.spool.size());
            try (InputStream raw = c.spool.open()) {
                out.addRawArchiveEntry(e, raw);
            }
            entries++;
            bytesIn += c.size;
            bytesOut += c.spool.size();
        } catch (IOException | RuntimeException e) {
            throw fail(e instanceof IOException ? (IOException) e : new IOException(e));
        } finally {
            c.spool.discard();
        }
    }

    private IOException fail(IOException e) {
        if (failure == null) {
            failure = e;
            for (Pending p : inFlight) {
                p.result.cancel(true);
            }
            for (Pending p : inFlight) {
                try {
                    p.result.get().spool.discard();
                } catch (Exception ignored) {
                    // cancelled or failed: nothing was kept
                }
            }
            inFlight.clear();
            pool.shutdownNow();
        }
        return e;
    }

    private void check() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier entry failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * Writes every queued entry into the archive, then finishes the archive (central
     * directory). The archive stream stays open.
     *
     * @throws IOException a failure of any entry or of the archive
     */
    public void finish() throws IOException {
        check();
        if (finished) {
            return;
        }
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
        finished = true;
        pool.shutdown();
        out.finish();
    }

    /** Entries written so far. */
    public long entries() {
        return entries;
    }

    /** Uncompressed bytes of the entries written so far. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Compressed bytes of the entries written so far (data only, without ZIP headers). */
    public long bytesOut() {
        return bytesOut;
    }

    /** {@link #finish()}, then closes the archive stream, also when finishing failed. */
    @Override
    public void close() throws IOException {
        try {
            if (failure == null) {
                finish();
            }
        } finally {
            pool.shutdownNow();
            out.close();
        }
        check();
    }
}
