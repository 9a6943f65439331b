package io.warpdrive.zip;

import java.util.zip.Inflater;

/** Facts about the running JDK that the drop-ins must imitate. */
final class JdkCompat {
    private JdkCompat() {
    }

    /** JDK 25 turned "use after end()" from NullPointerException into IllegalStateException. */
    static final boolean CLOSED_IS_ILLEGAL_STATE = Runtime.version().feature() >= 25;

    /**
     * True where java.util.zip.Inflater has the package-private {@code hasPendingOutput()} that
     * InflaterInputStream consults before refilling (JDK-8292327). A subclass cannot override it,
     * so WdInflater reports pending output through needsInput() instead.
     */
    static final boolean INFLATER_HAS_PENDING_OUTPUT = hasDeclaredMethod(Inflater.class, "hasPendingOutput");

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

    /** The JDK's own range check (Preconditions.AIOOBE_FORMATTER): same type, same message. */
    static void checkFromIndexSize(int off, int len, int length) {
        if ((length | off | len) < 0 || len > length - off) {
            throw new ArrayIndexOutOfBoundsException(
                    String.format("Range [%d, %<d + %d) out of bounds for length %d", off, len, length));
        }
    }
}
