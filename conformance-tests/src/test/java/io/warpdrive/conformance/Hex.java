/* Hex formatting and parsing for reports and test vectors. */
package io.warpdrive.conformance;

import java.util.HexFormat;

/** Hex helpers. */
public final class Hex {
    private Hex() {}

    private static final HexFormat HEX = HexFormat.of();

    public static String of(byte[] b) {
        return HEX.formatHex(b);
    }

    /** Whole array when short, else head and tail with the length. */
    public static String brief(byte[] b, int max) {
        if (b == null) {
            return "null";
        }
        if (b.length <= max) {
            return of(b);
        }
        int half = max / 2;
        return HEX.formatHex(b, 0, half) + "..(" + b.length + " bytes).." + HEX.formatHex(b, b.length - half, b.length);
    }

    /** Parses hex, ignoring spaces. */
    public static byte[] parse(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }
}
