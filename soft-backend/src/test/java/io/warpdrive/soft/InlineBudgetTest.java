package io.warpdrive.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Three hot methods are kept out of their callers' compiled loops by their size: HotSpot's C2 does
 * not inline a hot method of more than FreqInlineSize (325) bytecodes, and each of them measured
 * faster compiled on their own (see their comments). Nothing else holds that decision, so an
 * edit that shrinks one of them would silently change the compiled code; this test reads the
 * compiled class with javap and fails first.
 */
class InlineBudgetTest {
    private static final int FREQ_INLINE_SIZE = 325;

    @Test
    void chainWalkOfTheLazyLevelsStaysOutOfDeflateSlow() throws Exception {
        assertAboveInlineLimit(DeflateMatchFinder.class, "longestMatchLazy");
    }

    @Test
    void chainWalkProperStaysOutOfTheMatchSearch() throws Exception {
        assertAboveInlineLimit(DeflateMatchFinder.class, "walk");
    }

    @Test
    void matchInsertionStaysOutOfBothMatchLoops() throws Exception {
        assertAboveInlineLimit(DeflateWindow.class, "insertRange");
    }

    @Test
    void greedyMatchSearchStaysInlinable() throws Exception {
        // The greedy levels call it for nearly every position: it must stay small enough to inline.
        int size = bytecodeSize(DeflateMatchFinder.class, "longestMatch");
        assertTrue(size <= FREQ_INLINE_SIZE, "longestMatch has " + size + " bytecodes");
    }

    private static void assertAboveInlineLimit(Class<?> type, String method) throws Exception {
        int size = bytecodeSize(type, method);
        assertTrue(size > FREQ_INLINE_SIZE, type.getSimpleName() + "." + method + " has " + size
                + " bytecodes; at " + FREQ_INLINE_SIZE + " or fewer C2 inlines it into its callers' loops");
    }

    /** Code length of the named static method: offset of its last instruction (a 1-byte return) + 1. */
    private static int bytecodeSize(Class<?> type, String method) throws Exception {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(
                () -> new AssertionError("javap is not available: the tests need a JDK"));
        StringWriter out = new StringWriter();
        int status = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", classFile(type).toString());
        assertEquals(0, status, out.toString());
        String listing = out.toString();
        Pattern header = Pattern.compile("^  static \\S+ " + Pattern.quote(method) + "\\(", Pattern.MULTILINE);
        Matcher m = header.matcher(listing);
        assertTrue(m.find(), "no static method " + method + " in " + type.getName());
        int end = listing.indexOf("\n\n", m.end());
        String body = listing.substring(m.end(), end < 0 ? listing.length() : end);
        Matcher insn = Pattern.compile("^\\s+(\\d+): (\\w+)", Pattern.MULTILINE).matcher(body);
        int last = -1;
        String lastOp = "";
        while (insn.find()) {
            last = Integer.parseInt(insn.group(1));
            lastOp = insn.group(2);
        }
        assertTrue(lastOp.endsWith("return"), method + " does not end with a return but with " + lastOp);
        return last + 1;
    }

    private static Path classFile(Class<?> type) throws URISyntaxException {
        Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path file = root.resolve(type.getName().replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(file), "class file not found at " + file);
        return file;
    }
}
