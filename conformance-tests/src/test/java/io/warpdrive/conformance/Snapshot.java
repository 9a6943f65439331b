/*
 * Everything observable on an Inflater without changing it, each getter captured as its value or
 * as the exception it threw (after end(), some getters throw on purpose).
 */
package io.warpdrive.conformance;

import java.util.function.Supplier;
import java.util.zip.Inflater;

/** The observable state of an Inflater at one point of a call sequence. */
public record Snapshot(Object remaining, Object needsInput, Object needsDictionary, Object finished,
                       Object bytesRead, Object bytesWritten, Object totalIn, Object totalOut, Object adler) {

    @SuppressWarnings("deprecation") // getTotalIn/Out are deprecated on JDK 23+, still part of the contract
    public static Snapshot of(Inflater inf) {
        return new Snapshot(get(inf::getRemaining), get(inf::needsInput), get(inf::needsDictionary),
                get(inf::finished), get(inf::getBytesRead), get(inf::getBytesWritten), get(inf::getTotalIn),
                get(inf::getTotalOut), get(inf::getAdler));
    }

    /** This snapshot with needsInput replaced (the JDK 25 pending-output rule). */
    public Snapshot withNeedsInput(Object v) {
        return new Snapshot(remaining, v, needsDictionary, finished, bytesRead, bytesWritten, totalIn, totalOut, adler);
    }

    @Override
    public String toString() {
        return "{remaining=" + remaining + ", needsInput=" + needsInput + ", needsDictionary=" + needsDictionary
                + ", finished=" + finished + ", bytesRead=" + bytesRead + ", bytesWritten=" + bytesWritten
                + ", totalIn=" + totalIn + ", totalOut=" + totalOut + ", adler=" + hexAdler() + "}";
    }

    private String hexAdler() {
        return adler instanceof Integer a ? String.format("%08x", a) : String.valueOf(adler);
    }

    private static Object get(Supplier<?> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return Thrown.of(e);
        }
    }
}
