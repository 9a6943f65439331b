/*
 * Progress: a one-line progress bar on stderr for long runs, redrawn in place with '\r' and
 * erased at the end. It draws only when stderr is a terminal (or when forced) and only once a
 * run has lasted a moment, so short runs and logs stay clean.
 */
package io.warpdrive.samples;

import java.io.PrintStream;
import java.util.Locale;

final class Progress {
    /** Runs shorter than this show no bar. */
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private boolean drawn;

    /** @param total units of work (bytes, steps) the run will do */
    Progress(PrintStream err, boolean enabled, long total) {
        this.err = err;
        this.enabled = enabled;
        this.total = Math.max(1, total);
    }

    /** Adds finished work and redraws (at most ten times a second). */
    void advance(long units, String label) {
        done += units;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS || now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed * (total - done) / done;
        String line = String.format(Locale.ROOT, "\r[%s%s] %3d%%  %s  eta %ds ", "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * done / total, label.length() > 40 ? label.substring(0, 40) : label,
                Math.round(eta));
        err.print(line);
        err.flush();
        drawn = true;
    }

    /** Erases the bar (call before printing a line of results; the next advance redraws it). */
    void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 70) + "\r");
            err.flush();
            drawn = false;
            lastDraw = 0;
        }
    }
}
