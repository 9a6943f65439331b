/*
 * The one place that names the class under test. Every suite gets its inflaters here, so pointing
 * the whole module at another implementation is a one-line change in wd().
 */
package io.warpdrive.conformance;

import io.warpdrive.zip.WdInflater;
import java.util.zip.Inflater;

/** Factories for the oracle (java.util.zip) and the subject (WdInflater). */
public final class Inflaters {
    private Inflaters() {}

    /** JDK feature release the tests run on. */
    public static final int JDK = Runtime.version().feature();

    /** True while the subject is java.util.zip itself (harness bring-up, self-checks). */
    public static final boolean SUBJECT_IS_JDK;

    static {
        Inflater probe = wd(false);
        SUBJECT_IS_JDK = probe.getClass() == Inflater.class;
        probe.end();
    }

    /** The implementation under test. */
    public static Inflater wd(boolean nowrap) {
        return new WdInflater(nowrap);
    }

    /** The oracle. */
    public static Inflater jdk(boolean nowrap) {
        return new Inflater(nowrap);
    }

    /**
     * Whether the subject's needsInput() may differ from the JDK's. It may not, on any JDK: the
     * one documented difference (JDK 25: false while output may be pending) is given only to
     * java.util.zip.InflaterInputStream.read, which pairs needsInput() with the package-private
     * hasPendingOutput(); test code calling needsInput() directly sees the JDK's answer, and
     * InflaterStreamsTest checks that both InflaterInputStream and InflaterOutputStream behave
     * exactly like the JDK's streams. Kept as a switch so that Lockstep can model the rule if a
     * future JDK needs it again.
     */
    public static boolean pendingOutputRule() {
        return false;
    }

    /** "Inflater has been closed" comes as NullPointerException on 17 and IllegalStateException on 25. */
    public static Class<? extends RuntimeException> closedExceptionClass() {
        return JDK >= 25 ? IllegalStateException.class : NullPointerException.class;
    }
}
