/*
 * A cursor over a fuzzer's byte[]: the targets read a few control bytes first and treat the rest
 * as payload. Plain byte[] targets (rather than Jazzer's FuzzedDataProvider) keep the seed files
 * readable and easy to write from code: a seed is control bytes followed by a real stream.
 * Reading past the end yields zeros, so every input, the empty one included, decodes to something.
 */
package io.warpdrive.conformance.fuzz;

import java.util.Arrays;

/** Reads control fields, then the rest. Not thread-safe. */
final class FuzzInput {
    private final byte[] data;
    private int pos;

    FuzzInput(byte[] data) {
        this.data = data;
    }

    /** Next byte as 0..255; 0 past the end. */
    int u8() {
        return pos < data.length ? data[pos++] & 0xff : 0;
    }

    /** Next two bytes, big-endian, 0..65535. */
    int u16() {
        return u8() << 8 | u8();
    }

    /** Bytes left. */
    int remaining() {
        return Math.max(0, data.length - pos);
    }

    /** The next {@code n} bytes (fewer at the end). */
    byte[] take(int n) {
        int k = Math.min(n, remaining());
        byte[] r = Arrays.copyOfRange(data, pos, pos + k);
        pos += k;
        return r;
    }

    /** Everything not read yet. */
    byte[] rest() {
        return take(remaining());
    }
}
