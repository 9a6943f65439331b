/*
 * The one place that names the class under test. Every suite gets its inflaters here, so pointing
 * the whole module at another implementation is a one-line change in wd().
 */
package io.warpdrive.conformance;

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
        return new Inflater(nowrap);
    }

    /** The oracle. */
    public static Inflater jdk(boolean nowrap) {
        return new Inflater(nowrap);
    }

    /**
     * The documented needsInput() difference: on JDK 25+ the subject reports needsInput() == false
     * after an inflate call that filled the output and did not finish, until the next inflate call,
     * because the JDK's own signal for this (hasPendingOutput) is package-private. On JDK 17 and
     * when the subject is the JDK itself, needsInput() must simply be equal.
     */
    public static boolean pendingOutputRule() {
        return JDK >= 25 && !SUBJECT_IS_JDK;
    }

    /** "Inflater has been closed" comes as NullPointerException on 17 and IllegalStateException on 25. */
    public static Class<? extends RuntimeException> closedExceptionClass() {
        return JDK >= 25 ? IllegalStateException.class : NullPointerException.class;
    }
}
