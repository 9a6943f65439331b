/*
 * Terminal: whether stdin, stdout and stderr are terminals. Java cannot ask for each stream, so
 * the `wdzip` launcher tests them in the shell ([ -t 0 ] etc.) and passes the answers as system
 * properties; without the launcher, System.console() stands in (non-null when both stdin and
 * stdout are terminals on JDK 17; JDK 22+ needs Console.isTerminal(), called reflectively so the
 * code still compiles for 17).
 */
package io.warpdrive.samples;

import java.io.Console;
import java.lang.reflect.Method;

final class Terminal {
    private Terminal() {
    }

    static boolean stdin() {
        return answer("wdzip.stdin.tty");
    }

    static boolean stdout() {
        return answer("wdzip.stdout.tty");
    }

    /** stderr: only the launcher can tell; unknown means no (no progress bar in logs). */
    static boolean stderr() {
        return Boolean.parseBoolean(System.getProperty("wdzip.stderr.tty", "false"));
    }

    private static boolean answer(String property) {
        String v = System.getProperty(property);
        if (v != null) {
            return Boolean.parseBoolean(v);
        }
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK < 22: a console exists only when both are terminals
        }
    }
}
