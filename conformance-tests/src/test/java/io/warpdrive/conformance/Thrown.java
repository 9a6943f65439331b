/* Exceptions as comparable values: class and message, which is all the contract promises. */
package io.warpdrive.conformance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * An exception reduced to what two implementations must agree on.
 *
 * @param type    the exception class name
 * @param message its message (may be null)
 */
public record Thrown(String type, String message) {

    public static Thrown of(Throwable t) {
        return t == null ? null : new Thrown(t.getClass().getName(), t.getMessage());
    }

    /** Same class and same message (both may be null). */
    public static boolean same(Throwable a, Throwable b) {
        return Objects.equals(of(a), of(b));
    }

    @Override
    public String toString() {
        return type.substring(type.lastIndexOf('.') + 1) + "(" + (message == null ? "null" : '"' + message + '"') + ")";
    }

    /** The first lines of a stack trace, for reports about unexpected exceptions. */
    public static String stack(Throwable t, int lines) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String[] all = w.toString().split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(lines, all.length); i++) {
            sb.append(all[i].stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
