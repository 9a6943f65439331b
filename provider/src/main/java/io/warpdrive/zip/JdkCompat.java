package io.warpdrive.zip;

import java.util.zip.Inflater;

/** Facts about the running JDK that the drop-ins must imitate. */
final class JdkCompat {
    private JdkCompat() {
    }

    /** JDK 25 turned "use after end()" from NullPointerException into IllegalStateException. */
    static final boolean CLOSED_IS_ILLEGAL_STATE = Runtime.version().feature() >= 25;

    /**
     * JDK 25's end() returns at once when already closed; earlier JDKs also drop the input set
     * since then (setInput works after end()), which getRemaining() shows.
     */
    static final boolean END_IGNORES_REPEAT = Runtime.version().feature() >= 25;

    /**
     * True where java.util.zip.Inflater has the package-private {@code hasPendingOutput()} that
     * InflaterInputStream consults before refilling (JDK-8292327). A subclass cannot override it,
     * so WdInflater reports pending output through needsInput() instead, to that caller only.
     */
    static final boolean INFLATER_HAS_PENDING_OUTPUT = hasDeclaredMethod(Inflater.class, "hasPendingOutput");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /**
     * True when the code asking {@code needsInput()} is java.util.zip.InflaterInputStream.read,
     * the one caller that pairs it with {@code hasPendingOutput()}. Looks past frames of
     * {@code self} (WdInflater and its subclasses). Walks the stack, so callers use it only in the
     * rare state where the answer matters (no input left, output possibly pending).
     */
    static boolean calledFromInflaterInputStreamRead(Class<?> self) {
        return WALKER.walk(frames -> frames
                .filter(f -> f.getDeclaringClass() != JdkCompat.class && !self.isAssignableFrom(f.getDeclaringClass()))
                .findFirst()
                .map(f -> f.getDeclaringClass() == java.util.zip.InflaterInputStream.class
                        && f.getMethodName().equals("read"))
                .orElse(false));
    }

    private static boolean hasDeclaredMethod(Class<?> c, String name) {
        try {
            c.getDeclaredMethod(name);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static RuntimeException closed(String what) {
        String msg = what + " has been closed";
        return CLOSED_IS_ILLEGAL_STATE ? new IllegalStateException(msg) : new NullPointerException(msg);
    }

    /**
     * Whether the running JDK's range checks in Inflater/Deflater carry a message: older JDKs
     * (17 among them) throw a bare ArrayIndexOutOfBoundsException, newer ones use
     * Preconditions.AIOOBE_FORMATTER. Probed once on a real Inflater rather than guessed from the
     * version number.
     */
    static final boolean RANGE_MESSAGES = probeRangeMessages();

    private static boolean probeRangeMessages() {
        Inflater probe = new Inflater();
        try {
            probe.setInput(new byte[0], 1, 0);
            return false;
        } catch (ArrayIndexOutOfBoundsException e) {
            return e.getMessage() != null;
        } finally {
            probe.end();
        }
    }

    /** The JDK's own range check: same exception type, same message (or none) as the running JDK. */
    static void checkFromIndexSize(int off, int len, int length) {
        if ((length | off | len) < 0 || len > length - off) {
            throw RANGE_MESSAGES
                    ? new ArrayIndexOutOfBoundsException(
                            String.format("Range [%d, %<d + %d) out of bounds for length %d", off, len, length))
                    : new ArrayIndexOutOfBoundsException();
        }
    }
}
